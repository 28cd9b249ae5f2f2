import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import type { RetryPolicy } from '../../shared/retry';
import type { MultipartBody } from './multipart';

/** The credential type this package defines; credential type names are global across packages. */
export const CREDENTIAL_TYPE = 'chatwootAccessTokenApi';

export type ChatwootContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What every request needs from the credential; read once per execution, not per item. */
export interface ChatwootConnection {
	baseUrl: string;
	accountId: number;
	retry: RetryPolicy;
	/**
	 * The credential as read once per execution, handed to n8n with every request so that n8n does
	 * not load and decrypt it from its database again each time. Not enumerable: never printed.
	 */
	readonly authentication?: IAdditionalCredentialOptions;
	/** When this item may send: after the item before it in its conversation finished (the router's scheduler). */
	readonly turn?: Promise<void>;
}

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
}
