import { Readable } from 'stream';

import type {
	ICredentialDataDecryptedObject,
	IAdditionalCredentialOptions,
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { ChatwootAccessTokenApi } from '../../credentials/ChatwootAccessTokenApi.credentials';
import { CREDENTIAL_TYPE } from '../../nodes/Chatwoot/transport';

export const TEST_TOKEN = 'test-secret-token-7f3a';

export const DEFAULT_CREDENTIALS = {
	baseUrl: 'https://chat.example.com/',
	accessToken: TEST_TOKEN,
	accountId: 1,
};

/** A request as the transport handed it to n8n, with the credential's header applied like n8n does. */
export interface SentRequest {
	method: string;
	url: string;
	qs?: IDataObject;
	headers: Record<string, string>;
	body?: unknown;
	options: IHttpRequestOptions;
}

export type HttpHandler = (
	request: SentRequest,
) => Promise<IN8nHttpFullResponse> | IN8nHttpFullResponse;

export type Parameters = Record<string, unknown>;

export interface ContextOptions {
	/** Node parameters, shared by all items or per item. */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	items?: INodeExecutionData[];
	credentials?: IDataObject;
	continueOnFail?: boolean;
	http?: HttpHandler;
	/** Binary data stored outside memory, by id (filesystem mode). */
	storedBinaries?: Record<string, Buffer>;
	/** What n8n's getExecutionCancelSignal() returns (aborted when the user stops the execution). */
	cancelSignal?: AbortSignal;
	/** The size n8n's binary store records for a stored file, when it differs from the file. */
	recordedSizes?: Record<string, number>;
	/** The credential type's authenticate (Chatwoot's by default), applied like n8n does. */
	authenticate?: (
		credentials: IDataObject,
		requestOptions: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;
	/** Credential data used when an option gives none (Chatwoot's by default). */
	defaultCredentials?: IDataObject;
	node?: INode;
}

export function json(
	body: unknown,
	statusCode = 200,
	headers: Record<string, string> = {},
): IN8nHttpFullResponse {
	return { body: body as IN8nHttpFullResponse['body'], statusCode, headers };
}

export const NODE: INode = {
	id: 'node-1',
	name: 'Chatwoot',
	type: 'n8n-nodes-chatwoot-kapso.chatwoot',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function getPath(source: unknown, path: string): unknown {
	let current = source;
	for (const part of path.split('.')) {
		if (current === undefined || current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/** The `By URL` regex of each resource locator, as in the node description (conversations by default). */
export const LOCATOR_URL_PATTERNS: Record<string, RegExp> = {
	accountId: /\/accounts\/(\d+)/,
	contactId: /\/contacts\/(\d+)/,
	inboxId: /\/inboxes\/(\d+)/,
	templateInboxId: /\/inboxes\/(\d+)/,
};

export function extractLocator(value: unknown, name = ''): unknown {
	if (!value || typeof value !== 'object' || !('__rl' in value || 'mode' in value)) return value;
	const locator = value as { mode: string; value: unknown };
	if (locator.mode === 'url') {
		const match = (LOCATOR_URL_PATTERNS[name] ?? /\/conversations\/(\d+)/).exec(
			String(locator.value),
		);
		if (!match) throw new Error(`Parameter could not be extracted from ${String(locator.value)}`);
		return match[1];
	}
	return locator.value;
}

/** A small stand-in for n8n's execute context: parameters, items, credentials and HTTP. */
export function createContext(options: ContextOptions) {
	const requests: SentRequest[] = [];
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const credentials = {
		...(options.defaultCredentials ?? DEFAULT_CREDENTIALS),
		...options.credentials,
	};
	const authenticate =
		options.authenticate ??
		(async (data: IDataObject, requestOptions: IHttpRequestOptions) =>
			await new ChatwootAccessTokenApi().authenticate(
				data as ICredentialDataDecryptedObject,
				requestOptions,
			));
	const parametersFor = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const http: HttpHandler = options.http ?? (() => json({ id: 1 }));

	// Like n8n: the credential handed over, else the stored one, then the credential type's authenticate.
	const httpRequestWithAuthentication = jest.fn(
		async (
			_type: string,
			requestOptions: IHttpRequestOptions,
			additional?: IAdditionalCredentialOptions,
		) => {
			const data =
				additional?.credentialsDecrypted?.data ?? (await context.getCredentials(CREDENTIAL_TYPE));
			const authenticated = await authenticate(data, { ...requestOptions });
			const headers = (authenticated.headers ?? {}) as Record<string, string>;
			let body = requestOptions.body;
			if (body instanceof Readable) body = await readAll(body);
			const request: SentRequest = {
				method: String(requestOptions.method ?? 'GET'),
				url: requestOptions.url,
				qs: requestOptions.qs,
				headers,
				body,
				options: requestOptions,
			};
			requests.push(request);
			return await http(request);
		},
	);

	const context = {
		getNode: () => options.node ?? NODE,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.cancelSignal,
		getCredentials: jest.fn(async (_type: string) => credentials),
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) => {
			const value = getPath(parametersFor(itemIndex), name);
			const resolved = value === undefined ? fallback : value;
			if (resolved === undefined) throw new Error(`Could not get parameter "${name}"`);
			return extra?.extractValue ? extractLocator(resolved, name) : resolved;
		},
		helpers: {
			httpRequestWithAuthentication,
			// A request without a credential (a download from another host): recorded the same way.
			httpRequest: jest.fn(async (requestOptions: IHttpRequestOptions) => {
				const request: SentRequest = {
					method: String(requestOptions.method ?? 'GET'),
					url: requestOptions.url,
					qs: requestOptions.qs,
					headers: (requestOptions.headers ?? {}) as Record<string, string>,
					body: requestOptions.body,
					options: requestOptions,
				};
				requests.push(request);
				return await http(request);
			}),
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(data.length),
			}),
			getBinaryDataBuffer: async (itemIndex: number, property: string) => {
				const binary = items[itemIndex].binary?.[property] as IBinaryData;
				return Buffer.from(binary.data, 'base64');
			},
			getBinaryMetadata: async (id: string) => ({
				fileSize: options.recordedSizes?.[id] ?? options.storedBinaries?.[id]?.length ?? 0,
			}),
			getBinaryStream: async (id: string) =>
				Readable.from([options.storedBinaries?.[id] ?? Buffer.alloc(0)]),
		},
	};
	return {
		context: context as unknown as IExecuteFunctions,
		requests,
		httpRequestWithAuthentication,
	};
}

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream)
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/** Parses a multipart body the transport built into ordered fields and files. */
export function parseMultipart(request: SentRequest): {
	fields: Array<[string, string]>;
	files: Array<{ field: string; fileName: string; mimeType: string; content: Buffer }>;
} {
	const contentType = request.headers['Content-Type'];
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
	if (!boundary) throw new Error(`not multipart: ${contentType}`);
	const raw = request.body as Buffer;
	const fields: Array<[string, string]> = [];
	const files: Array<{ field: string; fileName: string; mimeType: string; content: Buffer }> = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let position = raw.indexOf(delimiter);
	while (position !== -1) {
		const next = raw.indexOf(delimiter, position + delimiter.length);
		if (next === -1) break;
		const part = raw.subarray(position + delimiter.length + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, headerEnd).toString('utf8');
		const content = part.subarray(headerEnd + 4);
		const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
		const fileName = /filename="([^"]*)"/.exec(head)?.[1];
		if (fileName === undefined) fields.push([name, content.toString('utf8')]);
		else
			files.push({
				field: name,
				fileName,
				mimeType: /Content-Type: (.+)/.exec(head)?.[1] ?? '',
				content,
			});
		position = next;
	}
	return { fields, files };
}
