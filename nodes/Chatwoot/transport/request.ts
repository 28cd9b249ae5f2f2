import type {
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isIdempotentMethod,
	isRetryableStatus,
	retryDelayMs,
	waitBeforeRetry,
	cancelSignal,
	type RequestAttemptFailure,
} from '../../shared/retry';
import { accountPath } from './connection';
import {
	apiErrorFromResponse,
	networkError,
	notChatwootError,
	redirectError,
	summaryOf,
	withFinding,
} from './errors';
import { scrubError } from '../../shared/secrets';
import {
	CREDENTIAL_TYPE,
	type ChatwootConnection,
	type ChatwootContext,
	type ChatwootRequest,
} from './types';

function buildUrl(connection: ChatwootConnection, path: string): string {
	return path.startsWith('/')
		? `${connection.baseUrl}${path}`
		: `${connection.baseUrl}${accountPath(connection)}/${path}`;
}

/** A 2xx body as Chatwoot sends it (a JSON object, or nothing); undefined for anything else. */
function chatwootBody(
	response: IN8nHttpFullResponse,
	request: ChatwootRequest,
): IDataObject | undefined {
	const { body } = response;
	if (body === undefined || body === null || body === '') return {};
	if (typeof body !== 'object' || Buffer.isBuffer(body)) return undefined;
	if (Array.isArray(body) && request.answer !== 'objectOrList') return undefined;
	return body as IDataObject;
}

/** One attempt's result: Chatwoot's answer, or what went wrong and what it means. */
type Attempt =
	| { ok: true; body: IDataObject }
	| {
			ok: false;
			failure: RequestAttemptFailure;
			error: NodeApiError;
			/** The request may have been carried out: only a look at Chatwoot can tell. */
			outcomeUnknown: boolean;
			/** Trying again cannot do anything twice. */
			repeatable: boolean;
	  };

async function attempt(
	this: ChatwootContext,
	connection: ChatwootConnection,
	request: ChatwootRequest,
	options: IHttpRequestOptions,
	attemptNumber: number,
): Promise<Attempt> {
	const node = this.getNode();
	const idempotent = isIdempotentMethod(request.method);
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
			connection.authentication,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		const failure = { kind: 'network', error: error as JsonObject } as const;
		const network = networkError(failure.error, connection, request);
		return {
			ok: false,
			failure,
			error: network.toNodeError(node, attemptNumber),
			outcomeUnknown: network.outcomeUnknown,
			repeatable: network.notSent,
		};
	}
	const failure = { kind: 'status', response } as const;
	const status = response.statusCode;
	if (status >= 300 && status < 400) {
		const error = redirectError(node, response, request, options.url, connection.redact);
		return { ok: false, failure, error, outcomeUnknown: false, repeatable: false };
	}
	if (status < 300) {
		const body = chatwootBody(response, request);
		if (body) return { ok: true, body };
		const error = notChatwootError(node, response, request, connection);
		return { ok: false, failure, error, outcomeUnknown: !idempotent, repeatable: false };
	}
	const error = apiErrorFromResponse(
		node,
		response,
		request,
		options.url,
		attemptNumber,
		connection.redact,
	);
	const retryable = isRetryableStatus(status);
	return {
		ok: false,
		failure,
		error,
		outcomeUnknown: !idempotent && status >= 500 && !retryable,
		repeatable: retryable,
	};
}

/**
 * The one place that talks HTTP to Chatwoot. Status errors are read, not thrown by n8n, so the
 * error we raise carries Chatwoot's own message and never the request (which holds the token);
 * whatever a server echoes back is scrubbed of the token before the error leaves. Redirects are
 * never followed, so the token only goes to the Base URL's host. Retries only where a retry
 * cannot do anything twice: 429, 503, failures before sending, idempotent requests, and a create
 * whose outcome was unknown and that `request.confirm` found was not stored.
 */
export async function chatwootApiRequest(
	this: ChatwootContext,
	connection: ChatwootConnection,
	request: ChatwootRequest,
): Promise<IDataObject> {
	try {
		return await requestWithRetries.call(this, connection, request);
	} catch (error) {
		throw scrubError(error as object, connection.redact);
	}
}

async function requestWithRetries(
	this: ChatwootContext,
	connection: ChatwootConnection,
	request: ChatwootRequest,
): Promise<IDataObject> {
	const signal = cancelSignal(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: buildUrl(connection, request.path),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: connection.timeoutMs,
	};
	if (signal) options.abortSignal = signal;
	if (request.qs && Object.keys(request.qs).length > 0) {
		options.qs = request.qs;
		// Rails reads `labels[]=a&labels[]=b`.
		options.arrayFormat = 'brackets';
	}
	const startedAt = Date.now();

	await connection.turn;
	for (let attemptNumber = 1; ; attemptNumber++) {
		if (request.multipart) {
			// Built on the first attempt; later attempts send the same Buffer again.
			const built = await request.multipart.build();
			options.body = built.body;
			options.headers = built.headers;
		} else if (request.body !== undefined) {
			options.body = request.body;
		}

		const result = await attempt.call(this, connection, request, options, attemptNumber);
		if (result.ok) return result.body;

		const attemptsLeft = attemptNumber < connection.retry.maxAttempts;
		if (result.outcomeUnknown && request.confirm) {
			const confirmation = await request.confirm(startedAt);
			if (confirmation.outcome === 'stored') return confirmation.result;
			if (confirmation.outcome === 'unknown' || !attemptsLeft)
				throw withFinding(result.error, summaryOf(result.error), confirmation);
		} else if (!attemptsLeft || !result.repeatable) {
			throw result.error;
		}
		const delay = retryDelayMs(result.failure, attemptNumber, connection.retry);
		if (!(await waitBeforeRetry(delay, signal))) {
			throw new NodeOperationError(
				this.getNode(),
				'The execution was cancelled while waiting to retry: the request was not sent again',
				{ itemIndex: request.itemIndex },
			);
		}
	}
}
