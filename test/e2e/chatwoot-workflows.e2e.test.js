'use strict';
/**
 * Every operation of the packed package, proven in a REAL n8n: the workflows in ./workflows are imported
 * with `n8n import:workflow` (all at once) and run with `n8n execute --id` against the Chatwoot sandbox,
 * which runs in this jest process. Each test checks the execution's output items, the exact requests the
 * sandbox recorded (method, path, key body fields) and that the sandbox found zero spec or rule violations.
 *
 * Full suite on n8n 2.x only; N8N_TARGET=1 runs chatwoot-smoke.e2e.test.js instead (this file skips).
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const { fullSuite, startChatwootE2E } = require('./chatwoot-e2e');

const { describeFull, n8nVersion } = fullSuite('chatwoot-workflows.e2e');

const WORKFLOWS = [
	'message-text',
	'message-private-note',
	'message-input-select',
	'message-cards',
	'message-form',
	'message-article',
	'message-input-email',
	'template-positional-manual',
	'template-named-manual',
	'template-positional-inbox',
	'template-named-inbox',
	'message-attachment',
	'message-get-many',
	'message-delete',
	'message-continue-on-error',
	'contact-create-search',
	'conversation-create-status-assign',
	'send-to-contact',
];

const MESSAGES = (conversation) => `/api/v1/accounts/1/conversations/${conversation}/messages`;
const CONVERSATION = (conversation) => `/api/v1/accounts/1/conversations/${conversation}`;

/** Execution succeeded, every request answered 2xx, the sandbox saw nothing wrong. */
function expectClean(res) {
	if (!res.ok)
		throw new Error(`execution failed: ${JSON.stringify(res.error)}\n${res.stderr.slice(-3000)}`);
	expect(res.violations).toEqual([]);
	for (const r of res.requests)
		expect({ path: r.path, status: r.status }).toEqual({ path: r.path, status: 200 });
	for (const r of res.requests) expect(r.tokenKind).toBe('user');
}

/**
 * The requests of a one-message workflow: for a free-form message, the 24-hour-window check
 * (GET the conversation, once per execution), then POST …/messages; returns what was sent.
 */
function expectOneMessage(res, conversation, { windowCheck = true } = {}) {
	expectClean(res);
	expect(res.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		...(windowCheck ? [`GET ${CONVERSATION(conversation)}`] : []),
		`POST ${MESSAGES(conversation)}`,
	]);
	return res.requests[res.requests.length - 1].body;
}

