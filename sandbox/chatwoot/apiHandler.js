// @ts-check
'use strict';

/**
 * One Chatwoot API request, after the server read it: body, token placement, route, auth, spec
 * validation, then the route's handler. Returns the answer, the messages to send and the events the
 * handler announced (the server fires their webhooks once the answer is settled).
 */

const { matchRoute, NOT_FOUND } = require('./routes');
const { HttpError } = require('./messages');
const { checkTokenPlacement, readBody, stripFiles } = require('./requestBody');

/**
 * @typedef {{status: number, body: any, headers?: Record<string,string>, deliveries?: any[], events?: Array<[string, any[]]>}} ApiAnswer
 */

/**
 * @param {{ spec: import('./spec').SpecIndex, getState: () => any, host: string }} setup
 */
function createApiHandler(setup) {
	const { spec, host } = setup;

	/**
	 * @param {any} S @param {string} tokenKind @param {any} match
	 * @returns {ApiAnswer | null} the refusal, or null when the token may call this route
	 */
	function refuse(S, tokenKind, match) {
		if (tokenKind === 'none')
			return {
				status: 401,
				body: { errors: ['You need to sign in or sign up before continuing.'] },
			};
		if (tokenKind === 'invalid') return { status: 401, body: { error: 'Invalid Access Token' } };
		if (tokenKind === 'bot' && !match.route.bot)
			return { status: 401, body: { error: 'Access to this endpoint is not authorized for bots' } };
		if (match.params.account_id === undefined) return null;
		const accId = Number(match.params.account_id);
		const account = S.accounts.find((/** @type {any} */ a) => a.id === accId);
		if (!account) return { status: 404, body: NOT_FOUND };
		const allowed =
			tokenKind === 'user'
				? S.user.accounts.some((/** @type {any} */ a) => a.id === accId)
				: S.bot.account_id === accId;
		return allowed
			? null
			: { status: 401, body: { error: 'You are not authorized to access this account' } };
	}

	/**
	 * @param {import('http').IncomingMessage} req @param {URL} url @param {Buffer} raw @param {any} entry
	 * @param {(rule: string, message: string) => void} violate @param {boolean} isApi
	 * @returns {Promise<ApiAnswer>}
	 */
	async function handleApi(req, url, raw, entry, violate, isApi) {
		const S = setup.getState();
		const method = req.method || 'GET';
		const read = await readBody(req, raw, entry, violate);
		if ('error' in read) return read.error;
		const { bodyKind, params, files } = read;
		checkTokenPlacement(req, url, bodyKind, params, violate);

		const match = matchRoute(method, url.pathname);
		const specOp = spec.enabled && isApi ? spec.findOperation(method, url.pathname) : null;
		if (spec.enabled && isApi && !specOp)
			violate(
				'spec:unknown-operation',
				`${method} ${url.pathname} is not an operation of the Chatwoot spec`,
			);
		if (!match || 'methodMismatch' in match) return { status: 404, body: NOT_FOUND };

		const tokenKind = entry.tokenKind;
		const refusal = refuse(S, tokenKind, match);
		if (refusal) return refusal;

		if (specOp && specOp.op) {
			for (const m of spec.validateQuery(specOp, entry.query)) violate('spec:query', m);
			if (bodyKind !== 'none') {
				const vb = bodyKind === 'json' ? params : stripFiles(params);
				for (const m of spec.validateBody(specOp, bodyKind === 'json' ? 'json' : 'multipart', vb))
					violate('spec:request-body', m);
			} else if (specOp.op.requestBody?.required && ['POST', 'PUT', 'PATCH'].includes(method)) {
				violate('spec:request-body', 'request body is required by the spec but none was sent');
			}
		}

		/** @type {Array<[string, any[]]>} */
		const events = [];
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
			emit: (/** @type {string} */ name, /** @type {any[]} */ ...args) => events.push([name, args]),
		};
		try {
			const r = match.route.handler(ctx, match.params);
			return {
				status: r.status,
				body: r.body,
				headers: r.headers,
				deliveries: ctx.pendingDeliveries,
				events,
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

	return handleApi;
}

module.exports = { createApiHandler };
