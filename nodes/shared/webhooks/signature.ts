import { createHmac, timingSafeEqual } from 'crypto';

/** How a service signs its webhooks: what it feeds to HMAC-SHA256 and how the header spells the digest. */
export interface SignatureScheme {
	/** The bytes the service signs, from the raw body and the request's headers (e.g. `"{ts}.{raw}"`). */
	signedBytes: (rawBody: Buffer, header: (name: string) => string | undefined) => Buffer;
	/** The header that carries the signature. */
	signatureHeader: string;
	/** Text before the hex digest in that header (`sha256=`), or '' when the digest stands alone. */
	prefix: string;
}

export type SignatureCheck =
	| { valid: true }
	| {
			valid: false;
			/** missing: no signature header; malformed: not `prefix` + 64 hex digits; mismatch: another secret or other bytes. */
			reason: 'missing' | 'malformed' | 'mismatch';
	  };

const SHA256_HEX_LENGTH = 64;

/** The signature header's value, or undefined when the request has none (or an empty one). */
function headerValue(value: string | string[] | undefined): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	const text = first?.trim();
	return text ? text : undefined;
}

/** Headers as Node.js gives them (lower-case names), read by any spelling of the name. */
export function headerReader(
	headers: Record<string, string | string[] | undefined>,
): (name: string) => string | undefined {
	return (name) => headerValue(headers[name.toLowerCase()]);
}

/** HMAC-SHA256 of `signed` with `secret`, as the service would put it in its header. */
export function signBytes(secret: string, signed: Buffer, prefix = ''): string {
	return prefix + createHmac('sha256', secret).update(signed).digest('hex');
}

/**
 * Checks a webhook's HMAC-SHA256 signature over the raw bytes it came with (never a re-serialised
 * body: one changed byte must fail). The digests are compared in constant time; only their length,
 * which is public, decides early.
 */
export function verifySignature(
	scheme: SignatureScheme,
	secret: string,
	rawBody: Buffer,
	header: (name: string) => string | undefined,
): SignatureCheck {
	const given = header(scheme.signatureHeader);
	if (given === undefined) return { valid: false, reason: 'missing' };
	const hex = given.startsWith(scheme.prefix) ? given.slice(scheme.prefix.length) : undefined;
	if (hex === undefined || hex.length !== SHA256_HEX_LENGTH || !/^[0-9a-f]+$/i.test(hex))
		return { valid: false, reason: 'malformed' };
	const expected = createHmac('sha256', secret)
		.update(scheme.signedBytes(rawBody, header))
		.digest();
	const received = Buffer.from(hex, 'hex');
	return timingSafeEqual(expected, received)
		? { valid: true }
		: { valid: false, reason: 'mismatch' };
}

export type TimestampCheck =
	| { fresh: true; timestamp: number }
	| { fresh: false; reason: 'missing' | 'malformed' | 'stale' | 'future' };

/**
 * Whether a signed timestamp (Unix seconds, as Chatwoot sends it) lies within `windowSeconds` of
 * now, either way: an old one is a replay, one from far ahead a clock that cannot be trusted.
 */
export function checkTimestamp(
	value: string | undefined,
	windowSeconds: number,
	nowMs: number,
): TimestampCheck {
	if (value === undefined || value.trim() === '') return { fresh: false, reason: 'missing' };
	if (!/^\d{1,13}$/.test(value.trim())) return { fresh: false, reason: 'malformed' };
	const timestamp = Number(value.trim());
	const skew = nowMs / 1000 - timestamp;
	if (skew > windowSeconds) return { fresh: false, reason: 'stale' };
	if (skew < -windowSeconds) return { fresh: false, reason: 'future' };
	return { fresh: true, timestamp };
}
