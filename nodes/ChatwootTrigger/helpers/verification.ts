import { checkTimestamp, verifySignature, type SignatureScheme } from '../../shared/webhooks';

export const SIGNATURE_HEADER = 'x-chatwoot-signature';
export const TIMESTAMP_HEADER = 'x-chatwoot-timestamp';
export const DELIVERY_HEADER = 'x-chatwoot-delivery';

/** Chatwoot signs `"{X-Chatwoot-Timestamp}.{raw body}"` and sends `sha256=<hex>`. */
export const CHATWOOT_SIGNATURE: SignatureScheme = {
	signatureHeader: SIGNATURE_HEADER,
	prefix: 'sha256=',
	signedBytes: (rawBody, header) =>
		Buffer.concat([Buffer.from(`${header(TIMESTAMP_HEADER) ?? ''}.`, 'utf8'), rawBody]),
};

export type DeliveryCheck =
	| { verified: true }
	| {
			verified: false;
			/** mismatch: signed, but not with this secret (or the body changed on the way). */
			kind: 'unsigned' | 'malformed' | 'mismatch' | 'stale';
			/** For Chatwoot's answer and n8n's log; never holds the secret. */
			reason: string;
	  };

const UNSIGNED_HINT =
	'Chatwoot signs account webhooks from version 4.11.2 and agent-bot / API-inbox webhooks from 4.13.0; for an older Chatwoot turn off Verify Signature in the node';

/** Signature and timestamp of one delivery, on the raw bytes n8n received. */
export function checkDelivery(
	secret: string,
	rawBody: Buffer,
	header: (name: string) => string | undefined,
	maxAgeSeconds: number,
	nowMs: number,
): DeliveryCheck {
	if (header(SIGNATURE_HEADER) === undefined)
		return {
			verified: false,
			kind: 'unsigned',
			reason: `the request has no X-Chatwoot-Signature header (${UNSIGNED_HINT})`,
		};
	const timestamp = checkTimestamp(header(TIMESTAMP_HEADER), maxAgeSeconds, nowMs);
	if (!timestamp.fresh) {
		const reason =
			timestamp.reason === 'missing'
				? 'the request has no X-Chatwoot-Timestamp header'
				: timestamp.reason === 'malformed'
					? 'X-Chatwoot-Timestamp is not a Unix time in seconds'
					: `X-Chatwoot-Timestamp is more than ${maxAgeSeconds} s ${timestamp.reason === 'stale' ? 'old (a replay, or a delayed delivery)' : 'ahead of this server’s clock'}`;
		return {
			verified: false,
			kind:
				timestamp.reason === 'malformed' || timestamp.reason === 'missing' ? 'malformed' : 'stale',
			reason,
		};
	}
	const signature = verifySignature(CHATWOOT_SIGNATURE, secret, rawBody, header);
	if (signature.valid) return { verified: true };
	if (signature.reason === 'mismatch')
		return {
			verified: false,
			kind: 'mismatch',
			reason: 'X-Chatwoot-Signature does not match the webhook secret',
		};
	return {
		verified: false,
		kind: 'malformed',
		reason: 'X-Chatwoot-Signature is not "sha256=" followed by 64 hex digits',
	};
}
