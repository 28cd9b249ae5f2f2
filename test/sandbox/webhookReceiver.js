'use strict';
/** A local webhook receiver for sandbox tests: keeps every request's exact bytes and headers. */
const http = require('http');

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string>, rawHeaders: string[], raw: Buffer, json: any }} Received
 * @typedef {'ok' | 'silent' | number} Behaviour answer 200, never answer, or answer with this status
 */

async function startReceiver() {
	/** @type {Received[]} */
	const received = [];
	/** @type {Behaviour[]} one per request, the last one for every request after */
	let behaviours = ['ok'];
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let json;
			try {
				json = JSON.parse(raw.toString('utf8'));
			} catch {
				json = undefined;
			}
			received.push({
				method: req.method || '',
				path: req.url || '',
				headers: /** @type {Record<string, string>} */ (req.headers),
				rawHeaders: req.rawHeaders,
				raw,
				json,
			});
			const behaviour = behaviours.length > 1 ? behaviours.shift() || 'ok' : behaviours[0];
			if (behaviour === 'silent') return;
			res.writeHead(behaviour === 'ok' ? 200 : behaviour, { 'content-type': 'text/plain' });
			res.end(behaviour === 'ok' ? 'ok' : 'receiver failed');
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const port = /** @type {import('net').AddressInfo} */ (server.address()).port;
	return {
		url: (/** @type {string} */ p = '/hook') => `http://127.0.0.1:${port}${p}`,
		received,
		/** @param {string} event */
		events: (event) => received.filter((r) => r.json && r.json.event === event),
		/** How to answer the next requests, in order; the last stays. @param {Behaviour[]} b */
		answer(...b) {
			behaviours = b;
		},
		clear() {
			received.length = 0;
			behaviours = ['ok'];
		},
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve(undefined));
			}),
	};
}

module.exports = { startReceiver };
