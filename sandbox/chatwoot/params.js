// @ts-check
'use strict';

/**
 * Rack-style nested parameter parsing (what Rails does with query strings,
 * url-encoded and multipart bodies):
 *   a[b][c]=1        -> {a:{b:{c:"1"}}}
 *   a[]=1&a[]=2      -> {a:["1","2"]}
 *   a[][x]=1&a[][y]=2&a[][x]=3 -> {a:[{x:"1",y:"2"},{x:"3"}]}
 *   a[0][x]=1        -> {a:{"0":{x:"1"}}}   <- NOT an array (Rack keeps numeric keys as hash keys)
 * The last point matters: Chatwoot receives `content_attributes[items][0][title]` as a Hash.
 */

/** @param {Record<string, any>} hash @param {string} key */
function paramsHashHasKey(hash, key) {
	if (/\[\]/.test(key)) return false;
	let cur = hash;
	for (const part of key.split(/[[\]]+/).filter(Boolean)) {
		if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(part in cur))
			return false;
		cur = cur[part];
	}
	return true;
}

/**
 * @param {any} params
 * @param {string} name
 * @param {any} v
 * @returns {any}
 */
function normalizeParams(params, name, v) {
	const m = /^[[\]]*([^[\]]+)\]*/.exec(name);
	if (!m) return params;
	const k = m[1];
	const after = name.slice(m[0].length);
	if (after === '') {
		params[k] = v;
	} else if (after === '[') {
		params[name] = v;
	} else if (after === '[]') {
		if (!Array.isArray(params[k])) params[k] = [];
		params[k].push(v);
	} else {
		const m2 = /^\[\]\[([^[\]]+)\]$/.exec(after) || /^\[\](.+)$/.exec(after);
		if (m2) {
			const childKey = m2[1];
			if (!Array.isArray(params[k])) params[k] = [];
			const arr = params[k];
			const last = arr[arr.length - 1];
			if (
				last &&
				typeof last === 'object' &&
				!Array.isArray(last) &&
				!paramsHashHasKey(last, childKey)
			) {
				normalizeParams(last, childKey, v);
			} else {
				arr.push(normalizeParams({}, childKey, v));
			}
		} else {
			if (params[k] === null || typeof params[k] !== 'object' || Array.isArray(params[k]))
				params[k] = {};
			params[k] = normalizeParams(params[k], after, v);
		}
	}
	return params;
}

/**
 * @param {Array<[string, any]>} pairs
 * @returns {Record<string, any>}
 */
function parseNested(pairs) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [name, value] of pairs) normalizeParams(out, name, value);
	return out;
}

/** @param {URLSearchParams} sp */
function parseQuery(sp) {
	return parseNested([...sp.entries()]);
}

/**
 * Flat "as sent" view of pairs: repeated keys become arrays.
 * @param {Array<[string, any]>} pairs
 */
function flatFields(pairs) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of pairs) {
		if (k in out) out[k] = Array.isArray(out[k]) ? [...out[k], v] : [out[k], v];
		else out[k] = v;
	}
	return out;
}

/**
 * Finds hashes whose keys are all integers ("0","1",...) at the given paths: the sign of a
 * `[0]`-indexed multipart field where Chatwoot expects an array.
 * @param {any} v
 */
function isIndexHash(v) {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
	const keys = Object.keys(v);
	return keys.length > 0 && keys.every((x) => /^\d+$/.test(x));
}

/** Mulberry32: small deterministic PRNG. @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Rails-ish truthiness for params ("true", "1", true). @param {any} v */
function truthy(v) {
	if (v === true) return true;
	if (typeof v === 'number') return v !== 0;
	if (typeof v === 'string') return ['true', '1', 't', 'on', 'yes'].includes(v.toLowerCase());
	return false;
}

/** Ruby-like "present?" @param {any} v */
function present(v) {
	if (v === undefined || v === null || v === false) return false;
	if (typeof v === 'string') return v.trim() !== '';
	if (Array.isArray(v)) return v.length > 0;
	if (typeof v === 'object') return Object.keys(v).length > 0;
	return true;
}

/** A Ruby Hash as Rails sees it: an object, not an array. @param {any} v */
function isHash(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

module.exports = {
	isHash,
	parseNested,
	parseQuery,
	flatFields,
	normalizeParams,
	isIndexHash,
	prng,
	truthy,
	present,
};
