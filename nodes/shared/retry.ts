import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * When a request may be tried again without doing anything twice, and how long to wait. Shared by
 * every node that talks HTTP: the rules are about HTTP and sockets, not about one service.
 */

export interface RetryPolicy {
	/** Total attempts per request, first one included. */
	maxAttempts: number;
	/** Base delay for exponential backoff when the server sends no Retry-After. */
	backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 1000 };

/** Every way a single HTTP attempt can fail, as a transport sees it. */
export type RequestAttemptFailure =
	| { kind: 'status'; response: IN8nHttpFullResponse }
	| { kind: 'network'; error: JsonObject };

/** 429 and 503 mean "not processed, come back later": retrying them cannot duplicate a message. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || status === 503;
}

/** The longest wait before a retry, whatever a server asks for. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Retry-After as seconds (`120`) or as an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`). Empty,
 * unreadable or past values give undefined: the caller's backoff applies, never "no wait".
 */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = String((Array.isArray(header) ? header[0] : header) ?? '').trim();
	if (/^\d+$/.test(value)) return Number(value) * 1000;
	if (!/[a-z]/i.test(value)) return undefined;
	const at = Date.parse(value);
	return Number.isFinite(at) && at > now ? at - now : undefined;
}

export function retryDelayMs(
	failure: RequestAttemptFailure,
	attempt: number,
	policy: RetryPolicy,
): number {
	const asked =
		failure.kind === 'status' ? retryAfterMs(failure.response.headers?.['retry-after']) : undefined;
	return Math.min(asked ?? policy.backoffMs * 2 ** (attempt - 1), MAX_RETRY_AFTER_MS);
}

/** Waits before a retry; false when the execution was cancelled meanwhile (at once, not after the wait). */
export async function waitBeforeRetry(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (!signal) {
		await sleep(ms);
		return true;
	}
	let stop = () => {};
	const cancelled = new Promise<false>((resolve) => {
		stop = () => resolve(false);
		signal.addEventListener('abort', stop, { once: true });
	});
	try {
		return await Promise.race([sleep(ms).then(() => true), cancelled]);
	} finally {
		signal.removeEventListener('abort', stop);
	}
}

/** Where a failed request got to: this decides what may be retried and what the user is told. */
export type FailureStage =
	/** Nothing reached the server (no connection, TLS refused, the request could not be built). */
	| 'not-sent'
	/** Sent, and no answer came within the timeout. */
	| 'timeout'
	/** The execution was cancelled while the request was under way. */
	| 'cancelled'
	/** The connection broke after the request may have reached the server. */
	| 'sent';

const NOT_CONNECTED_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_INVALID_URL',
]);
/** Permanent problems: retrying is pointless. */
const PERMANENT_CODES = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'ERR_BODY_NOT_SERIALIZABLE']);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT']);

export function isTlsCode(code: string): boolean {
	return (
		code.startsWith('CERT') ||
		code.startsWith('ERR_TLS') ||
		code.startsWith('ERR_SSL') ||
		code === 'EPROTO' ||
		code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
		code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
		code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
		code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
	);
}

/** The error code of a failed request (ECONNRESET…), looked for in the error and its causes. */
export function findErrorCode(error: JsonObject): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { code, name, message } = current as {
			code?: unknown;
			name?: unknown;
			message?: unknown;
		};
		if (typeof code === 'string' && code) return code;
		// JSON.stringify gives up on a body nested too deep or circular: nothing was sent.
		if (name === 'RangeError' || /circular structure/i.test(String(message ?? '')))
			return 'ERR_BODY_NOT_SERIALIZABLE';
		current = (current as { cause?: unknown }).cause;
	}
	const text = String(error.message ?? '');
	if (/socket hang up/i.test(text)) return 'ECONNRESET';
	return /\b(E[A-Z_]{3,})\b/.exec(text)?.[1];
}

/** True when the failure happened while connecting (`connect ETIMEDOUT 10.0.0.1:443`). */
function failedToConnect(error: JsonObject): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { syscall, message } = current as { syscall?: unknown; message?: unknown };
		if (syscall === 'connect' || /^connect E[A-Z]+/.test(String(message ?? ''))) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

/** Doing it twice has the effect of doing it once. */
export function isIdempotentMethod(method: string): boolean {
	return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export interface NetworkFailureKind {
	code: string;
	stage: FailureStage;
	/** The method may be repeated: doing it twice has the effect of doing it once. */
	idempotent: boolean;
	/** Trying again cannot do anything twice, and may help. */
	notSent: boolean;
}

export function classifyNetworkFailure(error: JsonObject, method: string): NetworkFailureKind {
	const code = findErrorCode(error) ?? 'UNKNOWN';
	const message = String(error.message ?? '');
	let stage: FailureStage;
	if (code === 'ERR_CANCELED') stage = 'cancelled';
	else if (NOT_CONNECTED_CODES.has(code) || isTlsCode(code) || code === 'ERR_BODY_NOT_SERIALIZABLE')
		stage = 'not-sent';
	else if (failedToConnect(error)) stage = 'not-sent';
	else if (code === 'ECONNABORTED' || /timeout of \d+ms exceeded/i.test(message)) stage = 'timeout';
	else stage = 'sent';
	const idempotent = isIdempotentMethod(method);
	const repeatable = !PERMANENT_CODES.has(code) && !isTlsCode(code) && stage !== 'cancelled';
	return { code, stage, idempotent, notSent: repeatable && (stage === 'not-sent' || idempotent) };
}

/** n8n's cancel signal for this execution; absent in editor lists and n8n versions without it. */
export function cancelSignal(context: object): AbortSignal | undefined {
	const read = (context as { getExecutionCancelSignal?: () => AbortSignal | undefined })
		.getExecutionCancelSignal;
	return typeof read === 'function' ? read.call(context) : undefined;
}
