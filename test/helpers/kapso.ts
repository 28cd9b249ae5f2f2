import type { IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { KapsoApi } from '../../credentials/KapsoApi.credentials';
import { KapsoWhatsApp } from '../../nodes/KapsoWhatsApp/KapsoWhatsApp.node';
import { createContext, json, type ContextOptions, type SentRequest } from './context';
import { realHttp } from './realHttp';
import { findSecret } from './secrets';

export const KAPSO_KEY = 'kapso-test-key-5e1b';

export const KAPSO_CREDENTIALS = {
	apiKey: KAPSO_KEY,
	baseUrl: 'https://api.kapso.ai',
	legacyBaseUrl: 'https://app.kapso.ai/api/v1',
};

export const KAPSO_NODE = {
	id: 'node-kapso',
	name: 'Kapso WhatsApp',
	type: 'n8n-nodes-chatwoot-kapso.kapsoWhatsApp',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

export const PHONE_NUMBER_ID = '100000000000001';
export const MESSAGES_URL = `https://api.kapso.ai/meta/whatsapp/v24.0/${PHONE_NUMBER_ID}/messages`;
export const CONVERSATIONS_URL = `https://api.kapso.ai/meta/whatsapp/v24.0/${PHONE_NUMBER_ID}/conversations`;

/**
 * Runs the Kapso WhatsApp node's execute() over a fake context; returns its output and the
 * requests sent. Every run is a leak check: the API key must not appear in the error, the output
 * or anything logged.
 */
export async function runKapso(options: ContextOptions) {
	const harness = createContext({
		defaultCredentials: KAPSO_CREDENTIALS,
		authenticate: async (data, request) =>
			await new KapsoApi().authenticate(data as never, request),
		node: KAPSO_NODE,
		...options,
	});
	const node = new KapsoWhatsApp();
	const logged: unknown[][] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args)),
	);
	let output: INodeExecutionData[] | undefined;
	let error: unknown;
	try {
		[output] = await node.execute.call(harness.context);
	} catch (caught) {
		error = caught;
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
	const key = String(options.credentials?.apiKey ?? KAPSO_KEY);
	const leak = findSecret(key, { error, output, logged });
	if (leak) throw new Error(`The API key leaked into ${leak}`);
	return { ...harness, output, error, logged };
}

/** Message → Send parameters: text to a phone number, with the window check off unless asked. */
export const kapsoSend = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	phoneNumberId: { __rl: true, mode: 'list', value: PHONE_NUMBER_ID },
	recipientType: 'phone',
	recipientPhone: '+1 555 123 0001',
	messageType: 'text',
	text: 'Hello',
	...extra,
	options: { checkWindow: false, ...(extra.options as Record<string, unknown> | undefined) },
});

/** Kapso's answer to a send. */
export const sent = (wamid = 'wamid.OUT1', waId = '15551230001') =>
	json({
		messaging_product: 'whatsapp',
		contacts: [{ input: waId, wa_id: waId }],
		messages: [{ id: wamid }],
	});

/** A Meta Graph error body as Kapso passes it through. */
export const metaError = (code: number, message: string, status = 400, details?: string) =>
	json(
		{
			error: {
				message,
				type: 'OAuthException',
				code,
				error_data: details ? { messaging_product: 'whatsapp', details } : undefined,
				fbtrace_id: 'Atrace',
			},
		},
		status,
	);

/** Runs one item and expects exactly one POST; returns it. */
export async function sendOnly(extra: Record<string, unknown>): Promise<SentRequest> {
	const run = await runKapso({ parameters: kapsoSend(extra), http: () => sent() });
	if (run.error) throw run.error;
	expect(run.requests).toHaveLength(1);
	return run.requests[0];
}

/** Runs the node over real HTTP against a Kapso sandbox. */
export async function runKapsoOnSandbox(
	sandbox: { url: string; apiKey: string },
	parameters: ContextOptions['parameters'],
	extra: Partial<ContextOptions> = {},
) {
	return await runKapso({
		parameters,
		credentials: {
			apiKey: sandbox.apiKey,
			baseUrl: sandbox.url,
			legacyBaseUrl: `${sandbox.url}/api/v1`,
		} satisfies IDataObject,
		http: realHttp,
		...extra,
	});
}

/** What the editor's lists of the Kapso node run in: its credential and authenticate. */
export const KAPSO_EDITOR = {
	defaultCredentials: KAPSO_CREDENTIALS,
	authenticate: async (data: IDataObject, request: IHttpRequestOptions) =>
		await new KapsoApi().authenticate(data as never, request),
	node: KAPSO_NODE,
};
