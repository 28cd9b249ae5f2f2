// @ts-check
'use strict';

/**
 * The error bodies Kapso answers with, by surface: Meta's Graph error on the proxy, a bare
 * `{error}` for Kapso's own checks (Platform API, proxy extensions), `{error, message}` on the
 * legacy API. A handler throws an ApiError; the server answers its status and body and records
 * its rule as a violation (when it has one).
 */

/** Titles of the Meta error codes the sandbox gives (Meta's own wording). */
const META_TITLES = {
	0: 'AuthException',
	4: 'Application request limit reached',
	100: 'Invalid parameter',
	190: 'Invalid OAuth access token - Cannot parse access token',
	368: 'Temporarily blocked for policies violations',
	80007: 'Rate limit issues',
	130429: 'Rate limit hit',
	131008: 'Required parameter is missing',
	131009: 'Parameter value is not valid',
	131026: 'Message undeliverable',
	131047: 'Re-engagement message',
	131048: 'Spam rate limit hit',
	131053: 'Media upload error',
	131056: '(Business Account, Consumer Account) pair rate limit hit',
	132000: 'Number of parameters does not match the expected number of params',
	132001: 'Template name does not exist in the translation',
	132012: 'Parameter format does not match format in the created template',
};

class ApiError extends Error {
	/**
	 * @param {number} status @param {any} body
	 * @param {string} [rule] violation rule id; none for answers that are not the caller's fault
	 * @param {string} [violation] the violation text (defaults to the body)
	 */
	constructor(status, body, rule, violation) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.rule = rule;
		this.violation = violation;
	}
}

let traceCounter = 0;
/** A fbtrace_id-like string (deterministic within a run). */
function fbtraceId() {
	traceCounter += 1;
	return `SBtrace${String(traceCounter).padStart(8, '0')}`;
}

/**
 * Meta's Graph error as the proxy passes it through.
 * @param {number} code @param {string} details what exactly is wrong (error_data.details)
 * @param {{rule?: string, subcode?: number, status?: number, message?: string}} [o]
 */
function metaError(code, details, o = {}) {
	const title = /** @type {Record<number,string>} */ (META_TITLES)[code] || 'Unknown error';
	const message = o.message || (code === 190 ? title : `(#${code}) ${title}`);
	/** @type {Record<string, any>} */
	const error = {
		message,
		type: 'OAuthException',
		code,
	};
	if (o.subcode !== undefined) error.error_subcode = o.subcode;
	error.error_data = { messaging_product: 'whatsapp', details };
	error.fbtrace_id = fbtraceId();
	const status = o.status || (code === 190 || code === 0 ? 401 : 400);
	return new ApiError(status, { error }, o.rule, `(#${code}) ${details}`);
}

/** Meta's "object does not exist" (code 100, subcode 33) for an id the key cannot see. */
function metaUnknownObject(
	/** @type {string} */ id,
	/** @type {string} */ rule = 'route:unknown-id',
) {
	return metaError(100, `Object with ID '${id}' does not exist`, {
		rule,
		subcode: 33,
		message: `Unsupported request - method type: get. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
	});
}

/**
 * A Kapso-level error (Platform API and proxy extensions): a bare `{error}`.
 * @param {number} status @param {string} error @param {string} [rule]
 */
function kapsoError(status, error, rule) {
	return new ApiError(status, { error }, rule, error);
}

/** A legacy API error: `{error, message?}`. */
function legacyError(
	/** @type {number} */ status,
	/** @type {string} */ error,
	/** @type {string|undefined} */ message,
	/** @type {string|undefined} */ rule,
) {
	/** @type {Record<string,string>} */
	const body = { error };
	if (message) body.message = message;
	return new ApiError(status, body, rule, message ? `${error}: ${message}` : error);
}

function resetTraceIds() {
	traceCounter = 0;
}

module.exports = {
	ApiError,
	META_TITLES,
	metaError,
	metaUnknownObject,
	kapsoError,
	legacyError,
	resetTraceIds,
};
