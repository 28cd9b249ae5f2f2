import type { IN8nHttpFullResponse, INode, JsonObject, NodeApiError } from 'n8n-workflow';

import { apiError } from '../../shared/nodeError';
import { classifyNetworkFailure, isTlsCode } from '../../shared/retry';
import { cut, errorBody, type Redact } from '../../shared/secrets';
import { adviceFor, KEY_CODES, OUTSIDE_WINDOW_CODE, THROTTLING_CODES } from './metaErrors';
import type { KapsoConnection, KapsoRequest } from './types';

/**
 * Kapso answers errors in several shapes: Meta Graph's `{error:{message, code, error_subcode,
 * error_data:{details}, fbtrace_id}}` passed through, Kapso's own `{error: "..."}`, the legacy
 * API's `{error, message}`, `{errors: [...]}` and `{status: "error", message}`.
 */
export interface KapsoFailure {
	message?: string;
	code?: number;
	subcode?: number;
	details?: string;
	traceId?: string;
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() ? value.trim() : undefined;
const number = (value: unknown): number | undefined => {
	const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
};

export function readFailure(body: unknown): KapsoFailure {
	if (typeof body === 'string') {
		const plain = text(body);
		return plain && !plain.startsWith('<') ? { message: plain } : {};
	}
	if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return {};
	const data = body as Record<string, unknown>;
	const error = data.error;
	if (error && typeof error === 'object' && !Array.isArray(error)) {
		const meta = error as Record<string, unknown>;
		const errorData = meta.error_data as Record<string, unknown> | undefined;
		return {
			message: text(meta.error_user_msg) ?? text(meta.message),
			code: number(meta.code),
			subcode: number(meta.error_subcode),
			details: text(errorData?.details),
			traceId: text(meta.fbtrace_id),
		};
	}
	const short = text(error);
	const detail = text(data.message);
	if (short) return { message: detail && detail !== short ? `${short}: ${detail}` : short };
	if (Array.isArray(data.errors) && data.errors.length > 0) {
		return {
			message: data.errors
				.slice(0, 10)
				.map((entry) => (typeof entry === 'string' ? entry : cut(JSON.stringify(entry))))
				.join('; '),
		};
	}
	return detail ? { message: detail } : {};
}

/** A Meta throttling code in the answer: refused, not sent, so it may be sent again. */
export function isThrottled(failure: KapsoFailure): boolean {
	return failure.code !== undefined && THROTTLING_CODES.has(failure.code);
}

function describe(
	status: number,
	failure: KapsoFailure,
	request: KapsoRequest,
	attempts: number,
	redact: Redact,
): { message: string; description?: string } {
	const said = failure.message === undefined ? undefined : cut(redact(failure.message));
	const details = failure.details === undefined ? '' : ` (${cut(redact(failure.details))})`;
	const code = failure.code === undefined ? '' : ` [code ${failure.code}]`;
	const tried = attempts > 1 ? ` after ${attempts} attempts` : '';
	const advice = adviceFor(failure.code);
	const kapsoSays = `${said ?? `HTTP ${status}`}${details}${code}`;
	if (failure.code === OUTSIDE_WINDOW_CODE)
		return {
			message: `The recipient is outside WhatsApp’s 24-hour window: send a template (${kapsoSays})`,
			description: advice,
		};
	if (status === 401 || (failure.code !== undefined && KEY_CODES.has(failure.code)))
		return {
			message: `Kapso rejected the API key: ${kapsoSays}`,
			description: adviceFor(190),
		};
	if (status === 429 || isThrottled(failure))
		return {
			message: `The rate limit stopped the request${tried}: ${kapsoSays}`,
			description:
				advice ??
				'Kapso counts requests per API key per minute (100 to 2000 by plan). Lower "Parallel Recipients", raise the retry attempts, or add a Wait node.',
		};
	if (status === 409 && request.api === 'legacy')
		return {
			message: `Kapso refused the message: an agent is handling this conversation (${kapsoSays})`,
			description:
				'Kapso does not accept messages while one of its agent executions is active in the conversation (not handed off, failed or stopped). Hand the conversation off first.',
		};
	if (status === 409)
		return {
			message: `Another message to this conversation was still in flight${tried}: ${kapsoSays}`,
			description:
				'Kapso sends one message per conversation at a time. Raise the retry attempts or backoff in the options.',
		};
	if (status === 404)
		return {
			message: `Kapso could not find ${request.subject ?? 'what was asked for'}: ${kapsoSays}`,
			description:
				said === undefined
					? 'The server did not answer like Kapso. Check the Base URL in the credential.'
					: advice,
		};
	if (status === 403)
		return {
			message: `The API key may not do this: ${kapsoSays}`,
			description:
				'Check that the phone number (or conversation) belongs to the API key’s Kapso project.',
		};
	if (status >= 500)
		return {
			message: `Kapso server error (HTTP ${status})${tried}: ${kapsoSays}`,
			description:
				request.method === 'GET'
					? 'Kapso failed to handle the request. Try again later.'
					: 'Kapso failed to handle the request. It was not repeated, so that nothing is sent twice: check the conversation before running this item again.',
		};
	return { message: `Kapso rejected the request: ${kapsoSays}`, description: advice };
}

export function apiErrorFromResponse(
	node: INode,
	response: IN8nHttpFullResponse,
	request: KapsoRequest,
	attempts: number,
	redact: Redact,
): NodeApiError {
	const failure = readFailure(response.body);
	const { message, description } = describe(
		response.statusCode,
		failure,
		request,
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

/** A 3xx is never followed: on another host it would hand over the key, and a POST would become a GET. */
export function redirectError(
	node: INode,
	response: IN8nHttpFullResponse,
	request: KapsoRequest,
	redact: Redact,
	/** Why the redirect was not followed; API calls never follow one. */
	reason = 'redirects are not followed',
): NodeApiError {
	const header = response.headers?.location;
	const location = Array.isArray(header) ? header[0] : header;
	let target = '';
	try {
		const url = new URL(String(location ?? ''));
		target = ` → ${redact(`${url.protocol}//${url.host}${url.pathname}`)}`;
	} catch {
		target = '';
	}
	const message = `Kapso answered ${response.statusCode}${target}: ${reason}`;
	return apiError(
		node,
		{ error: message },
		{
			message,
			description:
				'So that the API key only goes to the credential’s own addresses. Put the address the API is served from in the credential’s Base URL.',
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		},
	);
}

/** A 2xx that is not a JSON object: a captive portal, a proxy page, another web site. */
export function notKapsoError(
	node: INode,
	response: IN8nHttpFullResponse,
	request: KapsoRequest,
): NodeApiError {
	const body = response.body;
	const what =
		typeof body === 'string' || Buffer.isBuffer(body)
			? /^\s*</.test(String(body))
				? 'an HTML page'
				: 'a body that is not JSON'
			: 'an unexpected body';
	const message = `The server did not answer like Kapso (HTTP ${response.statusCode} with ${what})`;
	const maybe =
		request.method === 'GET'
			? ''
			: ' The request may or may not have been carried out: check Kapso before running this item again.';
	return apiError(
		node,
		{ error: message },
		{
			message,
			description: `Check the Base URL in the credential: a proxy or another web site may have answered.${maybe}`,
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		},
	);
}

/** A request that got no answer: what happened, whether it may be sent again, what to tell. */
export function networkError(
	error: JsonObject,
	connection: KapsoConnection,
	request: KapsoRequest,
	node: INode,
	attempts: number,
): { error: NodeApiError; repeatable: boolean } {
	const { code, stage, idempotent, notSent } = classifyNetworkFailure(error, request.method);
	const tried = attempts > 1 ? ` (${attempts} attempts)` : '';
	const where = request.api === 'legacy' ? connection.legacyBaseUrl : connection.baseUrl;
	let message: string;
	let description: string;
	if (stage === 'not-sent' || isTlsCode(code)) {
		message = `Could not connect to Kapso at ${where}${tried} (${code})`;
		description =
			'Check the Base URL in the credential and that n8n can reach it. Nothing was sent.';
	} else if (idempotent) {
		message = `The request to Kapso at ${where} failed${tried} (${code})`;
		description = 'Check that Kapso is reachable from n8n and try again.';
	} else {
		const timedOut =
			stage === 'timeout'
				? `got no answer within ${connection.timeoutMs / 1000} s`
				: `failed after it was sent (${code})`;
		message = `The request to Kapso at ${where} ${timedOut}: it may have been carried out`;
		description =
			'It was not repeated, so that nothing is sent twice. Check the conversation in Kapso before running this item again.';
	}
	return {
		error: apiError(
			node,
			{ errorCode: code, message },
			{ message, description, itemIndex: request.itemIndex },
		),
		repeatable: notSent,
	};
}
