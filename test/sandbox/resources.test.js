'use strict';
const { boot } = require('./helpers');

describe('sandbox: contacts, conversation operations, webhooks', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	it('creates contacts with generated source_ids per channel', async () => {
		let r = await t.call('POST', 'contacts', {
			body: {
				name: 'New Api',
				email: 'new@api.example',
				inbox_id: 1,
				custom_attributes: { tier: 'gold' },
			},
		});
		expect(r.status).toBe(200);
		expect(r.json.payload.contact).toMatchObject({
			name: 'New Api',
			email: 'new@api.example',
			custom_attributes: { tier: 'gold' },
		});
		expect(r.json.payload.contact_inbox.source_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(r.json.payload.contact_inbox.inbox).toMatchObject({
			id: 1,
			channel_type: 'Channel::Api',
		});
		r = await t.call('POST', 'contacts', {
			body: { name: 'Wa', phone_number: '+4915112345678', inbox_id: 2 },
		});
		expect(r.json.payload.contact_inbox.source_id).toBe('4915112345678');
		r = await t.call('POST', 'contacts', {
			body: { name: 'Mail', email: 'mail@x.example', inbox_id: 5 },
		});
		expect(r.json.payload.contact_inbox.source_id).toBe('mail@x.example');
		r = await t.call('POST', 'contacts', { body: { name: 'Bare', identifier: 'bare-1' } });
		expect(r.json.payload.contact_inbox).toBeNull();
	});

	it('rejects duplicates and non-E.164 phone numbers like Rails', async () => {
		let r = await t.call('POST', 'contacts', {
			body: { name: 'Dup', email: 'ANA.ALVAREZ@example.com' },
		});
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ message: 'Email has already been taken', attributes: ['email'] });
		r = await t.call('POST', 'contacts', {
			body: { name: 'Dup', phone_number: '+15551234567', identifier: 'cust-001' },
		});
		expect(r.json).toEqual({
			message: 'Phone number has already been taken, Identifier has already been taken',
			attributes: ['phone_number', 'identifier'],
		});
		r = await t.call('POST', 'contacts', { body: { name: 'Bad', phone_number: '5551234' } });
		expect(r.json).toEqual({
			message: 'Phone number should be in e164 format',
			attributes: ['phone_number'],
		});
		expect(t.rules().every((x) => x === 'notes:record-invalid')).toBe(true);
	});

	it('shows, updates, deletes contacts and lists their conversations and inboxes', async () => {
		expect((await t.call('GET', 'contacts/2')).json.payload).toMatchObject({
			id: 2,
			phone_number: '+15551234567',
			contact_inboxes: expect.any(Array),
		});
		const u = await t.call('PUT', 'contacts/2', {
			body: { name: 'Bruno C.', custom_attributes: { vip: true } },
		});
		expect(u.json.payload).toMatchObject({ name: 'Bruno C.', custom_attributes: { vip: true } });
		const convs = await t.call('GET', 'contacts/2/conversations');
		expect(convs.json.payload.map((c) => c.id)).toContain(2);
		const inboxes = await t.call('GET', 'contacts/2/contactable_inboxes');
		expect(inboxes.json.payload.find((x) => x.inbox.id === 2).source_id).toBe('15551234567');
		const ci = await t.call('POST', 'contacts/5/contact_inboxes', {
			body: { inbox_id: 2, source_id: '15551000005' },
		});
		expect(ci.json).toMatchObject({ source_id: '15551000005', inbox: { id: 2 } });
		// like Chatwoot's controller: without source_id a random UUID, even for WhatsApp
		const random = await t.call('POST', 'contacts/6/contact_inboxes', { body: { inbox_id: 2 } });
		expect(random.json.source_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
		expect((await t.call('DELETE', 'contacts/25')).status).toBe(200);
		expect((await t.call('GET', 'contacts/25')).status).toBe(404);
	});

	it('creates conversations from inbox_id + contact_id or source_id, with an initial message', async () => {
		let r = await t.call('POST', 'conversations', {
			body: {
				inbox_id: 1,
				contact_id: 7,
				status: 'pending',
				assignee_id: 2,
				team_id: 1,
				custom_attributes: { a: 1 },
				message: { content: 'Welcome' },
			},
		});
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			id: 35,
			account_id: 1,
			inbox_id: 1,
			status: 'pending',
			custom_attributes: { a: 1 },
			meta: { assignee: { id: 2 }, team: { id: 1 } },
		});
		expect(r.json.messages[0]).toMatchObject({ content: 'Welcome', message_type: 1 });
		r = await t.call('POST', 'conversations', { body: { source_id: '15551234567', inbox_id: 2 } });
		expect(r.json).toMatchObject({ id: 36, inbox_id: 2 });
		r = await t.call('POST', 'conversations', { body: { source_id: 'unknown' } });
		expect(r.status).toBe(404);
		r = await t.call('POST', 'conversations', {
			body: {
				inbox_id: 2,
				contact_id: 2,
				message: {
					content: 'x',
					template_params: {
						name: 'appointment_reminder',
						language: 'en',
						processed_params: { body: { doctor: 'D', date: 'M' }, header: { customer_name: 'C' } },
					},
				},
			},
		});
		expect(r.status).toBe(200);
		expect(t.sb.deliveries.at(-1)).toMatchObject({
			conversation_id: r.json.id,
			delivered: true,
			template: { name: 'appointment_reminder' },
		});
	});

	it('toggles status, assigns, labels and sets custom attributes', async () => {
		let r = await t.call('POST', 'conversations/1/toggle_status', { body: { status: 'resolved' } });
		expect(r.json).toEqual({
			meta: {},
			payload: { success: true, current_status: 'resolved', conversation_id: 1 },
		});
		r = await t.call('POST', 'conversations/1/toggle_status', {
			body: { status: 'snoozed', snoozed_until: 1900000000 },
		});
		expect(r.json.payload.current_status).toBe('snoozed');
		expect((await t.call('GET', 'conversations/1')).json.snoozed_until).toBe(1900000000);
		r = await t.call('POST', 'conversations/1/toggle_status');
		expect(r.json.payload.current_status).toBe('open');
		r = await t.call('POST', 'conversations/1/assignments', { body: { team_id: 2 } });
		expect(r.json).toMatchObject({ id: 2, name: 'support' });
		r = await t.call('POST', 'conversations/1/assignments', { body: { assignee_id: 3 } });
		expect(r.json).toMatchObject({ id: 3, name: 'Bob Agent' });
		r = await t.call('POST', 'conversations/1/labels', { body: { labels: ['billing', 'vip'] } });
		expect(r.json).toEqual({ payload: ['billing', 'vip'] });
		r = await t.call('POST', 'conversations/1/custom_attributes', {
			body: { custom_attributes: { order: 'X' } },
		});
		expect(r.json).toEqual({ custom_attributes: { order: 'X' } });
		expect((await t.call('GET', 'conversations/1')).json).toMatchObject({
			labels: ['billing', 'vip'],
			custom_attributes: { order: 'X' },
			meta: { assignee: { id: 3 }, team: { id: 2 } },
		});
		// toggling without a body works in Rails, but the spec declares the body required
		expect(t.sb.violations.map((v) => [v.path.split('/').pop(), v.rule])).toEqual(
			[['toggle_status', 'spec:request-body']].slice(0, require('./helpers').hasSpec ? 1 : 0),
		);
	});

	it('manages webhooks', async () => {
		let r = await t.call('POST', 'webhooks', {
			body: {
				webhook: {
					url: 'https://n8n.example/webhook/abc',
					name: 'n8n',
					subscriptions: ['message_created', 'conversation_created'],
					inbox_id: 1,
				},
			},
		});
		expect(r.status).toBe(200);
		const w = r.json.payload.webhook;
		expect(w).toMatchObject({
			url: 'https://n8n.example/webhook/abc',
			name: 'n8n',
			subscriptions: ['message_created', 'conversation_created'],
			account_id: 1,
			inbox: { id: 1, name: 'API Inbox' },
		});
		expect((await t.call('GET', 'webhooks')).json.payload.webhooks.map((x) => x.id)).toEqual([
			1,
			w.id,
		]);
		r = await t.call('PATCH', `webhooks/${w.id}`, {
			body: { webhook: { subscriptions: ['message_updated'] } },
		});
		expect(r.json.payload.webhook.subscriptions).toEqual(['message_updated']);
		r = await t.call('POST', 'webhooks', {
			body: { webhook: { url: 'ftp://bad', subscriptions: ['nope'] } },
		});
		expect(r.status).toBe(422);
		expect(r.json).toEqual({
			message: 'Url is invalid, Subscriptions Invalid events',
			attributes: ['url', 'subscriptions'],
		});
		expect((await t.call('DELETE', `webhooks/${w.id}`)).status).toBe(200);
		expect((await t.call('GET', 'webhooks')).json.payload.webhooks).toHaveLength(1);
	});
});
