import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../shared/nodeError';
import {
	chatwootApiRequest,
	type ChatwootConnection,
	type ChatwootContext,
} from '../../Chatwoot/transport';

/** An account webhook as Chatwoot lists it. */
export interface ChatwootWebhook {
	id: number;
	url: string;
	name?: string;
	subscriptions: string[];
	inboxId?: number;
	secret?: string;
}

/** What this node asks Chatwoot to send. */
export interface WebhookSpec {
	url: string;
	name: string;
	subscriptions: string[];
	inboxId?: number;
}

const asObject = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

function readWebhook(raw: unknown): ChatwootWebhook | undefined {
	const entry = asObject(raw);
	if (!entry || typeof entry.url !== 'string' || !Number.isSafeInteger(Number(entry.id)))
		return undefined;
	const inboxId = Number(asObject(entry.inbox)?.id ?? entry.inbox_id);
	return {
		id: Number(entry.id),
		url: entry.url,
		name: typeof entry.name === 'string' ? entry.name : undefined,
		subscriptions: Array.isArray(entry.subscriptions) ? entry.subscriptions.map(String) : [],
		inboxId: Number.isSafeInteger(inboxId) && inboxId > 0 ? inboxId : undefined,
		secret: typeof entry.secret === 'string' && entry.secret !== '' ? entry.secret : undefined,
	};
}

/** Chatwoot wraps the webhook in `payload.webhook` (the spec shows it bare): both are read. */
function webhookOf(body: IDataObject): ChatwootWebhook | undefined {
	const payload = asObject(body.payload);
	return readWebhook(payload?.webhook ?? payload ?? body);
}

export async function listWebhooks(
	this: ChatwootContext,
	connection: ChatwootConnection,
): Promise<ChatwootWebhook[]> {
	const body = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: 'webhooks',
		subject: 'the webhooks',
		answer: 'objectOrList',
	});
	// Chatwoot: {payload: {webhooks: […]}}; the spec: a bare array.
	const payload = Array.isArray(body) ? body : (asObject(body.payload)?.webhooks ?? body.payload);
	return (Array.isArray(payload) ? payload : [])
		.map(readWebhook)
		.filter((webhook): webhook is ChatwootWebhook => webhook !== undefined);
}

const specBody = (spec: WebhookSpec): IDataObject => ({
	webhook: {
		url: spec.url,
		name: spec.name,
		subscriptions: spec.subscriptions,
		...(spec.inboxId === undefined ? {} : { inbox_id: spec.inboxId }),
	},
});

export async function createWebhook(
	this: ChatwootContext,
	connection: ChatwootConnection,
	spec: WebhookSpec,
): Promise<ChatwootWebhook> {
	const body = await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: 'webhooks',
		body: specBody(spec),
		subject: 'the webhook',
		// A create whose answer was lost: Chatwoot keeps one webhook per URL, so look for ours.
		confirm: async () => {
			const found = (await listWebhooks.call(this, connection)).find((w) => w.url === spec.url);
			return found
				? { outcome: 'stored', result: { payload: { webhook: toRaw(found) } } }
				: {
						outcome: 'not-stored',
						note: 'the webhook is not in Chatwoot',
						description: 'Activate the workflow again.',
					};
		},
	});
	return requireWebhook(this, body);
}

/** Updates events, inbox and name of an existing webhook (keeps its id and its secret). */
export async function updateWebhook(
	this: ChatwootContext,
	connection: ChatwootConnection,
	id: number,
	spec: WebhookSpec,
): Promise<ChatwootWebhook> {
	const body = await chatwootApiRequest.call(this, connection, {
		method: 'PATCH',
		path: `webhooks/${id}`,
		body: {
			webhook: {
				url: spec.url,
				name: spec.name,
				subscriptions: spec.subscriptions,
				inbox_id: spec.inboxId ?? null,
			},
		},
		subject: `webhook ${id}`,
	});
	return requireWebhook(this, body);
}

/** Deletes a webhook; one that is gone already counts as deleted. */
export async function deleteWebhook(
	this: ChatwootContext,
	connection: ChatwootConnection,
	id: number,
): Promise<void> {
	try {
		await chatwootApiRequest.call(this, connection, {
			method: 'DELETE',
			path: `webhooks/${id}`,
			subject: `webhook ${id}`,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return;
		throw asNodeError(this.getNode(), error);
	}
}

/** The credential's user id (`GET /api/v1/profile`); undefined for an agent-bot token, which may not read it. */
export async function ownUserId(
	this: ChatwootContext,
	connection: ChatwootConnection,
): Promise<number | undefined> {
	try {
		const profile = await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: '/api/v1/profile',
			subject: 'the profile',
		});
		const id = Number(profile.id);
		return Number.isSafeInteger(id) && id > 0 ? id : undefined;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '401') return undefined;
		throw asNodeError(this.getNode(), error);
	}
}

function toRaw(webhook: ChatwootWebhook): IDataObject {
	return {
		id: webhook.id,
		url: webhook.url,
		name: webhook.name,
		subscriptions: webhook.subscriptions,
		inbox: webhook.inboxId === undefined ? null : { id: webhook.inboxId },
		secret: webhook.secret,
	};
}

function requireWebhook(context: ChatwootContext, body: IDataObject): ChatwootWebhook {
	const webhook = webhookOf(body);
	if (webhook) return webhook;
	throw new NodeOperationError(
		context.getNode(),
		'Chatwoot answered without the webhook it was asked to create or update',
		{ description: 'Check that the credential’s Base URL points at Chatwoot itself.' },
	);
}
