import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
	JsonObject,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MultipartBody } from './multipart';
import {
	cancelSignal,
	classifyNetworkFailure,
	isIdempotentMethod,
	isRetryableStatus,
	MAX_RETRY_AFTER_MS,
	retryDelayMs,
	waitBeforeRetry,
	type RequestAttemptFailure,
	type RetryPolicy,
} from './retry';
import { scrubError, type Redact } from './secrets';

/**
 * The request loop every service's HTTP door runs: one attempt through n8n's authentication, the
 * answer read (never thrown by n8n, so the error carries the service's own message and never the
 * request, which holds the secret), redirects never followed, a retry only where it cannot do
 * anything twice, and every error scrubbed of the credential's secrets. What differs per service
 * (its address, its errors, what else it may repeat) comes in as a `ServiceTransport`.
 */

/** Who may send: operations, the editor's lists, a trigger's webhook hooks and deliveries. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What the loop needs of a service's connection (read once per execution, not per item). */
export interface LoopConnection {
	retry: RetryPolicy;
	/** How long one attempt may wait for the answer. */
	timeoutMs: number;
	redact: Redact;
	readonly authentication?: IAdditionalCredentialOptions;
	/** When this item may send (the router's scheduler). */
	readonly turn?: Promise<void>;
}

/** What the loop needs of a service's request. */
export interface LoopRequest {
	method: IHttpRequestMethods;
	qs?: IDataObject;
	body?: IDataObject;
	multipart?: MultipartBody;
	itemIndex?: number;
	/** Lists of some endpoints come as bare arrays; every other answer must be an object. */
	answer?: 'object' | 'objectOrList';
	/**
	 * For a create: when its outcome is unknown (a 5xx, a timeout, a reset after sending), looks at
	 * the service to learn whether the attempts since `startedAt` took effect. Without it, such a
	 * request fails with its "may have been carried out" error.
	 */
	confirm?: (startedAt: number) => Promise<Confirmation>;
}

/** What a look at the service found after a request whose outcome was unknown. */
export type Confirmation =
	| { outcome: 'stored'; result: IDataObject }
	| { outcome: 'not-stored' | 'unknown'; note: string; description: string };

/** What a look found when it could not say "stored": the error tells the user what it found. */
export type Finding = Extract<Confirmation, { note: string }>;

/**
 * One service's policy: where a request goes and what its failures mean. A module-level constant
 * per transport, so that a request costs no closures.
 */
export interface ServiceTransport<C extends LoopConnection, R extends LoopRequest> {
	/** The credential type n8n authenticates the request with. */
	credentialType: string;
	url(connection: C, request: R): string;
	/** How arrays in the query string are written, when the service reads a particular form. */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	/** A request that got no answer: a socket failure, a timeout, a cancellation. */
	networkError(
		error: JsonObject,
		node: INode,
		request: R,
		connection: C,
		attempts: number,
	): NodeApiError;
	/** A 3xx, never followed. */
	redirectError(
		node: INode,
		response: IN8nHttpFullResponse,
		request: R,
		connection: C,
		url: string,
	): NodeApiError;
	/** A 2xx whose body is not the service's JSON (a proxy page, a captive portal). */
	notServiceError(
		node: INode,
		response: IN8nHttpFullResponse,
		request: R,
		connection: C,
	): NodeApiError;
	/** A 4xx or 5xx, with the service's own message. */
	statusError(
		node: INode,
		response: IN8nHttpFullResponse,
		request: R,
		connection: C,
		url: string,
		attempts: number,
	): NodeApiError;
	/**
	 * How long to wait before sending a refused request again, or undefined when it must not be
	 * sent again. Only answers that say "not carried out" qualify; `statusRetryWait` is the rule
	 * every service shares (429 and 503).
	 */
	retryWait(
		response: IN8nHttpFullResponse,
		request: R,
		attempts: number,
		policy: RetryPolicy,
	): number | undefined;
	/** The error of a lost create after `request.confirm` found nothing certain. */
	withFinding?(error: NodeApiError, finding: Finding): NodeApiError;
}

/** 429 and 503 ("not processed, come back later"), after Retry-After or the backoff. */
export function statusRetryWait(
	response: IN8nHttpFullResponse,
	_request: LoopRequest,
	attempts: number,
	policy: RetryPolicy,
): number | undefined {
	return isRetryableStatus(response.statusCode)
		? retryDelayMs({ kind: 'status', response }, attempts, policy)
		: undefined;
}

/** One attempt: the service's answer, or its error and whether and when it may be sent again. */
type Attempt =
	| { ok: true; body: IDataObject }
	| {
			ok: false;
			failure: RequestAttemptFailure;
			error: NodeApiError;
			/** Milliseconds to wait before sending it again; undefined: never as it is. */
			retryWait: number | undefined;
			/** The request may have been carried out: only a look at the service can tell. */
			outcomeUnknown: boolean;
	  };

