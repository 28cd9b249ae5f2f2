import type { SignatureScheme } from '../../shared/webhooks';

/** Kapso signs the raw body alone; the header is the bare lowercase hex digest (NOTES §6). */
export const KAPSO_SIGNATURE: SignatureScheme = {
	signedBytes: (rawBody) => rawBody,
	signatureHeader: 'x-webhook-signature',
	prefix: '',
};
