import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { KapsoApi } from '../../credentials/KapsoApi.credentials';
import { getPath, json, type HttpHandler, type SentRequest } from './context';

/**
 * Stand-ins for n8n's hook context (checkExists / create / delete) and webhook context (one
 * request) of the Kapso Trigger. Both share the node's static data, as n8n's do for one workflow.
 */

export const KAPSO_KEY = 'kapso-test-key-5d1e';
export const WEBHOOK_URL = 'https://n8n.example.com/webhook/3f1a-uuid/webhook';

export const TRIGGER_NODE: INode = {
	id: 'trigger-1',
	name: 'Kapso Trigger',
	type: 'n8n-nodes-chatwoot-kapso.kapsoTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { kapsoApi: { id: 'cred-1', name: 'Kapso' } },
};

export interface TriggerOptions {
	parameters: IDataObject;
	staticData?: IDataObject;
	http?: HttpHandler;
	credentials?: IDataObject;
	webhookUrl?: string;
	workflowId?: string;
}

export interface Answer {
	status?: number;
	body?: unknown;
}

export function triggerHarness(options: TriggerOptions) {
	const staticData: IDataObject = options.staticData ?? {};
	const requests: SentRequest[] = [];
	const credentials = {
		apiKey: KAPSO_KEY,
		baseUrl: 'https://api.kapso.ai',
		legacyBaseUrl: 'https://app.kapso.ai/api/v1',
		...options.credentials,
	};
	const http: HttpHandler = options.http ?? (() => json({ data: [] }));

	const httpRequestWithAuthentication = jest.fn(
		async (_type: string, requestOptions: IHttpRequestOptions) => {
			const authenticated = await new KapsoApi().authenticate(credentials, { ...requestOptions });
			const request: SentRequest = {
				method: String(requestOptions.method ?? 'GET'),
				url: requestOptions.url,
				qs: requestOptions.qs,
				headers: (authenticated.headers ?? {}) as Record<string, string>,
				body: requestOptions.body,
				options: requestOptions,
			};
			requests.push(request);
			return await http(request);
		},
	);

	const parameter = (name: string, fallback?: unknown) => {
		const value = getPath(options.parameters, name);
		if (value === undefined && fallback === undefined)
			throw new Error(`Could not get parameter "${name}"`);
		return value === undefined ? fallback : value;
	};
	const base = {
		getNode: () => TRIGGER_NODE,
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'wf', active: true }),
		getNodeParameter: parameter,
		getCredentials: async () => credentials,
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('the trigger keeps node static data only');
			return staticData;
		},
		helpers: { httpRequestWithAuthentication },
	};

	const hooks = {
		...base,
		getNodeWebhookUrl: () => options.webhookUrl ?? WEBHOOK_URL,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
	} as unknown as IHookFunctions;

	/** A webhook context for one request with these headers and raw bytes. */
	function request(headers: Record<string, string>, raw: Buffer | string | undefined) {
		const answer: Answer = {};
		const response = {
			status(code: number) {
				answer.status = code;
				return response;
			},
			json(body: unknown) {
				answer.body = body;
				return response;
			},
		};
		const rawBody = typeof raw === 'string' ? Buffer.from(raw) : raw;
		const lowerCased = Object.fromEntries(
			Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
		);
		const context = {
			...base,
			getMode: () => 'webhook',
			getHeaderData: () => lowerCased,
			getBodyData: () => (rawBody ? (JSON.parse(rawBody.toString()) as IDataObject) : {}),
			getRequestObject: () => ({
				headers: lowerCased,
				rawBody,
				originalUrl: new URL(options.webhookUrl ?? WEBHOOK_URL).pathname,
			}),
			getResponseObject: () => response,
		} as unknown as IWebhookFunctions;
		return { context, answer };
	}

	return { hooks, request, requests, staticData, httpRequestWithAuthentication };
}