/** A 2xx body as a JSON service sends it (an object, or nothing); undefined for anything else. */
function jsonBody(response: IN8nHttpFullResponse, request: LoopRequest): IDataObject | undefined {
	const { body } = response;
	if (body === undefined || body === null || body === '') return {};
	if (typeof body !== 'object' || Buffer.isBuffer(body)) return undefined;
	if (Array.isArray(body) && request.answer !== 'objectOrList') return undefined;
	return body as IDataObject;
}

async function attempt<C extends LoopConnection, R extends LoopRequest>(
	this: RequestContext,
	transport: ServiceTransport<C, R>,
	connection: C,
	request: R,
	options: IHttpRequestOptions,
	attempts: number,
): Promise<Attempt> {
	const node = this.getNode();
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			transport.credentialType,
			options,
			connection.authentication,
		)) as IN8nHttpFullResponse;
	} catch (caught) {
		const failure = { kind: 'network', error: caught as JsonObject } as const;
		const { stage, idempotent, notSent } = classifyNetworkFailure(failure.error, request.method);
		return {
			ok: false,
			failure,
			error: transport.networkError(failure.error, node, request, connection, attempts),
			retryWait: notSent ? retryDelayMs(failure, attempts, connection.retry) : undefined,
			outcomeUnknown: !idempotent && (stage === 'sent' || stage === 'timeout'),
		};
	}
	const failure = { kind: 'status', response } as const;
	const status = response.statusCode;
	if (status >= 300 && status < 400) {
		const error = transport.redirectError(node, response, request, connection, options.url);
		return { ok: false, failure, error, retryWait: undefined, outcomeUnknown: false };
	}
	if (status < 300) {
		const body = jsonBody(response, request);
		if (body) return { ok: true, body };
		const error = transport.notServiceError(node, response, request, connection);
		const outcomeUnknown = !isIdempotentMethod(request.method);
		return { ok: false, failure, error, retryWait: undefined, outcomeUnknown };
	}
	const error = transport.statusError(node, response, request, connection, options.url, attempts);
	const retryWait = transport.retryWait(response, request, attempts, connection.retry);
	const outcomeUnknown =
		retryWait === undefined && status >= 500 && !isIdempotentMethod(request.method);
	return { ok: false, failure, error, retryWait, outcomeUnknown };
}

/**
 * Sends `request` through `transport`, after the item's turn: retries what cannot be done twice
 * (the transport's `retryWait`, failures before sending, idempotent requests) and, for a create
 * whose outcome was unknown, asks `request.confirm` whether it took effect, then returns what was
 * stored, tries again once the look found it was not, or fails with the finding.
 */
export async function sendWithRetries<C extends LoopConnection, R extends LoopRequest>(
	this: RequestContext,
	transport: ServiceTransport<C, R>,
	connection: C,
	request: R,
): Promise<IDataObject> {
	try {
		return await loop.call(this, transport, connection, request);
	} catch (error) {
		throw scrubError(error as object, connection.redact);
	}
}

async function loop<C extends LoopConnection, R extends LoopRequest>(
	this: RequestContext,
	transport: ServiceTransport<C, R>,
	connection: C,
	request: R,
): Promise<IDataObject> {
	const signal = cancelSignal(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: transport.url(connection, request),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: connection.timeoutMs,
	};
	if (signal) options.abortSignal = signal;
	if (request.qs && Object.keys(request.qs).length > 0) {
		options.qs = request.qs;
		if (transport.arrayFormat) options.arrayFormat = transport.arrayFormat;
	}
	const startedAt = Date.now();

	await connection.turn;
	for (let attempts = 1; ; attempts++) {
		if (request.multipart) {
			// Built on the first attempt; later attempts send the same Buffer again.
			const built = await request.multipart.build();
			options.body = built.body;
			options.headers = built.headers;
		} else if (request.body !== undefined) {
			options.body = request.body;
		}

		const result = await attempt.call(this, transport, connection, request, options, attempts);
		if (result.ok) return result.body;

		const attemptsLeft = attempts < connection.retry.maxAttempts;
		let wait = result.retryWait;
		if (result.outcomeUnknown && request.confirm) {
			const confirmation = await request.confirm(startedAt);
			if (confirmation.outcome === 'stored') return confirmation.result;
			if (confirmation.outcome === 'unknown' || !attemptsLeft)
				throw transport.withFinding
					? transport.withFinding(result.error, confirmation)
					: result.error;
			// Not stored: sending it again cannot do it twice.
			wait = retryDelayMs(result.failure, attempts, connection.retry);
		} else if (!attemptsLeft || wait === undefined) {
			throw result.error;
		}
		if (!(await waitBeforeRetry(Math.min(wait, MAX_RETRY_AFTER_MS), signal))) {
			throw new NodeOperationError(
				this.getNode(),
				'The execution was cancelled while waiting to retry: the request was not sent again',
				{ itemIndex: request.itemIndex },
			);
		}
	}
}
