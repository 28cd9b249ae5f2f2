import type {
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isRetryableStatus, retryDelayMs, type RequestAttemptFailure } from '../../shared/retry';
import { accountPath } from './connection';
import { apiErrorFromResponse, networkError } from './errors';
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

	await connection.turn;
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
				connection.authentication,
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
