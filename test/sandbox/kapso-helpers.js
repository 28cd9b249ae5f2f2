'use strict';
const http = require('http');
const { startSandbox } = require('../../sandbox/kapso');

/** A Kapso sandbox with quick webhook retries, and a caller that sends the project key. */
async function bootKapso(opts = {}) {
	const sb = await startSandbox({ quiet: true, webhookRetryDelaysMs: [30, 30, 30], ...opts });
	const ids = sb.ids;
	const meta = (/** @type {string} */ p) => `/meta/whatsapp/v24.0/${p}`;
	/**
	 * @param {string} method @param {string} path relative to the sandbox
	 * @param {{body?: any, key?: string|null, headers?: Record<string,string>, form?: FormData}} [o]
	 */
	async function call(method, path, o = {}) {
		const headers = { ...(o.headers || {}) };
		const key = o.key === undefined ? sb.apiKey : o.key;
		if (key !== null) headers['x-api-key'] = key;
		let body;
		if (o.form) body = o.form;
		else if (o.body !== undefined) {
			headers['content-type'] = headers['content-type'] || 'application/json';
			body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
		}
		const res = await fetch(`${sb.url}${path}`, { method, headers, body });
		const buf = Buffer.from(await res.arrayBuffer());
		const text = buf.toString('utf8');
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text, buf, headers: res.headers };
	}
	/** A proxy send from phone number 1. @param {any} body */
	const sendMeta = (body, pn = ids.phoneNumber) =>
		call('POST', meta(`${pn}/messages`), { body: { messaging_product: 'whatsapp', ...body } });
	const rules = () => sb.violations.map((v) => v.rule);
	return { sb, ids, call, meta, sendMeta, rules };
}

/**
 * A webhook receiver that records each request's raw bytes and headers and answers with the
 * statuses it is given, in order (the last repeats); a status of 0 never answers.
 * @param {number[]} [statuses]
 */
async function startReceiver(statuses = [200]) {
	/** @type {Array<{headers: import('http').IncomingHttpHeaders, raw: Buffer, json: any}>} */
	const received = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			received.push({ headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) });
			const status = statuses[Math.min(received.length - 1, statuses.length - 1)];
			if (status === 0) return;
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end('ok');
		});
	});
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('net').AddressInfo} */ (server.address()).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () =>
			new Promise((r) => {
				for (const s of sockets) s.destroy();
				server.close(() => r(undefined));
			}),
	};
}

module.exports = { bootKapso, startReceiver };
