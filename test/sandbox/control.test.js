'use strict';
const { boot } = require('./helpers');

describe('sandbox: control endpoints', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());

	/** @param {string} method @param {string} p @param {any} [body] */
	const ctl = (method, p, body) => t.control(method, p, body);

	it('exposes requests (with since), violations, deliveries, state and reset', async () => {
		expect((await ctl('POST', 'reset')).json).toEqual({ ok: true });
		await t.call('GET', 'conversations/1');
		await t.call('POST', 'conversations/1/messages', {
			body: { content: 'hey', source_id: 'x-1' },
		});
		const reqs = (await ctl('GET', 'requests')).json;
		expect(reqs.map((r) => [r.seq, r.method, r.status])).toEqual([
			[1, 'GET', 200],
			[2, 'POST', 200],
		]);
		expect(reqs[1]).toMatchObject({
			path: '/api/v1/accounts/1/conversations/1/messages',
			query: {},
			tokenKind: 'user',
			contentType: 'application/json',
			body: { content: 'hey', source_id: 'x-1' },
		});
		expect(reqs[1].headers.api_access_token).toBe('<redacted>');
		expect(typeof reqs[1].at).toBe('number');
		expect(reqs[1].violations).toEqual([expect.stringMatching(/^notes:source_id-outgoing/)]);
		expect((await ctl('GET', 'requests?since=1')).json.map((r) => r.seq)).toEqual([2]);
		const v = (await ctl('GET', 'violations')).json;
		expect(v).toEqual([
			{
				seq: 2,
				method: 'POST',
				path: '/api/v1/accounts/1/conversations/1/messages',
				rule: 'notes:source_id-outgoing',
				message: expect.any(String),
			},
		]);
		const d = (await ctl('GET', 'deliveries')).json;
		expect(d).toEqual([
			expect.objectContaining({ conversation_id: 1, content: 'hey', delivered: false }),
		]);
		const s = (await ctl('GET', 'state')).json;
		expect(s).toMatchObject({
			inboxes: 5,
			contacts: 25,
			conversations: 34,
			messages: 96,
			deliveries: 1,
			requests: 2,
			violations: 1,
		});
		await ctl('POST', 'reset');
		expect((await ctl('GET', 'requests')).json).toEqual([]);
		expect((await ctl('GET', 'state')).json).toMatchObject({ messages: 95, deliveries: 0 });
		expect(t.sb.requests).toEqual([]);
	});

	it('does not log or validate control calls', async () => {
		await ctl('POST', 'reset');
		await ctl('GET', 'state');
		expect(t.sb.requests).toEqual([]);
		expect((await ctl('GET', 'nope')).status).toBe(404);
	});
});
