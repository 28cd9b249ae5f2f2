import type {
	Confirmation,
	LoopConnection,
	LoopRequest,
	RequestContext,
} from '../../shared/requestLoop';

/** The credential type this package defines; credential type names are global across packages. */
export const CREDENTIAL_TYPE = 'chatwootAccessTokenApi';

/** Who may send: operations, the editor's lists, and a trigger's webhook hooks and deliveries. */
export type ChatwootContext = RequestContext;

/**
 * What every request needs from the credential; read once per execution, not per item. Besides
 * these: the retry policy, the timeout, the redaction of the secrets, the credential as read once
 * (not enumerable: never printed) and the item's turn (after the item before it in its
 * conversation), as every transport has them (`LoopConnection`).
 */
export interface ChatwootConnection extends LoopConnection {
	baseUrl: string;
	accountId: number;
}

/** Default of the Request Timeout option: long enough for a slow upload, short of n8n's 300 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Besides the method, query, body or multipart body and item index of every request
 * (`LoopRequest`): `answer`, for the endpoints whose lists come as bare arrays (agents, teams), and
 * `confirm`, for a create, which looks in Chatwoot whether attempts whose outcome was unknown (a
 * 5xx, a timeout, a reset after sending) took effect.
 */
export interface ChatwootRequest extends LoopRequest {
	/** Relative to the account (`conversations/1/messages`) or absolute from the host (`/api/v1/profile`). */
	path: string;
	/** What the request is about, for 404 messages ("conversation 42"). */
	subject?: string;
}

/** What a look at Chatwoot found after a request whose outcome was unknown. */
export type { Confirmation };
