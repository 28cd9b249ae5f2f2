import { createHmac } from 'crypto';

import {
	checkTimestamp,
	headerReader,
	signBytes,
	verifySignature,
	type SignatureScheme,
} from '../../nodes/shared/webhooks';

const SECRET = 'whsec-4f1c9a';
const BODY = Buffer.from('{"event":"message_created","content":"Olá 👋"}', 'utf8');
const TIMESTAMP = '1764633600';

/** Chatwoot's way: `sha256=` + hex HMAC of "{timestamp}.{raw body}". */
const timestamped: SignatureScheme = {
	signatureHeader: 'X-Chatwoot-Signature',
	prefix: 'sha256=',
	signedBytes: (raw, header) =>
		Buffer.concat([Buffer.from(`${header('X-Chatwoot-Timestamp') ?? ''}.`), raw]),
};
/** Kapso's way: hex HMAC of the raw body, no prefix. */
const bare: SignatureScheme = {
	signatureHeader: 'X-Webhook-Signature',
	prefix: '',
	signedBytes: (raw) => raw,
};

const hmac = (secret: string, text: Buffer) =>
	createHmac('sha256', secret).update(text).digest('hex');

describe('verifySignature', () => {
	const headers = (signature?: string) =>
		headerReader({
			'x-chatwoot-timestamp': TIMESTAMP,
			...(signature === undefined ? {} : { 'x-chatwoot-signature': signature }),
		});
	const signed = Buffer.concat([Buffer.from(`${TIMESTAMP}.`), BODY]);

	it('accepts the signature over "{ts}.{raw}" with the sha256= prefix', () => {
		const signature = `sha256=${hmac(SECRET, signed)}`;
		expect(signBytes(SECRET, signed, 'sha256=')).toBe(signature);
		expect(verifySignature(timestamped, SECRET, BODY, headers(signature))).toEqual({ valid: true });
	});

	it('accepts upper-case hex', () => {
		const signature = `sha256=${hmac(SECRET, signed).toUpperCase()}`;
		expect(verifySignature(timestamped, SECRET, BODY, headers(signature)).valid).toBe(true);
	});

	it('refuses a signature made with another secret', () => {
		const signature = `sha256=${hmac('another-secret', signed)}`;
		expect(verifySignature(timestamped, SECRET, BODY, headers(signature))).toEqual({
			valid: false,
			reason: 'mismatch',
		});
	});

	it('refuses a body changed by one byte', () => {
		const signature = `sha256=${hmac(SECRET, signed)}`;
		const changed = Buffer.from(BODY);
		changed[changed.length - 2] ^= 0x01;
		expect(verifySignature(timestamped, SECRET, changed, headers(signature)).valid).toBe(false);
	});

	it('refuses a signature of the same body under another timestamp', () => {
		const signature = `sha256=${hmac(SECRET, Buffer.concat([Buffer.from('1764633601.'), BODY]))}`;
		expect(verifySignature(timestamped, SECRET, BODY, headers(signature)).valid).toBe(false);
	});

	it('verifies the raw bytes, not a re-serialised body', () => {
		const spaced = Buffer.from('{ "event" : "message_created" }');
		const signature = signBytes(
			SECRET,
			Buffer.concat([Buffer.from(`${TIMESTAMP}.`), spaced]),
			'sha256=',
		);
		expect(verifySignature(timestamped, SECRET, spaced, headers(signature)).valid).toBe(true);
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(spaced.toString())));
		expect(verifySignature(timestamped, SECRET, reserialised, headers(signature)).valid).toBe(
			false,
		);
	});

	it('says "missing" without the header, "malformed" for a wrong prefix or length', () => {
		expect(verifySignature(timestamped, SECRET, BODY, headers())).toEqual({
			valid: false,
			reason: 'missing',
		});
		expect(verifySignature(timestamped, SECRET, BODY, headers('  '))).toEqual({
			valid: false,
			reason: 'missing',
		});
		const digest = hmac(SECRET, signed);
		for (const bad of [
			digest,
			`sha1=${digest}`,
			`sha256=${digest.slice(2)}`,
			`sha256=${'z'.repeat(64)}`,
		]) {
			expect(verifySignature(timestamped, SECRET, BODY, headers(bad))).toEqual({
				valid: false,
				reason: 'malformed',
			});
		}
	});

	it('works for a scheme without prefix over the raw body (hex)', () => {
		const read = headerReader({ 'x-webhook-signature': hmac(SECRET, BODY) });
		expect(verifySignature(bare, SECRET, BODY, read).valid).toBe(true);
		const prefixed = headerReader({ 'x-webhook-signature': `sha256=${hmac(SECRET, BODY)}` });
		expect(verifySignature(bare, SECRET, BODY, prefixed)).toEqual({
			valid: false,
			reason: 'malformed',
		});
	});

	it('reads the first value of a repeated header', () => {
		const read = headerReader({ 'x-webhook-signature': [hmac(SECRET, BODY), 'other'] });
		expect(verifySignature(bare, SECRET, BODY, read).valid).toBe(true);
	});
});

describe('checkTimestamp', () => {
	const now = Number(TIMESTAMP) * 1000;

	it('accepts a timestamp within the window either way', () => {
		expect(checkTimestamp(TIMESTAMP, 300, now)).toEqual({ fresh: true, timestamp: 1764633600 });
		expect(checkTimestamp(String(1764633600 - 300), 300, now).fresh).toBe(true);
		expect(checkTimestamp(String(1764633600 + 300), 300, now).fresh).toBe(true);
	});

	it('refuses a stale one and one from the future', () => {
		expect(checkTimestamp(String(1764633600 - 301), 300, now)).toEqual({
			fresh: false,
			reason: 'stale',
		});
		expect(checkTimestamp(String(1764633600 + 301), 300, now)).toEqual({
			fresh: false,
			reason: 'future',
		});
	});

	it('refuses a missing or malformed one', () => {
		expect(checkTimestamp(undefined, 300, now)).toEqual({ fresh: false, reason: 'missing' });
		expect(checkTimestamp('', 300, now)).toEqual({ fresh: false, reason: 'missing' });
		for (const bad of ['abc', '1764633600.5', '-1764633600', '1e9']) {
			expect(checkTimestamp(bad, 300, now)).toEqual({ fresh: false, reason: 'malformed' });
		}
	});
});
