'use strict';
const crypto = require('crypto');
const { boot } = require('./helpers');
const { startReceiver } = require('./webhookReceiver');

const { WEBHOOK_EVENTS: ALL_EVENTS } = require('../../sandbox/chatwoot/webhookEvents');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** @param {string} secret @param {string} ts @param {Buffer} raw */
const sign = (secret, ts, raw) =>
	`sha256=${crypto
		.createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(`${ts}.`), raw]))
		.digest('hex')}`;

describe('sandbox: webhooks', () => {
	let t;
	let rx;
	beforeAll(async () => {
		t = await boot();
		rx = await startReceiver();
	});
	afterAll(async () => {
		await t.sb.close();
		await rx.close();
	});
	beforeEach(() => {
		t.sb.reset();
		rx.clear();
	});

	/** Creates an account webhook at the receiver; resolves its id and secret. */
	async function hook(subscriptions = ALL_EVENTS, extra = {}, path = '/hook') {
		const r = await t.call('POST', 'webhooks', {
			body: { webhook: { url: rx.url(path), name: 'test', subscriptions, ...extra } },
		});
		expect(r.status).toBe(200);
		return r.json.payload.webhook;
	}
	const settled = () => t.sb.webhooksSettled();
	const mine = () => t.sb.webhookDeliveries.filter((d) => d.url.startsWith(rx.url('')));

	describe('account webhooks', () => {
		it('POST the event with Chatwoot headers, signed over the exact bytes with the secret create returned', async () => {
			const w = await hook(['message_created']);
			expect(w.secret).toMatch(/^[0-9a-f]{24}$/);
			const before = Math.floor(Date.now() / 1000);
			await t.call('POST', 'conversations/1/messages', {
				body: { content: 'Fish & <chips> \u2028' },
			});
			await settled();
			expect(rx.received).toHaveLength(1);
			const got = rx.received[0];
			expect(got.method).toBe('POST');
			expect(got.path).toBe('/hook');
			const names = got.rawHeaders.filter((_, i) => i % 2 === 0);
			expect(names).toEqual([
				'Accept',
				'Accept-Encoding',
				'User-Agent',
				'Content-Type',
				'X-Chatwoot-Delivery',
				'X-Chatwoot-Timestamp',
				'X-Chatwoot-Signature',
				'Content-Length',
				'Host',
				'Connection',
			]);
			expect(got.headers['content-type']).toBe('application/json');
			expect(got.headers['x-chatwoot-delivery']).toMatch(UUID);
			const ts = got.headers['x-chatwoot-timestamp'];
			expect(Number(ts)).toBeGreaterThanOrEqual(before);
			expect(Number(ts)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
			expect(got.headers['x-chatwoot-signature']).toBe(sign(w.secret, ts, got.raw));
			// Rails' JSON escaping: what is signed is these bytes, not a re-serialization
			expect(got.raw.toString('utf8')).toContain(
				'"content":"Fish \\u0026 \\u003cchips\\u003e \\u2028"',
			);
			expect(got.headers['x-chatwoot-signature']).not.toBe(
				sign(w.secret, ts, Buffer.from(JSON.stringify(got.json))),
			);
			expect(got.json.content).toBe('Fish & <chips> \u2028');
		});

		it('message_created is the message flat, message_type a string, with sender, conversation, account and inbox', async () => {
			await hook(['message_created']);
			const r = await t.call('POST', 'conversations/1/messages', { body: { content: 'Hello' } });
			await settled();
			const p = rx.received[0].json;
			expect(Object.keys(p)).toEqual([
				'account',
				'additional_attributes',
				'content_attributes',
				'content_type',
				'content',
				'conversation',
				'created_at',
				'id',
				'inbox',
				'message_type',
				'private',
				'sender',
				'source_id',
				'event',
			]);
			expect(p).toMatchObject({
				event: 'message_created',
				id: r.json.id,
				content: 'Hello',
				message_type: 'outgoing',
				content_type: 'text',
				private: false,
				account: { id: 1, name: 'Acme Support' },
				inbox: { id: 1, name: 'API Inbox' },
				sender: { id: 1, name: 'Sandbox Admin', email: 'admin@acme.example', type: 'user' },
			});
			expect(p.created_at).toMatch(ISO);
			expect(p.conversation).toMatchObject({
				id: 1,
				inbox_id: 1,
				status: 'open',
				channel: 'Channel::Api',
				labels: ['support'],
				meta: { sender: { id: 1, type: 'contact' }, assignee: null, team: null },
			});
			expect(p.conversation.messages[0]).toMatchObject({ id: r.json.id, message_type: 1 });
			expect(p).not.toHaveProperty('attachments');
		});

		it('private notes, templates and incoming messages fire; activity messages do not', async () => {
			await hook(['message_created']);
			await t.call('POST', 'conversations/1/messages', {
				body: { content: 'note', private: true },
			});
			await t.call('POST', 'conversations/1/messages', {
				body: { content: 'tpl', message_type: 'template' },
			});
			await t.call('POST', 'conversations/1/messages', {
				body: { content: 'in', message_type: 'incoming' },
			});
			await t.call('POST', 'conversations/1/messages', {
				body: { content: 'act', message_type: 'activity' },
			});
			await settled();
			expect(rx.received.map((r) => [r.json.content, r.json.message_type, r.json.private])).toEqual(
				[
					['note', 'outgoing', true],
					['tpl', 'template', false],
					['in', 'incoming', false],
				],
			);
			expect(rx.received[2].json.sender).toMatchObject({
				id: 1,
				type: 'contact',
				account: { id: 1 },
			});
		});

		it("a reply sent with the bot's token names the bot as sender (what a loop guard reads)", async () => {
			await hook(['message_created']);
			await t.call('POST', 'conversations/1/messages', {
				body: { content: 'from the bot' },
				token: t.sb.botToken,
			});
			await settled();
			expect(rx.received[0].json.sender).toEqual({ id: 1, name: 'Sandbox Bot', type: 'agent_bot' });
		});

		it('goes only to webhooks subscribed to the event and, when they name one, to their inbox', async () => {
			const all = await hook(['message_created'], {}, '/all');
			const inbox2 = await hook(['message_created'], { inbox_id: 2 }, '/inbox2');
			await hook(['conversation_created'], {}, '/conversations');
			await t.call('POST', 'conversations/1/messages', { body: { content: 'in inbox 1' } });
			await t.call('POST', 'conversations/2/messages', { body: { content: 'in inbox 2' } });
			await settled();
			expect(rx.received.map((r) => [r.path, r.json.content])).toEqual([
				['/all', 'in inbox 1'],
				['/all', 'in inbox 2'],
				['/inbox2', 'in inbox 2'],
			]);
			expect(mine().map((d) => [d.webhookId, d.kind, d.inboxId, d.event])).toEqual([
				[all.id, 'account', 1, 'message_created'],
				[all.id, 'account', 2, 'message_created'],
				[inbox2.id, 'account', 2, 'message_created'],
			]);
			// a deleted webhook gets nothing more
			await t.call('DELETE', `webhooks/${all.id}`);
			rx.clear();
			await t.call('POST', 'conversations/2/messages', { body: { content: 'again' } });
			await settled();
			expect(rx.received.map((r) => r.path)).toEqual(['/inbox2']);
		});

		it('conversation_created, status changes (with changed_attributes) and conversation_updated', async () => {
			await hook([
				'conversation_created',
				'conversation_status_changed',
				'conversation_updated',
				'message_created',
			]);
			const c = await t.call('POST', 'conversations', {
				body: { contact_id: 5, inbox_id: 1, message: { content: 'first' } },
			});
			await settled();
			expect(rx.received.map((r) => r.json.event)).toEqual([
				'conversation_created',
				'message_created',
			]);
			const created = rx.received[0].json;
			expect(created).toMatchObject({
				event: 'conversation_created',
				id: c.json.id,
				inbox_id: 1,
				status: 'open',
				meta: { sender: { id: 5, type: 'contact' } },
				messages: [{ content: 'first' }],
			});
			expect(created).not.toHaveProperty('changed_attributes');
			expect(typeof created.created_at).toBe('number');

			rx.clear();
			await t.call('POST', `conversations/${c.json.id}/toggle_status`, {
				body: { status: 'resolved' },
			});
			await settled();
			expect(rx.received.map((r) => r.json.event)).toEqual([
				'conversation_status_changed',
				'conversation_updated',
			]);
			const changed = rx.received[0].json.changed_attributes;
			expect(changed).toContainEqual({
				status: { previous_value: 'open', current_value: 'resolved' },
			});
			expect(rx.received[0].json.status).toBe('resolved');

			rx.clear();
			await t.call('POST', `conversations/${c.json.id}/labels`, { body: { labels: ['vip'] } });
			await t.call('POST', `conversations/${c.json.id}/assignments`, { body: { assignee_id: 2 } });
			await t.call('POST', `conversations/${c.json.id}/labels`, { body: { labels: ['vip'] } });
			await settled();
			expect(rx.received.map((r) => r.json.event)).toEqual([
				'conversation_updated',
				'conversation_updated',
			]);
			expect(rx.received[0].json.changed_attributes).toContainEqual({
				label_list: { previous_value: [], current_value: ['vip'] },
			});
			expect(rx.received[1].json.changed_attributes).toContainEqual({
				assignee_id: { previous_value: null, current_value: 2 },
			});
			expect(rx.received[1].json.meta.assignee).toMatchObject({ id: 2, type: 'user' });
		});

		it('contact_created, and contact_updated only when something changed', async () => {
			await hook(['contact_created', 'contact_updated']);
			const c = await t.call('POST', 'contacts', {
				body: { name: 'Zoe New', email: 'zoe@example.com' },
			});
			const id = c.json.payload.contact.id;
			await t.call('PUT', `contacts/${id}`, { body: { name: 'Zoe New' } });
			await t.call('PUT', `contacts/${id}`, { body: { name: 'Zoe Renamed' } });
			await settled();
			expect(rx.received.map((r) => r.json.event)).toEqual(['contact_created', 'contact_updated']);
			expect(rx.received[0].json).toEqual({
				account: { id: 1, name: 'Acme Support' },
				additional_attributes: {},
				avatar: '',
				custom_attributes: {},
				email: 'zoe@example.com',
				id,
				identifier: null,
				name: 'Zoe New',
				phone_number: null,
				thumbnail: '',
				blocked: false,
				type: 'contact',
				event: 'contact_created',
			});
			expect(rx.received[1].json.changed_attributes[0]).toEqual({
				name: { previous_value: 'Zoe New', current_value: 'Zoe Renamed' },
			});
		});

		it('typing events are {event, user, conversation, is_private}', async () => {
			await hook(['conversation_typing_on', 'conversation_typing_off']);
			await t.call('POST', 'conversations/1/toggle_typing_status', {
				body: { typing_status: 'on', is_private: true },
			});
			await t.call('POST', 'conversations/1/toggle_typing_status', {
				body: { typing_status: 'off' },
				token: t.sb.botToken,
			});
			await settled();
			expect(rx.received.map((r) => Object.keys(r.json))).toEqual([
				['event', 'user', 'conversation', 'is_private'],
				['event', 'user', 'conversation', 'is_private'],
			]);
			expect(rx.received[0].json).toMatchObject({
				event: 'conversation_typing_on',
				user: { id: 1, type: 'user' },
				conversation: { id: 1 },
				is_private: true,
			});
			expect(rx.received[1].json).toMatchObject({
				event: 'conversation_typing_off',
				user: { id: 1, name: 'Sandbox Bot', type: 'agent_bot' },
				is_private: false,
			});
		});

		it('inbox_created and inbox_updated are {id, name, event} (+ changed_attributes)', async () => {
			await hook(['inbox_created', 'inbox_updated']);
			const c = await t.call('POST', 'inboxes', {
				body: { name: 'Partner API', channel: { type: 'api', webhook_url: rx.url('/partner') } },
			});
			expect(c.json).toMatchObject({
				name: 'Partner API',
				channel_type: 'Channel::Api',
				webhook_url: rx.url('/partner'),
			});
			expect(c.json).not.toHaveProperty('secret');
			await t.call('PATCH', `inboxes/${c.json.id}`, { body: { name: 'Partner API v2' } });
			await t.call('PATCH', `inboxes/${c.json.id}`, {
				body: { channel: { webhook_url: rx.url('/other') } },
			});
			await settled();
			expect(rx.received.map((r) => r.json)).toEqual([
				{ id: c.json.id, name: 'Partner API', event: 'inbox_created' },
				{
					id: c.json.id,
					name: 'Partner API v2',
					event: 'inbox_updated',
					changed_attributes: [
						{ name: { previous_value: 'Partner API', current_value: 'Partner API v2' } },
					],
				},
			]);
		});

		it('a message whose send job fails afterwards fires message_updated (external_error in content_attributes)', async () => {
			await hook(['message_created', 'message_updated']);
			const m = await t.call('POST', 'conversations/2/messages', {
				body: { content: 'x', template_params: { name: 'no_such_template', language: 'en' } },
			});
			expect(m.json.status).toBe('sent');
			await settled();
			expect(rx.received.map((r) => [r.json.event, r.json.id])).toEqual([
				['message_created', m.json.id],
				['message_updated', m.json.id],
			]);
			expect(rx.received[1].json.content_attributes.external_error).toEqual(expect.any(String));
		});

		it('is sent once: a receiver answering 500 gets one attempt, recorded as failed', async () => {
			const w = await hook(['message_created']);
			rx.answer(500);
			await t.call('POST', 'conversations/1/messages', { body: { content: 'once' } });
			await settled();
			expect(rx.received).toHaveLength(1);
			expect(mine()).toEqual([
				expect.objectContaining({
					kind: 'account',
					webhookId: w.id,
					event: 'message_created',
					attempt: 1,
					maxAttempts: 1,
					outcome: 'failed',
					status: 500,
					body: rx.received[0].raw.toString('utf8'),
				}),
			]);
		});

		it('is sent once: a receiver silent past 5 s times out after one attempt', async () => {
			await hook(['message_created']);
			rx.answer('silent');
			const start = Date.now();
			await t.call('POST', 'conversations/1/messages', { body: { content: 'slow' } });
			await settled();
			expect(Date.now() - start).toBeGreaterThanOrEqual(5000);
			expect(rx.received).toHaveLength(1);
			expect(mine().map((d) => [d.attempt, d.outcome, d.status])).toEqual([[1, 'timeout', null]]);
		}, 15000);
	});

	describe('agent-bot webhooks', () => {
		it('go to the bot of the inbox, signed with its secret; retried up to 3 attempts with the same delivery id', async () => {
			t.sb.setWebhookOptions({ agentBotRetryDelayMs: 20 });
			expect(t.sb.setAgentBotUrl(rx.url('/bot'))).toEqual({
				outgoing_url: rx.url('/bot'),
				secret: t.sb.agentBotSecret,
				inbox_ids: [1, 2],
			});
			rx.answer(500);
			t.sb.customerWrites(1, { content: 'help' });
			await settled();
			expect(rx.received).toHaveLength(3);
			const ids = rx.received.map((r) => r.headers['x-chatwoot-delivery']);
			expect(new Set(ids).size).toBe(1);
			expect(ids[0]).toMatch(UUID);
			for (const r of rx.received) {
				expect(r.headers['x-chatwoot-signature']).toBe(
					sign(t.sb.agentBotSecret, r.headers['x-chatwoot-timestamp'], r.raw),
				);
				expect(r.json).toMatchObject({
					event: 'message_created',
					content: 'help',
					message_type: 'incoming',
				});
			}
			expect(
				mine().map((d) => [d.kind, d.attempt, d.maxAttempts, d.outcome, d.deliveryId]),
			).toEqual([
				['agent_bot', 1, 3, 'failed', ids[0]],
				['agent_bot', 2, 3, 'failed', ids[0]],
				['agent_bot', 3, 3, 'failed', ids[0]],
			]);
		});

		it('retries a timeout too, and stops at the first success', async () => {
			t.sb.setWebhookOptions({ agentBotRetryDelayMs: 20, timeoutMs: 150 });
			t.sb.setAgentBotUrl(rx.url('/bot'));
			rx.answer('silent', 'ok');
			t.sb.customerWrites(1, { content: 'slow bot' });
			await settled();
			expect(mine().map((d) => [d.attempt, d.outcome])).toEqual([
				[1, 'timeout'],
				[2, 'delivered'],
			]);
		});

		it('carries conversation_opened / conversation_resolved, not the account-only events', async () => {
			t.sb.setAgentBotUrl(rx.url('/bot'));
			await t.call('POST', 'conversations/1/toggle_status', { body: { status: 'resolved' } });
			await t.call('POST', 'conversations/1/toggle_status', { body: { status: 'open' } });
			await t.call('POST', 'conversations/1/toggle_typing_status', {
				body: { typing_status: 'on' },
			});
			await t.call('POST', 'contacts', { body: { name: 'Not for bots' } });
			// inbox 4 has no bot
			await t.call('POST', 'conversations/7/toggle_status', { body: { status: 'resolved' } });
			await settled();
			expect(rx.received.map((r) => [r.json.event, r.json.id])).toEqual([
				['conversation_resolved', 1],
				['conversation_opened', 1],
			]);
			expect(rx.received[0].json).not.toHaveProperty('changed_attributes');
		});

		it('with a bot webhook set, new conversations in its inboxes start pending; an agent taking over fires conversation_opened', async () => {
			t.sb.setAgentBotUrl(rx.url('/bot'));
			const c = await t.call('POST', 'conversations', {
				body: { contact_id: 6, inbox_id: 1, status: 'open' },
			});
			expect(c.json.status).toBe('pending');
			const other = await t.call('POST', 'conversations', { body: { contact_id: 6, inbox_id: 4 } });
			expect(other.json.status).toBe('open');
			await t.call('POST', `conversations/${c.json.id}/toggle_status`, {
				body: { status: 'open' },
			});
			await settled();
			expect(rx.received.map((r) => [r.json.event, r.json.id, r.json.status])).toEqual([
				['conversation_opened', c.json.id, 'open'],
			]);
		});

		it('a failed delivery for a pending conversation marks the message failed and opens the conversation', async () => {
			t.sb.setWebhookOptions({ agentBotRetryDelayMs: 10 });
			t.sb.setAgentBotUrl(rx.url('/bot'));
			await hook(['conversation_status_changed', 'message_updated'], {}, '/account');
			rx.answer(503);
			const m = await t.call('POST', 'conversations/15/messages', {
				body: { content: 'to a pending one' },
			});
			await settled();
			const conv = await t.call('GET', 'conversations/15');
			expect(conv.json.status).toBe('open');
			const stored = t.sb.state.messages.get(m.json.id);
			expect(stored.status).toBe('failed');
			expect(rx.received.filter((r) => r.path === '/account').map((r) => r.json.event)).toEqual(
				expect.arrayContaining(['message_updated', 'conversation_status_changed']),
			);
		});

		it('reset cuts a delivery in flight and its retries: nothing more is sent or recorded', async () => {
			t.sb.setAgentBotUrl(rx.url('/bot'));
			rx.answer(500);
			t.sb.customerWrites(1, { content: 'then reset' });
			while (!rx.received.length) await new Promise((r) => setTimeout(r, 5));
			t.sb.reset(); // the 3 s wait before attempt 2 is cut
			const start = Date.now();
			await settled();
			expect(Date.now() - start).toBeLessThan(1000);
			expect(rx.received).toHaveLength(1);
			expect(t.sb.webhookDeliveries).toEqual([]);
		});
	});

	describe('API-inbox callback webhooks', () => {
		it('send every conversation and message event once, signed with the inbox secret', async () => {
			expect(t.sb.setApiInboxWebhookUrl(1, rx.url('/inbox'))).toEqual({
				inbox_id: 1,
				webhook_url: rx.url('/inbox'),
				secret: t.sb.apiInboxSecret,
			});
			await t.call('POST', 'conversations/1/messages', { body: { content: 'via api inbox' } });
			await t.call('POST', 'conversations/2/messages', { body: { content: 'other inbox' } });
			await t.call('POST', 'contacts', { body: { name: 'No contact events here' } });
			await settled();
			expect(rx.received.map((r) => r.json.event)).toEqual([
				'message_created',
				'conversation_updated',
			]);
			const r = rx.received[0];
			expect(r.headers['x-chatwoot-signature']).toBe(
				sign(t.sb.apiInboxSecret, r.headers['x-chatwoot-timestamp'], r.raw),
			);
			expect(mine()[0]).toMatchObject({
				kind: 'api_inbox',
				webhookId: null,
				inboxId: 1,
				maxAttempts: 1,
			});
			expect((await t.call('GET', 'inboxes/1')).json).not.toHaveProperty('secret');
		});

		it('a failed callback marks the message failed, as Chatwoot does', async () => {
			t.sb.setApiInboxWebhookUrl(1, rx.url('/inbox'));
			rx.answer(500);
			const m = await t.call('POST', 'conversations/1/messages', { body: { content: 'lost' } });
			await settled();
			expect(t.sb.state.messages.get(m.json.id)).toMatchObject({
				status: 'failed',
				content_attributes: { external_error: '500 failed' },
			});
			expect(rx.received.map((x) => [x.json.event, x.json.id])).toEqual([
				['message_created', m.json.id],
				['conversation_updated', 1],
				['message_updated', m.json.id],
			]);
		});
	});

	describe('flags', () => {
		it('signWebhooks: false sends no X-Chatwoot-* header (a Chatwoot before 4.11.2)', async () => {
			await hook(['message_created']);
			t.sb.setWebhookOptions({ signWebhooks: false });
			await t.call('POST', 'conversations/1/messages', { body: { content: 'unsigned' } });
			await settled();
			expect(Object.keys(rx.received[0].headers).filter((h) => h.startsWith('x-chatwoot'))).toEqual(
				[],
			);
			expect(mine()[0]).toMatchObject({ signed: false, deliveryId: null, outcome: 'delivered' });
		});

		it('safeFetch: true drops deliveries to loopback addresses silently; reset turns it off again', async () => {
			await hook(['message_created']);
			t.sb.setWebhookOptions({ safeFetch: true });
			await t.call('POST', 'conversations/1/messages', { body: { content: 'dropped' } });
			await settled();
			expect(rx.received).toHaveLength(0);
			expect(mine()).toEqual([
				expect.objectContaining({
					outcome: 'dropped',
					status: null,
					error: expect.stringContaining('127.0.0.1'),
				}),
			]);
			t.sb.reset();
			expect(t.sb.webhookOptions.safeFetch).toBe(false);
			expect(t.sb.webhookDeliveries).toEqual([]);
		});

		it("safeFetch's private ranges: loopback, RFC 1918, CGNAT, link-local, unique-local, mapped IPv4", () => {
			const { isPrivateAddress } = require('../../sandbox/chatwoot/webhookSender');
			const blocked = [
				'127.0.0.1',
				'10.1.2.3',
				'172.16.0.1',
				'172.31.255.255',
				'192.168.1.10',
				'100.64.0.1',
				'169.254.169.254',
				'0.0.0.0',
				'::1',
				'::',
				'fd00::1',
				'fe80::1',
				'::ffff:127.0.0.1',
			];
			const allowed = [
				'8.8.8.8',
				'172.32.0.1',
				'100.128.0.1',
				'192.169.0.1',
				'2606:4700::1111',
				'::ffff:8.8.8.8',
			];
			expect(blocked.filter((a) => !isPrivateAddress(a))).toEqual([]);
			expect(allowed.filter((a) => isPrivateAddress(a))).toEqual([]);
		});

		it('safeFetch resolves host names: localhost is dropped too', async () => {
			await t.call('POST', 'webhooks', {
				body: {
					webhook: {
						url: rx.url('/x').replace('127.0.0.1', 'localhost'),
						subscriptions: ['contact_created'],
					},
				},
			});
			t.sb.setWebhookOptions({ safeFetch: true });
			await t.call('POST', 'contacts', { body: { name: 'Dropped' } });
			await settled();
			const d = t.sb.webhookDeliveries.filter((x) => x.url.includes('localhost'));
			expect(d.map((x) => x.outcome)).toEqual(['dropped']);
			expect(rx.received).toHaveLength(0);
		});

		it('prints each failed attempt unless quiet, never for the seeded hooks.example webhook', async () => {
			const lines = [];
			const spy = jest.spyOn(console, 'log').mockImplementation((l) => void lines.push(String(l)));
			const loud = await boot({ logWebhookFailures: true });
			try {
				await loud.call('POST', 'webhooks', {
					body: { webhook: { url: rx.url('/loud'), subscriptions: ['message_created'] } },
				});
				rx.answer(500);
				await loud.call('POST', 'conversations/1/messages', { body: { content: 'x' } });
				await loud.sb.webhooksSettled();
				expect(lines.filter((l) => l.includes('webhook'))).toEqual([
					`[sandbox] webhook message_created (account) to ${rx.url('/loud')}: failed 500, attempt 1/1`,
				]);
			} finally {
				spy.mockRestore();
				await loud.sb.close();
			}
		});

		it('options are also set at start and over HTTP', async () => {
			const other = await boot({ webhooks: { signWebhooks: false, timeoutMs: 1000 } });
			try {
				const res = await fetch(`${other.sb.url}/__sandbox/webhook-options`);
				expect(await res.json()).toEqual({
					signWebhooks: false,
					safeFetch: false,
					timeoutMs: 1000,
					agentBotAttempts: 3,
					agentBotRetryDelayMs: 3000,
				});
				const put = await fetch(`${other.sb.url}/__sandbox/webhook-options`, {
					method: 'PUT',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ safeFetch: true }),
				});
				expect(/** @type {any} */ (await put.json()).safeFetch).toBe(true);
			} finally {
				await other.sb.close();
			}
		});
	});
	describe('playing the customer (control endpoints)', () => {
		/** @param {string} method @param {string} p @param {any} [body] */
		const ctl = (method, p, body) => t.control(method, p, body);

		it('the contact writes text in any inbox: an incoming message from the contact', async () => {
			await hook(['message_created']);
			const r = await ctl('POST', 'conversations/2/customer-messages', {
				content: 'Is it shipped?',
			});
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({
				conversation_id: 2,
				inbox_id: 2,
				message_type: 0,
				content: 'Is it shipped?',
				sender: { id: 2, type: 'contact' },
			});
			await ctl('POST', 'webhooks/settle');
			expect(rx.received[0].json).toMatchObject({
				event: 'message_created',
				id: r.json.id,
				message_type: 'incoming',
				inbox: { id: 2, name: 'WhatsApp Support' },
				sender: { id: 2, name: 'Bruno Costa', type: 'contact' },
			});
			const list = await t.call('GET', 'conversations/2/messages');
			expect(list.json.payload.at(-1).id).toBe(r.json.id);
		});

		it('sends an attachment, listed in the webhook as Chatwoot lists attachments', async () => {
			await hook(['message_created']);
			const r = await ctl('POST', 'conversations/1/customer-messages', {
				attachments: [
					{ filename: 'photo.jpg', content_type: 'image/jpeg', data_base64: '/9j/4AAQSkZJRg==' },
				],
			});
			expect(r.status).toBe(200);
			await settled();
			const p = rx.received[0].json;
			expect(p.content).toBeNull();
			expect(p.attachments).toEqual([
				{
					id: r.json.attachments[0].id,
					message_id: r.json.id,
					file_type: 'image',
					account_id: 1,
					extension: 'jpg',
					data_url: expect.stringMatching(
						/^http:\/\/127\.0\.0\.1:\d+\/rails\/active_storage\/.+\/photo\.jpg$/,
					),
					thumb_url: expect.stringContaining('photo.jpg'),
					file_size: 10,
					width: null,
					height: null,
				},
			]);
		});

		it('answers an options message: message_updated with submitted_values on it, then the choice as a message', async () => {
			await hook(['message_created', 'message_updated']);
			const ask = await t.call('POST', 'conversations/1/messages', {
				body: {
					content: 'Did that help?',
					content_type: 'input_select',
					content_attributes: {
						items: [
							{ title: 'Yes', value: 'yes' },
							{ title: 'No', value: 'no' },
						],
					},
				},
			});
			await settled();
			rx.clear();
			const r = await ctl('POST', 'conversations/1/customer-messages', {
				select_option: { message_id: ask.json.id, value: 'no' },
			});
			expect(r.status).toBe(200);
			await settled();
			expect(rx.received.map((x) => [x.json.event, x.json.id, x.json.message_type])).toEqual([
				['message_updated', ask.json.id, 'outgoing'],
				['message_created', r.json.id, 'incoming'],
			]);
			expect(rx.received[0].json.content_attributes).toEqual({
				items: [
					{ title: 'Yes', value: 'yes' },
					{ title: 'No', value: 'no' },
				],
				submitted_values: [{ title: 'No', value: 'no' }],
			});
			expect(rx.received[1].json).toMatchObject({
				content: 'No',
				content_attributes: { in_reply_to: ask.json.id },
			});
			const bad = await ctl('POST', 'conversations/1/customer-messages', {
				select_option: { message_id: ask.json.id, value: 'maybe' },
			});
			expect(bad).toEqual({
				status: 422,
				json: { error: `message ${ask.json.id} has no option with the value "maybe"` },
			});
		});

		it('refuses an empty message and an unknown conversation', async () => {
			expect(await ctl('POST', 'conversations/1/customer-messages', {})).toEqual({
				status: 422,
				json: { error: 'a customer message needs content or attachments' },
			});
			expect(
				(await ctl('POST', 'conversations/999/customer-messages', { content: 'x' })).status,
			).toBe(404);
		});

		it('a visitor opening the widget fires webwidget_triggered with event_info, to account and bot', async () => {
			await hook(['webwidget_triggered']);
			const r = await ctl('POST', 'webwidget-triggered', {
				contact_id: 3,
				event_info: { referer: 'https://acme.example/' },
			});
			expect(r.json).toMatchObject({ contact_id: 3, inbox_id: 4 });
			await settled();
			expect(rx.received[0].json).toEqual({
				id: r.json.id,
				contact: expect.objectContaining({ id: 3, type: 'contact' }),
				inbox: { id: 4, name: 'Website' },
				account: { id: 1, name: 'Acme Support' },
				current_conversation: null,
				source_id: r.json.source_id,
				event: 'webwidget_triggered',
				event_info: { referer: 'https://acme.example/' },
			});
		});

		it('deliveries are readable over HTTP (with since), counted in state, and cleared by reset', async () => {
			await hook(['message_created']);
			const bot = await ctl('PUT', 'agent-bot', { outgoing_url: rx.url('/bot') });
			expect(bot.json.outgoing_url).toBe(rx.url('/bot'));
			await ctl('POST', 'conversations/1/customer-messages', { content: 'one' });
			await ctl('POST', 'webhooks/settle');
			const all = (await ctl('GET', 'webhook-deliveries')).json;
			expect(all.map((d) => [d.kind, d.event, d.outcome])).toEqual([
				['account', 'message_created', 'error'], // the seeded hooks.example webhook
				['account', 'message_created', 'delivered'],
				['agent_bot', 'message_created', 'delivered'],
			]);
			expect(all[1]).toEqual({
				seq: 2,
				kind: 'account',
				webhookId: 2,
				inboxId: 1,
				url: rx.url('/hook'),
				event: 'message_created',
				deliveryId: expect.stringMatching(UUID),
				attempt: 1,
				maxAttempts: 1,
				at: expect.any(Number),
				signed: true,
				outcome: 'delivered',
				status: 200,
				error: null,
				headers: expect.objectContaining({ 'X-Chatwoot-Delivery': all[1].deliveryId }),
				body: rx.received[0].raw.toString('utf8'),
			});
			expect((await ctl('GET', 'webhook-deliveries?since=2')).json.map((d) => d.seq)).toEqual([3]);
			expect((await ctl('GET', 'state')).json).toMatchObject({
				webhookDeliveries: 3,
				webhookFailures: 1,
			});
			await ctl('POST', 'reset');
			expect((await ctl('GET', 'webhook-deliveries')).json).toEqual([]);
			expect(t.sb.state.bot.outgoing_url).toBeNull();
		});
	});
});
