import { createHmac } from 'crypto';

import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { ChatwootAccessTokenApi } from '../../credentials/ChatwootAccessTokenApi.credentials';
import { CREDENTIAL_TYPE } from '../../nodes/Chatwoot/transport';
import { DEFAULT_CREDENTIALS, getPath, json, type HttpHandler, type SentRequest } from './context';

export const PRODUCTION_URL = 'https://n8n.example.com/webhook/wh-node-1/webhook';
export const TEST_URL = 'https://n8n.example.com/webhook-test/wh-node-1/webhook';
export const SECRET = 'cw-webhook-secret-91b2';

export const TRIGGER_NODE = {
	id: 'trigger-1',
	name: 'Chatwoot Trigger',
	type: 'n8n-nodes-chatwoot-kapso.chatwootTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
	webhookId: 'wh-node-1',
};

/** One workflow as n8n holds it between activation and deliveries: its static data, its node. */
export interface FakeWorkflow {
	id: string;
	name: string;
	staticData: IDataObject;
	parameters: Record<string, unknown>;
	credentials?: IDataObject;
	http: HttpHandler;
	requests: SentRequest[];
	/** Requests sent without the credential (attachment downloads). */
	plainRequests: IHttpRequestOptions[];
	logs: Array<{ level: string; message: string }>;
}

export function fakeWorkflow(
	parameters: Record<string, unknown>,
	http: HttpHandler = () => json({}),
	credentials?: IDataObject,
): FakeWorkflow {
	return {
		id: 'wf-7',
		name: 'Support replies',
		staticData: {},
		parameters,
		credentials,
		http,
		requests: [],
		plainRequests: [],
		logs: [],
	};
}

function base(workflow: FakeWorkflow, mode: 'trigger' | 'manual' | 'webhook') {
	const credentials = { ...DEFAULT_CREDENTIALS, ...workflow.credentials };
	const logger = Object.fromEntries(
		['debug', 'info', 'warn', 'error'].map((level) => [
			level,
			(message: string) => workflow.logs.push({ level, message }),
		]),
	);
	return {
		getNode: () => TRIGGER_NODE,
		getWorkflow: () => ({ id: workflow.id, name: workflow.name, active: mode !== 'manual' }),
		getMode: () => mode,
		getWorkflowStaticData: () => workflow.staticData,
		getCredentials: async () => credentials,
		getNodeParameter: (name: string, fallback?: unknown) => {
			const value = getPath(workflow.parameters, name);
			return value === undefined ? fallback : value;
		},
		logger,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				workflow.plainRequests.push(options);
				const answer = await workflow.http({
					method: String(options.method ?? 'GET'),
					url: options.url,
					headers: {},
					body: undefined,
					options,
				});
				if (answer.statusCode >= 400)
					throw new Error(`Request failed with status code ${answer.statusCode}`);
				return answer;
			},
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(data.length),
			}),
			httpRequestWithAuthentication: async (
				_type: string,
				options: IHttpRequestOptions,
				additional?: IAdditionalCredentialOptions,
			) => {
				expect(_type).toBe(CREDENTIAL_TYPE);
				const data = additional?.credentialsDecrypted?.data ?? credentials;
				const authenticated = await new ChatwootAccessTokenApi().authenticate(data, { ...options });
				const request: SentRequest = {
					method: String(options.method ?? 'GET'),
					url: options.url,
					qs: options.qs,
					headers: authenticated.headers as Record<string, string>,
					body: options.body,
					options,
				};
				workflow.requests.push(request);
				return await workflow.http(request);
			},
		},
	};
}

/** The context n8n gives checkExists/create/delete: production ('trigger') or a test listener ('manual'). */
export function hookContext(workflow: FakeWorkflow, mode: 'trigger' | 'manual' = 'trigger') {
	return {
		...base(workflow, mode),
		getNodeWebhookUrl: () => (mode === 'manual' ? TEST_URL : PRODUCTION_URL),
	} as unknown as IHookFunctions;
}

export interface Delivery {
	body?: string | Buffer;
	headers?: Record<string, string | undefined>;
	/** The path n8n received it on. */
	path?: string;
	/** When n8n did not keep the raw body. */
	noRawBody?: boolean;
}

export interface Answer {
	status?: number;
	body?: unknown;
}

/** The context n8n gives webhook() for one delivery, and what the node answered on the response. */
export function webhookContext(
	workflow: FakeWorkflow,
	delivery: Delivery,
	mode: 'webhook' | 'manual' = 'webhook',
) {
	const raw = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body ?? '{}');
	const headers = Object.fromEntries(
		Object.entries(delivery.headers ?? {})
			.filter((entry): entry is [string, string] => entry[1] !== undefined)
			.map(([name, value]) => [name.toLowerCase(), value]),
	);
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
	const path = delivery.path ?? new URL(mode === 'manual' ? TEST_URL : PRODUCTION_URL).pathname;
	const context = {
		...base(workflow, mode),
		getNodeWebhookUrl: () => PRODUCTION_URL,
		getRequestObject: () => ({
			headers,
			originalUrl: path,
			rawBody: delivery.noRawBody ? undefined : raw,
			readRawBody: async () => undefined,
		}),
		getResponseObject: () => response,
		getBodyData: () => JSON.parse(raw.toString('utf8')) as IDataObject,
		getHeaderData: () => headers,
	} as unknown as IWebhookFunctions;
	return { context, answer };
}

