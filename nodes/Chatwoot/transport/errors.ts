import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiError } from '../../shared/nodeError';
import { classifyNetworkFailure, isTlsCode } from '../../shared/retry';
import { normalizeBaseUrl } from './connection';
import { cut, errorBody, type Redact } from '../../shared/secrets';
import type { ChatwootConnection, ChatwootRequest } from './types';

/** Chatwoot's answers and socket failures turned into errors that say what to fix. */

/**
 * Chatwoot answers `{"error": "..."}`, `{"message": "..."}`, `{"errors": [...]}` or plain text;
 * the text is cut short (a proxy may answer a whole page).
 */
export function chatwootMessage(body: unknown): string | undefined {
	const text = findMessage(body);
	return text === undefined ? undefined : cut(text);
}

function findMessage(body: unknown, depth = 0): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		return text && !text.startsWith('<') ? text : undefined;
	}
	if (depth > 3) return undefined;
	if (body && typeof body === 'object') {
		const data = body as Record<string, unknown>;
		for (const key of ['error', 'message', 'errors']) {
			const value = data[key];
			if (typeof value === 'string' && value) return value;
			if (Array.isArray(value) && value.length > 0) {
				return value
					.slice(0, 10)
					.map((entry) => (typeof entry === 'string' ? entry : cut(JSON.stringify(entry))))
					.join('; ');
			}
			if (value && typeof value === 'object') return findMessage(value, depth + 1);
		}
	}
	return undefined;
}

const UNAUTHORIZED_EXPLANATIONS: Record<string, (accountHint: string) => [string, string]> = {
	'Invalid Access Token': () => [
		'Chatwoot rejected the API access token',
		'Check the API Access Token in the credential: copy it again from Chatwoot → Profile Settings → Access Token, or from the agent bot.',
	],
	'Access to this endpoint is not authorized for bots': () => [
		'This operation needs a user access token: agent-bot tokens cannot call it',
		'Bot tokens can only send messages and manage conversations (status, assignment, labels, custom attributes). Use a user token from Profile Settings → Access Token for contacts, inboxes and lists.',
	],
	'You are not authorized to access this account': (account) => [
		`The access token has no access to ${account}`,
		'Check the Account ID in the credential (the number after /app/accounts/ in Chatwoot’s address bar), or use the token of a member of that account.',
	],
	'You are not authorized to do this action': () => [
		'The token’s user is not allowed to do this in Chatwoot',
		'Chatwoot’s role check refused it (agents cannot, for example, delete contacts). Use an administrator’s token.',
	],
	'Account is suspended': (account) => [
		`Chatwoot ${account} is suspended`,
		'Ask the Chatwoot installation’s administrator to reactivate the account.',
	],
};

function describeStatus(
	status: number,
	body: unknown,
	request: ChatwootRequest,
	url: string,
	attempts: number,
	redact: Redact,
): { message: string; description?: string } {
	const found = chatwootMessage(body);
	const chatwoot = found === undefined ? undefined : redact(found);
	const tried = attempts > 1 ? ` after ${attempts} attempts` : '';
	if (status === 401) {
		const explain = chatwoot ? UNAUTHORIZED_EXPLANATIONS[chatwoot] : undefined;
		const account = /\/api\/v1\/accounts\/(\d+)/.exec(url)?.[1];
		if (explain) {
			const [message, description] = explain(account ? `account ${account}` : 'this account');
			return { message, description };
		}
		return { message: `Chatwoot refused the request: ${chatwoot ?? 'unauthorized'}` };
	}
	if (status === 404) {
		const subject = request.subject ?? 'the requested object';
		if (chatwoot === undefined) {
			return {
				message: `Chatwoot answered 404 Not Found for ${subject}`,
				description:
					'The server did not answer like Chatwoot. Check the Base URL in the credential.',
			};
		}
		return {
			message: `Chatwoot could not find ${subject}`,
			description: `Chatwoot said: ${chatwoot}`,
		};
	}
	if (status === 422 || status === 400) {
		return { message: `Chatwoot rejected the request: ${chatwoot ?? `HTTP ${status}`}` };
	}
	if (status === 429) {
		return {
			message: `Chatwoot's rate limit stopped the request${tried} (HTTP 429: ${chatwoot ?? 'Retry later'})`,
			description:
				'Chatwoot allows about 3000 requests a minute per IP and 200 messages a minute per conversation. Lower "Parallel Conversations", raise the retry attempts, or add a Wait node.',
		};
	}
	if (status >= 500) {
		return {
			message: `Chatwoot server error (HTTP ${status})${tried}${chatwoot ? `: ${chatwoot}` : ''}`,
			description:
				'The Chatwoot server failed to handle the request. Try again later or check its logs.',
		};
	}
	return { message: `Chatwoot answered HTTP ${status}${chatwoot ? `: ${chatwoot}` : ''}` };
}

