'use strict';
const crypto = require('crypto');
const { bootKapso, startReceiver } = require('./kapso-helpers');

describe('Kapso sandbox: webhook deliveries', () => {
	let t;
	let rx;
	beforeAll(async () => {
		t = await bootKapso({ webhookTimeoutMs: 300 });
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());
	afterEach(async () => {
		if (rx) await rx.close();
		rx = undefined;
	});

	const hook = async (events, extra = {}, statuses = [200]) => {
		rx = await startReceiver(statuses);
		const r = await t.call(
			'POST',
			`/platform/v1/whatsapp/phone_numbers/${t.ids.phoneNumber}/webhooks`,
			{
				body: { whatsapp_webhook: { url: rx.url, events, secret_key: 'whsec-test', ...extra } },
			},
		);
		expect(r.status).toBe(201);
		return r.json.data;
	};
	const hmac = (raw) => crypto.createHmac('sha256', 'whsec-test').update(raw).digest('hex');

	it('signs the exact body bytes and sends Kapso’s headers for a customer message', async () => {
		await hook(['whatsapp.message.received', 'whatsapp.conversation.created'], {
			headers: { 'X-Custom': 'yes' },
		});
		const out = t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: '+1 555 999 0001',
			text: 'Hi, I am new',
			profile_name: 'Nina New',
		});
		expect(out.is_new_conversation).toBe(true);
		await t.sb.webhooksSettled();
		expect(rx.received.map((r) => r.headers['x-webhook-event'])).toEqual([
			'whatsapp.conversation.created',
			'whatsapp.message.received',
		]);
		for (const r of rx.received) {
			expect(r.headers['x-webhook-signature']).toBe(hmac(r.raw));
			expect(r.headers['x-webhook-signature']).toMatch(/^[0-9a-f]{64}$/);
			expect(r.headers['x-webhook-payload-version']).toBe('v2');
			expect(r.headers['content-type']).toBe('application/json');
			expect(r.headers['x-idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
			expect(r.headers['x-custom']).toBe('yes');
			expect(r.headers['x-webhook-batch']).toBeUndefined();
		}
		const [created, received] = rx.received.map((r) => r.json);
		expect(Object.keys(created)).toEqual(['conversation', 'phone_number_id']);
		expect(received).toEqual({
			message: {
				id: expect.stringMatching(/^wamid\./),
				timestamp: expect.stringMatching(/^\d+$/),
				type: 'text',
				from: '15559990001',
				text: { body: 'Hi, I am new' },
				kapso: {
					direction: 'inbound',
					status: 'received',
					processing_status: 'pending',
					origin: 'cloud_api',
					has_media: false,
					content: 'Hi, I am new',
				},
			},
			conversation: expect.objectContaining({
				id: created.conversation.id,
				phone_number: '+15559990001',
				status: 'active',
				phone_number_id: t.ids.phoneNumber,
				kapso: expect.objectContaining({
					contact_name: 'Nina New',
					messages_count: 1,
					last_inbound_at: expect.any(String),
					last_outbound_at: null,
				}),
			}),
			is_new_conversation: true,
			phone_number_id: t.ids.phoneNumber,
		});
		const d = t.sb.webhookDeliveries[1];
		expect(d).toMatchObject({
			event: 'whatsapp.message.received',
			state: 'delivered',
			batch: false,
			signature: hmac(Buffer.from(d.body)),
			attempts: [{ status: 200 }],
		});
		expect(Buffer.from(d.body).equals(rx.received[1].raw)).toBe(true);
	});

	it('a second message in the same conversation is not new; the window is open for a reply', async () => {
		await hook(['whatsapp.message.received', 'whatsapp.conversation.created']);
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.outsideWindow,
			text: 'back again',
		});
		await t.sb.webhooksSettled();
		expect(rx.received.map((r) => r.headers['x-webhook-event'])).toEqual([
			'whatsapp.message.received',
		]);
		expect(rx.received[0].json.is_new_conversation).toBe(false);
		expect(rx.received[0].json.conversation.id).toBe(t.ids.outsideConversation);
		expect(
			(await t.sendMeta({ to: t.ids.outsideWindow, type: 'text', text: { body: 'welcome back' } }))
				.status,
		).toBe(200);
	});

	it.each([
		[
			'button_reply',
			{ reply: { id: 'yes', title: 'Yes' } },
			{
				type: 'interactive',
				interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
			},
		],
		[
			'list_reply',
			{ reply: { id: 'r1', title: 'Row 1', description: 'first' } },
			{
				type: 'interactive',
				interactive: {
					type: 'list_reply',
					list_reply: { id: 'r1', title: 'Row 1', description: 'first' },
				},
			},
		],
		[
			'button',
			{ reply: { id: 'CONFIRM', title: 'Confirm' } },
			{ type: 'button', button: { text: 'Confirm', payload: 'CONFIRM' } },
		],
	])('plays a %s reply with its context', async (type, extra, shape) => {
		await hook(['whatsapp.message.received']);
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.insideWindow,
			type,
			context_message_id: 'wamid.SEED1-5',
			...extra,
		});
		await t.sb.webhooksSettled();
		expect(rx.received[0].json.message).toMatchObject({
			...shape,
			context: { id: 'wamid.SEED1-5', from: '15550100001' },
		});
	});

	it('plays an image with media data whose URL downloads', async () => {
		await hook(['whatsapp.message.received']);
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.insideWindow,
			type: 'image',
			caption: 'my receipt',
		});
		await t.sb.webhooksSettled();
		const m = rx.received[0].json.message;
		expect(m).toMatchObject({
			type: 'image',
			image: { id: expect.any(String), mime_type: 'image/jpeg', caption: 'my receipt' },
			kapso: { has_media: true, media_data: { content_type: 'image/jpeg', filename: 'photo.jpg' } },
		});
		const u = new URL(m.kapso.media_url);
		expect((await t.call('GET', u.pathname + u.search)).status).toBe(200);
	});

	it('sent, then delivered and read through the status control, with the status history', async () => {
		await hook(['whatsapp.message.sent', 'whatsapp.message.delivered', 'whatsapp.message.read']);
		const r = await t.sendMeta({
			to: t.ids.insideWindow,
			type: 'text',
			text: { body: 'on my way' },
			biz_opaque_callback_data: 'order-7',
		});
		const wamid = r.json.messages[0].id;
		const ctl = await fetch(`${t.sb.url}/__sandbox/messages/${wamid}/status`, {
			method: 'POST',
			body: JSON.stringify({ status: 'delivered' }),
		});
		expect(await ctl.json()).toEqual({ ok: true, status: 'delivered' });
		t.sb.setMessageStatus(wamid, 'read');
		await t.sb.webhooksSettled();
		expect(rx.received.map((x) => x.headers['x-webhook-event'])).toEqual([
			'whatsapp.message.sent',
			'whatsapp.message.delivered',
			'whatsapp.message.read',
		]);
		const read = rx.received[2].json;
		expect(read.message.kapso.statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
		expect(read.message.kapso.statuses[0]).toMatchObject({
			id: wamid,
			recipient_id: t.ids.insideWindow,
			biz_opaque_callback_data: 'order-7',
		});
		expect(read.conversation.kapso).toBeUndefined();
		expect(rx.received[0].json.conversation.kapso.last_message_id).toBe(wamid);
	});

	it('a reaction is only ever sent', async () => {
		await hook(['whatsapp.message.sent', 'whatsapp.message.delivered', 'whatsapp.message.read']);
		const r = await t.sendMeta({
			to: t.ids.insideWindow,
			type: 'reaction',
			reaction: { message_id: 'wamid.SEED1-6', emoji: '👍' },
		});
		t.sb.setMessageStatus(r.json.messages[0].id, 'delivered');
		await t.sb.webhooksSettled();
		expect(rx.received.map((x) => x.headers['x-webhook-event'])).toEqual(['whatsapp.message.sent']);
	});

	it('a template to a new recipient opens a conversation (conversation.created, then sent)', async () => {
		await hook([
			'whatsapp.conversation.created',
			'whatsapp.message.sent',
			'whatsapp.message.failed',
		]);
		await t.sendMeta({
			to: t.ids.neverWrote,
			type: 'template',
			template: { name: 'hello_world', language: { code: 'en_US' } },
		});
		await t.sendMeta({
			to: t.ids.undeliverable,
			type: 'template',
			template: { name: 'hello_world', language: { code: 'en_US' } },
		});
		await t.sb.webhooksSettled();
		expect(rx.received.map((x) => x.headers['x-webhook-event'])).toEqual([
			'whatsapp.conversation.created',
			'whatsapp.message.sent',
			'whatsapp.conversation.created',
			'whatsapp.message.sent',
			'whatsapp.message.failed',
		]);
		expect(rx.received[1].json.is_new_conversation).toBe(true);
		expect(rx.received[4].json.message.kapso.statuses[1].errors[0].code).toBe(131026);
	});

	it('ending a conversation sends conversation.ended', async () => {
		await hook(['whatsapp.conversation.ended']);
		await t.call('PATCH', `/api/v1/whatsapp_conversations/${t.ids.insideConversation}`, {
			body: { whatsapp_conversation: { status: 'ended' } },
		});
		await t.sb.webhooksSettled();
		expect(rx.received[0].json.conversation).toMatchObject({
			id: t.ids.insideConversation,
			status: 'ended',
		});
	});

	it('buffers received messages into one signed batch', async () => {
		await hook(['whatsapp.message.received'], {
			buffer_enabled: true,
			buffer_window_seconds: 60,
			max_buffer_size: 3,
		});
		for (const text of ['one', 'two', 'three', 'four'])
			t.sb.customerWrites({ phone_number_id: t.ids.phoneNumber, from: t.ids.insideWindow, text });
		t.sb.flushWebhookBuffers();
		await t.sb.webhooksSettled();
		expect(rx.received).toHaveLength(2);
		const [full, rest] = rx.received;
		expect(full.headers).toMatchObject({
			'x-webhook-event': 'whatsapp.message.received',
			'x-webhook-batch': 'true',
			'x-batch-size': '3',
		});
		expect(full.json).toMatchObject({ type: 'whatsapp.message.received', batch: true });
		expect(full.json.data.map((p) => p.message.text.body)).toEqual(['one', 'two', 'three']);
		expect(rest.json.data.map((p) => p.message.text.body)).toEqual(['four']);
		expect(rest.headers['x-batch-size']).toBe('1');
		expect(full.headers['x-webhook-signature']).toBe(hmac(full.raw));
	});

	it('closes a buffer when its window ends (scaled)', async () => {
		const sb = await require('../../sandbox/kapso').startSandbox({
			quiet: true,
			bufferWindowScale: 0.01,
		});
		try {
			rx = await startReceiver();
			await fetch(`${sb.url}/platform/v1/whatsapp/phone_numbers/${sb.ids.phoneNumber}/webhooks`, {
				method: 'POST',
				headers: { 'x-api-key': sb.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({
					whatsapp_webhook: {
						url: rx.url,
						events: ['whatsapp.message.received'],
						buffer_enabled: true,
						buffer_window_seconds: 5,
					},
				}),
			});
			sb.customerWrites({ from: sb.ids.insideWindow, text: 'a' });
			sb.customerWrites({ from: sb.ids.insideWindow, text: 'b' });
			await sb.webhooksSettled();
			expect(rx.received.map((r) => r.json.data.length)).toEqual([2]);
		} finally {
			await sb.close();
		}
	});

	it('retries a failing receiver with the same body, signature and idempotency key', async () => {
		await hook(['whatsapp.message.received'], {}, [500, 0, 503, 200]);
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.insideWindow,
			text: 'retry me',
		});
		await t.sb.webhooksSettled();
		expect(rx.received).toHaveLength(4);
		const keys = new Set(rx.received.map((r) => r.headers['x-idempotency-key']));
		expect(keys.size).toBe(1);
		expect(new Set(rx.received.map((r) => r.raw.toString('hex'))).size).toBe(1);
		expect(new Set(rx.received.map((r) => r.headers['x-webhook-signature'])).size).toBe(1);
		const d = t.sb.webhookDeliveries[0];
		expect(d.state).toBe('delivered');
		expect(d.attempts.map((a) => a.status)).toEqual([500, null, 503, 200]);
		expect(d.attempts[1].error).toBe('timeout after 300 ms');
	});

	it('gives up after the last retry', async () => {
		await hook(['whatsapp.message.received'], {}, [500]);
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.insideWindow,
			text: 'x',
		});
		await t.sb.webhooksSettled();
		expect(rx.received).toHaveLength(4);
		expect(t.sb.webhookDeliveries[0].state).toBe('failed');
		const listed = /** @type {any} */ (
			await (await fetch(`${t.sb.url}/__sandbox/webhook-deliveries`)).json()
		);
		expect(listed[0]).toMatchObject({
			state: 'failed',
			idempotency_key: rx.received[0].headers['x-idempotency-key'],
		});
	});

	it('sends nothing to inactive webhooks, other numbers or unsubscribed events', async () => {
		await hook(['whatsapp.message.sent'], { active: true });
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.insideWindow,
			text: 'x',
		});
		t.sb.customerWrites({
			phone_number_id: t.ids.salesPhoneNumber,
			from: t.ids.salesContact,
			text: 'x',
		});
		await t.sb.webhooksSettled();
		expect(rx.received).toEqual([]);
	});

	it('v1 and meta webhooks get nothing and say so', async () => {
		await hook(['whatsapp.message.received'], { payload_version: 'v1' });
		t.sb.customerWrites({ from: t.ids.insideWindow, text: 'x' });
		await t.sb.webhooksSettled();
		expect(rx.received).toEqual([]);
		expect(t.rules()).toContain('webhook:v1-not-sent');
	});

	it('/test sends a signed sample and reports the receiver’s answer', async () => {
		const h = await hook(['whatsapp.message.received']);
		const r = await t.call('POST', `/platform/v1/whatsapp/webhooks/${h.id}/test`);
		expect(r.json.data).toMatchObject({ success: true, status_code: 200 });
		expect(rx.received[0].headers['x-webhook-signature']).toBe(hmac(rx.received[0].raw));
		expect(rx.received[0].json.test).toBe(true);
	});

	it('customer-message control over HTTP, and its errors', async () => {
		const ok = await fetch(`${t.sb.url}/__sandbox/customer-message`, {
			method: 'POST',
			body: JSON.stringify({
				phone_number_id: t.ids.phoneNumber,
				from: t.ids.insideWindow,
				text: 'hello',
			}),
		});
		expect(/** @type {any} */ (await ok.json()).message.text.body).toBe('hello');
		const bad = await fetch(`${t.sb.url}/__sandbox/customer-message`, {
			method: 'POST',
			body: JSON.stringify({ from: 'x' }),
		});
		expect(bad.status).toBe(400);
		const noReply = await fetch(`${t.sb.url}/__sandbox/customer-message`, {
			method: 'POST',
			body: JSON.stringify({ from: t.ids.insideWindow, type: 'button_reply' }),
		});
		expect(/** @type {any} */ (await noReply.json()).error).toBe(
			'button_reply needs reply: {id, title}',
		);
	});
});
