import axios, { type AxiosRequestConfig } from 'axios';
import type {
	IDataObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { NODE, type HttpHandler, type SentRequest } from './context';

function bracketQuery(qs: IDataObject): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(qs)) {
		if (Array.isArray(value)) for (const entry of value) params.append(`${key}[]`, String(entry));
		else if (value !== undefined && value !== null) params.append(key, String(value));
	}
	return params.toString();
}

/**
 * Sends the request over real HTTP the way n8n's request helper does (axios, Accept JSON when
 * `json`, status errors ignored, full response returned), so tests can talk to the sandbox.
 */
export const realHttp: HttpHandler = async (
	request: SentRequest,
): Promise<IN8nHttpFullResponse> => {
	const { options } = request;
	const config: AxiosRequestConfig = {
		method: request.method,
		url: request.url,
		headers: { ...request.headers, ...(options.json ? { Accept: 'application/json' } : {}) },
		data: request.body,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		validateStatus: () => true,
		paramsSerializer: (params) => bracketQuery(params as IDataObject),
		params: request.qs,
		timeout: options.timeout ?? 30_000,
		// n8n returns the body as a Buffer for `encoding: 'arraybuffer'` (file downloads)
		...(options.encoding === 'arraybuffer' ? { responseType: 'arraybuffer' as const } : {}),
	};
	const response = await axios.request(config);
	return {
		body:
			Buffer.isBuffer(response.data) || !(response.data instanceof ArrayBuffer)
				? response.data
				: Buffer.from(response.data),
		statusCode: response.status,
		headers: response.headers as IDataObject,
	};
};

interface OutboundClient {
	request(options: IHttpRequestOptions): Promise<unknown>;
	requestLegacy(options: object): Promise<unknown>;
}

/** n8n's own outbound HTTP client (the one behind `this.helpers.httpRequest` in n8n 2.x). */
function n8nClient(): OutboundClient {
	/* eslint-disable @typescript-eslint/no-require-imports -- n8n-core's own network package, resolved at test time */
	const { Container } = require('@n8n/di') as { Container: { get(type: unknown): unknown } };
	const { OutboundHttp } = require('@n8n/backend-network') as { OutboundHttp: unknown };
	/* eslint-enable @typescript-eslint/no-require-imports */
	return (Container.get(OutboundHttp) as { requests(): OutboundClient }).requests();
}

/**
 * Sends the request through n8n's real request helper (redirect handling, timeouts, JSON parsing
 * and abort signal exactly as n8n does them), with the credential's header already applied. A
 * failure is wrapped in a NodeApiError as n8n-core's httpRequestWithAuthentication does.
 */
export const n8nHttp: HttpHandler = async (request: SentRequest) => {
	try {
		return (await n8nClient().request({
			...request.options,
			headers: request.headers,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw new NodeApiError(NODE, error as JsonObject);
	}
};

/** n8n's real `helpers.request` as a credential test receives it. */
export const n8nLegacyRequest = async (options: object): Promise<unknown> =>
	await n8nClient().requestLegacy(options);