export function apiErrorFromResponse(
	node: INode,
	response: IN8nHttpFullResponse,
	request: ChatwootRequest,
	url: string,
	attempts: number,
	redact: Redact,
): NodeApiError {
	const { message, description } = describeStatus(
		response.statusCode,
		response.body,
		request,
		url,
		attempts,
		redact,
	);
	return apiError(node, errorBody(response.body, redact, message), {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

type RedirectHeaders = { location?: unknown } | undefined;

/** Where a redirect points, as an absolute address without its query (which may hold anything). */
function redirectTarget(headers: RedirectHeaders, url: string): URL | undefined {
	const header = headers?.location;
	const location = Array.isArray(header) ? header[0] : header;
	if (typeof location !== 'string' || !location) return undefined;
	try {
		const target = new URL(location, url);
		target.search = '';
		target.hash = '';
		target.username = '';
		target.password = '';
		return target;
	} catch {
		return undefined;
	}
}

/** "Chatwoot answered 301 → https://new.example.com: use that address as the Base URL" */
export function redirectMessage(
	status: number,
	headers: RedirectHeaders,
	url: string,
	redact: Redact,
): string {
	const target = redirectTarget(headers, url);
	const address = target && redact(normalizeBaseUrl(`${target.origin}${target.pathname}`));
	return address
		? `Chatwoot answered ${status} → ${address}: use that address as the Base URL`
		: `Chatwoot answered ${status} (a redirect) without saying where to`;
}

/**
 * A 3xx is never followed: on another host it would hand the token over, and a 301/302 would turn
 * a send into a GET that "succeeds" without sending. The user is told where the server points.
 */
export function redirectError(
	node: INode,
	response: IN8nHttpFullResponse,
	request: ChatwootRequest,
	url: string,
	redact: Redact,
): NodeApiError {
	const message = redirectMessage(response.statusCode, response.headers, url, redact);
	return apiError(
		node,
		{ error: message },
		{
			message,
			description:
				'The node never follows redirects, so that the API Access Token only goes to the Base URL’s host and a request is never repeated as another one. Put the address Chatwoot is served from in the credential’s Base URL.',
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		},
	);
}

function describeBody(body: unknown): string {
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		return /^\s*</.test(String(body)) ? 'an HTML page' : 'a body that is not JSON';
	}
	return Array.isArray(body) ? 'a JSON array where an object was expected' : 'an unexpected body';
}

/** A 2xx that is not a JSON object: a captive portal, a proxy page, another web site. */
export function notChatwootError(
	node: INode,
	response: IN8nHttpFullResponse,
	request: ChatwootRequest,
	connection: ChatwootConnection,
): NodeApiError {
	const message = `${connection.baseUrl} did not answer like Chatwoot (HTTP ${response.statusCode} with ${describeBody(response.body)})`;
	const carriedOut =
		request.method.toUpperCase() === 'GET'
			? ''
			: ' The request may or may not have been carried out: check Chatwoot before running this item again.';
	return apiError(
		node,
		{ error: message },
		{
			message,
			description: `Check the Base URL in the credential: a proxy, a captive portal or another web site may have answered instead of Chatwoot.${carriedOut}`,
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		},
	);
}

/**
 * A request whose outcome was unknown, after a look at Chatwoot: the look's finding replaces the
 * guess ("may have been carried out") in the message.
 */
export function withFinding(
	error: NodeApiError,
	summary: string,
	finding: { note: string; description: string },
): NodeApiError {
	error.message = `${summary}. ${finding.note}`;
	error.description = finding.description;
	return error;
}

/** How a message ends when the request may have been carried out and nobody looked. */
export const MAY_HAVE_BEEN_CARRIED_OUT = ': it may have been carried out';

/** The message of an error without its "may have been carried out" guess. */
export function summaryOf(error: NodeApiError): string {
	return error.message.endsWith(MAY_HAVE_BEEN_CARRIED_OUT)
		? error.message.slice(0, -MAY_HAVE_BEEN_CARRIED_OUT.length)
		: error.message;
}

export interface NetworkFailure {
	/** Trying again cannot do anything twice, and may help. */
	notSent: boolean;
	/** The request may have reached Chatwoot and been carried out; only a look can tell. */
	outcomeUnknown: boolean;
	toNodeError(node: INode, attempts: number): NodeApiError;
}

const CONNECT_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ETIMEDOUT: 'no answer to the connection',
	EHOSTUNREACH: 'the host cannot be reached',
	ENETUNREACH: 'the network cannot be reached',
};

export function networkError(
	error: JsonObject,
	connection: ChatwootConnection,
	request: ChatwootRequest,
): NetworkFailure {
	const { code, stage, idempotent, notSent } = classifyNetworkFailure(error, request.method);
	const mayHaveBeenCarriedOut = idempotent ? '' : MAY_HAVE_BEEN_CARRIED_OUT;
	return {
		notSent,
		outcomeUnknown: !idempotent && (stage === 'sent' || stage === 'timeout'),
		toNodeError(node, attempts) {
			const where = connection.baseUrl || '(no Base URL set)';
			const tried = attempts > 1 ? ` (${attempts} attempts)` : '';
			const notSentNote = 'Nothing was sent to Chatwoot.';
			let message: string;
			let description: string;
			if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
				message = `Could not find the Chatwoot server ${where}${tried}: the host name does not resolve (${code})`;
				description = `Check the Base URL in the credential. ${notSentNote}`;
			} else if (isTlsCode(code)) {
				message = `TLS handshake with Chatwoot at ${where} failed (${code})`;
				description =
					code === 'EPROTO' || code.startsWith('ERR_SSL')
						? `The server at this address does not speak https: check http:// or https:// and the port in the Base URL. ${notSentNote}`
						: `The server’s certificate is not trusted by n8n. Fix the certificate or use the right https address. ${notSentNote}`;
			} else if (code === 'ERR_INVALID_URL') {
				message = `The request to Chatwoot at ${where} could not be made: invalid URL (${code})`;
				description = `Check the Base URL in the credential. ${notSentNote}`;
			} else if (code === 'ERR_BODY_NOT_SERIALIZABLE') {
				message = `The request to Chatwoot at ${where} could not be made: its body could not be encoded as JSON`;
				description = `A field holds data nested too deep, or that refers to itself. ${notSentNote}`;
			} else if (stage === 'not-sent') {
				const problem = CONNECT_PROBLEMS[code] ?? 'the connection failed';
				message =
					code === 'ECONNREFUSED'
						? `Could not connect to Chatwoot at ${where}${tried}: ${problem}`
						: `Could not connect to Chatwoot at ${where}${tried}: ${problem} (${code})`;
				description = `Check the Base URL and that Chatwoot is running and reachable from n8n. ${notSentNote}`;
			} else if (stage === 'timeout') {
				const seconds = Math.round(connection.timeoutMs / 100) / 10;
				message = `Chatwoot at ${where} did not answer within ${seconds} s${tried}${mayHaveBeenCarriedOut}`;
				description = idempotent
					? 'Raise Request Timeout in the options if Chatwoot is slow, or check its load.'
					: 'It was not retried, so that nothing is sent twice. Check Chatwoot before running this item again; raise Request Timeout in the options if Chatwoot is slow.';
			} else if (stage === 'cancelled') {
				message = `The request to Chatwoot at ${where} was cancelled with the execution${mayHaveBeenCarriedOut}`;
				description = idempotent
					? 'The execution was stopped.'
					: 'The execution was stopped while the request was under way. Check Chatwoot before running this item again.';
			} else if (!idempotent) {
				message = `The connection to Chatwoot at ${where} failed after the request was sent (${code})${MAY_HAVE_BEEN_CARRIED_OUT}`;
				description =
					'It was not retried, so that nothing is sent twice. Check Chatwoot (for example the conversation) before running this item again.';
			} else {
				message = `The request to Chatwoot at ${where} failed${tried} (${code})`;
				description = 'Check that Chatwoot is reachable from n8n and try again.';
			}
			return apiError(
				node,
				{ errorCode: code, message },
				{ message, description, itemIndex: request.itemIndex },
			);
		},
	};
}
