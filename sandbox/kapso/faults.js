// @ts-check
'use strict';

/**
 * Fault injection (README "Faults"): scripted one-shot faults matched by method and path, then
 * seeded random rates, so the same seed and request order give the same outcomes. Also carries
 * the delivery settings tests shorten (webhook timeout and retry delays) and the window mode.
 */

const { prng } = require('../chatwoot/params');

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
 * @typedef {{ latencyMs?: number, seed?: number, retryAfterSeconds?: number, windowMode?: 'sync' | 'async', failCode?: number, rates?: Partial<Record<typeof RATE_NAMES[number], number>>, script?: ScriptedFault[], webhookTimeoutMs?: number, webhookRetryDelaysMs?: number[] }} Faults
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

module.exports = { normalizeFaults, createFaultPicker, FAULT_NAMES };
