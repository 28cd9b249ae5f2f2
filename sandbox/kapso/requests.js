// @ts-check
/// <reference path="../chatwoot/modules.d.ts" />
'use strict';

/**
 * Reading a request the way Kapso's servers do: the body (JSON, or multipart with its files
 * kept for media uploads), the key (X-API-Key, or Bearer where accepted) and the 401 each
 * surface answers, and the log entry with the key redacted.
 */

const crypto = require('crypto');
const Busboy = require('busboy');
const { ApiError, metaError, kapsoError, legacyError } = require('./errors');

/**
 * @param {Buffer} buf @param {string} contentType
 * @returns {Promise<{fields: Record<string, string>, files: Array<{field: string, filename: string, mimeType: string, size: number, data: Buffer}>}>}
 */
function parseMultipart(buf, contentType) {
	return new Promise((resolve, reject) => {
		/** @type {Record<string,string>} */
		const fields = {};
		/** @type {any[]} */
		const files = [];
		let bb;
		try {
			bb = Busboy({
				headers: { 'content-type': contentType },
				limits: { fileSize: 200 * 1024 * 1024 },
				defParamCharset: 'utf8',
			});
		} catch (e) {
			reject(e);
			return;
		}
		bb.on('field', (/** @type {string} */ name, /** @type {string} */ val) => (fields[name] = val));
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
						data,
					});
				});
			},
		);
		bb.on('error', reject);
		bb.on('close', () => resolve({ fields, files }));
		bb.end(buf);
	});
}

/**
 * The parsed body and how it is logged.
 * @param {string} contentType @param {Buffer} raw @param {(rule: string, message: string) => void} violate
 */
async function readBody(contentType, raw, violate) {
	const ct = contentType.toLowerCase();
	if (!raw.length) return { kind: 'none', body: undefined, fields: {}, files: [], logged: null };
	if (ct.startsWith('multipart/form-data')) {
		try {
			const mp = await parseMultipart(raw, contentType);
			const logged = {
				fields: mp.fields,
				files: mp.files.map(({ data, ...f }) => ({
					...f,
					sha256: crypto.createHash('sha256').update(data).digest('hex'),
				})),
			};
			return { kind: 'multipart', body: mp.fields, fields: mp.fields, files: mp.files, logged };
		} catch (e) {
			violate('body:multipart', `unparsable multipart body: ${/** @type {Error} */ (e).message}`);
			throw kapsoError(400, 'Invalid multipart body');
		}
	}
	const text = raw.toString('utf8');
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		violate('body:invalid-json', 'request body is not valid JSON');
		throw kapsoError(400, 'Invalid JSON in request body');
	}
	if (!ct.includes('json'))
		violate('body:content-type', `JSON body sent with content-type "${contentType || 'none'}"`);
	return { kind: 'json', body, fields: {}, files: [], logged: body };
}

/** @param {Record<string, any>} headers */
function redactHeaders(headers) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(headers)) {
		const lk = k.toLowerCase();
		out[lk] = lk === 'x-api-key' || lk === 'authorization' ? '<redacted>' : v;
	}
	return out;
}

const KEY_PARAMS = ['api_key', 'apikey', 'x-api-key', 'x_api_key', 'key', 'access_token', 'token'];

/**
 * Who is calling: the project of the key, or the 401 this surface answers.
 * @param {any} S @param {'meta'|'platform'|'legacy'} surface @param {import('http').IncomingHttpHeaders} headers
 * @param {URLSearchParams} search @param {any} body @param {(rule: string, message: string) => void} violate
 * @returns {{project: any, keyKind: string} | {error: ApiError, keyKind: string}}
 */
function authenticate(S, surface, headers, search, body, violate) {
	const byKey = (/** @type {string} */ k) => S.projects.find((/** @type {any} */ p) => p.key === k);
	const kindOf = (/** @type {any} */ p) => (p ? `project${S.projects.indexOf(p) + 1}` : 'invalid');
	const missing =
		surface === 'legacy'
			? legacyError(401, 'Unauthorized', 'API key is required', 'auth:missing')
			: kapsoError(401, 'API key is required', 'auth:missing');
	const wrong =
		surface === 'legacy'
			? legacyError(401, 'Unauthorized', 'Invalid API key', 'auth:invalid')
			: kapsoError(401, 'Invalid API key', 'auth:invalid');
	for (const k of KEY_PARAMS)
		if (search.has(k)) {
			violate(
				'auth:key-in-url',
				`the key was sent as the query parameter ${k}: Kapso reads only the X-API-Key header`,
			);
			return { error: missing, keyKind: 'none' };
		}
	if (
		body &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		KEY_PARAMS.some((k) => k in body)
	) {
		violate(
			'auth:key-in-body',
			'the key was sent in the request body: Kapso reads only the X-API-Key header',
		);
		return { error: missing, keyKind: 'none' };
	}
	const apiKey = headers['x-api-key'];
	if (typeof apiKey === 'string' && apiKey !== '') {
		const p = byKey(apiKey);
		return p ? { project: p, keyKind: kindOf(p) } : { error: wrong, keyKind: 'invalid' };
	}
	const authz = headers.authorization;
	const bearer = typeof authz === 'string' ? /^Bearer\s+(.+)$/i.exec(authz.trim()) : null;
	if (bearer) {
		const p = byKey(bearer[1]);
		if (surface === 'legacy') {
			violate(
				'notes:legacy-bearer',
				'the legacy API takes X-API-Key; Authorization: Bearer is only in one old guide (UNCONFIRMED)',
			);
			return { error: p ? missing : wrong, keyKind: kindOf(p) };
		}
		if (p) return { project: p, keyKind: kindOf(p) };
		if (surface === 'meta')
			return {
				error: metaError(190, 'the Bearer token is not a Kapso API key or a valid access token', {
					rule: 'auth:invalid',
				}),
				keyKind: 'invalid',
			};
		return { error: wrong, keyKind: 'invalid' };
	}
	return { error: missing, keyKind: 'none' };
}

/**
 * @param {import('http').ServerResponse} res @param {number} status @param {any} body
 * @param {Record<string,string>} [headers] @param {Buffer} [raw] bytes to send as they are
 */
function send(res, status, body, headers = {}, raw) {
	let payload = raw || Buffer.alloc(0);
	let ct = headers['content-type'] || 'application/json; charset=utf-8';
	if (!raw && typeof body === 'string' && headers['content-type']) payload = Buffer.from(body);
	else if (!raw && body !== undefined) {
		payload = Buffer.from(JSON.stringify(body));
		ct = 'application/json; charset=utf-8';
	}
	res.writeHead(status, { ...headers, 'content-type': ct, 'content-length': payload.length });
	res.end(payload);
}

module.exports = { readBody, redactHeaders, authenticate, send, ApiError };
