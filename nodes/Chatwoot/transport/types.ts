import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { Confirmation } from '../../shared/requestLoop';
import type { RetryPolicy } from '../../shared/retry';
import type { MultipartBody } from '../../shared/multipart';
import type { Redact } from '../../shared/secrets';

/** The credential type this package defines; credential type names are global across packages. */
export const CREDENTIAL_TYPE = 'chatwootAccessTokenApi';

/** Who may send: operations, the editor's lists, and a trigger's webhook hooks and deliveries. */
export type ChatwootContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What every request needs from the credential; read once per execution, not per item. */
export interface ChatwootConnection {
	baseUrl: string;
	accountId: number;
	retry: RetryPolicy;
	/** How long one attempt may wait for Chatwoot's answer. */
	timeoutMs: number;
	/** Removes the credential's secrets from a text (a server may echo the request back). */
	redact: Redact;
	/**
	 * The credential as read once per execution, handed to n8n with every request so that n8n does
	 * not load and decrypt it from its database again each time. Not enumerable: never printed.
	 */
	readonly authentication?: IAdditionalCredentialOptions;
	/** When this item may send: after the item before it in its conversation finished (the router's scheduler). */
	readonly turn?: Promise<void>;
}

/** Default of the Request Timeout option: long enough for a slow upload, short of n8n's 300 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ChatwootRequest {
	method: IHttpRequestMethods;
	/** Relative to the account (`conversations/1/messages`) or absolute from the host (`/api/v1/profile`). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	multipart?: MultipartBody;
	/** What the request is about, for 404 messages ("conversation 42"). */
	subject?: string;
	itemIndex?: number;
	/** Lists of some endpoints (agents, teams) come as bare arrays; every other answer is an object. */
	answer?: 'object' | 'objectOrList';
	/**
	 * For a create: when its outcome is unknown (a 5xx, a timeout, a reset after sending), looks in
	 * Chatwoot whether the attempts since `startedAt` took effect. Without it, such a request fails
	 * with "may have been carried out".
	 */
	confirm?: (startedAt: number) => Promise<Confirmation>;
}

/** What a look at Chatwoot found after a request whose outcome was unknown. */
export type { Confirmation };
