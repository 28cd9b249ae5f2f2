import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { sendWithRetries, type ServiceTransport } from '../../shared/requestLoop';
import {
	isRetryableStatus,
	retryAfterMs,
	retryDelayMs,
	type RetryPolicy,
} from '../../shared/retry';
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

/** What Kapso's answers mean; the request loop itself is `shared/requestLoop.ts`. */
const KAPSO: ServiceTransport<KapsoConnection, KapsoRequest> = {
	credentialType: CREDENTIAL_TYPE,
	url: (connection, request) => `${surfaceRoot(connection, request.api)}${request.path}`,
	networkError: (error, node, request, connection, attempts) =>
		networkError(error, connection, request, node, attempts).error,
	redirectError: (node, response, request, connection) =>
		redirectError(node, response, request, connection.redact),
	notServiceError: (node, response, request) => notKapsoError(node, response, request),
	statusError: (node, response, request, connection, _url, attempts) =>
		apiErrorFromResponse(node, response, request, attempts, connection.redact),
	retryWait,
};

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
	return await sendWithRetries.call(this, KAPSO, connection, request);
}
