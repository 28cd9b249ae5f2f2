import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { privateAddressReason } from '../../shared/webhooks';
import {
	createWebhook,
	deleteWebhook,
	listWebhooks,
	webhookConnection,
	type KapsoWebhook,
} from '../transport/webhooks';
import { registeredWebhook, type RegisteredWebhook } from '../helpers/state';
import {
	readPhoneNumberId,
	readRegistrationSettings,
	readSetup,
	type RegistrationSettings,
} from './settings';

/**
 * The webhook's life in Kapso, for n8n's checkExists / create / delete: activation and "listen for
 * test event" register it, deactivation and the end of a test remove it. The node's static data
 * keeps the webhook's id, number and secret; the webhook's URL says which webhooks are this node's,
 * so a webhook left behind (a lost answer, a crash) is found and removed, never duplicated.
 */

const INACTIVE_EVENT = 'whatsapp.conversation.inactive';

/** The request body that registers the webhook, as sent. */
export function webhookBody(
	url: string,
	settings: RegistrationSettings,
	secret: string,
): IDataObject {
	const webhook: IDataObject = {
		url,
		events: [...settings.events],
		kind: 'kapso',
		payload_version: 'v2',
		active: true,
		secret_key: secret,
		buffer_enabled: settings.bufferEnabled,
	};
	if (settings.bufferEnabled) {
		webhook.buffer_window_seconds = settings.bufferWindowSeconds;
		webhook.max_buffer_size = settings.maxBufferSize;
	}
	if (settings.events.includes(INACTIVE_EVENT))
		webhook.inactivity_minutes = settings.inactivityMinutes;
	return { whatsapp_webhook: webhook };
}

/** Whether a webhook Kapso holds is registered as the node would register it now. */
export function matchesSettings(existing: IDataObject, settings: RegistrationSettings): boolean {
	const events = Array.isArray(existing.events) ? existing.events.map(String).sort() : [];
	const wanted = [...settings.events].sort();
	const same = (a: unknown, b: unknown) => a === undefined || Number(a) === b;
	return (
		events.join(',') === wanted.join(',') &&
		(existing.kind ?? 'kapso') === 'kapso' &&
		(existing.payload_version ?? 'v2') === 'v2' &&
		existing.active !== false &&
		(existing.buffer_enabled === true) === settings.bufferEnabled &&
		(!settings.bufferEnabled ||
			(same(existing.buffer_window_seconds, settings.bufferWindowSeconds) &&
				same(existing.max_buffer_size, settings.maxBufferSize))) &&
		(!settings.events.includes(INACTIVE_EVENT) ||
			same(existing.inactivity_minutes, settings.inactivityMinutes))
	);
}

function forget(registered: RegisteredWebhook): void {
	delete registered.webhookId;
	delete registered.phoneNumberId;
	delete registered.secret;
	delete registered.url;
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

/**
 * True when Kapso already holds this node's webhook as configured. Every other webhook with this
 * node's URL (left behind, or registered with other settings) is removed, so create() starts clean.
 */
export async function webhookExists(this: IHookFunctions): Promise<boolean> {
	if (readSetup(this) === 'manual') return true;
	const settings = readRegistrationSettings(this);
	const phoneNumberId = readPhoneNumberId(this);
	const url = webhookUrl(this);
	const registered = registeredWebhook(this);
	const connection = await webhookConnection.call(this);
	if (
		registered.webhookId &&
		registered.phoneNumberId &&
		registered.phoneNumberId !== phoneNumberId
	) {
		await deleteWebhook.call(this, connection, registered.webhookId);
		forget(registered);
	}
	const ours = (await listWebhooks.call(this, connection, phoneNumberId)).filter(
		(webhook) => webhook.url === url,
	);
	const kept: KapsoWebhook | undefined = ours.find(
		(webhook) =>
			webhook.id === registered.webhookId &&
			Boolean(registered.secret) &&
			matchesSettings(webhook, settings),
	);
	for (const webhook of ours) {
		if (webhook !== kept) await deleteWebhook.call(this, connection, webhook.id);
	}
	if (!kept) forget(registered);
	return kept !== undefined;
}

/**
 * Kapso calls this URL from the internet: a private or loopback n8n address cannot be reached,
 * unless the credential points at a Kapso on the same network (a proxy or a test server).
 */
function checkReachable(context: IHookFunctions, url: string, baseUrl: string): void {
	const reason = privateAddressReason(url);
	if (reason === undefined || privateAddressReason(baseUrl) !== undefined) return;
	throw new NodeOperationError(
		context.getNode(),
		`Kapso cannot reach this n8n: its webhook URL ${url} is ${reason}`,
		{
			description:
				"Set n8n's WEBHOOK_URL environment variable to the public address Kapso can call (a tunnel such as ngrok while testing), then activate again.",
		},
	);
}

export async function registerWebhook(this: IHookFunctions): Promise<boolean> {
	if (readSetup(this) === 'manual') return true;
	const settings = readRegistrationSettings(this);
	const phoneNumberId = readPhoneNumberId(this);
	const url = webhookUrl(this);
	const connection = await webhookConnection.call(this);
	checkReachable(this, url, connection.baseUrl);
	const secret = randomBytes(32).toString('hex');
	const created = await createWebhook.call(
		this,
		connection,
		phoneNumberId,
		webhookBody(url, settings, secret),
	);
	if (!created) {
		throw new NodeOperationError(
			this.getNode(),
			'Kapso created the webhook but did not return its id',
			{
				description:
					'Deactivate and activate the workflow again; the webhook left behind is removed then.',
			},
		);
	}
	const registered = registeredWebhook(this);
	registered.webhookId = created.id;
	registered.phoneNumberId = phoneNumberId;
	// Kapso returns the secret it keeps; should it have made its own, that one signs the deliveries.
	registered.secret =
		typeof created.secret_key === 'string' && created.secret_key !== ''
			? created.secret_key
			: secret;
	registered.url = url;
	return true;
}

/**
 * Removes the webhook. Without a known id (its create answer was lost) the number's webhooks with
 * this node's URL are removed instead. A webhook Kapso no longer knows counts as removed.
 */
export async function unregisterWebhook(this: IHookFunctions): Promise<boolean> {
	if (readSetup(this) === 'manual') return true;
	const registered = registeredWebhook(this);
	const connection = await webhookConnection.call(this);
	if (registered.webhookId) {
		await deleteWebhook.call(this, connection, registered.webhookId);
	} else {
		const url = webhookUrl(this);
		const phoneNumberId = readPhoneNumberId(this);
		for (const webhook of await listWebhooks.call(this, connection, phoneNumberId)) {
			if (webhook.url === url) await deleteWebhook.call(this, connection, webhook.id);
		}
	}
	forget(registered);
	return true;
}
