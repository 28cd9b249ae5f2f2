'use strict';
const http = require('http');
const { bootKapso, startReceiver } = require('./kapso-helpers');

/**
 * A raw request that reports a socket reset instead of throwing.
 * @param {string} url @param {{method?: string, headers?: Record<string,string>, body?: string}} [o]
 * @returns {Promise<any>}
 */
function raw(url, { method = 'POST', headers = {}, body } = {}) {
	return new Promise((resolve) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			let text = '';
			res.on('data', (c) => (text += c));
			res.on('end', () => resolve({ status: res.statusCode, text, headers: res.headers }));
			res.on('error', () => resolve({ status: 'reset' }));
		});
		req.on('error', () => resolve({ status: 'reset' }));
		if (body) req.write(body);
		req.end();
	});
}

describe('Kapso sandbox: faults and auth', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const text = (body = 'hi') => ({ to: t.ids.insideWindow, type: 'text', text: { body } });
	const sent = () => t.sb.state.messages.filter((m) => m.wamid.startsWith('wamid.SANDBOXOUT'));

	it('409 “message in flight” stores nothing, then the retry goes through', async () => {
		t.sb.setFaults({ script: [{ fault: 'status409', method: 'POST', path: '/messages' }] });
		const first = await t.sendMeta(text());
		expect([first.status, first.json]).toEqual([
			409,
			{ error: 'Another message for this conversation is still being processed. Retry shortly.' },
		]);
		expect(sent()).toEqual([]);
		expect((await t.sendMeta(text())).status).toBe(200);
		expect(sent()).toHaveLength(1);
		expect(t.sb.requests.map((r) => r.fault)).toEqual(['status409', undefined]);
	});

	it('409 on the legacy API is its documented agent-active answer', async () => {
		t.sb.setFaults({ script: [{ fault: 'status409', path: '/whatsapp_messages' }] });
		const r = await t.call(
			'POST',
			`/api/v1/whatsapp_conversations/${t.ids.insideConversation}/whatsapp_messages`,
			{ body: { message: { content: 'x' } } },
		);
		expect([r.status, r.json]).toEqual([
			409,
			{
				error:
					'Cannot send a manual message when an agent execution is active and not in handoff, failed, or stopped state',
			},
		]);
		expect(sent()).toEqual([]);
	});

	it('429 carries Retry-After and Kapso’s rate-limit headers and body', async () => {
		t.sb.setFaults({ retryAfterSeconds: 7, script: [{ fault: 'status429', times: 2 }] });
		const r = await t.sendMeta(text());
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('7');
		expect(r.headers.get('x-ratelimit-limit')).toBe('100');
		expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(r.json).toEqual({
			error: 'Rate limit exceeded',
			message: 'Too many requests. Retry after 7 seconds.',
		});
		expect((await t.call('GET', '/platform/v1/whatsapp/phone_numbers')).status).toBe(429);
		expect((await t.call('GET', '/platform/v1/whatsapp/phone_numbers')).status).toBe(200);
	});

	it('rateLimitPerMinute counts per key in a fixed minute, with X-RateLimit headers', async () => {
		t.sb.setFaults({ rateLimitPerMinute: 2 });
		const a = await t.call('GET', '/platform/v1/whatsapp/phone_numbers');
		expect([
			a.status,
			a.headers.get('x-ratelimit-limit'),
			a.headers.get('x-ratelimit-remaining'),
		]).toEqual([200, '2', '1']);
		expect(
			(await t.call('GET', '/platform/v1/whatsapp/phone_numbers')).headers.get(
				'x-ratelimit-remaining',
			),
		).toBe('0');
		const over = await t.call('GET', '/platform/v1/whatsapp/phone_numbers');
		expect([
			over.status,
			over.headers.get('retry-after'),
			over.headers.get('x-ratelimit-limit'),
		]).toEqual([429, '60', '2']);
		expect(over.json.error).toBe('Rate limit exceeded');
		expect(
			(await t.call('GET', '/platform/v1/whatsapp/phone_numbers', { key: t.sb.otherApiKey }))
				.status,
		).toBe(200);
		expect(t.rules()).toEqual(['kapso:rate-limit']);
		t.sb.reset();
		expect(
			(await t.call('GET', '/platform/v1/whatsapp/phone_numbers')).headers.get('x-ratelimit-limit'),
		).toBeNull();
	});

	it('acceptThenReset: stored and announced, but the answer is lost', async () => {
		const rx = await startReceiver();
		try {
			await t.call('POST', `/platform/v1/whatsapp/phone_numbers/${t.ids.phoneNumber}/webhooks`, {
				body: { whatsapp_webhook: { url: rx.url, events: ['whatsapp.message.sent'] } },
			});
			t.sb.setFaults({ script: [{ fault: 'acceptThenReset', path: '/messages' }] });
			const r = await raw(`${t.sb.url}${t.meta(`${t.ids.phoneNumber}/messages`)}`, {
				headers: { 'x-api-key': t.sb.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ messaging_product: 'whatsapp', ...text('lost answer') }),
			});
			expect(r.status).toBe('reset');
			expect(sent().map((m) => m.content.body)).toEqual(['lost answer']);
			await t.sb.webhooksSettled();
			expect(rx.received.map((x) => x.json.message.text.body)).toEqual(['lost answer']);
			expect(t.sb.requests.at(-1)).toMatchObject({ fault: 'acceptThenReset', status: null });
		} finally {
			await rx.close();
		}
	});

	it('acceptThen500: stored, answered 500', async () => {
		t.sb.setFaults({ script: [{ fault: 'acceptThen500' }] });
		const r = await t.sendMeta(text());
		expect([r.status, r.json]).toEqual([500, { error: 'Internal server error' }]);
		expect(sent()).toHaveLength(1);
	});

	it('acceptThenFail: answered 200, then failed with the code', async () => {
		t.sb.setFaults({ script: [{ fault: 'acceptThenFail', code: 131049 }] });
		const r = await t.sendMeta(text());
		expect(r.status).toBe(200);
		expect(sent()[0].statuses.map((s) => [s.status, s.errors && s.errors[0].code])).toEqual([
			['sent', undefined],
			['failed', 131049],
		]);
	});

	it.each([
		[130429, 400, 'Rate limit hit'],
		[131056, 400, '(Business Account, Consumer Account) pair rate limit hit'],
		[80007, 400, 'Rate limit issues'],
		[190, 401, 'Invalid OAuth access token - Cannot parse access token'],
	])('metaError %s answers Meta’s error', async (code, status, title) => {
		t.sb.setFaults({ script: [{ fault: 'metaError', code }] });
		const r = await t.sendMeta(text());
		expect(r.status).toBe(status);
		expect(r.json.error).toMatchObject({
			code,
			message: expect.stringContaining(title),
			type: 'OAuthException',
		});
		expect(sent()).toEqual([]);
	});

	it('rates are deterministic for a seed; resetBeforeRead, 500 and 503 answer as documented', async () => {
		const run = async () => {
			const out = [];
			for (let i = 0; i < 30; i++)
				out.push(
					(
						await raw(`${t.sb.url}/platform/v1/whatsapp/phone_numbers`, {
							method: 'GET',
							headers: { 'x-api-key': t.sb.apiKey },
						})
					).status,
				);
			return out;
		};
		const f = { seed: 9, rates: { status500: 0.2, status503: 0.2, resetBeforeRead: 0.2 } };
		t.sb.setFaults(f);
		const a = await run();
		t.sb.setFaults(f);
		expect(await run()).toEqual(a);
		expect(new Set(a)).toEqual(new Set([200, 500, 503, 'reset']));
	});

	it('POST /__sandbox/faults sets faults and refuses unknown ones; reset clears them', async () => {
		const ok = await fetch(`${t.sb.url}/__sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ script: [{ fault: 'status409' }] }),
		});
		expect(ok.status).toBe(200);
		expect((await t.sendMeta(text())).status).toBe(409);
		const bad = await fetch(`${t.sb.url}/__sandbox/faults`, {
			method: 'POST',
			body: JSON.stringify({ script: [{ fault: 'explode' }] }),
		});
		expect(bad.status).toBe(400);
		t.sb.setFaults({ rates: { status500: 1 } });
		await fetch(`${t.sb.url}/__sandbox/reset`, { method: 'POST' });
		expect((await t.sendMeta(text())).status).toBe(200);
	});

	describe('auth', () => {
		const P = '/platform/v1/whatsapp/phone_numbers';
		it.each([
			['proxy, no key', 'meta', null, {}, 401, { error: 'API key is required' }, 'auth:missing'],
			['proxy, wrong key', 'meta', 'nope', {}, 401, { error: 'Invalid API key' }, 'auth:invalid'],
			[
				'platform, no key',
				'platform',
				null,
				{},
				401,
				{ error: 'API key is required' },
				'auth:missing',
			],
			[
				'legacy, no key',
				'legacy',
				null,
				{},
				401,
				{ error: 'Unauthorized', message: 'API key is required' },
				'auth:missing',
			],
			[
				'legacy, wrong key',
				'legacy',
				'nope',
				{},
				401,
				{ error: 'Unauthorized', message: 'Invalid API key' },
				'auth:invalid',
			],
			[
				'legacy, Bearer',
				'legacy',
				null,
				{ authorization: 'Bearer sandbox-kapso-key' },
				401,
				{ error: 'Unauthorized', message: 'API key is required' },
				'notes:legacy-bearer',
			],
		])('%s', async (_n, surface, key, headers, status, body, rule) => {
			const path = {
				meta: t.meta(`${t.ids.waba}/message_templates`),
				platform: P,
				legacy: '/api/v1/whatsapp_templates',
			}[surface];
			const r = await t.call('GET', path, { key, headers });
			expect([r.status, r.json]).toEqual([status, body]);
			expect(t.rules()).toEqual([rule]);
		});

		it('Bearer with a project key works on the proxy and Platform; a bad Bearer on the proxy is Meta’s 190', async () => {
			const bearer = { authorization: `Bearer ${t.sb.apiKey}` };
			expect((await t.call('GET', P, { key: null, headers: bearer })).status).toBe(200);
			expect(
				(
					await t.call('GET', t.meta(`${t.ids.waba}/message_templates`), {
						key: null,
						headers: bearer,
					})
				).status,
			).toBe(200);
			const bad = await t.call('GET', t.meta(`${t.ids.waba}/message_templates`), {
				key: null,
				headers: { authorization: 'Bearer EAAG-nope' },
			});
			expect(bad.status).toBe(401);
			expect(bad.json.error).toMatchObject({
				code: 190,
				type: 'OAuthException',
				message: 'Invalid OAuth access token - Cannot parse access token',
			});
		});

		it('refuses the key in the URL or the body, and never logs it', async () => {
			const inUrl = await t.call('GET', `${P}?api_key=${t.sb.apiKey}`, { key: null });
			expect(inUrl.status).toBe(401);
			const inBody = await t.call('POST', t.meta(`${t.ids.phoneNumber}/messages`), {
				key: null,
				body: { api_key: t.sb.apiKey, messaging_product: 'whatsapp' },
			});
			expect(inBody.status).toBe(401);
			expect(t.rules()).toEqual(['auth:key-in-url', 'auth:key-in-body']);
			await t.call('GET', P, { headers: { authorization: `Bearer ${t.sb.apiKey}` } });
			const logged = t.sb.requests.at(-1);
			expect(logged.headers['x-api-key']).toBe('<redacted>');
			expect(logged.headers.authorization).toBe('<redacted>');
			expect(logged.keyKind).toBe('project1');
			const control = await (await fetch(`${t.sb.url}/__sandbox/requests`)).text();
			expect(control).not.toContain(t.sb.apiKey.slice(8));
		});

		it('answers a bad JSON body with 400 and flags a JSON body without a JSON content type', async () => {
			const r = await t.call('POST', t.meta(`${t.ids.phoneNumber}/messages`), { body: '{nope' });
			expect(r.status).toBe(400);
			await t.call('POST', t.meta(`${t.ids.phoneNumber}/messages`), {
				body: JSON.stringify({ messaging_product: 'whatsapp', ...text() }),
				headers: { 'content-type': 'text/plain' },
			});
			expect(t.rules()).toEqual(['body:invalid-json', 'body:content-type']);
		});
	});
});
