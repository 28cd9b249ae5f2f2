import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';

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

const MAX_RETRY_AFTER_MS = 60_000;

export function retryDelayMs(
	failure: RequestAttemptFailure,
	attempt: number,
	policy: RetryPolicy,
): number {
	if (failure.kind === 'status') {
		const header = failure.response.headers?.['retry-after'];
		const seconds = Number(Array.isArray(header) ? header[0] : header);
		if (header !== undefined && Number.isFinite(seconds) && seconds >= 0) {
			return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
		}
	}
	return Math.min(policy.backoffMs * 2 ** (attempt - 1), MAX_RETRY_AFTER_MS);
}

/** Failures where the request never left this machine: retrying them cannot send anything twice. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Permanent problems: retrying is pointless. */
const PERMANENT_CODES = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID']);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT']);

/** The error code of a failed request (ECONNRESET…), looked for in the error and its causes. */
export function findErrorCode(error: JsonObject): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const text = String(error.message ?? '');
	if (/socket hang up/i.test(text)) return 'ECONNRESET';
	return /\b(E[A-Z_]{3,})\b/.exec(text)?.[1];
}

/** What a network failure means for a retry. */
export interface NetworkFailureKind {
	code: string;
	/** The request certainly never reached the server. */
	beforeSend: boolean;
	/** The method may be repeated: doing it twice has the effect of doing it once. */
	idempotent: boolean;
	/** The request certainly never reached the server, or it is safe to repeat. */
	notSent: boolean;
}

export function classifyNetworkFailure(error: JsonObject, method: string): NetworkFailureKind {
	const code = findErrorCode(error) ?? 'UNKNOWN';
	const beforeSend = NOT_SENT_CODES.has(code);
	const idempotent = IDEMPOTENT_METHODS.has(method.toUpperCase());
	const repeatable =
		!PERMANENT_CODES.has(code) && !code.startsWith('CERT') && code !== 'ERR_CANCELED';
	return { code, beforeSend, idempotent, notSent: repeatable && (beforeSend || idempotent) };
}