/** Headers Chatwoot sends with a signed delivery. */
export function signedHeaders(
	body: string | Buffer,
	options: { secret?: string; timestamp?: number; delivery?: string } = {},
): Record<string, string> {
	const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
	const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
	const signature = createHmac('sha256', options.secret ?? SECRET)
		.update(Buffer.concat([Buffer.from(`${timestamp}.`), raw]))
		.digest('hex');
	return {
		'Content-Type': 'application/json',
		'X-Chatwoot-Signature': `sha256=${signature}`,
		'X-Chatwoot-Timestamp': timestamp,
		...(options.delivery ? { 'X-Chatwoot-Delivery': options.delivery } : {}),
	};
}

/** A message_created payload as Chatwoot's Message#webhook_data builds it. */
export function messageCreated(overrides: IDataObject = {}): IDataObject {
	return {
		event: 'message_created',
		id: 501,
		content: 'Hello, my order has not arrived',
		created_at: '2026-12-02T00:00:00.000Z',
		message_type: 'incoming',
		content_type: 'text',
		content_attributes: {},
		source_id: null,
		private: false,
		sender: { id: 17, name: 'Maria Lopez', email: 'maria@example.com', type: 'contact' },
		inbox: { id: 3, name: 'Website' },
		conversation: {
			id: 42,
			inbox_id: 3,
			status: 'open',
			labels: ['vip'],
			meta: { sender: { id: 17, name: 'Maria Lopez' } },
			contact_inbox: { contact_id: 17, source_id: 'abc' },
		},
		account: { id: 1, name: 'Acme' },
		...overrides,
	};
}

/** A delivery of `payload` as Chatwoot sends it: raw JSON, signed. */
export function signedDelivery(
	payload: IDataObject,
	options: { secret?: string; timestamp?: number; delivery?: string } = {},
): Delivery {
	const body = JSON.stringify(payload);
	return { body, headers: signedHeaders(body, options) };
}

/** Static data as activation leaves it for the production URL. */
export function activated(workflow: FakeWorkflow, extra: IDataObject = {}): FakeWorkflow {
	Object.assign(workflow.staticData, {
		webhookUrl: PRODUCTION_URL,
		webhookId: 9,
		secret: SECRET,
		ownUserId: 5,
		...extra,
	});
	return workflow;
}

/** The parameters a default node has, plus `extra`. */
export function triggerParameters(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		setup: 'automatic',
		events: ['message_created'],
		verifySignature: true,
		messageTypes: ['incoming'],
		includePrivateNotes: false,
		ignoreOwnMessages: true,
		ignoreAgentBotMessages: true,
		filters: {},
		options: {},
		...extra,
	};
}

/** A Chatwoot that keeps account webhooks as Rails does (`{payload: {webhook}}`, one per URL) and a profile. */
export function fakeChatwoot(
	options: { profile?: IDataObject | 'bot'; webhooks?: IDataObject[] } = {},
) {
	const state = {
		webhooks: [...(options.webhooks ?? [])] as IDataObject[],
		nextId: 20,
	};
	const origin = new URL(DEFAULT_CREDENTIALS.baseUrl).origin;
	const handler: HttpHandler = (request) => {
		const path = request.url.replace(origin, '');
		if (path === '/api/v1/profile') {
			if (options.profile === 'bot')
				return json({ error: 'Access to this endpoint is not authorized for bots' }, 401);
			return json(options.profile ?? { id: 5, name: 'Ops Bot User', accounts: [{ id: 1 }] });
		}
		const match = /^\/api\/v1\/accounts\/1\/webhooks(?:\/(\d+))?$/.exec(path);
		if (!match) return json({ error: 'Resource could not be found' }, 404);
		const id = match[1] ? Number(match[1]) : undefined;
		const found = state.webhooks.find((webhook) => webhook.id === id);
		const attrs = ((request.body as IDataObject | undefined)?.webhook ?? {}) as IDataObject;
		const shown = (webhook: IDataObject) => ({
			id: webhook.id,
			url: webhook.url,
			name: webhook.name,
			subscriptions: webhook.subscriptions,
			account_id: 1,
			secret: webhook.secret,
			inbox: webhook.inbox_id ? { id: webhook.inbox_id, name: 'Website' } : null,
		});
		if (request.method === 'GET' && id === undefined)
			return json({ payload: { webhooks: state.webhooks.map(shown) } });
		if (request.method === 'POST' && id === undefined) {
			if (state.webhooks.some((webhook) => webhook.url === attrs.url))
				return json({ message: 'Url has already been taken' }, 422);
			const webhook = { ...attrs, id: ++state.nextId, secret: `secret-${state.nextId}` };
			state.webhooks.push(webhook);
			return json({ payload: { webhook: shown(webhook) } });
		}
		if (!found) return json({ error: 'Resource could not be found' }, 404);
		if (request.method === 'PATCH') {
			Object.assign(found, attrs);
			return json({ payload: { webhook: shown(found) } });
		}
		if (request.method === 'DELETE') {
			state.webhooks = state.webhooks.filter((webhook) => webhook !== found);
			return json(undefined);
		}
		return json({ error: 'unexpected' }, 500);
	};
	return { state, handler };
}
