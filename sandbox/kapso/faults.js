// @ts-check
'use strict';

/**
 * Fault injection (README "Faults"): scripted one-shot faults matched by method and path, then
 * seeded random rates, so the same seed and request order give the same outcomes. Also carries
 * the delivery settings tests shorten (webhook timeout and retry delays) and the window mode.
 */

const { prng } = require('../chatwoot/params');
const { metaError } = require('./errors');

const RATE_NAMES = /** @type {const} */ ([
	'resetBeforeRead',
	'status429',
	'status409',
	'status500',
	'status503',
	'acceptThenReset',
	'acceptThen500',
	'acceptThenFail',
]);
const FAULT_NAMES = [...RATE_NAMES, 'metaError'];

/**
 * @typedef {{ fault: string, method?: string, path?: string, times?: number, code?: number }} ScriptedFault
 * @typedef {{ latencyMs?: number, seed?: number, retryAfterSeconds?: number, windowMode?: 'sync' | 'async', failCode?: number, rates?: Partial<Record<typeof RATE_NAMES[number], number>>, script?: ScriptedFault[], webhookTimeoutMs?: number, webhookRetryDelaysMs?: number[], rateLimitPerMinute?: number | null }} Faults
 */

/** @param {Faults|undefined} f @param {Faults} base the sandbox options' defaults */
function normalizeFaults(f, base) {
	f = f || {};
	const r = f.rates || {};
	/** @type {Record<string, number>} */
	const rates = {};
	for (const n of RATE_NAMES) rates[n] = Number(r[n] || 0);
	const script = (f.script || []).map((s) => {
		if (!FAULT_NAMES.includes(s.fault))
			throw new Error(`unknown fault ${s.fault}; known: ${FAULT_NAMES.join(', ')}`);
		return { ...s, times: s.times === undefined ? 1 : Number(s.times) };
	});
	return {
		latencyMs: Number(f.latencyMs ?? base.latencyMs ?? 0) || 0,
		seed: Number(f.seed ?? 1) >>> 0,
		retryAfterSeconds: Number(f.retryAfterSeconds ?? 60),
		rateLimitPerMinute: f.rateLimitPerMinute ?? base.rateLimitPerMinute ?? null,
		windowMode: f.windowMode ?? base.windowMode ?? 'sync',
		failCode: Number(f.failCode ?? 131026),
		rates,
		script,
		webhookTimeoutMs: Number(f.webhookTimeoutMs ?? base.webhookTimeoutMs ?? 10000),
		webhookRetryDelaysMs: (
			f.webhookRetryDelaysMs ??
			base.webhookRetryDelaysMs ?? [10000, 40000, 90000]
		).map(Number),
	};
}

/** @param {ReturnType<typeof normalizeFaults>} faults */
function createFaultPicker(faults) {
	const rand = prng(faults.seed);
	/**
	 * The fault for this request, or null.
	 * @param {string} method @param {string} path
	 * @returns {{name: string, code?: number} | null}
	 */
	return function pick(method, path) {
		const s = faults.script.find(
			(x) =>
				x.times > 0 &&
				(!x.method || x.method.toUpperCase() === method) &&
				(!x.path || path.endsWith(x.path) || path.includes(x.path)),
		);
		if (s) {
			s.times -= 1;
			return { name: s.fault, code: s.code };
		}
		const r = rand();
		let acc = 0;
		for (const name of RATE_NAMES) {
			const rate = faults.rates[name];
			acc += rate;
			if (rate > 0 && r < acc) return { name };
		}
		return null;
	};
}

/**
 * Kapso's own rate limit, when turned on (`rateLimitPerMinute`): requests per API key (per client
 * address without one) in a fixed minute window (NOTES §5). `take` counts one request.
 * @param {number|null} limit
 */
function createRateLimiter(limit) {
	/** @type {Map<string, {window: number, count: number}>} */
	const counts = new Map();
	/** @param {string} identity @returns {{headers: Record<string,string>, exceeded: boolean} | null} */
	return function take(identity) {
		if (!limit) return null;
		const window = Math.floor(Date.now() / 60000);
		const c = counts.get(identity);
		const entry = c && c.window === window ? c : { window, count: 0 };
		entry.count += 1;
		counts.set(identity, entry);
		const headers = {
			'x-ratelimit-limit': String(limit),
			'x-ratelimit-remaining': String(Math.max(0, limit - entry.count)),
		};
		return { headers, exceeded: entry.count > limit };
	};
}

/**
 * The answer of a fault that replaces the handler.
 * @param {{name: string, code?: number}} fault @param {string} surface @param {any} faults
 * @returns {{status: number, body: any, headers?: Record<string, string>}}
 */
function faultAnswer(fault, surface, faults) {
	if (fault.name === 'status429')
		return {
			status: 429,
			body: {
				error: 'Rate limit exceeded',
				message: `Too many requests. Retry after ${faults.retryAfterSeconds} seconds.`,
			},
			headers: {
				'retry-after': String(faults.retryAfterSeconds),
				'x-ratelimit-limit': String(faults.rateLimitPerMinute || 100),
				'x-ratelimit-remaining': '0',
			},
		};
	if (fault.name === 'status409') {
		// The proxy's "message in flight" (NOTES §5); the legacy API's 409 is the agent-active one (§2a).
		const error =
			surface === 'legacy'
				? 'Cannot send a manual message when an agent execution is active and not in handoff, failed, or stopped state'
				: 'Another message for this conversation is still being processed. Retry shortly.';
		return { status: 409, body: { error } };
	}
	if (fault.name === 'status500') return { status: 500, body: { error: 'Internal server error' } };
	if (fault.name === 'status503')
		return {
			status: 503,
			body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
			headers: { 'content-type': 'text/html' },
		};
	const e = metaError(fault.code || 130429, 'injected by the sandbox');
	return { status: e.status, body: e.body };
}

module.exports = {
	normalizeFaults,
	createFaultPicker,
	createRateLimiter,
	faultAnswer,
	FAULT_NAMES,
};
