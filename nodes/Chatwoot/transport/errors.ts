import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { classifyNetworkFailure } from '../../shared/retry';
import type { ChatwootConnection, ChatwootRequest } from './types';

/** Chatwoot's answers and socket failures turned into errors that say what to fix. */

/** Chatwoot answers `{"error": "..."}`, `{"message": "..."}`, `{"errors": [...]}` or plain text. */
export function chatwootMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		return text && !text.startsWith('<') ? text.slice(0, 500) : undefined;
	}
	if (body && typeof body === 'object') {
		const data = body as Record<string, unknown>;
		for (const key of ['error', 'message', 'errors']) {
			const value = data[key];
			if (typeof value === 'string' && value) return value;
			if (Array.isArray(value) && value.length > 0) {
				return value
					.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)))
					.join('; ');
			}
			if (value && typeof value === 'object') return chatwootMessage(value);
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
): { message: string; description?: string } {
	const chatwoot = chatwootMessage(body);
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
): NodeApiError {
	const { message, description } = describeStatus(
		response.statusCode,
		response.body,
		request,
		url,
		attempts,
	);
	const body =
		response.body && typeof response.body === 'object'
			? (response.body as JsonObject)
			: { error: chatwootMessage(response.body) ?? null };
	return apiError(node, body, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

/**
 * NodeApiError swaps any message mentioning a network code (ECONNRESET…) or matching its status
 * table for a generic text; ours already says what to fix, so it is put back.
 */
function apiError(
	node: INode,
	body: JsonObject,
	options: { message: string; description?: string; httpCode?: string; itemIndex?: number },
): NodeApiError {
	const error = new NodeApiError(node, body, options);
	error.message = options.message;
	if (options.description) error.description = options.description;
	return error;
}

export interface NetworkFailure {
	/** The request certainly never reached Chatwoot, or it is safe to repeat. */
	notSent: boolean;
	toNodeError(node: INode, attempts: number): NodeApiError;
}

export function networkError(
	error: JsonObject,
	connection: ChatwootConnection,
	request: ChatwootRequest,
): NetworkFailure {
	const { code, beforeSend, idempotent, notSent } = classifyNetworkFailure(error, request.method);
	return {
		notSent,
		toNodeError(node, attempts) {
			const where = connection.baseUrl || '(no Base URL set)';
			const tried = attempts > 1 ? ` (${attempts} attempts)` : '';
			let message: string;
			let description: string;
			if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
				message = `Could not find the Chatwoot server ${where}${tried}: the host name does not resolve (${code})`;
				description = 'Check the Base URL in the credential.';
			} else if (code === 'ECONNREFUSED') {
				message = `Could not connect to Chatwoot at ${where}${tried}: connection refused`;
				description = 'Check the Base URL and that Chatwoot is running and reachable from n8n.';
			} else if (
				code.startsWith('CERT') ||
				code.includes('TLS') ||
				code.includes('SSL') ||
				code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
				code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
			) {
				message = `TLS handshake with Chatwoot at ${where} failed (${code})`;
				description =
					'The server’s certificate is not trusted by n8n. Fix the certificate or use the right https address.';
			} else if (!beforeSend && !idempotent) {
				message = `The connection to Chatwoot at ${where} failed after the request was sent (${code}): it may have been carried out`;
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
