// @ts-check
'use strict';

/**
 * Kapso sandbox: an in-memory HTTP double of Kapso's Meta proxy, Platform API and legacy API,
 * built from ../shared/kapso/NOTES.md (beside the checkout). It records and checks every request
 * and sends signed webhooks. See sandbox/kapso/README.md.
 */

const http = require('http');
const { URL } = require('url');
const { buildSeed, API_KEY, OTHER_API_KEY, IDS } = require('./seed');
const { matchRoute, surfaceOf } = require('./routes');
const { ApiError, metaError, kapsoError, legacyError, resetTraceIds } = require('./errors');
const { readBody, redactHeaders, authenticate, send } = require('./requests');
const { normalizeFaults, createFaultPicker } = require('./faults');
const { createWebhookEngine } = require('./webhooks');
const { handleControl, setLastInbound } = require('./control');
const events = require('./events');
const { parseQuery } = require('../chatwoot/params');

const MAX_LOG = 50000;

/**
 * @typedef {import('./faults').Faults} Faults
 * @typedef {import('./webhooks').WebhookDelivery} WebhookDelivery
 * @typedef {{ port?: number, host?: string, quiet?: boolean, latencyMs?: number, faults?: Faults, windowMode?: 'sync' | 'async', webhookTimeoutMs?: number, webhookRetryDelaysMs?: number[], bufferWindowScale?: number }} KapsoSandboxOptions
 *
 * One request as recorded (`sb.requests`, GET /__sandbox/requests); `status` is null for a reset.
 * @typedef {{ seq: number, at: number, method: string, path: string, query: Record<string, any>, headers: Record<string, string>, keyKind: string, contentType: string | null, body: any, status: number | null, violations: string[], fault?: string }} KapsoRecordedRequest
 *
 * A rule a request broke (README "Rules").
 * @typedef {{ seq: number, method: string, path: string, rule: string, message: string }} KapsoViolation
 *
 * What the customer sends (`sb.customerWrites`, POST /__sandbox/customer-message).
 * @typedef {{ phone_number_id?: string, from: string, type?: 'text' | 'image' | 'button_reply' | 'list_reply' | 'button', text?: string, caption?: string, media_id?: string, reply?: { id: string, title: string, description?: string }, context_message_id?: string, profile_name?: string }} CustomerMessage
 *
 * A running sandbox, as startSandbox resolves it.
 * @typedef {Awaited<ReturnType<typeof startSandbox>>} KapsoSandbox
 */

/** @param {string} surface @param {string} path */
function notFound(surface, path) {
	if (surface === 'legacy')
		return legacyError(404, 'Not found', `No route matches ${path}`, 'route:unknown');
	return kapsoError(404, 'Not found', 'route:unknown');
}

