import type { IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getConnection, type ChatwootConnection } from '../../Chatwoot/transport';
import { privateAddressReason } from '../../shared/webhooks';
import { readSettings, type TriggerSettings } from '../helpers/settings';
import { forgetRegistration, registrationFor, staticDataOf } from '../helpers/state';
import {
	createWebhook,
	deleteWebhook,
	listWebhooks,
	ownUserId,
	updateWebhook,
	type ChatwootWebhook,
	type WebhookSpec,
} from '../helpers/webhookApi';

const MAX_NAME_LENGTH = 120;

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this node no webhook URL');
	return url;
}

/** "n8n: Support replies › Chatwoot Trigger": a person finds the workflow from Chatwoot's settings. */
export function webhookName(context: IHookFunctions): string {
	const test = context.getMode() === 'manual' ? ' (test)' : '';
	const name = `n8n: ${context.getWorkflow().name ?? 'workflow'} › ${context.getNode().name}`;
	return `${name.slice(0, MAX_NAME_LENGTH - test.length)}${test}`;
}

function specFor(context: IHookFunctions, settings: TriggerSettings, url: string): WebhookSpec {
	if (settings.events.length === 0)
		throw new NodeOperationError(context.getNode(), 'Events: choose at least one event', {
			description: 'Chatwoot needs at least one event to subscribe the webhook to.',
		});
	const { inboxIds } = settings.filter;
	return {
		url,
		name: webhookName(context),
		subscriptions: [...settings.events].sort(),
		// One inbox: Chatwoot filters; several: the node does.
		inboxId: inboxIds.length === 1 ? inboxIds[0] : undefined,
	};
}

const sameSpec = (webhook: ChatwootWebhook, spec: WebhookSpec) =>
	webhook.name === spec.name &&
	webhook.inboxId === spec.inboxId &&
	[...webhook.subscriptions].sort().join() === spec.subscriptions.join();

/** Says in n8n's log when Chatwoot ≥ 4.14 will drop every delivery to this URL (SafeFetch). */
function warnIfPrivate(context: IHookFunctions, url: string): void {
	const reason = privateAddressReason(url);
	if (!reason) return;
	context.logger.warn(
		`Chatwoot Trigger "${context.getNode().name}": the webhook URL ${url} looks private (${reason}). Chatwoot 4.14 and later silently drops webhooks to private or loopback addresses unless SAFE_FETCH_ALLOW_PRIVATE_NETWORK=true is set on the Chatwoot server; otherwise give n8n a public address (WEBHOOK_URL).`,
		{ workflowId: context.getWorkflow().id },
	);
}

/** Learns whose messages the loop guard ignores: the credential's user (null for an agent-bot token). */
async function rememberOwnUser(context: IHookFunctions, connection: ChatwootConnection) {
	try {
		staticDataOf(context).ownUserId = (await ownUserId.call(context, connection)) ?? null;
	} catch (error) {
		// Not fatal: the first delivery asks again.
		delete staticDataOf(context).ownUserId;
		context.logger.warn(
			`Chatwoot Trigger "${context.getNode().name}": could not read the credential's profile for the loop guard: ${(error as Error).message}`,
		);
	}
}

function remember(context: IHookFunctions, url: string, webhook: ChatwootWebhook): void {
	const data = staticDataOf(context);
	if (data.webhookUrl !== url) delete data.deliveries;
	data.webhookUrl = url;
	data.webhookId = webhook.id;
	if (webhook.secret) data.secret = webhook.secret;
	else delete data.secret;
}

/** Registration errors say what to do: a bot token or an agent cannot manage webhooks. */
function explained(error: unknown): unknown {
	if (error instanceof NodeApiError && error.httpCode === '401') {
		const advice =
			'Creating a webhook needs an administrator’s access token (agent-bot tokens and agents may not). Use such a token, or choose Webhook Setup → Set Up in Chatwoot Myself and paste this node’s URL into the bot’s or inbox’s settings.';
		error.description = error.description ? `${error.description} ${advice}` : advice;
	}
	return error;
}

/**
 * n8n asks on every activation (and before a test listener) whether the webhook exists. Ours is
 * the one with our URL (Chatwoot keeps one per URL): after a crash or a re-activation it is
 * adopted, brought up to date with the node's events and inbox, and any duplicate removed.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings.call(this);
	const url = webhookUrl(this);
	warnIfPrivate(this, url);
	const connection = await getConnection.call(this);
	if (settings.setup === 'manual') {
		await rememberOwnUser(this, connection);
		return true;
	}
	const spec = specFor(this, settings, url);
	try {
		const ours = (await listWebhooks.call(this, connection)).filter((w) => w.url === url);
		if (ours.length === 0) return false;
		const [kept, ...duplicates] = ours;
		for (const duplicate of duplicates) await deleteWebhook.call(this, connection, duplicate.id);
		const current = sameSpec(kept, spec)
			? kept
			: { ...kept, ...(await updateWebhook.call(this, connection, kept.id, spec)) };
		remember(this, url, { ...current, secret: current.secret ?? kept.secret });
	} catch (error) {
		throw explained(error);
	}
	await rememberOwnUser(this, connection);
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings.call(this);
	if (settings.setup === 'manual') return true;
	const url = webhookUrl(this);
	const connection = await getConnection.call(this);
	const spec = specFor(this, settings, url);
	try {
		remember(this, url, await createWebhook.call(this, connection, spec));
	} catch (error) {
		throw explained(error);
	}
	this.logger.info(
		`Chatwoot Trigger "${this.getNode().name}": webhook ${String(staticDataOf(this).webhookId)} created in Chatwoot for ${spec.subscriptions.join(', ')}`,
		{ workflowId: this.getWorkflow().id },
	);
	await rememberOwnUser(this, connection);
	return true;
}

/** Removes our webhook (by the id kept at activation, and any other with our URL). */
export async function deleteHook(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings.call(this);
	if (settings.setup === 'manual') return true;
	const url = webhookUrl(this);
	const connection = await getConnection.call(this);
	const known = registrationFor(this, url).webhookId;
	const ids = new Set<number>(known === undefined ? [] : [known]);
	try {
		for (const webhook of await listWebhooks.call(this, connection))
			if (webhook.url === url) ids.add(webhook.id);
	} catch (error) {
		// The kept id is still deleted; a list Chatwoot refused must not keep it firing.
		if (ids.size === 0) throw explained(error);
	}
	for (const id of ids) await deleteWebhook.call(this, connection, id);
	forgetRegistration(this);
	return true;
}
