// @ts-check
'use strict';

/**
 * Webhook deliveries as Kapso makes them (NOTES §6): the exact body signed with the webhook's
 * secret (lowercase hex HMAC-SHA256), an idempotency key per delivery that every retry repeats,
 * buffered `whatsapp.message.received` batches, a 10 s receiver timeout and retries after
 * 10 s, 40 s and 90 s (shortened in tests). Every delivery and attempt is recorded.
 */

const crypto = require('crypto');
const http = require('http');
const https = require('https');

/**
 * One delivery as recorded (`sb.webhookDeliveries`, GET /__sandbox/webhook-deliveries).
 * @typedef {{ id: string, webhook_id: string, url: string, event: string, batch: boolean, batch_size: number, idempotency_key: string, body: string, signature: string, headers: Record<string, string>, state: 'pending' | 'delivered' | 'failed', attempts: Array<{ at: number, status: number | null, error?: string, ms: number }> }} WebhookDelivery
 */

/** @param {string} secret @param {string} body */
const sign = (secret, body) =>
	crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex');

/**
 * @param {{ getState: () => any, timeoutMs: () => number, retryDelaysMs: () => number[], bufferScale: number, violate: (rule: string, message: string) => void }} o
 */
function createWebhookEngine(o) {
	/** @type {WebhookDelivery[]} */
	let deliveries = [];
	/** @type {Map<string, {items: any[], timer: NodeJS.Timeout}>} open buffers by webhook id */
	let buffers = new Map();
	/** @type {Map<string, Promise<void>>} first attempts in order, per webhook */
	let chains = new Map();
	/** @type {Set<NodeJS.Timeout>} */
	let timers = new Set();
	/** @type {Set<import('http').ClientRequest>} */
	let inFlight = new Set();
	let busy = 0;
	let generation = 0;
	/** @type {Array<() => void>} */
	let idleWaiters = [];

	const checkIdle = () => {
		if (busy === 0 && buffers.size === 0) {
			const w = idleWaiters;
			idleWaiters = [];
			for (const f of w) f();
		}
	};

	/** @param {any} hook @param {string} event @param {any} body the payload or batch @param {boolean} batch @param {number} size */
	function deliver(hook, event, body, batch, size) {
		const raw = JSON.stringify(body);
		const signature = sign(hook.secret_key, raw);
		/** @type {Record<string,string>} */
		const headers = {
			...Object.fromEntries(Object.entries(hook.headers || {}).map(([k, v]) => [k, String(v)])),
			'Content-Type': 'application/json',
			'X-Webhook-Event': event,
			'X-Webhook-Signature': signature,
			'X-Idempotency-Key': crypto.randomUUID(),
			'X-Webhook-Payload-Version': 'v2',
		};
		if (batch) {
			headers['X-Webhook-Batch'] = 'true';
			headers['X-Batch-Size'] = String(size);
		}
		/** @type {WebhookDelivery} */
		const d = {
			id: crypto.randomUUID(),
			webhook_id: hook.id,
			url: hook.url,
			event,
			batch,
			batch_size: size,
			idempotency_key: headers['X-Idempotency-Key'],
			body: raw,
			signature,
			headers,
			state: 'pending',
			attempts: [],
		};
		deliveries.push(d);
		busy += 1;
		const gen = generation;
		const prev = chains.get(hook.id) || Promise.resolve();
		const first = prev.then(() => (gen === generation ? attempt(d, 0, gen) : undefined));
		chains.set(
			hook.id,
			first.then(
				() => undefined,
				() => undefined,
			),
		);
		return d;
	}

	/** @param {WebhookDelivery} d @param {number} n attempt index @param {number} gen */
	async function attempt(d, n, gen) {
		const started = Date.now();
		const result = await post(d);
		if (gen !== generation) return;
		d.attempts.push({
			at: started,
			status: result.status,
			...(result.error ? { error: result.error } : {}),
			ms: Date.now() - started,
		});
		const ok = result.status !== null && result.status >= 200 && result.status < 300;
		const delays = o.retryDelaysMs();
		if (ok || n >= delays.length) {
			d.state = ok ? 'delivered' : 'failed';
			busy -= 1;
			checkIdle();
			return;
		}
		const t = setTimeout(() => {
			timers.delete(t);
			if (gen === generation) attempt(d, n + 1, gen);
		}, delays[n]);
		timers.add(t);
	}

	/** @param {WebhookDelivery} d @returns {Promise<{status: number|null, error?: string}>} */
	function post(d) {
		return new Promise((resolve) => {
			let u;
			try {
				u = new URL(d.url);
			} catch {
				resolve({ status: null, error: 'invalid URL' });
				return;
			}
			const lib = u.protocol === 'https:' ? https : http;
			const req = lib.request(u, {
				method: 'POST',
				headers: { ...d.headers, 'Content-Length': String(Buffer.byteLength(d.body)) },
				agent: false,
			});
			inFlight.add(req);
			let settled = false;
			const done = (/** @type {{status: number|null, error?: string}} */ r) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				inFlight.delete(req);
				resolve(r);
			};
			const timer = setTimeout(() => {
				done({ status: null, error: `timeout after ${o.timeoutMs()} ms` });
				req.destroy();
			}, o.timeoutMs());
			req.on('response', (res) => {
				res.resume();
				res.on('end', () => done({ status: res.statusCode || null }));
				res.on('error', () => done({ status: res.statusCode || null }));
			});
			req.on('error', (e) => done({ status: null, error: e.message }));
			req.end(d.body);
		});
	}

	/** @param {any} hook */
	function flushBuffer(hook) {
		const b = buffers.get(hook.id);
		if (!b) return;
		clearTimeout(b.timer);
		buffers.delete(hook.id);
		deliver(
			hook,
			'whatsapp.message.received',
			{ type: 'whatsapp.message.received', batch: true, data: b.items },
			true,
			b.items.length,
		);
		checkIdle();
	}

	/**
	 * Send an event to every active webhook of the phone number subscribed to it.
	 * @param {string} phoneNumberId @param {string} event @param {any} payload
	 */
	function emit(phoneNumberId, event, payload) {
		const S = o.getState();
		for (const hook of S.webhooks) {
			if (!hook.active || hook.phone_number_id !== phoneNumberId || !hook.events.includes(event))
				continue;
			if (hook.kind === 'meta') {
				o.violate(
					'webhook:meta-not-sent',
					`webhook ${hook.id} is kind meta: the sandbox sends no raw Meta payloads (${event} not sent)`,
				);
				continue;
			}
			if (hook.payload_version === 'v1') {
				o.violate(
					'webhook:v1-not-sent',
					`webhook ${hook.id} wants payload v1, whose envelope is UNCONFIRMED (${event} not sent)`,
				);
				continue;
			}
			const buffered =
				hook.buffer_enabled &&
				event === 'whatsapp.message.received' &&
				(!hook.buffer_events?.length || hook.buffer_events.includes(event));
			if (!buffered) {
				deliver(hook, event, payload, false, 1);
				continue;
			}
			let b = buffers.get(hook.id);
			if (!b) {
				const windowMs = hook.buffer_window_seconds * 1000 * o.bufferScale;
				b = { items: [], timer: setTimeout(() => flushBuffer(hook), windowMs) };
				buffers.set(hook.id, b);
			}
			b.items.push(payload);
			if (b.items.length >= hook.max_buffer_size) flushBuffer(hook);
		}
	}

	/** A `/test` delivery; resolves after its first attempt. @param {any} hook @param {any} payload */
	async function sendTest(hook, payload) {
		const d = deliver(hook, 'whatsapp.message.received', payload, false, 1);
		while (d.attempts.length === 0 && d.state === 'pending')
			await new Promise((r) => setTimeout(r, 5));
		return d;
	}

	return {
		emit,
		sendTest,
		get deliveries() {
			return deliveries;
		},
		flushAll() {
			const S = o.getState();
			for (const id of [...buffers.keys()])
				flushBuffer(S.webhooks.find((/** @type {any} */ h) => h.id === id) || { id });
		},
		/** @param {{timeoutMs?: number}} [opts] */
		settled({ timeoutMs = 15000 } = {}) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					idleWaiters = idleWaiters.filter((f) => f !== ok);
					reject(
						new Error(
							`webhooks not settled after ${timeoutMs} ms: ${busy} deliveries pending, ${buffers.size} buffers open`,
						),
					);
				}, timeoutMs);
				const ok = () => {
					clearTimeout(timer);
					resolve(undefined);
				};
				idleWaiters.push(ok);
				checkIdle();
			});
		},
		reset() {
			generation += 1;
			for (const b of buffers.values()) clearTimeout(b.timer);
			for (const t of timers) clearTimeout(t);
			for (const r of inFlight) r.destroy();
			buffers = new Map();
			chains = new Map();
			timers = new Set();
			inFlight = new Set();
			deliveries = [];
			busy = 0;
			checkIdle();
		},
	};
}

module.exports = { createWebhookEngine, sign };
