import type { JsonObject } from 'n8n-workflow';

/**
 * Whatever a server answers can hold the request's own headers (a proxy or WAF echoing them into its
 * error page), so every text an error carries is scrubbed of the credential's secrets and cut short.
 */

export const REDACTED = '[redacted]';

/** Server text kept in an error: enough to read the reason, never a whole page. */
export const MAX_SERVER_TEXT = 500;

export type Redact = (text: string) => string;

/** Replaces each secret (as sent, and URL-encoded) with `[redacted]`; short values are left alone. */
export function redactor(secrets: Array<string | undefined>): Redact {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(JSON.stringify(secret).slice(1, -1));
	}
	const patterns = [...forms].sort((a, b) => b.length - a.length);
	return (text) => {
		let result = text;
		for (const pattern of patterns) result = result.split(pattern).join(REDACTED);
		return result;
	};
}

export function cut(text: string, max = MAX_SERVER_TEXT): string {
	return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/**
 * A server's JSON body, safe to keep in an error: every string scrubbed and cut, at most a few
 * levels and entries deep (the body may be huge or nested on purpose).
 */
export function safeBody(body: unknown, redact: Redact, depth = 0): unknown {
	if (typeof body === 'string') return cut(redact(body));
	if (body === null || typeof body !== 'object') return body;
	if (depth >= 3) return '…';
	if (Array.isArray(body))
		return body.slice(0, 10).map((entry) => safeBody(entry, redact, depth + 1));
	const copy: JsonObject = {};
	for (const [key, value] of Object.entries(body).slice(0, 20)) {
		copy[cut(redact(key), 100)] = safeBody(value, redact, depth + 1) as JsonObject[string];
	}
	return copy;
}

/**
 * Last pass over an error before it leaves the transport: every string it carries (message,
 * description, stack, context, cause…) is scrubbed, whatever put it there.
 */
export function scrubError<E extends object>(
	error: E,
	redact: Redact,
	seen = new Set<object>(),
): E {
	if (seen.has(error)) return error;
	seen.add(error);
	for (const key of Object.getOwnPropertyNames(error)) {
		const descriptor = Object.getOwnPropertyDescriptor(error, key);
		if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
		const value: unknown = descriptor.value;
		if (typeof value === 'string') {
			const clean = redact(value);
			if (clean !== value) (error as Record<string, unknown>)[key] = clean;
		} else if (value && typeof value === 'object') {
			scrubError(value, redact, seen);
		}
	}
	return error;
}

/** What an error keeps of a server's answer: its JSON scrubbed and small, else just the message. */
export function errorBody(body: unknown, redact: Redact, message: string): JsonObject {
	return body && typeof body === 'object' && !Buffer.isBuffer(body)
		? (safeBody(body, redact) as JsonObject)
		: { error: message };
}