describeFull(`Chatwoot workflows in real n8n ${n8nVersion}`, () => {
	let e2e;

	beforeAll(async () => {
		e2e = await startChatwootE2E();
		await e2e.importWorkflows(WORKFLOWS);
		await e2e.importExamples();
	});

	afterAll(async () => {
		if (!e2e) return;
		const outbound = e2e.home.outboundAttempts();
		const leaked = e2e.leakedSecrets();
		// the scan covers real n8n output: the run data of the executions is in it
		expect(e2e.collectedOutput()).toContain('Hi Ana, your order ORD-1042 has shipped.');
		await e2e.close();
		expect(outbound).toEqual([]);
		expect(leaked).toEqual([]);
	});

	test('every fixture was imported into n8n', async () => {
		const list = await e2e.home.runOk(['list:workflow']);
		for (const name of WORKFLOWS) expect(list.stdout).toContain(e2e.workflowId(name));
	});

	test('the sandbox validates against Chatwoot’s spec when ../shared/chatwoot is present', () => {
		const specPresent = fs.existsSync(
			path.join(n8n.REPO_ROOT, '..', 'shared', 'chatwoot', 'swagger.json'),
		);
		expect(e2e.sandbox.specLoaded).toBe(specPresent);
	});

	describe('Message → Send', () => {
		test('text from the previous node’s fields, with an echo id', async () => {
			const res = await e2e.execute('message-text');
			const body = expectOneMessage(res, 1);
			expect(body).toEqual({
				content: 'Hi Ana, your order ORD-1042 has shipped.',
				message_type: 'outgoing',
				private: false,
				content_type: 'text',
				echo_id: 'shipped-ORD-1042',
			});
			const out = res.json('Send text');
			expect(out).toHaveLength(1);
			expect(out[0]).toMatchObject({
				conversation_id: 1,
				content: body.content,
				message_type: 1,
				echo_id: 'shipped-ORD-1042',
				private: false,
			});
			expect(res.deliveries).toEqual([
				expect.objectContaining({ conversation_id: 1, message_id: out[0].id, delivered: true }),
			]);
		});

		test('private note', async () => {
			const res = await e2e.execute('message-private-note');
			// a private note reaches no customer: no window check
			expect(expectOneMessage(res, 1, { windowCheck: false })).toMatchObject({
				content: 'Customer is VIP, reply within 1h',
				private: true,
				content_type: 'text',
			});
			expect(res.json('Private note')[0]).toMatchObject({
				private: true,
				content: 'Customer is VIP, reply within 1h',
			});
		});

		test('options (input_select)', async () => {
			const res = await e2e.execute('message-input-select');
			const items = [
				{ title: 'Great', value: 'great' },
				{ title: 'Bad', value: 'bad' },
			];
			expect(expectOneMessage(res, 1)).toMatchObject({
				content_type: 'input_select',
				content_attributes: { items },
			});
			expect(res.json('Ask for rating')[0]).toMatchObject({
				content_type: 'input_select',
				content_attributes: { items },
			});
		});

		test('cards with a link and a postback button', async () => {
			const res = await e2e.execute('message-cards');
			const card = {
				title: 'Red shoe',
				description: 'Size 42',
				media_url: 'https://img.example.com/red-shoe.png',
				actions: [
					{ type: 'link', text: 'Buy', uri: 'https://shop.example.com/red-shoe' },
					{ type: 'postback', text: 'More like this', payload: 'MORE_SHOES' },
				],
			};
			expect(expectOneMessage(res, 1)).toMatchObject({
				content: 'Our bestsellers',
				content_type: 'cards',
				content_attributes: { items: [card] },
			});
			expect(res.json('Product cards')[0]).toMatchObject({
				content_type: 'cards',
				content_attributes: { items: [card] },
			});
		});

		test('form with email, select (with its options) and text area fields', async () => {
			const res = await e2e.execute('message-form');
			const items = [
				{
					type: 'email',
					name: 'email',
					label: 'Email',
					placeholder: 'you@example.com',
					required: true,
				},
				{
					type: 'select',
					name: 'size',
					label: 'Size',
					options: [
						{ label: 'Small', value: 's' },
						{ label: 'Large', value: 'l' },
					],
				},
				{
					type: 'text_area',
					name: 'notes',
					label: 'Notes',
					pattern: '.+',
					pattern_error: 'Please write something',
				},
			];
			expect(expectOneMessage(res, 1)).toMatchObject({
				content_type: 'form',
				content_attributes: { items },
			});
			expect(res.json('Feedback form')[0].content_attributes).toEqual({ items });
		});

		test('articles', async () => {
			const res = await e2e.execute('message-article');
			const items = [
				{
					title: 'Reset your password',
					description: 'Step by step',
					link: 'https://help.example.com/reset',
				},
			];
			expect(expectOneMessage(res, 1)).toMatchObject({
				content_type: 'article',
				content_attributes: { items },
			});
			expect(res.json('Help articles')[0]).toMatchObject({ content_type: 'article' });
		});

		test('ask for email (input_email)', async () => {
			const res = await e2e.execute('message-input-email');
			const body = expectOneMessage(res, 1);
			expect(body).toEqual({
				content: 'What is your email address?',
				message_type: 'outgoing',
				private: false,
				content_type: 'input_email',
			});
			expect(res.json('Ask for email')[0]).toMatchObject({ content_type: 'input_email' });
		});

		test('attachment made inside the workflow (Code → Convert to File → binary "data") goes as multipart', async () => {
			const res = await e2e.execute('message-attachment');
			const body = expectOneMessage(res, 1);
			const csv = 'order,total\nORD-1042,99.90\n';
			expect(body.fields).toEqual({
				content: 'Your report is attached',
				message_type: 'outgoing',
				private: 'false',
				content_type: 'text',
			});
			expect(body.files).toEqual([
				{
					field: 'attachments[]',
					filename: 'orders.csv',
					mimeType: expect.stringMatching(/^text\//),
					size: Buffer.byteLength(csv),
					sha256: require('crypto').createHash('sha256').update(csv).digest('hex'),
				},
			]);
			// the binary really was made by n8n inside the workflow
			expect(
				e2e.home.readBinary(res.items('Convert to File')[0].binary.data).toString('utf8'),
			).toBe(csv);
			const [sent] = res.json('Send report');
			expect(sent.attachments).toEqual([
				expect.objectContaining({ filename: 'orders.csv', file_size: Buffer.byteLength(csv) }),
			]);
		});

		test('a failing item next to a succeeding one with On Error → Continue', async () => {
			const res = await e2e.execute('message-continue-on-error');
			expect(res.ok).toBe(true);
			expect(res.violations).toEqual([]);
			// The two items run side by side: their window checks may reach the sandbox in either order.
			const seen = res.requests.map((r) => [r.method, r.path, r.status, r.body?.content ?? null]);
			expect([...seen].sort()).toEqual(
				[
					['GET', CONVERSATION(99999), 404, null],
					['GET', CONVERSATION(1), 200, null],
					['POST', MESSAGES(1), 200, 'to conversation 1'],
				].sort(),
			);
			const out = res.items('Send each');
			expect(out).toHaveLength(2);
			expect(out[0]).toMatchObject({
				json: { error: 'Chatwoot could not find conversation 99999 in account 1', httpCode: '404' },
				pairedItem: { item: 0 },
			});
			expect(out[1]).toMatchObject({
				json: { conversation_id: 1, content: 'to conversation 1' },
				pairedItem: { item: 1 },
			});
		});
	});

	describe('WhatsApp templates', () => {
		const orderConfirmation = (name, orderId) => ({
			name: 'order_confirmation',
			language: 'en_US',
			category: 'UTILITY',
			processed_params: {
				body: { 1: name, 2: orderId },
				header: {
					media_url: 'https://files.example.com/invoice.pdf',
					media_type: 'document',
					media_name: 'invoice.pdf',
				},
				buttons: [
					{ type: 'url', parameter: orderId },
					{ type: 'copy_code', parameter: 'SAVE20' },
				],
			},
		});
		const appointmentReminder = {
			name: 'appointment_reminder',
			language: 'en',
			category: 'UTILITY',
			processed_params: {
				body: { doctor: 'Dr. Who', date: 'Monday' },
				header: { customer_name: 'Ann' },
			},
		};

		function expectTemplateDelivered(res, template) {
			expect(res.deliveries).toEqual([
				expect.objectContaining({
					conversation_id: 2,
					delivered: true,
					template: expect.objectContaining({ name: template }),
				}),
			]);
		}

		test('positional, entered by hand: document header, URL + copy-code buttons', async () => {
			const res = await e2e.execute('template-positional-manual');
			const body = expectOneMessage(res, 2, { windowCheck: false });
			expect(body.template_params).toEqual(orderConfirmation('Bill', '121212'));
			expect(body).toMatchObject({
				message_type: 'outgoing',
				content: 'Template order_confirmation (1: Bill, 2: 121212)',
			});
			expect(res.json('Order confirmation')[0].additional_attributes.template_params).toEqual(
				orderConfirmation('Bill', '121212'),
			);
			expectTemplateDelivered(res, 'order_confirmation');
		});

		test('NAMED, entered by hand: text header variable', async () => {
			const res = await e2e.execute('template-named-manual');
			expect(expectOneMessage(res, 2, { windowCheck: false }).template_params).toEqual(
				appointmentReminder,
			);
			expectTemplateDelivered(res, 'appointment_reminder');
		});

		test('positional, from the inbox: resource mapper values with dotted ids (body.1, header.media_url, button.0)', async () => {
			const res = await e2e.execute('template-positional-inbox');
			expectClean(res);
			expect(res.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				'GET /api/v1/accounts/1/inboxes/2',
				`POST ${MESSAGES(2)}`,
			]);
			const body = res.requests[1].body;
			expect(body.template_params).toEqual(orderConfirmation('Bill', 'ORD-42'));
			expect(body.content).toBe('Hi Bill, your order ORD-42 is confirmed.');
			expect(res.json('Order confirmation')[0]).toMatchObject({
				content: 'Hi Bill, your order ORD-42 is confirmed.',
				conversation_id: 2,
			});
			expectTemplateDelivered(res, 'order_confirmation');
		});

		test('NAMED, from the inbox: resource mapper values header.text, body.doctor, body.date', async () => {
			const res = await e2e.execute('template-named-inbox');
			expectClean(res);
			expect(res.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				'GET /api/v1/accounts/1/inboxes/2',
				`POST ${MESSAGES(2)}`,
			]);
			expect(res.requests[1].body.template_params).toEqual(appointmentReminder);
			expect(res.requests[1].body.content).toBe('Your appointment with Dr. Who is on Monday.');
			expectTemplateDelivered(res, 'appointment_reminder');
		});
	});

	describe('Message → Get Many, Delete', () => {
		test('Get Many with Return All walks every page, oldest first', async () => {
			const res = await e2e.execute('message-get-many');
			expectClean(res);
			expect(res.requests.map((r) => [r.method, r.path, r.query])).toEqual([
				['GET', MESSAGES(1), {}],
				['GET', MESSAGES(1), { before: '26' }],
				['GET', MESSAGES(1), { before: '6' }],
			]);
			const ids = res.json('All messages').map((m) => m.id);
			expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
		});

		test('Delete', async () => {
			const res = await e2e.execute('message-delete');
			expectClean(res);
			expect(res.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				`DELETE ${MESSAGES(1)}/45`,
			]);
			expect(res.json('Delete message')).toEqual([
				expect.objectContaining({ id: 45, deleted: true }),
			]);
		});
	});

	// the Schedule Trigger of an example is swapped for a manual one to run it with `n8n execute` (see importExamples)
	describe('examples/ (what npm start imports)', () => {
		test('"Send every kind of Chatwoot message": eight messages accepted, all but the private note delivered', async () => {
			const res = await e2e.execute('example:send-every-message-kind');
			expectClean(res);
			const contentTypes = res.requests
				.filter((r) => r.method === 'POST')
				.map((r) => [r.path, r.body.content_type]);
			expect(contentTypes).toEqual([
				[MESSAGES(1), 'text'],
				[MESSAGES(1), 'text'],
				[MESSAGES(1), 'input_select'],
				[MESSAGES(1), 'cards'],
				[MESSAGES(1), 'form'],
				[MESSAGES(1), 'article'],
				[MESSAGES(1), 'input_email'],
				[MESSAGES(2), 'text'],
			]);
			expect(res.requests.find((r) => r.path === MESSAGES(2)).body.template_params).toMatchObject({
				name: 'order_confirmation',
			});
			// delivered to the customer, except the private note (agents only)
			expect(res.deliveries.filter((d) => !d.delivered).map((d) => d.content)).toEqual([
				'Customer is VIP, reply within 1h',
			]);
			expect(res.deliveries).toHaveLength(8);
		});

		test('"Every morning: WhatsApp appointment reminders": one template per appointment via Send to Contact', async () => {
			const res = await e2e.execute('example:schedule-template-reminder');
			expectClean(res);
			const out = res.json('Send reminder on WhatsApp');
			expect(out.map((o) => [o.contact.phone_number, o.message.content])).toEqual([
				['+15551234567', 'Your appointment with Dr. Silva is on tomorrow at 10:00.'],
				['+15551000001', 'Your appointment with Dr. Who is on tomorrow at 15:30.'],
			]);
			const templates = res.requests
				.filter((r) => r.body && r.body.template_params)
				.map((r) => r.body.template_params.processed_params);
			expect(templates).toEqual([
				{
					body: { doctor: 'Dr. Silva', date: 'tomorrow at 10:00' },
					header: { customer_name: 'Bruno Costa' },
				},
				{
					body: { doctor: 'Dr. Who', date: 'tomorrow at 15:30' },
					header: { customer_name: 'Ana Alvarez' },
				},
			]);
			expect(res.deliveries.filter((d) => d.template).map((d) => d.delivered)).toEqual([
				true,
				true,
			]);
		});
	});

	describe('Contact and Conversation', () => {
		test('Contact → Create with an inbox, then Search finds it', async () => {
			const res = await e2e.execute('contact-create-search');
			expectClean(res);
			expect(res.requests.map((r) => [r.method, r.path, r.body, r.query])).toEqual([
				[
					'POST',
					'/api/v1/accounts/1/contacts',
					{
						name: 'Zoe Zimmer',
						email: 'zoe@example.com',
						phone_number: '+442079460958',
						identifier: 'crm-zoe',
						inbox_id: 2,
					},
					{},
				],
				['GET', '/api/v1/accounts/1/contacts/search', null, { q: 'zoe@example.com', page: '1' }],
			]);
			const [created] = res.json('Create contact');
			expect(created).toMatchObject({
				name: 'Zoe Zimmer',
				phone_number: '+442079460958',
				contact_inbox: { source_id: '442079460958' },
			});
			expect(res.json('Search contact')).toEqual([
				expect.objectContaining({ id: created.id, email: 'zoe@example.com' }),
			]);
		});

		test('Conversation → Create with a first message, Set Status, Assign', async () => {
			const res = await e2e.execute('conversation-create-status-assign');
			expectClean(res);
			const [created] = res.json('Create conversation');
			const id = created.id;
			expect(created).toMatchObject({ inbox_id: 1, status: 'open' });
			expect(res.requests.map((r) => [r.method, r.path, r.body])).toEqual([
				[
					'POST',
					'/api/v1/accounts/1/conversations',
					{
						inbox_id: 1,
						contact_id: 7,
						status: 'open',
						message: { content: 'Welcome! How can we help?' },
					},
				],
				['POST', `/api/v1/accounts/1/conversations/${id}/toggle_status`, { status: 'pending' }],
				['POST', `/api/v1/accounts/1/conversations/${id}/assignments`, { team_id: 2 }],
				['POST', `/api/v1/accounts/1/conversations/${id}/assignments`, { assignee_id: 3 }],
			]);
			expect(res.json('Set status')[0]).toMatchObject({ current_status: 'pending' });
			expect(res.json('Assign')[0]).toMatchObject({
				conversation_id: id,
				assignee: { id: 3 },
				team: { id: 2 },
			});
			expect(e2e.sandbox.state.conversations.find((c) => c.display_id === id)).toMatchObject({
				status: 'pending',
				assignee_id: 3,
				team_id: 2,
			});
		});

		test('Message → Send to Contact run twice: one contact, one conversation, two messages', async () => {
			e2e.sandbox.reset();
			const contactsBefore = e2e.sandbox.state.contacts.length;
			const first = await e2e.execute('send-to-contact', { reset: false });
			const second = await e2e.execute('send-to-contact', { reset: false });
			expectClean(first);
			expectClean(second);
			const a = first.json('Send to Contact')[0];
			const b = second.json('Send to Contact')[0];
			expect(a).toMatchObject({
				contactCreated: true,
				contactInboxCreated: true,
				conversationCreated: true,
			});
			expect(b).toMatchObject({
				contactCreated: false,
				contactInboxCreated: false,
				conversationCreated: false,
			});
			expect(b.contact.id).toBe(a.contact.id);
			expect(b.conversation.id).toBe(a.conversation.id);
			expect(a.contact).toMatchObject({ name: 'New Lead', phone_number: '+15557654321' });

			const conversationPath = `/api/v1/accounts/1/conversations/${a.conversation.id}/messages`;
			expect(first.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				'GET /api/v1/accounts/1/contacts/search',
				'POST /api/v1/accounts/1/contacts',
				'POST /api/v1/accounts/1/conversations',
				// read again right after creating one: a conversation created meanwhile is reused
				`GET /api/v1/accounts/1/contacts/${a.contact.id}/conversations`,
				`POST ${conversationPath}`,
			]);
			expect(first.requests[1].body).toEqual({
				inbox_id: 1,
				name: 'New Lead',
				phone_number: '+15557654321',
			});
			expect(second.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
				conversationPath,
			]);
			for (const r of [...first.requests, ...second.requests])
				expect(r.body && r.body.source_id && r.path.endsWith('/messages')).toBeFalsy();

			expect(e2e.sandbox.state.contacts.length).toBe(contactsBefore + 1);
			const messages = e2e.sandbox.deliveries.filter(
				(d) => d.conversation_id === a.conversation.id,
			);
			expect(messages.map((d) => [d.content, d.delivered])).toEqual([
				['Thanks for your interest, New Lead!', true],
				['Thanks for your interest, New Lead!', true],
			]);
		});
	});
});
