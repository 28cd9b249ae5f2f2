import type { IDataObject } from 'n8n-workflow';

import { sendWithRetries, statusRetryWait, type ServiceTransport } from '../../shared/requestLoop';
import { accountPath } from './connection';
import {
	apiErrorFromResponse,
	networkError,
	notChatwootError,
	redirectError,
	summaryOf,
	withFinding,
} from './errors';
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

/** What Chatwoot's answers mean; the request loop itself is `shared/requestLoop.ts`. */
const CHATWOOT: ServiceTransport<ChatwootConnection, ChatwootRequest> = {
	credentialType: CREDENTIAL_TYPE,
	url: (connection, request) => buildUrl(connection, request.path),
	// Rails reads `labels[]=a&labels[]=b`.
	arrayFormat: 'brackets',
	networkError: (error, node, request, connection, attempts) =>
		networkError(error, connection, request).toNodeError(node, attempts),
	redirectError: (node, response, request, connection, url) =>
		redirectError(node, response, request, url, connection.redact),
	notServiceError: notChatwootError,
	statusError: (node, response, request, connection, url, attempts) =>
		apiErrorFromResponse(node, response, request, url, attempts, connection.redact),
	retryWait: statusRetryWait,
	withFinding: (error, finding) => withFinding(error, summaryOf(error), finding),
};

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
	return await sendWithRetries.call(this, CHATWOOT, connection, request);
}
