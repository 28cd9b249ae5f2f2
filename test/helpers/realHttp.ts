import axios, { type AxiosRequestConfig } from 'axios';
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import type { HttpHandler, SentRequest } from './context';

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
	};
	const response = await axios.request(config);
	return {
		body: response.data,
		statusCode: response.status,
		headers: response.headers as IDataObject,
	};
};
