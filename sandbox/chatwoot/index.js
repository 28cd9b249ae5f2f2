// @ts-check
/// <reference path="./modules.d.ts" />
'use strict';

/**
 * Chatwoot sandbox: an in-memory HTTP double of the Chatwoot account API that checks every request
 * against Chatwoot's OpenAPI spec and the rules in ../shared/chatwoot/NOTES.md (beside the checkout),
 * and sends Chatwoot's webhooks for what happens through it. See sandbox/chatwoot/README.md.
 */

const http = require('http');
const { URL } = require('url');
const {
	buildSeed,
	USER_TOKEN,
	BOT_TOKEN,
	ACCOUNT_ID,
	AGENT_BOT_SECRET,
	API_INBOX_SECRET,
} = require('./seed');
const { SpecIndex } = require('./spec');
const { settleDelivery } = require('./messages');
const { parseQuery, prng } = require('./params');
const { normalizeFaults, pickFault } = require('./faults');
const { redactHeaders, safeJson } = require('./requestBody');
const { createApiHandler } = require('./apiHandler');
const { handleControl } = require('./control');
const { createWebhookSender, DEFAULTS: WEBHOOK_DEFAULTS } = require('./webhookSender');
const { createWebhookEvents } = require('./webhookEvents');
const { createCustomer } = require('./customer');

const MAX_LOG = 50000;

/**
 * @typedef {import('./faults').Faults} Faults
 * @typedef {import('./webhookSender').WebhookOptions} WebhookOptions
 * @typedef {import('./webhookSender').WebhookDelivery} WebhookDelivery
 * @typedef {import('./customer').CustomerMessage} CustomerMessage
 * @typedef {import('./customer').CustomerAttachment} CustomerAttachment
 * @typedef {import('./customer').WidgetVisit} WidgetVisit
 * @typedef {{ port?: number, host?: string, specPath?: string, latencyMs?: number, jitterMs?: number, faults?: Faults, seed?: number, quiet?: boolean, webhooks?: WebhookOptions, logWebhookFailures?: boolean }} SandboxOptions
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
	const getState = () => S;
	const logWebhooks = options.logWebhookFailures ?? !quiet;
	const sender = createWebhookSender({
		log: (line) => (logWebhooks ? console.log(line) : undefined),
		options: options.webhooks,
	});
	const events = createWebhookEvents({ getState, sender });
	const handleApi = createApiHandler({ spec, getState, host });

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
		sender.reset();
		sender.setOptions({ ...WEBHOOK_DEFAULTS, ...(options.webhooks || {}) });
		api.state = S;
	}

	function stateSummary() {
		const hooks = sender.records;
		return {
			accounts: S.accounts.length,
			inboxes: S.inboxes.length,
			contacts: S.contacts.length,
			conversations: S.conversations.length,
			messages: S.messages.size,
			webhooks: S.webhooks.length,
			deliveries: S.deliveries.length,
			delivered: S.deliveries.filter((/** @type {any} */ d) => d.delivered).length,
			webhookDeliveries: hooks.length,
			webhookFailures: hooks.filter((d) => !['delivered', 'pending'].includes(d.outcome)).length,
			requests: requests.length,
			violations: violations.length,
			lastSeq: seq,
			faults,
			webhookOptions: sender.options,
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
			fault = pickFault(faults, faultRand());
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

		if (url.pathname.startsWith('/__sandbox')) {
			const out = await handleControl(controlTarget, req, url, raw);
			return send(res, out.status, out.body);
		}

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
		// what was stored fires its webhooks whatever happens to the answer (after_commit)
		events.dispatch(/** @type {any} */ (out.events || []));
		for (const d of out.deliveries || []) {
			settleDelivery(S, d);
			const failed = d.failAfterResponse && S.messages.get(d.message_id);
			if (failed) events.messageUpdated(failed);
		}
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
	const customer = createCustomer({ getState, baseUrl: url, events });

	/** @type {import('./control').ControlTarget} */
	const controlTarget = {
		requests: () => requests,
		violations: () => violations,
		deliveries: () => S.deliveries.map(publicDelivery),
		summary: stateSummary,
		reset,
		setFaults,
		webhookDeliveries: () => sender.records,
		webhooksSettled: sender.settled,
		setWebhookOptions: sender.setOptions,
		webhookOptions: () => sender.options,
		setAgentBotUrl: events.setAgentBotUrl,
		setApiInboxWebhookUrl: events.setApiInboxWebhookUrl,
		customerWrites: customer.customerWrites,
		widgetOpened: customer.widgetOpened,
	};

	const api = {
		url,
		port: addr.port,
		userToken: USER_TOKEN,
		botToken: BOT_TOKEN,
		accountId: ACCOUNT_ID,
		/** The secret the agent bot's webhooks are signed with. */
		agentBotSecret: AGENT_BOT_SECRET,
		/** The secret API inbox 1's callback webhooks are signed with. */
		apiInboxSecret: API_INBOX_SECRET,
		get requests() {
			return requests;
		},
		get violations() {
			return violations;
		},
		get deliveries() {
			return S.deliveries;
		},
		/** Every webhook delivery attempt, oldest first (live). @returns {WebhookDelivery[]} */
		get webhookDeliveries() {
			return sender.records;
		},
		/** @returns {Required<WebhookOptions>} */
		get webhookOptions() {
			return sender.options;
		},
		/** @type {any} */
		state: S,
		summary: stateSummary,
		reset,
		setFaults,
		/** Changes how webhooks are sent (kept until reset). @param {WebhookOptions} o */
		setWebhookOptions: (o) => sender.setOptions(o),
		/** Resolves once no webhook delivery is in flight (agent-bot retries included). */
		webhooksSettled: () => sender.settled(),
		/** Points the agent bot (inboxes 1 and 2) at a URL; null stops its webhooks. */
		setAgentBotUrl: events.setAgentBotUrl,
		/** Sets an API inbox's callback URL; null clears it. */
		setApiInboxWebhookUrl: events.setApiInboxWebhookUrl,
		/** The conversation's contact writes in. @param {number} conversationId @param {CustomerMessage} [message] */
		customerWrites: (conversationId, message) => customer.customerWrites(conversationId, message),
		/** A visitor opens the website widget (inbox 4 unless said). @param {WidgetVisit} [visit] */
		widgetOpened: (visit) => customer.widgetOpened(visit),
		get faults() {
			return faults;
		},
		specLoaded: spec.enabled,
		close() {
			sender.reset();
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

module.exports = { startSandbox, USER_TOKEN, BOT_TOKEN, ACCOUNT_ID };
