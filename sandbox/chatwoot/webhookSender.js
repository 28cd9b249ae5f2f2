// @ts-check
'use strict';

/**
 * Sends webhooks the way Chatwoot's Webhooks::Trigger does (NOTES.md → Webhooks): a JSON POST with
 * Rails' JSON escaping, signed `sha256=HMAC(secret, "<ts>.<body>")` with a delivery id, a 5 s
 * timeout; account and API-inbox webhooks once, agent-bot webhooks up to 3 attempts 3 s apart with
 * the same delivery id. Every attempt is recorded. SafeFetch (Chatwoot ≥ 4.14) is a flag: off by
 * default so a local n8n receives them.
 */

const crypto = require('crypto');
const dns = require('dns');
const http = require('http');
const https = require('https');
const net = require('net');

/**
 * @typedef {'account' | 'agent_bot' | 'api_inbox'} WebhookKind
 * @typedef {'pending' | 'delivered' | 'failed' | 'timeout' | 'error' | 'dropped'} DeliveryOutcome
 *
 * One delivery attempt (`sb.webhookDeliveries`, GET /__sandbox/webhook-deliveries). `outcome`:
 * `delivered` (2xx), `failed` (another status, in `status`), `timeout` (no answer within the
 * timeout), `error` (connection refused, unknown host… in `error`), `dropped` (SafeFetch: a private
 * or loopback address, nothing sent), `pending` while in flight. `body` is the exact bytes sent.
 * @typedef {{ seq: number, kind: WebhookKind, webhookId: number | null, inboxId: number | null, url: string, event: string, deliveryId: string | null, attempt: number, maxAttempts: number, at: number, signed: boolean, outcome: DeliveryOutcome, status: number | null, error: string | null, headers: Record<string, string>, body: string }} WebhookDelivery
 *
 * `signWebhooks: false` plays a Chatwoot before 4.11.2 (no X-Chatwoot-* headers); `safeFetch: true`
 * drops deliveries to private/loopback addresses as Chatwoot ≥ 4.14 does without
 * SAFE_FETCH_ALLOW_PRIVATE_NETWORK.
 * @typedef {{ signWebhooks?: boolean, safeFetch?: boolean, timeoutMs?: number, agentBotAttempts?: number, agentBotRetryDelayMs?: number }} WebhookOptions
 *
 * Where one payload goes: the account webhook (its id), the agent bot or the API inbox's callback.
 * @typedef {{ kind: WebhookKind, webhookId: number | null, inboxId: number | null, url: string, secret: string | null }} WebhookTarget
 */

const DEFAULTS = Object.freeze({
	signWebhooks: true,
	safeFetch: false,
	timeoutMs: 5000,
	agentBotAttempts: 3,
	agentBotRetryDelayMs: 3000,
});
const USER_AGENT = 'rest-client/2.1.0 (linux x86_64) ruby/3.4.4p34';
const MAX_RECORDS = 50000;
/** Names reserved never to resolve (RFC 2606). */
const RESERVED_HOST = /\.(example|invalid)$/i;

// SafeFetch's private ranges: loopback, RFC 1918, CGNAT, link-local, unique-local, unspecified.
const PRIVATE = new net.BlockList();
for (const [a, p] of /** @type {Array<[string, number]>} */ ([
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.168.0.0', 16],
]))
	PRIVATE.addSubnet(a, p, 'ipv4');
for (const [a, p] of /** @type {Array<[string, number]>} */ ([
	['::', 128],
	['::1', 128],
	['fc00::', 7],
	['fe80::', 10],
]))
	PRIVATE.addSubnet(a, p, 'ipv6');

