'use strict';
const { boot } = require('./helpers');

describe('sandbox auth', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	it('returns the profile with accounts for the user token', async () => {
		const r = await t.call('GET', '/api/v1/profile');
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			id: 1,
			name: 'Sandbox Admin',
			accounts: [{ id: 1, name: 'Acme Support', role: 'administrator' }],
		});
		expect(t.lastRequest().tokenKind).toBe('user');
		expect(t.lastRequest().headers.api_access_token).toBe('<redacted>');
	});

	it('accepts the hyphen header form', async () => {
		const r = await t.call('GET', '/api/v1/profile', {
			token: null,
			headers: { 'Api-Access-Token': t.sb.userToken },
		});
		expect(r.status).toBe(200);
		expect(t.lastRequest().headers['api-access-token']).toBe('<redacted>');
		expect(t.sb.violations).toEqual([]);
	});

	it('rejects an invalid token', async () => {
		const r = await t.call('GET', '/api/v1/profile', { token: 'nope' });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ error: 'Invalid Access Token' });
		expect(t.lastRequest().tokenKind).toBe('invalid');
	});

	it('rejects a missing token and flags tokens sent elsewhere', async () => {
		const r = await t.call('GET', '/api/v1/profile?api_access_token=sandbox-user-token', {
			token: null,
			headers: { authorization: 'Bearer sandbox-user-token' },
		});
		expect(r.status).toBe(401);
		expect(t.lastRequest().tokenKind).toBe('none');
		expect(t.rules()).toContain('auth:header-form');
	});

	it('refuses an account the user does not belong to, 404s an unknown one', async () => {
		let r = await t.call('GET', '/api/v1/accounts/2/inboxes');
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ error: 'You are not authorized to access this account' });
		r = await t.call('GET', '/api/v1/accounts/99/inboxes');
		expect(r.status).toBe(404);
	});

	it('limits bot tokens to the NOTES endpoints', async () => {
		const bot = { token: t.sb.botToken };
		const denied = { error: 'Access to this endpoint is not authorized for bots' };
		for (const [m, u] of [
			['GET', '/api/v1/profile'],
			['GET', 'inboxes'],
			['GET', 'contacts'],
			['GET', 'conversations'],
			['GET', 'conversations/1/messages'],
			['GET', 'agents'],
		]) {
			const r = await t.call(m, u, bot);
			expect([u, r.status, r.json]).toEqual([u, 401, denied]);
		}
		expect((await t.call('GET', 'conversations/1', bot)).status).toBe(200);
		const msg = await t.call('POST', 'conversations/1/messages', {
			...bot,
			body: { content: 'from bot' },
		});
		expect(msg.status).toBe(200);
		expect(msg.json.sender).toMatchObject({ type: 'agent_bot' });
		expect(
			(
				await t.call('POST', 'conversations/1/toggle_status', {
					...bot,
					body: { status: 'pending' },
				})
			).json.payload.current_status,
		).toBe('pending');
		expect(
			(await t.call('POST', 'conversations/1/assignments', { ...bot, body: { assignee_id: 2 } }))
				.json,
		).toMatchObject({ id: 2, name: 'Alice Agent' });
		expect(
			(await t.call('POST', 'conversations/1/labels', { ...bot, body: { labels: ['vip'] } })).json,
		).toEqual({ payload: ['vip'] });
		expect((await t.call('GET', 'conversations/1/labels', bot)).json).toEqual({ payload: ['vip'] });
		expect((await t.call('GET', '/api/v1/accounts/2/conversations/1', bot)).status).toBe(401);
	});

	it('404s unknown paths with a JSON body', async () => {
		const r = await t.call('GET', '/api/v1/nothing/here');
		expect(r.status).toBe(404);
		expect(r.json).toEqual({ error: 'Resource could not be found' });
	});
});
