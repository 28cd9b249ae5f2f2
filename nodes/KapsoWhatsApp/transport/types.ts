import type { LoopConnection, LoopRequest, RequestContext } from '../../shared/requestLoop';

/** The credential type this package defines; credential type names are global across packages. */
export const CREDENTIAL_TYPE = 'kapsoApi';

/** The Graph version of Kapso's WhatsApp API the node speaks (Kapso's SDK still defaults to v23.0). */
export const GRAPH_VERSION = 'v24.0';

/** Operations, editor lists, the Kapso Trigger's webhook registration and Send and Wait's resume. */
export type KapsoContext = RequestContext;

/**
 * What every request needs from the credential; read once per execution, not per item. Besides
 * these: the retry policy, the timeout, the redaction of the API key, the credential as read once
 * (not enumerable) and the item's turn (after the item before it to the same recipient), as every
 * transport has them (`LoopConnection`).
 */
export interface KapsoConnection extends LoopConnection {
	/** The current API's host (`https://api.kapso.ai`), without a trailing slash. */
	baseUrl: string;
	/** The legacy API (`https://app.kapso.ai/api/v1`), without a trailing slash. */
	legacyBaseUrl: string;
}

/** Default of the Request Timeout option. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Kapso's three surfaces: the Meta-compatible WhatsApp API (`/meta/whatsapp/v24.0`), the
 * Platform API (`/platform/v1`), both on the Base URL, and the legacy API on its own Base URL.
 */
export type KapsoApiSurface = 'whatsapp' | 'platform' | 'legacy';

/** Besides the method, query, body or multipart body and item index of every request (`LoopRequest`). */
export interface KapsoRequest extends LoopRequest {
	api: KapsoApiSurface;
	/** From the surface's root, e.g. `/123/messages`. */
	path: string;
	/** What the request is about, for 404 messages ("phone number 123"). */
	subject?: string;
}
