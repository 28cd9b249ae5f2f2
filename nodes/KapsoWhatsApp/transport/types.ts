import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { MultipartBody } from '../../shared/multipart';
import type { RetryPolicy } from '../../shared/retry';
import type { Redact } from '../../shared/secrets';

/** The credential type this package defines; credential type names are global across packages. */
export const CREDENTIAL_TYPE = 'kapsoApi';

/** The Graph version of Kapso's WhatsApp API the node speaks (Kapso's SDK still defaults to v23.0). */
export const GRAPH_VERSION = 'v24.0';

/** Operations, editor lists, the Kapso Trigger's webhook registration and Send and Wait's resume. */
export type KapsoContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What every request needs from the credential; read once per execution, not per item. */
export interface KapsoConnection {
	/** The current API's host (`https://api.kapso.ai`), without a trailing slash. */
	baseUrl: string;
	/** The legacy API (`https://app.kapso.ai/api/v1`), without a trailing slash. */
	legacyBaseUrl: string;
	retry: RetryPolicy;
	/** How long one attempt may wait for Kapso's answer. */
	timeoutMs: number;
	/** Removes the API key from a text (a server may echo the request back). */
	redact: Redact;
	/** The credential as read once per execution, handed to n8n with every request. Not enumerable. */
	readonly authentication?: IAdditionalCredentialOptions;
	/** When this item may send: after the item before it to the same recipient finished. */
	readonly turn?: Promise<void>;
}

/** Default of the Request Timeout option. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Kapso's three surfaces: the Meta-compatible WhatsApp API (`/meta/whatsapp/v24.0`), the
 * Platform API (`/platform/v1`), both on the Base URL, and the legacy API on its own Base URL.
 */
export type KapsoApiSurface = 'whatsapp' | 'platform' | 'legacy';

export interface KapsoRequest {
	api: KapsoApiSurface;
	method: IHttpRequestMethods;
	/** From the surface's root, e.g. `/123/messages`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	multipart?: MultipartBody;
	/** What the request is about, for 404 messages ("phone number 123"). */
	subject?: string;
	itemIndex?: number;
}