/** The answer of a fault that replaces the handler. @param {{name: string, code?: number}} fault @param {string} surface @param {any} faults */
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
				'x-ratelimit-limit': '100',
				'x-ratelimit-remaining': '0',
			},
		};
	if (fault.name === 'status409') {
		const error = 'Another message for this conversation is still being processed. Retry shortly.';
		return {
			status: 409,
			body: surface === 'legacy' ? { error: 'Conflict', message: error } : { error },
		};
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

/** @param {KapsoSandboxOptions} [options] */
async function startSandbox(options = {}) {
	const host = options.host || '127.0.0.1';
	const quiet = !!options.quiet;
	let S = buildSeed();
	/** @type {KapsoRecordedRequest[]} */
	let requests = [];
	/** @type {KapsoViolation[]} */
	let violations = [];
	let seq = 0;
	let faults = normalizeFaults(options.faults, options);
	let pickFault = createFaultPicker(faults);
	/** @type {Set<import('net').Socket>} */
	const sockets = new Set();
	/** Violations found outside a request (webhook engine, control calls) carry seq 0. */
	const violateOutside = (/** @type {string} */ rule, /** @type {string} */ message) =>
		violations.push({ seq: 0, method: '-', path: '-', rule, message });
	const engine = createWebhookEngine({
		getState: () => S,
		timeoutMs: () => faults.webhookTimeoutMs,
		retryDelaysMs: () => faults.webhookRetryDelaysMs,
		bufferScale: options.bufferWindowScale ?? 1,
		violate: violateOutside,
	});

	/** @param {Faults} f */
	function setFaults(f) {
		faults = normalizeFaults(f, options);
		pickFault = createFaultPicker(faults);
		return faults;
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function onRequest(req, res) {
		const url = new URL(req.url || '/', 'http://sandbox.local');
		const method = req.method || 'GET';
		/** @type {Buffer[]} */
		const chunks = [];
		if (url.pathname.startsWith('/__sandbox')) {
			for await (const c of req) chunks.push(/** @type {Buffer} */ (c));
			const out = await handleControl(api, method, url, Buffer.concat(chunks));
			return send(res, out.status, out.body);
		}
		const surface = surfaceOf(url.pathname) || 'platform';
		const fault = pickFault(method, url.pathname);
		/** @type {KapsoRecordedRequest} */
		const entry = {
			seq: ++seq,
			at: Date.now(),
			method,
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers: redactHeaders(req.headers),
			keyKind: 'none',
			contentType: req.headers['content-type'] || null,
			body: null,
			status: 0,
			violations: [],
		};
		if (fault) entry.fault = fault.name;
		const violate = (/** @type {string} */ rule, /** @type {string} */ message) => {
			entry.violations.push(`${rule}: ${message}`);
			violations.push({ seq: entry.seq, method, path: entry.path, rule, message });
		};
		const record = () => {
			requests.push(entry);
			if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
			if (violations.length > MAX_LOG) violations.splice(0, violations.length - MAX_LOG);
		};
		if (fault && fault.name === 'resetBeforeRead') {
			entry.status = null;
			record();
			req.socket.destroy();
			return;
		}
		if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
		for await (const c of req) chunks.push(/** @type {Buffer} */ (c));
		const raw = Buffer.concat(chunks);

		/** @type {{status: number, body?: any, headers?: Record<string,string>, raw?: Buffer}} */
		let out;
		/** @type {Array<[string, string, any]>} */
		const pending = [];
		try {
			out = await handle(req, url, raw, entry, violate, surface, fault, pending);
		} catch (e) {
			if (!(e instanceof ApiError)) {
				violate('sandbox:error', String(/** @type {Error} */ (e).stack || e));
				out = { status: 500, body: { error: 'Internal server error' } };
			} else {
				if (e.rule) violate(e.rule, e.violation || JSON.stringify(e.body));
				out = { status: e.status, body: e.body };
			}
			pending.length = 0;
		}
		entry.status = out.status;
		record();
		for (const [pn, event, payload] of pending) engine.emit(pn, event, payload);
		if (fault && fault.name === 'acceptThenReset' && out.status < 400) {
			entry.status = null;
			req.socket.destroy();
			return;
		}
		if (fault && fault.name === 'acceptThen500' && out.status < 400)
			return send(res, 500, { error: 'Internal server error' });
		send(res, out.status, out.body, out.headers, out.raw);
	}

	/**
	 * @param {http.IncomingMessage} req @param {URL} url @param {Buffer} raw @param {KapsoRecordedRequest} entry
	 * @param {(rule: string, message: string) => void} violate @param {'meta'|'platform'|'legacy'} surface
	 * @param {{name: string, code?: number} | null} fault @param {Array<[string, string, any]>} pending events to send once answered
	 */
	async function handle(req, url, raw, entry, violate, surface, fault, pending) {
		const method = req.method || 'GET';
		const parsed = await readBody(String(req.headers['content-type'] || ''), raw, violate).catch(
			(e) => {
				entry.body = raw.toString('utf8').slice(0, 2000);
				throw e;
			},
		);
		entry.body = parsed.logged;
		const match = matchRoute(method, url.pathname);
		if (!match || 'methodMismatch' in match) {
			violate('route:unknown', `${method} ${url.pathname} is not a route Kapso documents`);
			throw notFound(surface, url.pathname);
		}
		const { route, params } = match;
		/** @type {any} */
		let project = null;
		if (!route.open) {
			const auth = authenticate(
				S,
				route.surface,
				req.headers,
				url.searchParams,
				parsed.body,
				violate,
			);
			entry.keyKind = auth.keyKind;
			if ('error' in auth) throw auth.error;
			project = auth.project;
		}
		if (params.version !== undefined) {
			if (!/^v\d+\.\d+$/.test(params.version)) throw notFound('meta', url.pathname);
			if (params.version !== 'v24.0')
				violate('notes:graph-version', `Graph ${params.version}: the project targets v24.0`);
		}
		if (fault && !['acceptThenReset', 'acceptThen500', 'acceptThenFail'].includes(fault.name))
			return faultAnswer(fault, route.surface, faults);
		const ctx = {
			S,
			project,
			query: entry.query,
			body: parsed.body,
			bodyKind: parsed.kind,
			fields: parsed.fields,
			files: parsed.files,
			violate,
			selfUrl: new URL(req.url || '/', `http://${req.headers.host || 'sandbox.local'}`),
			emit: (/** @type {string} */ pn, /** @type {string} */ event, /** @type {any} */ payload) =>
				pending.push([pn, event, payload]),
			windowMode: faults.windowMode,
			failAfterAccept:
				fault && fault.name === 'acceptThenFail' ? fault.code || faults.failCode : undefined,
			webhooks: engine,
		};
		return await route.handler(ctx, params);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((e) => {
			try {
				send(res, 500, { error: 'Internal server error', sandbox: String(e && e.message) });
			} catch {
				/* the socket is gone */
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
	const prepare = (/** @type {any} */ s) =>
		Object.assign(s, { baseUrl: url, now: () => Date.now() });
	prepare(S);
	const emitNow = (
		/** @type {string} */ pn,
		/** @type {string} */ event,
		/** @type {any} */ payload,
	) => engine.emit(pn, event, payload);

	const api = {
		url,
		port: addr.port,
		apiKey: API_KEY,
		otherApiKey: OTHER_API_KEY,
		ids: IDS,
		/** @returns {KapsoRecordedRequest[]} */
		get requests() {
			return requests;
		},
		/** @returns {KapsoViolation[]} */
		get violations() {
			return violations;
		},
		/** @returns {WebhookDelivery[]} */
		get webhookDeliveries() {
			return engine.deliveries;
		},
		/** @returns {any} the in-memory data */
		get state() {
			return S;
		},
		get faults() {
			return faults;
		},
		setFaults,
		reset() {
			engine.reset();
			S = prepare(buildSeed());
			requests = [];
			violations = [];
			seq = 0;
			resetTraceIds();
			setFaults(options.faults || {});
		},
		/** The customer writes to a number; its webhooks go out. @param {CustomerMessage} body */
		customerWrites(body) {
			return events.customerWrites(S, emitNow, body);
		},
		/** @param {string} wamid @param {'delivered'|'read'|'failed'} status @param {number} [errorCode] */
		setMessageStatus(wamid, status, errorCode) {
			if (!['delivered', 'read', 'failed'].includes(status))
				throw new Error('status must be delivered, read or failed');
			const m = S.messages.find((/** @type {any} */ x) => x.wamid === wamid);
			if (!m) throw new Error(`unknown message ${wamid}`);
			return events.setMessageStatus(S, emitNow, m, status, errorCode);
		},
		/** @param {string} conversationId @param {number} hoursAgo */
		setLastInbound(conversationId, hoursAgo) {
			setLastInbound(S, conversationId, hoursAgo);
		},
		flushWebhookBuffers() {
			engine.flushAll();
		},
		/** Resolves once no delivery is pending, buffered or waiting to retry. @param {{timeoutMs?: number}} [o] */
		webhooksSettled(o) {
			return engine.settled(o);
		},
		summary() {
			return {
				phoneNumbers: S.phoneNumbers.length,
				conversations: S.conversations.length,
				messages: S.messages.length,
				templates: S.templates.length,
				webhooks: S.webhooks.length,
				webhookDeliveries: engine.deliveries.length,
				requests: requests.length,
				violations: violations.length,
				lastSeq: seq,
				faults,
			};
		},
		close() {
			engine.reset();
			return new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve(undefined));
			});
		},
	};
	if (!quiet) console.log(`[sandbox] Kapso sandbox listening on ${url}`);
	return api;
}

module.exports = { startSandbox, API_KEY, OTHER_API_KEY, IDS };
