// @ts-check
/// <reference path="./modules.d.ts" />
'use strict';

/**
 * Chatwoot sandbox: an in-memory HTTP double of the Chatwoot account API that checks every request
 * against Chatwoot's OpenAPI spec and the rules in ../shared/chatwoot/NOTES.md (beside the checkout).
 * See sandbox/chatwoot/README.md.
 */

const http = require('http');
const { URL } = require('url');
const Busboy = require('busboy');
const { buildSeed, USER_TOKEN, BOT_TOKEN, ACCOUNT_ID } = require('./seed');
const { SpecIndex } = require('./spec');
const { matchRoute, NOT_FOUND } = require('./routes');
const { HttpError, settleDelivery, sha256 } = require('./messages');
const { parseQuery, parseNested, flatFields, prng } = require('./params');

const MAX_LOG = 50000;

/**
 * @typedef {{ latencyMs?: number, jitterMs?: number, rates?: { status429?: number, status500?: number, status503?: number, resetBeforeRead?: number, resetAfterWrite?: number, storeThen500?: number }, retryAfterSeconds?: number|null, seed?: number }} Faults
 * @typedef {{ port?: number, host?: string, specPath?: string, latencyMs?: number, jitterMs?: number, faults?: Faults, seed?: number, quiet?: boolean }} SandboxOptions
 *
 * One request as recorded (`sb.requests`, GET /__sandbox/requests); `status` is null for a reset.
 * @typedef {{ seq: number, at: number, method: string, path: string, query: Record<string, any>, headers: Record<string, string>, tokenKind: 'user' | 'bot' | 'invalid' | 'none', contentType?: string, body: any, status: number | null, violations: string[], fault?: string }} RecordedRequest
 *
 * A rule a request broke: the spec's (`spec:…`) or NOTES' (`notes:…`).
 * @typedef {{ seq: number, method: string, path: string, rule: string, message: string }} Violation
 *
 * A running sandbox, as startSandbox resolves it.
 * @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox
 */

/** @param {Faults|undefined} f @param {SandboxOptions} base */
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

