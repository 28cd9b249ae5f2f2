// @ts-check
'use strict';

/**
 * Reading a request the way Rails does: JSON, form and multipart bodies into Rack-style params, and
 * the checks on where the token was sent (NOTES.md → Auth).
 */

const Busboy = require('busboy');
const { sha256 } = require('./messages');
const { parseNested, flatFields } = require('./params');

/** @param {Record<string, any>} headers */
function redactHeaders(headers) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(headers)) {
		const lk = k.toLowerCase();
		out[lk] = lk === 'api_access_token' || lk === 'api-access-token' ? '<redacted>' : v;
	}
	return out;
}

/**
 * @param {Buffer} buf @param {string} contentType
 * @returns {Promise<{pairs: Array<[string,string]>, files: any[]}>}
 */
function parseMultipart(buf, contentType) {
	return new Promise((resolve, reject) => {
		/** @type {Array<[string,string]>} */
		const pairs = [];
		/** @type {any[]} */
		const files = [];
		let bb;
		try {
			bb = Busboy({
				headers: { 'content-type': contentType },
				limits: { fieldSize: 50 * 1024 * 1024, files: 1000, fields: 100000 },
				defParamCharset: 'utf8',
			});
		} catch (e) {
			reject(e);
			return;
		}
		bb.on('field', (/** @type {string} */ name, /** @type {string} */ val) =>
			pairs.push([name, val]),
		);
		bb.on(
			'file',
			(
				/** @type {string} */ name,
				/** @type {import('stream').Readable} */ stream,
				/** @type {{filename: string, mimeType: string}} */ info,
			) => {
				/** @type {Buffer[]} */
				const chunks = [];
				stream.on('data', (/** @type {Buffer} */ c) => chunks.push(c));
				stream.on('end', () => {
					const data = Buffer.concat(chunks);
					files.push({
						field: name,
						filename: info.filename || '',
						mimeType: info.mimeType || 'application/octet-stream',
						size: data.length,
						sha256: sha256(data),
					});
				});
			},
		);
		bb.on('error', reject);
		bb.on('close', () => resolve({ pairs, files }));
		bb.end(buf);
	});
}

/**
 * Parses the body into params; records the logged form on `entry.body`.
 * @param {import('http').IncomingMessage} req @param {Buffer} raw @param {any} entry
 * @param {(rule: string, message: string) => void} violate
 * @returns {Promise<{bodyKind: string, params: any, files: any[]} | {error: {status: number, body: any}}>}
 */
async function readBody(req, raw, entry, violate) {
	const ctype = String(req.headers['content-type'] || '').toLowerCase();
	const declared = req.headers['content-length'];
	if (declared !== undefined && Number(declared) !== raw.length) {
		violate(
			'notes:content-length',
			`Content-Length ${declared} does not match the ${raw.length} bytes received`,
		);
	}
	if (!raw.length) return { bodyKind: 'none', params: {}, files: [] };
	const badRequest = { error: { status: 400, body: { status: 400, error: 'Bad Request' } } };
	if (ctype.startsWith('multipart/form-data')) {
		try {
			const mp = await parseMultipart(raw, /** @type {string} */ (req.headers['content-type']));
			entry.body = { fields: flatFields(mp.pairs), files: mp.files };
			return { bodyKind: 'multipart', params: parseNested(mp.pairs), files: mp.files };
		} catch (e) {
			violate('body:multipart', `unparsable multipart body: ${/** @type {Error} */ (e).message}`);
			entry.body = { raw: raw.toString('utf8').slice(0, 2000) };
			return badRequest;
		}
	}
	if (ctype.startsWith('application/x-www-form-urlencoded')) {
		const pairs = [...new URLSearchParams(raw.toString('utf8')).entries()];
		entry.body = { fields: flatFields(pairs), files: [] };
		return { bodyKind: 'form', params: parseNested(pairs), files: [] };
	}
	let params;
	try {
		params = JSON.parse(raw.toString('utf8'));
		entry.body = params;
	} catch {
		entry.body = raw.toString('utf8').slice(0, 2000);
		violate('body:invalid-json', 'request body is not valid JSON');
		return badRequest;
	}
	if (!ctype.includes('json'))
		violate(
			'body:content-type',
			`JSON body sent with content-type "${ctype || 'none'}": Rails only parses it as JSON with application/json`,
		);
	if (params === null || typeof params !== 'object' || Array.isArray(params)) {
		violate('body:not-object', 'JSON body is not an object: Rails wraps it in _json');
		params = { _json: params };
	}
	return { bodyKind: 'json', params, files: [] };
}

/**
 * Flags a token sent anywhere but the api_access_token / Api-Access-Token header.
 * @param {import('http').IncomingMessage} req @param {URL} url @param {string} bodyKind @param {any} params
 * @param {(rule: string, message: string) => void} violate
 */
function checkTokenPlacement(req, url, bodyKind, params, violate) {
	if (url.searchParams.has('api_access_token') || url.searchParams.has('access_token')) {
		violate(
			'auth:header-form',
			'token sent as a query parameter: Chatwoot only reads the api_access_token / Api-Access-Token header',
		);
	}
	const authz = req.headers['authorization'];
	if (typeof authz === 'string' && authz.trim())
		violate(
			'auth:header-form',
			'token sent in Authorization header: Chatwoot only reads the api_access_token / Api-Access-Token header',
		);
	for (const h of Object.keys(req.headers)) {
		if (
			/^(x-)?api[-_]?access[-_]?token$/i.test(h) &&
			!['api_access_token', 'api-access-token'].includes(h)
		) {
			violate(
				'auth:header-form',
				`token sent in header "${h}": use api_access_token or Api-Access-Token`,
			);
		}
	}
	if (bodyKind !== 'none' && params && typeof params === 'object' && 'api_access_token' in params) {
		violate('auth:header-form', 'token sent in the request body: Chatwoot only reads the header');
	}
}

/** @param {any} params */
function stripFiles(params) {
	const out = { ...params };
	delete out['attachments'];
	return out;
}

/** @param {Buffer} raw */
function safeJson(raw) {
	if (!raw.length) return null;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return raw.toString('utf8').slice(0, 2000);
	}
}

module.exports = { checkTokenPlacement, readBody, redactHeaders, safeJson, stripFiles };