/** @param {string} address */
function isPrivateAddress(address) {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
	return PRIVATE.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** ActiveSupport's to_json escapes <, >, & and the JavaScript line separators. @param {any} value */
function railsJson(value) {
	return JSON.stringify(value).replace(
		/[<>&\u2028\u2029]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/** @param {string} secret @param {string} timestamp @param {string} body */
function signature(secret, timestamp, body) {
	return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** @param {{ log: (line: string) => void, options?: WebhookOptions }} setup */
function createWebhookSender(setup) {
	/** @type {Required<WebhookOptions>} */
	let options = { ...DEFAULTS, ...(setup.options || {}) };
	/** @type {WebhookDelivery[]} */
	let records = [];
	let seq = 0;
	let generation = 0;
	/** @type {Set<Promise<void>>} */
	const inflight = new Set();
	/** @type {Set<() => void>} */
	const aborters = new Set();

	/** @param {WebhookOptions} next */
	function setOptions(next) {
		options = { ...options, ...next };
		return options;
	}

	/** @param {URL} url @returns {Promise<string | null>} why SafeFetch refuses it, or null */
	async function safeFetchRefusal(url) {
		const host = url.hostname.replace(/^\[|\]$/g, '');
		const addresses = net.isIP(host)
			? [host]
			: await dns.promises
					.lookup(host, { all: true })
					.then((list) => list.map((a) => a.address))
					.catch(() => []);
		const blocked = addresses.find(isPrivateAddress);
		return blocked ? `SafeFetch: ${host} resolves to the private address ${blocked}` : null;
	}

	/**
	 * @param {WebhookDelivery} rec @param {URL} url
	 * @returns {Promise<void>} settles when the attempt has an outcome
	 */
	function post(rec, url) {
		return new Promise((resolve) => {
			// Hosts under the reserved .example/.invalid names never resolve: answer at once, no DNS wait.
			if (RESERVED_HOST.test(url.hostname)) {
				Object.assign(rec, { outcome: 'error', error: `getaddrinfo ENOTFOUND ${url.hostname}` });
				resolve();
				return;
			}
			const lib = url.protocol === 'https:' ? https : http;
			let done = false;
			const finish = (/** @type {Partial<WebhookDelivery>} */ result) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				aborters.delete(abort);
				Object.assign(rec, result);
				resolve();
			};
			const req = lib.request(url, {
				method: 'POST',
				headers: { ...rec.headers, 'Content-Length': Buffer.byteLength(rec.body) },
				agent: false,
			});
			const abort = () => {
				finish({ outcome: 'error', error: 'sandbox reset or closed' });
				req.destroy();
			};
			aborters.add(abort);
			const timer = setTimeout(() => {
				finish({ outcome: 'timeout', error: `no answer within ${options.timeoutMs} ms` });
				req.destroy();
			}, options.timeoutMs);
			req.on('response', (res) => {
				res.resume();
				res.on('end', () => {
					const status = res.statusCode || 0;
					finish({ outcome: status >= 200 && status < 300 ? 'delivered' : 'failed', status });
				});
				res.on('error', (e) => finish({ outcome: 'error', error: e.message }));
			});
			req.on('error', (e) => finish({ outcome: 'error', error: e.message }));
			req.end(rec.body);
		});
	}

	/** @param {WebhookDelivery} rec */
	function retryable(rec) {
		return (
			rec.outcome === 'timeout' ||
			rec.outcome === 'error' ||
			(rec.outcome === 'failed' && rec.status !== null && (rec.status === 429 || rec.status >= 500))
		);
	}

	/**
	 * One delivery: the attempts of one payload to one target, all with the same delivery id.
	 * @param {WebhookTarget} target @param {string} event @param {string} body
	 * @param {(last: WebhookDelivery) => void} [onFailure] called once when the delivery finally failed
	 */
	async function deliver(target, event, body, onFailure) {
		const gen = generation;
		const deliveryId = options.signWebhooks ? crypto.randomUUID() : null;
		const maxAttempts = target.kind === 'agent_bot' ? Math.max(1, options.agentBotAttempts) : 1;
		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			/** @type {Record<string, string>} */
			const headers = {
				Accept: 'application/json',
				'Accept-Encoding': 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3',
				'User-Agent': USER_AGENT,
				'Content-Type': 'application/json',
			};
			const signed = options.signWebhooks && !!target.secret;
			if (deliveryId) headers['X-Chatwoot-Delivery'] = deliveryId;
			if (signed) {
				const ts = String(Math.floor(Date.now() / 1000));
				headers['X-Chatwoot-Timestamp'] = ts;
				headers['X-Chatwoot-Signature'] = signature(
					/** @type {string} */ (target.secret),
					ts,
					body,
				);
			}
			/** @type {WebhookDelivery} */
			const rec = {
				seq: ++seq,
				kind: target.kind,
				webhookId: target.webhookId,
				inboxId: target.inboxId,
				url: target.url,
				event,
				deliveryId,
				attempt,
				maxAttempts,
				at: Date.now(),
				signed,
				outcome: 'pending',
				status: null,
				error: null,
				headers,
				body,
			};
			records.push(rec);
			if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);
			let url;
			try {
				url = new URL(target.url);
			} catch {
				Object.assign(rec, { outcome: 'error', error: `invalid URL ${target.url}` });
				break;
			}
			const refusal = options.safeFetch ? await safeFetchRefusal(url) : null;
			if (gen !== generation) return;
			if (refusal) {
				Object.assign(rec, { outcome: 'dropped', error: refusal });
				return;
			}
			await post(rec, url);
			if (gen !== generation) return;
			if (rec.outcome === 'delivered') return;
			// the seeded hooks.example webhook fails on every message: not worth a line each time
			if (!RESERVED_HOST.test(url.hostname))
				setup.log(
					`[sandbox] webhook ${event} (${target.kind}) to ${target.url}: ${rec.outcome}${rec.status ? ` ${rec.status}` : ''}${rec.error ? ` (${rec.error})` : ''}, attempt ${attempt}/${maxAttempts}`,
				);
			if (!retryable(rec) || attempt === maxAttempts) {
				if (onFailure) onFailure(rec);
				return;
			}
			// the wait between attempts ends early when the sandbox is reset or closed
			await new Promise((r) => {
				const done = () => {
					clearTimeout(timer);
					aborters.delete(done);
					r(undefined);
				};
				const timer = setTimeout(done, options.agentBotRetryDelayMs);
				aborters.add(done);
			});
			if (gen !== generation) return;
		}
	}

	/**
	 * Queues a delivery (Chatwoot's WebhookJob.perform_later): the payload is serialized now.
	 * @param {WebhookTarget} target @param {any} payload @param {(last: WebhookDelivery) => void} [onFailure]
	 */
	function send(target, payload, onFailure) {
		const p = deliver(target, String(payload.event), railsJson(payload), onFailure).catch((e) =>
			setup.log(`[sandbox] webhook delivery crashed: ${e && e.stack}`),
		);
		inflight.add(p);
		p.finally(() => inflight.delete(p));
	}

	/** Resolves when no delivery is in flight (retries and their waits included). */
	async function settled() {
		while (inflight.size) await Promise.allSettled([...inflight]);
	}

	/** Stops what is in flight (its attempts end as `error`) and forgets every record. */
	function reset() {
		generation++;
		for (const abort of [...aborters]) abort();
		aborters.clear();
		records = [];
		seq = 0;
	}

	return {
		send,
		settled,
		reset,
		setOptions,
		get options() {
			return options;
		},
		get records() {
			return records;
		},
	};
}

module.exports = { createWebhookSender, isPrivateAddress, railsJson, signature, DEFAULTS };
