import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../shared/nodeError';
import {
	getConnection,
	kapsoApiRequest,
	type KapsoConnection,
	type KapsoContext,
} from '../../KapsoWhatsApp/transport';

/**
 * A phone number's webhooks through Kapso's Platform API (NOTES §6), over the Kapso WhatsApp
 * node's HTTP door: list and create under the number; get, update and delete by the webhook's own
 * id. The trigger and Message → Send and Wait for Reply both use them.
 */

export interface KapsoWebhook extends IDataObject {
	id: string;
	url: string;
}

export async function webhookConnection(this: IHookFunctions): Promise<KapsoConnection> {
	return await getConnection.call(this);
}

/** The answer's object: `{data: …}` as the Platform API wraps it, or bare. */
function unwrap(body: IDataObject): unknown {
	return 'data' in body ? body.data : body;
}

function asWebhook(value: unknown): KapsoWebhook | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const webhook = value as IDataObject;
	if (webhook.id === undefined || webhook.id === null || typeof webhook.url !== 'string')
		return undefined;
	return { ...webhook, id: String(webhook.id), url: webhook.url };
}

export async function listWebhooks(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
): Promise<KapsoWebhook[]> {
	const body = await kapsoApiRequest.call(this, connection, {
		api: 'platform',
		method: 'GET',
		path: `/whatsapp/phone_numbers/${encodeURIComponent(phoneNumberId)}/webhooks`,
		subject: `phone number ${phoneNumberId}`,
	});
	const list = unwrap(body);
	return Array.isArray(list)
		? list.map(asWebhook).filter((webhook): webhook is KapsoWebhook => webhook !== undefined)
		: [];
}

/** Creates the webhook; undefined when Kapso's answer names no webhook id. */
export async function createWebhook(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	body: IDataObject,
): Promise<KapsoWebhook | undefined> {
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'platform',
		method: 'POST',
		path: `/whatsapp/phone_numbers/${encodeURIComponent(phoneNumberId)}/webhooks`,
		body,
		subject: `phone number ${phoneNumberId}`,
	});
	return asWebhook(unwrap(answer));
}

/** Deletes a webhook; false when Kapso no longer knows it (already gone, which is what we want). */
export async function deleteWebhook(
	this: KapsoContext,
	connection: KapsoConnection,
	webhookId: string,
): Promise<boolean> {
	try {
		await kapsoApiRequest.call(this, connection, {
			api: 'platform',
			method: 'DELETE',
			path: `/whatsapp/webhooks/${encodeURIComponent(webhookId)}`,
			subject: `webhook ${webhookId}`,
		});
		return true;
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return false;
		throw asNodeError(this.getNode(), error);
	}
}

/** One webhook as Kapso holds it (with its `secret_key`); undefined when Kapso no longer knows it. */
export async function getWebhook(
	this: KapsoContext,
	connection: KapsoConnection,
	webhookId: string,
): Promise<KapsoWebhook | undefined> {
	try {
		const answer = await kapsoApiRequest.call(this, connection, {
			api: 'platform',
			method: 'GET',
			path: `/whatsapp/webhooks/${encodeURIComponent(webhookId)}`,
			subject: `webhook ${webhookId}`,
		});
		return asWebhook(unwrap(answer));
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return undefined;
		throw asNodeError(this.getNode(), error);
	}
}

/** Changes some of a webhook's settings (`whatsapp_webhook` fields). */
export async function updateWebhook(
	this: KapsoContext,
	connection: KapsoConnection,
	webhookId: string,
	changes: IDataObject,
): Promise<void> {
	await kapsoApiRequest.call(this, connection, {
		api: 'platform',
		method: 'PATCH',
		path: `/whatsapp/webhooks/${encodeURIComponent(webhookId)}`,
		body: { whatsapp_webhook: changes },
		subject: `webhook ${webhookId}`,
	});
}
