// @ts-check
'use strict';

/**
 * Kapso sandbox: an in-memory HTTP double of Kapso's Meta proxy, Platform API and legacy API,
 * built from ../shared/kapso/NOTES.md (beside the checkout). It records and checks every request
 * and sends signed webhooks. See sandbox/kapso/README.md.
 */

const { listen } = require('../common/http');
const { URL } = require('url');
const { buildSeed, API_KEY, OTHER_API_KEY, IDS } = require('./seed');
const { matchRoute, surfaceOf } = require('./routes');
const { ApiError, resetTraceIds } = require('./errors');
const { readBody, redactHeaders, redactKeyParams, authenticate, send } = require('./requests');
const { normalizeFaults, createFaultPicker, createRateLimiter, faultAnswer } = require('./faults');
const { createWebhookEngine } = require('./webhooks');
const { handleControl, setLastInbound } = require('./control');
const events = require('./events');
const store = require('./store');
const { parseQuery } = require('../chatwoot/params');

const MAX_LOG = 50000;

/**
 * @typedef {import('./faults').Faults} Faults
 * @typedef {import('./webhooks').WebhookDelivery} WebhookDelivery
 * @typedef {{ port?: number, host?: string, quiet?: boolean, latencyMs?: number, faults?: Faults, windowMode?: 'sync' | 'async', webhookTimeoutMs?: number, webhookRetryDelaysMs?: number[], bufferWindowScale?: number, rateLimitPerMinute?: number | null }} KapsoSandboxOptions
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

/** An undocumented route. @param {string} surface @param {string} route `METHOD /path` */
function notFound(surface, route) {
	const violation = `${route} is not a route Kapso documents`;
	const body =
		surface === 'legacy'
			? { error: 'Not found', message: `No route matches ${route}` }
			: { error: 'Not found' };
	return new ApiError(404, body, 'route:unknown', violation);
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
	let takeRate = createRateLimiter(faults.rateLimitPerMinute);
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
		takeRate = createRateLimiter(faults.rateLimitPerMinute);
		return faults;
	}

	/** @param {import('http').IncomingMessage} req @param {import('http').ServerResponse} res */
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
			query: redactKeyParams(parseQuery(url.searchParams)),
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
		const key =
			req.headers['x-api-key'] || req.headers.authorization || `ip:${req.socket.remoteAddress}`;
		const rate = takeRate(String(key));
		try {
			if (rate && rate.exceeded) {
				violate(
					'kapso:rate-limit',
					`more than ${faults.rateLimitPerMinute} requests this minute with this key`,
				);
				out = faultAnswer({ name: 'status429' }, surface, faults);
			} else out = await handle(req, url, raw, entry, violate, surface, fault, pending);
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
		send(res, out.status, out.body, { ...(rate ? rate.headers : {}), ...out.headers }, out.raw);
	}

	/**
	 * @param {import('http').IncomingMessage} req @param {URL} url @param {Buffer} raw @param {KapsoRecordedRequest} entry
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
		entry.body = redactKeyParams(parsed.logged);
		const match = matchRoute(method, url.pathname);
		if (!match || 'methodMismatch' in match) throw notFound(surface, `${method} ${url.pathname}`);
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
			if (!/^v\d+\.\d+$/.test(params.version)) throw notFound('meta', `${method} ${url.pathname}`);
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

	const { url, close: closeServer } = await listen(
		onRequest,
		{ port: options.port, host },
		(res, e) =>
			send(res, 500, {
				error: 'Internal server error',
				sandbox: String(e && /** @type {Error} */ (e).message),
			}),
	);
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
		port: Number(new URL(url).port),
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
		/**
		 * The stored messages (oldest first) as the Platform API shows them, with the Kapso uuid: what
		 * was really sent, once each (GET /__sandbox/messages[?direction=outbound]).
		 * @param {string|null} [direction]
		 */
		messages(direction) {
			return S.messages
				.filter((/** @type {any} */ m) => !direction || m.direction === direction)
				.map((/** @type {any} */ m) => ({
					kapso_id: m.kapso_id,
					conversation_id: m.conversation_id,
					phone_number_id: m.phone_number_id,
					...store.metaMessage(S, m),
				}));
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
		/** The conversation has been quiet for each webhook's inactivity minutes. @param {string} conversationId */
		conversationInactive(conversationId) {
			const c = S.conversations.find((/** @type {any} */ x) => x.id === conversationId);
			if (!c) throw new Error(`unknown conversation ${conversationId}`);
			events.conversationInactive(S, emitNow, c);
		},
		/** The contact gets a new BSUID. @param {string} waId @param {string} bsuid */
		changeContactIdentity(waId, bsuid) {
			if (typeof bsuid !== 'string' || !bsuid)
				throw new Error('business_scoped_user_id is required');
			const c = S.contacts.find(
				(/** @type {any} */ x) => x.wa_id === String(waId).replace(/\D/g, ''),
			);
			if (!c) throw new Error(`unknown contact ${waId}`);
			events.contactIdentityChanged(S, emitNow, c, bsuid);
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
			return closeServer();
		},
	};
	if (!quiet) console.log(`[sandbox] Kapso sandbox listening on ${url}`);
	return api;
}

module.exports = { startSandbox, API_KEY, OTHER_API_KEY, IDS };
