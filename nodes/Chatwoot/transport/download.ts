import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { fileHopOptions, followRedirects, isRedirect, MAX_REDIRECTS } from '../../shared/redirects';
import type { ChatwootConnection, ChatwootContext } from './types';
import { CREDENTIAL_TYPE } from './types';

export interface DownloadedFile {
	body: Buffer;
	mimeType: string | undefined;
	/** Where the file was finally read from, after redirects. */
	url: string;
}

/**
 * Reads a file Chatwoot links to (an attachment's `data_url`). Chatwoot answers such links with a
 * redirect to its storage host, so redirects are followed here, one hop at a time, each through
 * n8n's authenticated request: the credential adds the token only on the Base URL's origin, so
 * the storage host never sees it.
 */
export async function downloadChatwootFile(
	this: ChatwootContext,
	connection: ChatwootConnection,
	url: string,
): Promise<DownloadedFile> {
	const { response, url: finalUrl } = await followRedirects(
		async (current) =>
			(await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				fileHopOptions(current, connection.timeoutMs),
				connection.authentication,
			)) as IN8nHttpFullResponse,
		url,
	);
	const status = response.statusCode;
	if (isRedirect(response))
		throw new Error(
			`more than ${MAX_REDIRECTS} redirects, or a redirect to an address that is not http(s)`,
		);
	if (status < 200 || status >= 300) throw new Error(`the file host answered HTTP ${status}`);
	const contentType = response.headers['content-type'];
	return {
		body: Buffer.from(response.body as Buffer),
		mimeType: typeof contentType === 'string' ? contentType.split(';')[0] || undefined : undefined,
		url: finalUrl,
	};
}
