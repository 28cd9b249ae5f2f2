import type {
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	isRetryableStatus,
	retryAfterMs,
	retryDelayMs,
	waitBeforeRetry,
	cancelSignal,
	type RetryPolicy,
} from '../../shared/retry';
import { scrubError } from '../../shared/secrets';
import { surfaceRoot } from './connection';
import {
	apiErrorFromResponse,
	isThrottled,
	networkError,
	notKapsoError,
	readFailure,
	redirectError,
} from './errors';
import {
	CREDENTIAL_TYPE,
	type KapsoConnection,
	type KapsoContext,
	type KapsoRequest,
} from './types';

/** One attempt's result: Kapso's answer, or the error and how soon it may be sent again. */
type Attempt =
	| { ok: true; body: IDataObject }
	| { ok: false; error: NodeApiError; retryAfter?: number };

/**
 * How long to wait before sending a refused request again, or undefined when it must not be sent
 * again. Only answers that say "not carried out" qualify: 429 and 503 (Retry-After honoured), a
 * Meta throttling code, and the WhatsApp API's 409 "another message is in flight" (shortly).
 */
function retryWait(
	response: IN8nHttpFullResponse,
	request: KapsoRequest,
	attemptNumber: number,
	policy: RetryPolicy,
): number | undefined {
	const status = response.statusCode;
	const failure = { kind: 'status', response } as const;
	if (isRetryableStatus(status) || (status < 500 && isThrottled(readFailure(response.body))))
		return retryDelayMs(failure, attemptNumber, policy);
	if (status === 409 && request.api !== 'legacy')
		return (
			retryAfterMs(response.headers?.['retry-after']) ??
			Math.min(policy.backoffMs, 500) * attemptNumber
		);
	return undefined;
}

async function attempt(
	this: KapsoContext,
	connection: KapsoConnection,
	request: KapsoRequest,
	options: IHttpRequestOptions,
	attemptNumber: number,
): Promise<Attempt> {
	const node = this.getNode();
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
			connection.authentication,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		const network = networkError(error as JsonObject, connection, request, node, attemptNumber);
		return {
			ok: false,
			error: network.error,
			retryAfter: network.repeatable
				? connection.retry.backoffMs * 2 ** (attemptNumber - 1)
				: undefined,
		};
	}
	const status = response.statusCode;
	if (status >= 300 && status < 400)
		return { ok: false, error: redirectError(node, response, request, connection.redact) };
	if (status < 300) {
		const { body } = response;
		if (body === undefined || body === null || body === '') return { ok: true, body: {} };
		if (typeof body === 'object' && !Buffer.isBuffer(body) && !Array.isArray(body))
			return { ok: true, body: body as IDataObject };
		return { ok: false, error: notKapsoError(node, response, request) };
	}
	return {
		ok: false,
		error: apiErrorFromResponse(node, response, request, attemptNumber, connection.redact),
		retryAfter: retryWait(response, request, attemptNumber, connection.retry),
	};
}

/**
 * The one place that talks HTTP to Kapso. Status errors are read, not thrown by n8n, so the error
 * carries Kapso's (or Meta's) own message and never the request, which holds the key; whatever a
 * server echoes back is scrubbed of the key. Redirects are never followed. A request is sent
 * again only when the answer says it was not carried out (see retryWait) or it never left.
 */
export async function kapsoApiRequest(
	this: KapsoContext,
	connection: KapsoConnection,
	request: KapsoRequest,
): Promise<IDataObject> {
	try {
		return await requestWithRetries.call(this, connection, request);
	} catch (error) {
		throw scrubError(error as object, connection.redact);
	}
}

async function requestWithRetries(
	this: KapsoContext,
	connection: KapsoConnection,
	request: KapsoRequest,
): Promise<IDataObject> {
	const signal = cancelSignal(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${surfaceRoot(connection, request.api)}${request.path}`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: connection.timeoutMs,
	};
	if (signal) options.abortSignal = signal;
	if (request.qs && Object.keys(request.qs).length > 0) options.qs = request.qs;

	await connection.turn;
	for (let attemptNumber = 1; ; attemptNumber++) {
		if (request.multipart) {
			const built = await request.multipart.build();
			options.body = built.body;
			options.headers = built.headers;
		} else if (request.body !== undefined) {
			options.body = request.body;
		}
		const result = await attempt.call(this, connection, request, options, attemptNumber);
		if (result.ok) return result.body;
		if (result.retryAfter === undefined || attemptNumber >= connection.retry.maxAttempts)
			throw result.error;
		if (!(await waitBeforeRetry(Math.min(result.retryAfter, 60_000), signal))) {
			throw new NodeOperationError(
				this.getNode(),
				'The execution was cancelled while waiting to retry: the request was not sent again',
				{ itemIndex: request.itemIndex },
			);
		}
	}
}
