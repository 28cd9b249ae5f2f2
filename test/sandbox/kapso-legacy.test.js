'use strict';
const { bootKapso } = require('./kapso-helpers');

describe('Kapso sandbox: legacy API (/api/v1)', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const L = '/api/v1';
	const inConv = (message, conv = t.ids.insideConversation) =>
		t.call('POST', `${L}/whatsapp_conversations/${conv}/whatsapp_messages`, { body: { message } });

	it.each([
		['text', { content: 'Hello' }, { type: 'text', text: { body: 'Hello' } }],
		[
			'image',
			{ media_url: 'https://cdn.example/a.jpg', caption: 'Look' },
			{ type: 'image', image: { link: 'https://cdn.example/a.jpg', caption: 'Look' } },
		],
		[
			'video',
			{ media_url: 'https://cdn.example/a.mp4', content: 'Clip' },
			{ type: 'video', video: { link: 'https://cdn.example/a.mp4', caption: 'Clip' } },
		],
		[
			'audio',
			{ media_url: 'https://cdn.example/a.ogg' },
			{ type: 'audio', audio: { link: 'https://cdn.example/a.ogg' } },
		],
		[
			'document',
			{ media_url: 'https://cdn.example/a.pdf', filename: 'a.pdf' },
			{ type: 'document', document: { link: 'https://cdn.example/a.pdf', filename: 'a.pdf' } },
		],
		[
			'location',
			{ latitude: '1.5', longitude: 2, location_name: 'HQ', location_address: 'Main St' },
			{
				type: 'location',
				location: { latitude: 1.5, longitude: 2, name: 'HQ', address: 'Main St' },
			},
		],
		[
			'interactive',
			{
				interactive_type: 'button',
				body_text: 'Pick',
				header_text: 'Hi',
				footer_text: 'Bye',
				buttons: [{ id: 'a', title: 'A' }],
			},
			{
				type: 'interactive',
				interactive: {
					type: 'button',
					body: { text: 'Pick' },
					header: { type: 'text', text: 'Hi' },
					footer: { text: 'Bye' },
					action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] },
				},
			},
		],
		[
			'interactive',
			{
				interactive_type: 'list',
				body_text: 'Choose',
				list_button_text: 'Menu',
				sections: [{ title: 'S', rows: [{ id: 'r', title: 'R', description: 'd' }] }],
			},
			{
				type: 'interactive',
				interactive: {
					type: 'list',
					body: { text: 'Choose' },
					action: {
						button: 'Menu',
						sections: [{ title: 'S', rows: [{ id: 'r', title: 'R', description: 'd' }] }],
					},
				},
			},
		],
		[
			'template',
			{
				template_name: 'appointment_reminder',
				template_language: 'en',
				template_params: {
					header: { first_name: 'Maria' },
					body: { doctor: 'Dr. Lee', date: 'Monday' },
				},
			},
			{
				type: 'template',
				template: {
					name: 'appointment_reminder',
					language: { code: 'en' },
					components: [
						{
							type: 'header',
							parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Maria' }],
						},
						{
							type: 'body',
							parameters: [
								{ type: 'text', parameter_name: 'doctor', text: 'Dr. Lee' },
								{ type: 'text', parameter_name: 'date', text: 'Monday' },
							],
						},
					],
				},
			},
		],
		[
			'reaction',
			{ reaction_emoji: '👍', reacted_to_message_id: 'e0000000-0000-4000-8000-000000000106' },
			{ type: 'reaction', reaction: { message_id: 'wamid.SEED1-6', emoji: '👍' } },
		],
		[
			'reaction',
			{ reaction_emoji: '❤️', reacted_to_message_id: 'wamid.SEED1-5' },
			{ type: 'reaction', reaction: { message_id: 'wamid.SEED1-5', emoji: '❤️' } },
		],
		[
			'contacts',
			{
				contacts: [
					{
						name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara' },
						phones: [{ phone: '+1650', type: 'Landline' }],
					},
					{ first_name: 'Ann', last_name: 'Lee' },
				],
			},
			{
				type: 'contacts',
				contacts: [
					{
						name: { formatted_name: 'Barbara J. Johnson', first_name: 'Barbara' },
						phones: [{ phone: '+1650', type: 'Landline' }],
					},
					{ name: { formatted_name: 'Ann Lee', first_name: 'Ann', last_name: 'Lee' } },
				],
			},
		],
	])(
		'sends %s as the Meta message Kapso would and answers 201 {data: WhatsappMessage}',
		async (type, fields, meta) => {
			const r = await inConv({ message_type: type, ...fields });
			expect(r.status).toBe(201);
			expect(r.json.data).toEqual({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				phone_number: `+${t.ids.insideWindow}`,
				message_type: type,
				content: expect.any(String),
				direction: 'outbound',
				status: 'sent',
				processing_status: 'processed',
				whatsapp_message_id: expect.stringMatching(/^wamid\./),
				metadata: {},
				media_url: /** @type {any} */ (fields).media_url || null,
				message_type_data: expect.any(Object),
				created_at: expect.any(String),
				updated_at: expect.any(String),
			});
			const stored = t.sb.state.messages.find((m) => m.kapso_id === r.json.data.id);
			expect({ type: stored.type, [stored.type]: stored.content }).toMatchObject(meta);
			expect(t.sb.violations).toEqual([]);
		},
	);

	it.each([
		['text', {}, "content can't be blank"],
		['image', {}, 'media_url or media_id is required'],
		['location', { latitude: 1 }, "longitude can't be blank"],
		['interactive', { interactive_type: 'button' }, "body_text can't be blank"],
		[
			'interactive',
			{ interactive_type: 'carousel', body_text: 'x' },
			'interactive_type must be button or list',
		],
		['template', { template_name: 'order_update' }, "template_language can't be blank"],
		['reaction', { reaction_emoji: '👍' }, "reacted_to_message_id can't be blank"],
		['contacts', { contacts: [] }, 'contacts must have 1 to 257 entries'],
		['contacts', { contacts: [{ phones: [] }] }, 'contacts[0] needs a name'],
		['voice', {}, 'message_type must be one of'],
	])('422 for a %s message without its required fields (%j)', async (type, fields, message) => {
		const r = await inConv({ message_type: type, ...fields });
		expect(r.status).toBe(422);
		expect(r.json.error).toBe('Validation failed');
		expect(r.json.message).toContain(message);
		expect(t.rules()).toEqual(['legacy:validation']);
	});

	it('refuses sticker (not in the legacy enum)', async () => {
		const r = await inConv({ message_type: 'sticker', media_url: 'https://x.example/a.webp' });
		expect(r.status).toBe(422);
		expect(t.rules()).toEqual(['legacy:sticker']);
	});

	it('applies Meta’s limits and the 24-hour window, answered 422', async () => {
		const many = await inConv({
			message_type: 'interactive',
			interactive_type: 'button',
			body_text: 'x',
			buttons: [1, 2, 3, 4].map((i) => ({ id: `${i}`, title: `${i}` })),
		});
		expect([many.status, many.json]).toEqual([
			422,
			{
				error: '(#131009) Parameter value is not valid',
				message: 'Buttons count must be between 1 and 3',
			},
		]);
		const late = await inConv({ content: 'late' }, t.ids.outsideConversation);
		expect(late.status).toBe(422);
		expect(late.json.error).toBe('(#131047) Re-engagement message');
		expect(t.rules()).toEqual(['legacy:interactive', 'legacy:24h-window']);
		const tpl = await inConv(
			{ message_type: 'template', template_name: 'hello_world', template_language: 'en_US' },
			t.ids.outsideConversation,
		);
		expect(tpl.status).toBe(201);
	});

	it('takes {whatsapp_message:{…}} but flags it; 400 without a message', async () => {
		const r = await t.call(
			'POST',
			`${L}/whatsapp_conversations/${t.ids.insideConversation}/whatsapp_messages`,
			{ body: { whatsapp_message: { content: 'x' } } },
		);
		expect(r.status).toBe(201);
		expect(t.rules()).toEqual(['legacy:whatsapp_message-key']);
		const none = await t.call(
			'POST',
			`${L}/whatsapp_conversations/${t.ids.insideConversation}/whatsapp_messages`,
			{ body: { content: 'x' } },
		);
		expect(none.status).toBe(400);
	});

	it('404 for an unknown or another project’s conversation', async () => {
		expect((await inConv({ content: 'x' }, 'nope')).json).toEqual({
			error: 'Conversation not found',
		});
		expect((await inConv({ content: 'x' }, t.ids.otherConversation)).status).toBe(404);
		expect(t.rules()).toEqual(['route:unknown-id', 'auth:other-project']);
	});

	it('standalone send: phone number required, sender by whatsapp_config_id, a new conversation for a new number', async () => {
		const none = await t.call('POST', `${L}/whatsapp_messages`, {
			body: { message: { content: 'x' } },
		});
		expect([none.status, none.json]).toEqual([400, { error: 'Phone number is required' }]);
		const bad = await t.call('POST', `${L}/whatsapp_messages`, {
			body: { whatsapp_config_id: 'nope', message: { phone_number: '+15551230001', content: 'x' } },
		});
		expect([bad.status, bad.json]).toEqual([422, { error: 'WhatsApp configuration not found' }]);
		const sales = await t.call(
			'POST',
			`${L}/whatsapp_messages?whatsapp_config_id=${t.ids.salesConfig}`,
			{ body: { message: { phone_number: `+${t.ids.salesContact}`, content: 'hi Sam' } } },
		);
		expect(sales.status).toBe(201);
		expect(t.sb.state.messages.find((m) => m.kapso_id === sales.json.data.id).phone_number_id).toBe(
			t.ids.salesPhoneNumber,
		);
		const before = t.sb.state.conversations.length;
		const fresh = await t.call('POST', `${L}/whatsapp_messages`, {
			body: {
				message: {
					phone_number: '+1 555 777 0000',
					message_type: 'template',
					template_name: 'payment_due',
					template_language: 'en',
					template_params: { customer_name: 'A', amount: '$1', due_date: 'today' },
				},
			},
		});
		expect(fresh.status).toBe(201);
		expect(t.sb.state.conversations.length).toBe(before + 1);
	});

	it('lists a conversation’s messages newest first with page meta', async () => {
		const r = await t.call(
			'GET',
			`${L}/whatsapp_conversations/${t.ids.insideConversation}/whatsapp_messages?per_page=4&page=2`,
		);
		expect(r.json.meta).toEqual({ page: 2, per_page: 4, total_pages: 2, total_count: 6 });
		expect(r.json.data.map((m) => m.whatsapp_message_id)).toEqual([
			'wamid.SEED1-2',
			'wamid.SEED1-1',
		]);
	});

	it('mark_as_read: inbound only; delete removes Kapso’s copy', async () => {
		const ok = await t.call(
			'PATCH',
			`${L}/whatsapp_messages/e0000000-0000-4000-8000-000000000106/mark_as_read?typing_indicator=true`,
		);
		expect(ok.json.data).toMatchObject({ status: 'read', direction: 'inbound' });
		const out = await t.call(
			'PATCH',
			`${L}/whatsapp_messages/e0000000-0000-4000-8000-000000000105/mark_as_read`,
		);
		expect([out.status, out.json]).toEqual([
			400,
			{ error: 'Can only mark inbound messages as read' },
		]);
		expect((await t.call('PATCH', `${L}/whatsapp_messages/nope/mark_as_read`)).json).toEqual({
			error: 'WhatsApp message not found',
		});
		expect(
			(await t.call('DELETE', `${L}/whatsapp_messages/e0000000-0000-4000-8000-000000000105`))
				.status,
		).toBe(204);
		expect(t.sb.state.messages.some((m) => m.wamid === 'wamid.SEED1-5')).toBe(false);
	});

	it('lists conversations with q[...] filters; gets and patches one', async () => {
		const q = (s) => t.call('GET', `${L}/whatsapp_conversations?${s}`);
		expect((await q('')).json.meta.total_count).toBe(3);
		expect(
			(await q('q[phone_number_eq]=%2B1%20(555)%20123-0002')).json.data.map((c) => c.id),
		).toEqual([t.ids.outsideConversation]);
		expect(
			(await q(`q[whatsapp_config_id_eq]=${t.ids.salesConfig}`)).json.data.map((c) => c.id),
		).toEqual([t.ids.salesConversation]);
		expect((await q('q[status_eq]=ended')).json.data).toHaveLength(1);
		const since = new Date(Date.now() - 5 * 3600 * 1000).toISOString();
		expect((await q(`q[last_active_at_gteq]=${since}`)).json.data).toHaveLength(2);
		const one = await t.call('GET', `${L}/whatsapp_conversations/${t.ids.insideConversation}`);
		expect(one.json.data).toMatchObject({
			id: t.ids.insideConversation,
			phone_number: '+15551230001',
			status: 'active',
			contact_name: 'Maria Garcia',
			whatsapp_config_id: t.ids.config,
		});
		const p = await t.call('PATCH', `${L}/whatsapp_conversations/${t.ids.insideConversation}`, {
			body: { whatsapp_conversation: { status: 'ended' } },
		});
		expect(p.json.data.status).toBe('ended');
		const bad = await t.call('PATCH', `${L}/whatsapp_conversations/${t.ids.insideConversation}`, {
			body: { whatsapp_conversation: { status: 'closed' } },
		});
		expect(bad.status).toBe(422);
	});

	it('contacts: list, create, duplicate 422 {errors}, get by phone, patch', async () => {
		expect(
			(await t.call('GET', `${L}/whatsapp_contacts?q[profile_name_cont]=maria`)).json.data.map(
				(c) => c.wa_id,
			),
		).toEqual([t.ids.insideWindow]);
		const c = await t.call('POST', `${L}/whatsapp_contacts`, {
			body: {
				contact: { wa_id: '+1 555 444 0000', profile_name: 'Pat', metadata: { src: 'web' } },
			},
		});
		expect(c.status).toBe(201);
		expect(c.json.data).toMatchObject({
			wa_id: '15554440000',
			profile_name: 'Pat',
			metadata: { src: 'web' },
		});
		const dup = await t.call('POST', `${L}/whatsapp_contacts`, {
			body: { contact: { wa_id: '15554440000' } },
		});
		expect([dup.status, dup.json]).toEqual([422, { errors: ['Wa has already been taken'] }]);
		expect((await t.call('GET', `${L}/whatsapp_contacts/+15554440000`)).json.data.id).toBe(
			c.json.data.id,
		);
		const p = await t.call('PATCH', `${L}/whatsapp_contacts/${c.json.data.id}`, {
			body: { contact: { profile_name: 'Pat B.' } },
		});
		expect(p.json.data.profile_name).toBe('Pat B.');
		expect((await t.call('GET', `${L}/whatsapp_contacts/${t.ids.otherContact}`)).status).toBe(404);
	});

	it('lists the project’s configs (legacy phone numbers)', async () => {
		const r = await t.call('GET', `${L}/whatsapp_configs`);
		expect(r.json.data.map((c) => [c.id, c.phone_number_id, c.business_account_id])).toEqual([
			[t.ids.config, t.ids.phoneNumber, t.ids.waba],
			[t.ids.salesConfig, t.ids.salesPhoneNumber, t.ids.salesWaba],
		]);
	});

	it('an unknown legacy route is 404 {error, message}', async () => {
		const r = await t.call('GET', `${L}/whatsapp_agents`);
		expect([r.status, r.json]).toEqual([
			404,
			{ error: 'Not found', message: 'No route matches GET /api/v1/whatsapp_agents' },
		]);
		expect(t.rules()).toEqual(['route:unknown']);
	});
});
