// @ts-check
'use strict';

/** Fault injection: the config every request's fault is drawn from (README → Fault injection). */

/**
 * @typedef {{ latencyMs?: number, jitterMs?: number, rates?: { status429?: number, status500?: number, status503?: number, resetBeforeRead?: number, resetAfterWrite?: number, storeThen500?: number }, retryAfterSeconds?: number|null, seed?: number }} Faults
 */

/** The order the rates are stacked in: one draw in [0, 1) picks at most one. */
const FAULT_ORDER = /** @type {const} */ ([
	'resetBeforeRead',
	'status429',
	'status500',
	'status503',
	'resetAfterWrite',
	'storeThen500',
]);

/** @param {Faults|undefined} f @param {{latencyMs?: number, jitterMs?: number, seed?: number}} base */
function normalizeFaults(f, base) {
	f = f || {};
	const r = f.rates || {};
	return {
		latencyMs: Number(f.latencyMs ?? base.latencyMs ?? 0) || 0,
		jitterMs: Number(f.jitterMs ?? base.jitterMs ?? 0) || 0,
		rates: {
			status429: Number(r.status429 || 0),
			status500: Number(r.status500 || 0),
			status503: Number(r.status503 || 0),
			resetBeforeRead: Number(r.resetBeforeRead || 0),
			resetAfterWrite: Number(r.resetAfterWrite || 0),
			storeThen500: Number(r.storeThen500 || 0),
		},
		retryAfterSeconds: f.retryAfterSeconds === undefined ? null : f.retryAfterSeconds,
		seed: Number(f.seed ?? base.seed ?? 1) >>> 0,
	};
}

/**
 * The fault a draw picks, or null.
 * @param {ReturnType<typeof normalizeFaults>} faults @param {number} draw
 * @returns {(typeof FAULT_ORDER)[number] | null}
 */
function pickFault(faults, draw) {
	let acc = 0;
	for (const name of FAULT_ORDER) {
		const rate = faults.rates[name];
		acc += rate;
		if (rate > 0 && draw < acc) return name;
	}
	return null;
}

module.exports = { normalizeFaults, pickFault };
