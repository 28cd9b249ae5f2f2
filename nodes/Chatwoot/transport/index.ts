import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	apiErrorFromResponse,
	isRetryableStatus,
	networkError,
	retryDelayMs,
	type RequestAttemptFailure,
} from '../helpers/errors';
import type { MultipartBody } from '../helpers/multipart';

/** The credential type this package defines; credential type names are global across packages. */
export const CREDENTIAL_TYPE = 'chatwootAccessTokenApi';

export type ChatwootContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What every request needs from the credential; read once per execution, not per item. */
export interface ChatwootConnection {
	baseUrl: string;
	accountId: number;
	retry: RetryPolicy;
}

export interface RetryPolicy {
	/** Total attempts per request, first one included. */
	maxAttempts: number;
	/** Base delay for exponential backoff when Chatwoot sends no Retry-After. */
	backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 1000 };

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

const SUFFIXES_TO_STRIP = [/\/api\/v1(\/.*)?$/i, /\/app(\/.*)?$/i, /\/+$/];

/** Users paste `https://host/`, `https://host/api/v1` or an address-bar URL; Chatwoot wants the bare origin (+ sub-path). */
export function normalizeBaseUrl(raw: string): string {
	let url = raw.trim();
	for (const suffix of SUFFIXES_TO_STRIP) url = url.replace(suffix, '');
	return url.replace(/\/+$/, '');
}

export async function getConnection(
	this: ChatwootContext,
	retry: RetryPolicy = DEFAULT_RETRY,
): Promise<ChatwootConnection> {
	const credentials = await this.getCredentials<{ baseUrl: string; accountId: number | string }>(
		CREDENTIAL_TYPE,
	);
	const baseUrl = normalizeBaseUrl(String(credentials.baseUrl ?? ''));
	if (!/^https?:\/\/[^\s/?#]+(\/\S*)?$/i.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			`Base URL in the Chatwoot credential must be an http:// or https:// address (got ${JSON.stringify(String(credentials.baseUrl ?? ''))})`,
			{ description: 'For example https://app.chatwoot.com or https://chat.example.com' },
		);
	}
	return {
		baseUrl,
		accountId: readAccountOverride.call(this) ?? Number(credentials.accountId),
		retry,
	};
}

/** Node parameter that overrides the credential's account (a resource locator; empty = the credential's). */
export const ACCOUNT_PARAMETER = 'accountId';

/**
 * The node's optional Account field. Read once per execution (first item) and for every list in
 * the editor, so requests, lists and dropdowns all use the same account.
 */
function readAccountOverride(this: ChatwootContext): number | undefined {
	const read = (extractValue: boolean): unknown =>
		'getInputData' in this
			? this.getNodeParameter(ACCOUNT_PARAMETER, 0, '', { extractValue })
			: this.getNodeParameter(ACCOUNT_PARAMETER, '', { extractValue });
	// An empty locator (in any mode) means "the credential's account"; n8n cannot extract from an empty URL.
	const plain = read(false);
	const given = plain && typeof plain === 'object' ? (plain as { value?: unknown }).value : plain;
	if (given === undefined || given === null || String(given).trim() === '') return undefined;
	let raw: unknown;
	try {
		raw = read(true);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Account: ${(error as Error).message}`, {
			description:
				'Pick the account from the list, or give its number (the one after /app/accounts/ in Chatwoot’s address bar).',
		});
	}
	const text = String(raw ?? '').trim();
	if (text === '') return undefined;
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Account: must be a positive whole number such as 1 (got ${JSON.stringify(raw)})`,
			{ description: 'Leave it empty to use the account of the credential.' },
		);
	}
	return Number(text);
}

export function accountPath(connection: ChatwootConnection, accountId?: number): string {
	return `/api/v1/accounts/${accountId ?? connection.accountId}`;
}

function buildUrl(connection: ChatwootConnection, path: string): string {
	return path.startsWith('/')
		? `${connection.baseUrl}${path}`
		: `${connection.baseUrl}${accountPath(connection)}/${path}`;
}

/**
 * The one place that talks HTTP to Chatwoot. Status errors are read, not thrown by n8n, so the
 * error we raise carries Chatwoot's own message and never the request (which holds the token).
 * Retries only where a retry cannot send a message twice: 429, 503, and failures before sending.
 */
export async function chatwootApiRequest(
	this: ChatwootContext,
	connection: ChatwootConnection,
	request: ChatwootRequest,
): Promise<IDataObject> {
	const url = buildUrl(connection, request.path);
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.qs && Object.keys(request.qs).length > 0) {
		options.qs = request.qs;
		// Rails reads `labels[]=a&labels[]=b`.
		options.arrayFormat = 'brackets';
	}

	for (let attempt = 1; ; attempt++) {
		if (request.multipart) {
			// A stream can be read once: build the body afresh for every attempt.
			const built = await request.multipart.build();
			options.body = built.body;
			options.headers = built.headers;
		} else if (request.body !== undefined) {
			options.body = request.body;
		}

		let failure: RequestAttemptFailure;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
			)) as IN8nHttpFullResponse;
			if (response.statusCode < 400) return (response.body ?? {}) as IDataObject;
			failure = { kind: 'status', response };
		} catch (error) {
			failure = { kind: 'network', error: error as JsonObject };
		}

		const canRetry =
			attempt < connection.retry.maxAttempts &&
			(failure.kind === 'status'
				? isRetryableStatus(failure.response.statusCode)
				: networkError(failure.error, connection, request).notSent);
		if (!canRetry) {
			throw failure.kind === 'status'
				? apiErrorFromResponse(this.getNode(), failure.response, request, url, attempt)
				: networkError(failure.error, connection, request).toNodeError(this.getNode(), attempt);
		}
		await sleep(retryDelayMs(failure, attempt, connection.retry));
	}
}