/** @param {SandboxOptions} [options] */
async function startSandbox(options = {}) {
	const host = options.host || '127.0.0.1';
	const quiet = !!options.quiet;
	const log = (/** @type {string} */ s) => {
		if (!quiet) console.log(s);
	};
	const spec = new SpecIndex({
		specPath: options.specPath,
		log: (s) => (quiet ? undefined : console.warn(s)),
	});

	let S = buildSeed();
	/** @type {RecordedRequest[]} */
	let requests = [];
	/** @type {Violation[]} */
	let violations = [];
	let seq = 0;
	let faults = normalizeFaults(options.faults, options);
	let faultRand = prng(faults.seed);
	let jitterRand = prng(faults.seed ^ 0x9e3779b9);
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();

	/** @param {Faults} f */
	function setFaults(f) {
		faults = normalizeFaults(f, {});
		faultRand = prng(faults.seed);
		jitterRand = prng(faults.seed ^ 0x9e3779b9);
		return faults;
	}

	function reset() {
		S = buildSeed();
		requests = [];
		violations = [];
		seq = 0;
		setFaults({
			...faults,
			rates: {},
			latencyMs: options.latencyMs || 0,
			jitterMs: options.jitterMs || 0,
		});
		api.state = S;
	}

	function stateSummary() {
		return {
			accounts: S.accounts.length,
			inboxes: S.inboxes.length,
			contacts: S.contacts.length,
			conversations: S.conversations.length,
			messages: S.messages.size,
			webhooks: S.webhooks.length,
			deliveries: S.deliveries.length,
			delivered: S.deliveries.filter((/** @type {any} */ d) => d.delivered).length,
			requests: requests.length,
			violations: violations.length,
			lastSeq: seq,
			faults,
			specLoaded: spec.enabled,
		};
	}

	/** @param {any} entry */
	function record(entry) {
		requests.push(entry);
		if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
		for (const v of entry.violationEntries || []) violations.push(v);
		if (violations.length > MAX_LOG) violations.splice(0, violations.length - MAX_LOG);
		delete entry.violationEntries;
	}

	/**
	 * @param {http.ServerResponse} res @param {number} status @param {any} body @param {Record<string,string>} [headers]
	 */
	function send(res, status, body, headers = {}) {
		let payload = '';
		let ct = 'application/json; charset=utf-8';
		if (typeof body === 'string' && headers['content-type']) {
			payload = body;
			ct = headers['content-type'];
		} else if (body !== undefined) {
			payload = JSON.stringify(body);
		}
		res.writeHead(status, {
			'content-type': ct,
			'content-length': Buffer.byteLength(payload),
			...headers,
		});
		res.end(payload);
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url @param {Buffer} raw */
	function handleControl(req, res, url, raw) {
		const p = url.pathname.replace(/^\/__sandbox\/?/, '');
		if (req.method === 'GET' && p === 'requests') {
			const since = Number(url.searchParams.get('since') || 0);
			return send(res, 200, since ? requests.filter((r) => r.seq > since) : requests);
		}
		if (req.method === 'GET' && p === 'violations') {
			const since = Number(url.searchParams.get('since') || 0);
			return send(res, 200, since ? violations.filter((r) => r.seq > since) : violations);
		}
		if (req.method === 'GET' && p === 'deliveries')
			return send(res, 200, S.deliveries.map(publicDelivery));
		if (req.method === 'GET' && p === 'state') return send(res, 200, stateSummary());
		if (req.method === 'POST' && p === 'reset') {
			reset();
			return send(res, 200, { ok: true });
		}
		if (req.method === 'POST' && p === 'faults') {
			let body = {};
			try {
				body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
			} catch {
				return send(res, 400, { error: 'faults body must be JSON' });
			}
			return send(res, 200, { ok: true, faults: setFaults(body) });
		}
		return send(res, 404, {
			error: 'unknown sandbox control endpoint',
			endpoints: [
				'GET requests',
				'GET violations',
				'GET deliveries',
				'GET state',
				'POST reset',
				'POST faults',
			],
		});
	}

	/**
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
	 */
	async function onRequest(req, res) {
		const url = new URL(req.url || '/', 'http://sandbox.local');
		const isApi =
			url.pathname.startsWith('/api/') ||
			url.pathname.startsWith('/public/') ||
			url.pathname.startsWith('/platform/');

		// ---- faults before reading (only /api/ paths)
		let fault = null;
		if (url.pathname.startsWith('/api/')) {
			const r = faultRand();
			const rates = faults.rates;
			let acc = 0;
			for (const [name, rate] of /** @type {Array<[string, number]>} */ ([
				['resetBeforeRead', rates.resetBeforeRead],
				['status429', rates.status429],
				['status500', rates.status500],
				['status503', rates.status503],
				['resetAfterWrite', rates.resetAfterWrite],
				['storeThen500', rates.storeThen500],
			])) {
				acc += rate;
				if (rate > 0 && r < acc) {
					fault = name;
					break;
				}
			}
			const delay =
				faults.latencyMs + (faults.jitterMs ? Math.floor(jitterRand() * faults.jitterMs) : 0);
			if (fault === 'resetBeforeRead') {
				const entry = baseEntry(req, url, null);
				entry.status = null;
				entry.fault = fault;
				record(entry);
				req.socket.destroy();
				return;
			}
			if (delay > 0) await new Promise((r2) => setTimeout(r2, delay));
		}

		/** @type {Buffer[]} */
		const chunks = [];
		for await (const c of req) chunks.push(/** @type {Buffer} */ (c));
		const raw = Buffer.concat(chunks);

		if (url.pathname.startsWith('/__sandbox')) return handleControl(req, res, url, raw);

		const entry = baseEntry(req, url, null);
		/** @type {Violation[]} */
		const vEntries = [];
		entry.violationEntries = vEntries;
		const violate = (/** @type {string} */ rule, /** @type {string} */ message) => {
			entry.violations.push(`${rule}: ${message}`);
			vEntries.push({ seq: entry.seq, method: entry.method, path: entry.path, rule, message });
		};

		if (fault === 'status429' || fault === 'status500' || fault === 'status503') {
			entry.fault = fault;
			entry.body = safeJson(raw);
			if (fault === 'status429') {
				/** @type {Record<string,string>} */
				const h = { 'content-type': 'text/plain; charset=utf-8' };
				if (faults.retryAfterSeconds !== null && faults.retryAfterSeconds !== undefined)
					h['retry-after'] = String(faults.retryAfterSeconds);
				entry.status = 429;
				record(entry);
				return send(res, 429, 'Retry later', h);
			}
			entry.status = fault === 'status500' ? 500 : 503;
			record(entry);
			if (fault === 'status500')
				return send(res, 500, { status: 500, error: 'Internal Server Error' });
			return send(
				res,
				503,
				'<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
				{ 'content-type': 'text/html' },
			);
		}

		// storeThen500 only hits requests that store something; a GET drawn into it is answered.
		if (fault === 'storeThen500' && entry.method === 'GET') fault = null;
		const out = await handleApi(req, url, raw, entry, violate, isApi);
		entry.status = out.status;
		if (fault === 'resetAfterWrite' || fault === 'storeThen500') entry.fault = fault;
		record(entry);
		for (const d of out.deliveries || []) settleDelivery(S, d);
		if (fault === 'resetAfterWrite') {
			req.socket.destroy();
			return;
		}
		if (fault === 'storeThen500')
			return send(res, 500, { status: 500, error: 'Internal Server Error' });
		send(res, out.status, out.body, out.headers);
	}

	/** @param {http.IncomingMessage} req @param {URL} url @param {any} body */
	function baseEntry(req, url, body) {
		const headers = redactHeaders(req.headers);
		const hasUnderscore = typeof req.headers['api_access_token'] === 'string';
		const hasHyphen = typeof req.headers['api-access-token'] === 'string';
		const token = /** @type {string|undefined} */ (
			hasUnderscore
				? req.headers['api_access_token']
				: hasHyphen
					? req.headers['api-access-token']
					: undefined
		);
		const tokenKind =
			token === undefined || token === ''
				? 'none'
				: token === USER_TOKEN
					? 'user'
					: token === BOT_TOKEN
						? 'bot'
						: 'invalid';
		return {
			seq: ++seq,
			at: Date.now(),
			method: req.method || 'GET',
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers,
			tokenKind,
			contentType: req.headers['content-type'] || null,
			body,
			status: /** @type {number|null} */ (0),
			violations: /** @type {string[]} */ ([]),
			/** @type {string|undefined} */
			fault: undefined,
			/** @type {any} */
			violationEntries: undefined,
		};
	}

	/**
	 * @param {http.IncomingMessage} req @param {URL} url @param {Buffer} raw @param {any} entry
	 * @param {(rule: string, message: string) => void} violate @param {boolean} isApi
	 * @returns {Promise<{status: number, body: any, headers?: Record<string,string>, deliveries?: any[]}>}
	 */
	async function handleApi(req, url, raw, entry, violate, isApi) {
		const method = req.method || 'GET';
		const ctype = String(req.headers['content-type'] || '').toLowerCase();

		// ---- body
		let bodyKind = 'none';
		/** @type {any} */
		let params = {};
		/** @type {any[]} */
		let files = [];
		const declared = req.headers['content-length'];
		if (declared !== undefined && Number(declared) !== raw.length) {
			violate(
				'notes:content-length',
				`Content-Length ${declared} does not match the ${raw.length} bytes received`,
			);
		}
		if (raw.length) {
			if (ctype.startsWith('multipart/form-data')) {
				bodyKind = 'multipart';
				try {
					const mp = await parseMultipart(raw, /** @type {string} */ (req.headers['content-type']));
					files = mp.files;
					params = parseNested(mp.pairs);
					entry.body = { fields: flatFields(mp.pairs), files };
				} catch (e) {
					violate(
						'body:multipart',
						`unparsable multipart body: ${/** @type {Error} */ (e).message}`,
					);
					entry.body = { raw: raw.toString('utf8').slice(0, 2000) };
					return { status: 400, body: { status: 400, error: 'Bad Request' } };
				}
			} else if (ctype.startsWith('application/x-www-form-urlencoded')) {
				bodyKind = 'form';
				const pairs = [...new URLSearchParams(raw.toString('utf8')).entries()];
				params = parseNested(pairs);
				entry.body = { fields: flatFields(pairs), files: [] };
			} else {
				bodyKind = 'json';
				try {
					params = JSON.parse(raw.toString('utf8'));
					entry.body = params;
				} catch {
					entry.body = raw.toString('utf8').slice(0, 2000);
					violate('body:invalid-json', 'request body is not valid JSON');
					return { status: 400, body: { status: 400, error: 'Bad Request' } };
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
			}
		}

		// token sent in the wrong place
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
		if (
			bodyKind !== 'none' &&
			params &&
			typeof params === 'object' &&
			'api_access_token' in params
		) {
			violate('auth:header-form', 'token sent in the request body: Chatwoot only reads the header');
		}

		// ---- routing
		const match = matchRoute(method, url.pathname);
		const specOp = spec.enabled && isApi ? spec.findOperation(method, url.pathname) : null;
		if (spec.enabled && isApi && !specOp)
			violate(
				'spec:unknown-operation',
				`${method} ${url.pathname} is not an operation of the Chatwoot spec`,
			);
		if (!match || 'methodMismatch' in match) {
			return { status: 404, body: NOT_FOUND };
		}

		// ---- auth
		const tokenKind = entry.tokenKind;
		if (tokenKind === 'none')
			return {
				status: 401,
				body: { errors: ['You need to sign in or sign up before continuing.'] },
			};
		if (tokenKind === 'invalid') return { status: 401, body: { error: 'Invalid Access Token' } };
		if (tokenKind === 'bot' && !match.route.bot)
			return { status: 401, body: { error: 'Access to this endpoint is not authorized for bots' } };
		if (match.params.account_id !== undefined) {
			const accId = Number(match.params.account_id);
			const account = S.accounts.find((/** @type {any} */ a) => a.id === accId);
			if (!account) return { status: 404, body: NOT_FOUND };
			const allowed =
				tokenKind === 'user'
					? S.user.accounts.some((/** @type {any} */ a) => a.id === accId)
					: S.bot.account_id === accId;
			if (!allowed)
				return { status: 401, body: { error: 'You are not authorized to access this account' } };
		}

		// ---- spec validation
		if (specOp && specOp.op) {
			const qErr = spec.validateQuery(specOp, entry.query);
			for (const m of qErr) violate('spec:query', m);
			if (bodyKind !== 'none') {
				const vb = bodyKind === 'json' ? params : stripFiles(params);
				for (const m of spec.validateBody(specOp, bodyKind === 'json' ? 'json' : 'multipart', vb))
					violate('spec:request-body', m);
			} else if (specOp.op.requestBody?.required && ['POST', 'PUT', 'PATCH'].includes(method)) {
				violate('spec:request-body', 'request body is required by the spec but none was sent');
			}
		}

		// ---- handler
		/** @type {any} */
		const ctx = {
			S,
			tokenKind,
			baseUrl: `http://${req.headers.host || `${host}`}`,
			violate,
			bodyKind,
			body: params,
			files,
			query: entry.query,
			pendingDeliveries: [],
		};
		try {
			const r = match.route.handler(ctx, match.params);
			return {
				status: r.status,
				body: r.body,
				headers: r.headers,
				deliveries: ctx.pendingDeliveries,
			};
		} catch (e) {
			if (e instanceof HttpError) {
				if (e.rule) violate(e.rule, e.violation || JSON.stringify(e.body));
				return { status: e.status, body: e.body };
			}
			violate('sandbox:error', String(/** @type {Error} */ (e).stack || e));
			return { status: 500, body: { status: 500, error: 'Internal Server Error' } };
		}
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((e) => {
			try {
				send(res, 500, {
					status: 500,
					error: 'Internal Server Error',
					sandbox: String(e && e.message),
				});
			} catch {
				/* socket gone */
			}
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve(undefined));
	});
	const addr = /** @type {import('net').AddressInfo} */ (server.address());
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;

	const api = {
		url,
		port: addr.port,
		userToken: USER_TOKEN,
		botToken: BOT_TOKEN,
		accountId: ACCOUNT_ID,
		get requests() {
			return requests;
		},
		get violations() {
			return violations;
		},
		get deliveries() {
			return S.deliveries;
		},
		/** @type {any} */
		state: S,
		summary: stateSummary,
		reset,
		setFaults,
		get faults() {
			return faults;
		},
		specLoaded: spec.enabled,
		close() {
			return new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve(undefined));
			});
		},
	};
	log(`[sandbox] Chatwoot sandbox listening on ${url}`);
	return api;
}

/** @param {any} d */
function publicDelivery(d) {
	const { failAfterResponse, ...rest } = d;
	return rest;
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

module.exports = { startSandbox, USER_TOKEN, BOT_TOKEN, ACCOUNT_ID };
