'use strict';
const http = require('http');
const { boot } = require('./helpers');

/**
 * Raw request that reports socket resets instead of throwing.
 * @param {string} url @param {{method?: string, headers?: Record<string, string>, body?: string}} [options]
 * @returns {Promise<any>}
 */
function raw(url, { method = 'GET', headers = {}, body } = {}) {
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

describe('sandbox: fault injection', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const H = () => ({ api_access_token: t.sb.userToken });
	async function outcomes(n) {
		const out = [];
		for (let i = 0; i < n; i++)
			out.push((await raw(`${t.A}/conversations/1`, { headers: H() })).status);
		return out;
	}

	it('is deterministic for a given seed', async () => {
		const f = {
			seed: 42,
			rates: { status429: 0.2, status500: 0.1, status503: 0.1, resetBeforeRead: 0.1 },
		};
		t.sb.setFaults(f);
		const a = await outcomes(40);
		t.sb.setFaults(f);
		const b = await outcomes(40);
		expect(a).toEqual(b);
		expect(new Set(a)).toEqual(new Set([200, 429, 500, 503, 'reset']));
		t.sb.setFaults({ ...f, seed: 43 });
		expect(await outcomes(40)).not.toEqual(a);
	});

	it('answers 429 with a plain-text "Retry later" and an optional Retry-After', async () => {
		t.sb.setFaults({ rates: { status429: 1 }, retryAfterSeconds: 7 });
		const r = await raw(`${t.A}/conversations/1`, { headers: H() });
		expect(r.status).toBe(429);
		expect(r.text).toBe('Retry later');
		expect(r.headers['content-type']).toMatch(/^text\/plain/);
		expect(r.headers['retry-after']).toBe('7');
		expect(t.lastRequest()).toMatchObject({ status: 429, fault: 'status429' });
	});

	it('resetAfterWrite processes the request (message delivered once) then drops the socket', async () => {
		t.sb.setFaults({ rates: { resetAfterWrite: 1 } });
		const before = t.sb.deliveries.length;
		const r = await raw(`${t.A}/conversations/1/messages`, {
			method: 'POST',
			headers: { ...H(), 'content-type': 'application/json' },
			body: JSON.stringify({ content: 'lost reply', echo_id: 'e-1' }),
		});
		expect(r.status).toBe('reset');
		expect(t.sb.deliveries.length).toBe(before + 1);
		expect(t.sb.deliveries.at(-1)).toMatchObject({
			content: 'lost reply',
			echo_id: 'e-1',
			delivered: true,
		});
		expect(t.lastRequest()).toMatchObject({ status: 200, fault: 'resetAfterWrite' });
	});

	it('storeThen500 stores the message, then answers 500; a GET is answered normally', async () => {
		t.sb.setFaults({ rates: { storeThen500: 1 } });
		const before = t.sb.deliveries.length;
		const r = await raw(`${t.A}/conversations/1/messages`, {
			method: 'POST',
			headers: { ...H(), 'content-type': 'application/json' },
			body: JSON.stringify({ content: 'stored anyway' }),
		});
		expect(r.status).toBe(500);
		expect(t.sb.deliveries.length).toBe(before + 1);
		expect(t.sb.deliveries.at(-1)).toMatchObject({ content: 'stored anyway' });
		expect(t.lastRequest()).toMatchObject({ status: 200, fault: 'storeThen500' });
		const list = await raw(`${t.A}/conversations/1/messages`, { headers: H() });
		expect(list.status).toBe(200);
	});

	it('resetBeforeRead drops the socket without creating anything', async () => {
		t.sb.setFaults({ rates: { resetBeforeRead: 1 } });
		const before = t.sb.deliveries.length;
		const r = await raw(`${t.A}/conversations/1/messages`, {
			method: 'POST',
			headers: { ...H(), 'content-type': 'application/json' },
			body: JSON.stringify({ content: 'never' }),
		});
		expect(r.status).toBe('reset');
		expect(t.sb.deliveries.length).toBe(before);
	});

	it('applies only to /api/ paths and adds latency', async () => {
		t.sb.setFaults({ rates: { status500: 1 }, latencyMs: 60 });
		const ctl = await raw(`${t.sb.url}/__sandbox/state`);
		expect(ctl.status).toBe(200);
		const start = Date.now();
		const r = await raw(`${t.A}/conversations/1`, { headers: H() });
		expect(r.status).toBe(500);
		expect(Date.now() - start).toBeGreaterThanOrEqual(55);
	});

	it('can be configured over HTTP', async () => {
		const r = await raw(`${t.sb.url}/__sandbox/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ rates: { status503: 1 } }),
		});
		expect(r.status).toBe(200);
		expect((await raw(`${t.A}/conversations/1`, { headers: H() })).status).toBe(503);
		await raw(`${t.sb.url}/__sandbox/reset`, { method: 'POST' });
		expect((await raw(`${t.A}/conversations/1`, { headers: H() })).status).toBe(200);
	});
});
