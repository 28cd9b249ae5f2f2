import type { IExecuteFunctions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fileHopOptions, followRedirects, MAX_REDIRECTS } from '../../shared/redirects';
import { scrubError } from '../../shared/secrets';
import { apiErrorFromResponse, networkError, redirectError } from './errors';
import { CREDENTIAL_TYPE, type KapsoConnection, type KapsoRequest } from './types';

export interface DownloadedFile {
	data: Buffer;
	contentType?: string;
}

/** An error body as JSON when it is JSON (Kapso's `{error}`), else as text. */
function readErrorBody(body: unknown): unknown {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * Fetches the bytes behind a media URL Kapso handed out (`GET /{media_id}` → `url`, valid about
 * 5 minutes). Every hop goes through n8n's authenticated request: the credential adds the API key
 * only on its own Base URLs (Kapso serves media from its API), so a signed storage or CDN URL, or
 * a redirect to one, is fetched without it. Redirects are followed one hop at a time (at most 5,
 * `shared/redirects.ts`); more is a NodeApiError, as is a failure, with the server's message,
 * scrubbed of the key. One attempt: a new URL is one Get URL away.
 */
export async function kapsoDownload(
	this: IExecuteFunctions,
	connection: KapsoConnection,
	download: { url: string; subject: string; itemIndex: number },
): Promise<DownloadedFile> {
	const node = this.getNode();
	let url: URL;
	try {
		url = new URL(download.url);
	} catch {
		throw new NodeOperationError(
			node,
			`Kapso gave no usable download address for ${download.subject} (got ${JSON.stringify(download.url)}) [item ${download.itemIndex}]`,
			{ itemIndex: download.itemIndex },
		);
	}
	if (!/^https?:$/.test(url.protocol))
		throw new NodeOperationError(
			node,
			`The download address of ${download.subject} is not http(s) [item ${download.itemIndex}]`,
			{ itemIndex: download.itemIndex },
		);
	const request: KapsoRequest = {
		api: 'whatsapp',
		method: 'GET',
		path: url.pathname,
		subject: download.subject,
		itemIndex: download.itemIndex,
	};
	const get = async (current: string): Promise<IN8nHttpFullResponse> => {
		try {
			return (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				fileHopOptions(current, connection.timeoutMs),
				connection.authentication,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			throw networkError(error as JsonObject, connection, request, node, 1).error;
		}
	};
	try {
		const { response } = await followRedirects(get, url.toString());
		const status = response.statusCode;
		if (status >= 300 && status < 400)
			throw redirectError(
				node,
				response,
				request,
				connection.redact,
				`not followed after ${MAX_REDIRECTS} redirects, nor to an address that is not http(s)`,
			);
		if (status >= 400)
			throw apiErrorFromResponse(
				node,
				{ ...response, body: readErrorBody(response.body) as IN8nHttpFullResponse['body'] },
				request,
				1,
				connection.redact,
			);
		const body = response.body as unknown;
		const data = Buffer.isBuffer(body)
			? body
			: body instanceof ArrayBuffer
				? Buffer.from(body)
				: Buffer.from(String(body ?? ''));
		const type = response.headers?.['content-type'];
		return { data, contentType: typeof type === 'string' ? type.split(';')[0].trim() : undefined };
	} catch (error) {
		throw scrubError(error as object, connection.redact);
	}
}
