'use strict';
const { bootKapso } = require('./kapso-helpers');

describe('Kapso sandbox: Platform API and proxy history', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const P = '/platform/v1/whatsapp';

	it('lists the project’s phone numbers with page meta; the other key sees its own', async () => {
		const r = await t.call('GET', `${P}/phone_numbers?per_page=1`);
		expect(r.json.meta).toEqual({ page: 1, per_page: 1, total_pages: 2, total_count: 2 });
		expect(r.json.data[0]).toMatchObject({
			id: t.ids.phoneNumber,
			phone_number_id: t.ids.phoneNumber,
			internal_id: t.ids.config,
			name: 'Acme Support',
			business_account_id: t.ids.waba,
			display_phone_number: '+1 555-010-0001',
			display_phone_number_normalized: '15550100001',
		});
		const other = await t.call('GET', `${P}/phone_numbers`, { key: t.sb.otherApiKey });
		expect(other.json.data.map((p) => p.phone_number_id)).toEqual([t.ids.otherPhoneNumber]);
		expect(
			(await t.call('GET', `${P}/phone_numbers/${t.ids.salesPhoneNumber}`)).json.data.name,
		).toBe('Acme Sales');
		const hidden = await t.call('GET', `${P}/phone_numbers/${t.ids.otherPhoneNumber}`);
		expect([hidden.status, hidden.json]).toEqual([404, { error: 'Phone number not found' }]);
		expect(t.rules()).toEqual(['auth:other-project']);
	});

	it('lists conversations with filters and cursors, newest activity first', async () => {
		const all = await t.call('GET', `${P}/conversations`);
		expect(all.json.data.map((c) => c.id)).toEqual([
			t.ids.insideConversation,
			t.ids.salesConversation,
			t.ids.outsideConversation,
		]);
		const one = await t.call(
			'GET',
			`${P}/conversations?phone_number_id=${t.ids.phoneNumber}&phone_number=%2B1%20555%20123%200002`,
		);
		expect(one.json.data).toHaveLength(1);
		expect(one.json.data[0]).toMatchObject({
			id: t.ids.outsideConversation,
			phone_number: '+15551230002',
			status: 'active',
			phone_number_id: t.ids.phoneNumber,
			kapso: { contact_name: 'John Smith', messages_count: 2, last_message_id: 'wamid.SEED2-2' },
		});
		const ended = await t.call('GET', `${P}/conversations?status=ended`);
		expect(ended.json.data.map((c) => c.id)).toEqual([t.ids.salesConversation]);
		const page = await t.call('GET', `${P}/conversations?limit=2`);
		expect(page.json.paging.next).toContain('after=');
		const rest = await t.call(
			'GET',
			`${P}/conversations?limit=2&after=${page.json.paging.cursors.after}`,
		);
		expect(rest.json.data.map((c) => c.id)).toEqual([t.ids.outsideConversation]);
		expect((await t.call('GET', `${P}/conversations?status=open`)).status).toBe(400);
	});

	it('lists messages by conversation, direction and type; gets one by wamid', async () => {
		const r = await t.call(
			'GET',
			`${P}/messages?conversation_id=${t.ids.insideConversation}&direction=inbound`,
		);
		expect(r.json.data.map((m) => m.id)).toEqual([
			'wamid.SEED1-6',
			'wamid.SEED1-4',
			'wamid.SEED1-2',
		]);
		expect(r.json.data[0]).toMatchObject({
			from: t.ids.insideWindow,
			type: 'text',
			text: { body: 'Where is my order?' },
			kapso: { direction: 'inbound', content: 'Where is my order?' },
			conversation_id: t.ids.insideConversation,
		});
		expect((await t.call('GET', `${P}/messages?has_media=true`)).json.data).toEqual([]);
		expect((await t.call('GET', `${P}/messages/wamid.SEED2-1`)).json.data.text.body).toBe(
			'Do you ship to Canada?',
		);
		expect((await t.call('GET', `${P}/messages/wamid.SEED9-1`)).status).toBe(404);
	});

	it('proxy history: conversations, one conversation on both paths, status update, contacts', async () => {
		const list = await t.call('GET', t.meta(`${t.ids.phoneNumber}/conversations?status=active`));
		expect(list.json.data.map((c) => c.id)).toEqual([
			t.ids.insideConversation,
			t.ids.outsideConversation,
		]);
		for (const path of [
			`conversations/${t.ids.insideConversation}`,
			`${t.ids.phoneNumber}/conversations/${t.ids.insideConversation}`,
		])
			expect((await t.call('GET', t.meta(path))).json.data.kapso.last_inbound_at).toEqual(
				expect.any(String),
			);
		expect(
			(
				await t.call('PATCH', t.meta(`conversations/${t.ids.insideConversation}`), {
					body: { status: 'ended' },
				})
			).json,
		).toEqual({ success: true });
		expect(
			(
				await t.call('PATCH', t.meta(`conversations/${t.ids.insideConversation}`), {
					body: { status: 'closed' },
				})
			).status,
		).toBe(400);
		const contacts = await t.call('GET', t.meta(`${t.ids.phoneNumber}/contacts`));
		expect(contacts.json.data.map((c) => c.wa_id)).toEqual([
			t.ids.insideWindow,
			t.ids.outsideWindow,
			t.ids.neverWrote,
		]);
		const c = await t.call('GET', t.meta(`${t.ids.phoneNumber}/contacts/${t.ids.insideWindow}`));
		expect(c.json.data).toMatchObject({
			wa_id: t.ids.insideWindow,
			profile_name: 'Maria Garcia',
			business_scoped_user_id: t.ids.insideWindowBsuid,
		});
		const patched = await t.call(
			'PATCH',
			t.meta(`${t.ids.phoneNumber}/contacts/${t.ids.insideWindow}`),
			{ body: { profile_name: 'María G.', metadata: { vip: true } } },
		);
		expect(patched.json.data).toMatchObject({ profile_name: 'María G.', metadata: { vip: true } });
		expect(
			(
				await t.call('PATCH', t.meta(`${t.ids.phoneNumber}/contacts/${t.ids.insideWindow}`), {
					body: { wa_id: '1' },
				})
			).status,
		).toBe(400);
	});

	it('proxy messages list: filters, kapso fields only when asked, cursors', async () => {
		const plain = await t.call(
			'GET',
			t.meta(`${t.ids.phoneNumber}/messages?conversation_id=${t.ids.insideConversation}&limit=2`),
		);
		expect(plain.json.data.map((m) => m.id)).toEqual(['wamid.SEED1-6', 'wamid.SEED1-5']);
		expect(plain.json.data[0].kapso).toBeUndefined();
		const some = await t.call(
			'GET',
			t.meta(`${t.ids.phoneNumber}/messages?limit=1&fields=kapso(direction,content)`),
		);
		expect(some.json.data[0].kapso).toEqual({
			direction: 'inbound',
			content: 'Where is my order?',
		});
		const next = await t.call(
			'GET',
			t.meta(
				`${t.ids.phoneNumber}/messages?conversation_id=${t.ids.insideConversation}&limit=2&after=${plain.json.paging.cursors.after}`,
			),
		);
		expect(next.json.data.map((m) => m.id)).toEqual(['wamid.SEED1-4', 'wamid.SEED1-3']);
		expect(next.json.paging.previous).toContain('before=');
		expect(
			(await t.call('GET', t.meta(`${t.ids.phoneNumber}/messages?after=garbage`))).json.error.code,
		).toBe(100);
	});

	describe('webhooks', () => {
		const create = (body, pn = t.ids.phoneNumber) =>
			t.call('POST', `${P}/phone_numbers/${pn}/webhooks`, { body: { whatsapp_webhook: body } });

		it('creates with defaults and a generated secret; get/list/update/delete', async () => {
			const r = await create({
				url: 'https://hooks.example/kapso',
				events: ['whatsapp.message.received'],
			});
			expect(r.status).toBe(201);
			expect(r.json.data).toEqual({
				id: expect.any(String),
				phone_number_id: t.ids.phoneNumber,
				url: 'https://hooks.example/kapso',
				events: ['whatsapp.message.received'],
				kind: 'kapso',
				payload_version: 'v2',
				active: true,
				headers: {},
				secret_key: expect.stringMatching(/^[0-9a-f]{64}$/),
				buffer_enabled: false,
				buffer_window_seconds: 5,
				max_buffer_size: 50,
				buffer_events: ['whatsapp.message.received'],
				inactivity_minutes: 60,
				created_at: expect.any(String),
				updated_at: expect.any(String),
			});
			const id = r.json.data.id;
			expect((await t.call('GET', `${P}/webhooks/${id}`)).json.data.secret_key).toBe(
				r.json.data.secret_key,
			);
			expect(
				(await t.call('GET', `${P}/phone_numbers/${t.ids.phoneNumber}/webhooks`)).json.data.map(
					(h) => h.id,
				),
			).toEqual([id]);
			expect(
				(await t.call('GET', `${P}/phone_numbers/${t.ids.salesPhoneNumber}/webhooks`)).json.data,
			).toEqual([]);
			const up = await t.call('PATCH', `${P}/webhooks/${id}`, {
				body: { whatsapp_webhook: { active: false, events: ['whatsapp.message.sent'] } },
			});
			expect(up.json.data).toMatchObject({ active: false, events: ['whatsapp.message.sent'] });
			expect((await t.call('DELETE', `${P}/webhooks/${id}`)).status).toBe(204);
			expect((await t.call('GET', `${P}/webhooks/${id}`)).status).toBe(404);
			expect((await t.call('GET', `${P}/webhooks/${id}`, { key: t.sb.otherApiKey })).status).toBe(
				404,
			);
		});

		it('keeps the secret_key it is given', async () => {
			const r = await create({
				url: 'https://h.example',
				events: ['whatsapp.message.sent'],
				secret_key: 'my-own-secret',
			});
			expect(r.json.data.secret_key).toBe('my-own-secret');
		});

		it.each([
			[{ events: ['whatsapp.message.received'] }, 'url must be a valid http(s) URL'],
			[
				{ url: 'ftp://x', events: ['whatsapp.message.received'] },
				'url must be a valid http(s) URL',
			],
			[{ url: 'https://x.example', events: [] }, 'events must be a non-empty array'],
			[
				{ url: 'https://x.example', events: ['whatsapp.message.recieved'] },
				'event whatsapp.message.recieved is not available on a phone-number webhook',
			],
			[
				{ url: 'https://x.example', events: ['workflow.execution.failed'] },
				'event workflow.execution.failed is not available on a phone-number webhook',
			],
			[
				{
					url: 'https://x.example',
					events: ['whatsapp.message.received'],
					buffer_window_seconds: 61,
				},
				'buffer_window_seconds must be an integer from 1 to 60',
			],
			[
				{ url: 'https://x.example', events: ['whatsapp.message.received'], max_buffer_size: 0 },
				'max_buffer_size must be an integer from 1 to 100',
			],
			[
				{ url: 'https://x.example', events: ['whatsapp.message.received'], kind: 'raw' },
				'kind must be one of kapso, meta',
			],
			[
				{ url: 'https://x.example', events: ['whatsapp.message.received'], secret: 'x' },
				'unknown webhook field secret',
			],
		])('refuses %j with 422', async (body, error) => {
			const r = await create(body);
			expect([r.status, r.json]).toEqual([422, { error }]);
			expect(t.rules()).toEqual(['platform:validation']);
		});

		it('project webhooks take project events only', async () => {
			const ok = await t.call('POST', `${P}/webhooks`, {
				body: {
					whatsapp_webhook: { url: 'https://x.example', events: ['whatsapp.phone_number.created'] },
				},
			});
			expect(ok.json.data.phone_number_id).toBeNull();
			const bad = await t.call('POST', `${P}/webhooks`, {
				body: {
					whatsapp_webhook: { url: 'https://x.example', events: ['whatsapp.message.received'] },
				},
			});
			expect(bad.status).toBe(422);
			expect((await t.call('GET', `${P}/webhooks`)).json.data).toHaveLength(1);
		});

		it('refuses a webhook on another project’s number', async () => {
			expect(
				(
					await create(
						{ url: 'https://x.example', events: ['whatsapp.message.received'] },
						t.ids.otherPhoneNumber,
					)
				).status,
			).toBe(404);
		});
	});
});
