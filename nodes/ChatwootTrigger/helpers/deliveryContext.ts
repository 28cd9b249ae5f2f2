import type { IWebhookFunctions } from 'n8n-workflow';

import { getConnection, type ChatwootConnection } from '../../Chatwoot/transport';
import { isUrlOf, requestPath } from '../../shared/webhooks';
import type { TriggerSettings } from './settings';
import { memoryOf, staticDataOf } from './state';
import { listWebhooks, ownUserId } from './webhookApi';

/** Lookups during a delivery must leave time to answer Chatwoot, which gives up after 5 s. */
const DELIVERY_LOOKUP_TIMEOUT_MS = 3_000;
/** Chatwoot is asked for the secret at most this often per node (forged requests must not flood it). */
const SECRET_LOOKUP_INTERVAL_MS = 30_000;
const OWN_USER_TTL_MS = 10 * 60_000;
const OWN_USER_RETRY_MS = 30_000;

async function deliveryConnection(context: IWebhookFunctions): Promise<ChatwootConnection> {
	return await getConnection.call(
		context,
		{ maxAttempts: 1, backoffMs: 0 },
		DELIVERY_LOOKUP_TIMEOUT_MS,
	);
}

export type SecretSource = 'node' | 'static data' | 'Chatwoot';

/**
 * The secret to verify with: the pasted one (manual setup); else the one kept at activation in
 * static data; else, when static data lacks it (a test listener on another main, data lost),
 * the secret of our webhook as Chatwoot lists it. `fresh` asks Chatwoot even when one is kept
 * (it did not verify: the webhook may have been re-created).
 */
export async function webhookSecret(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	fresh = false,
): Promise<{ secret?: string; source: SecretSource }> {
	if (settings.setup === 'manual')
		return { secret: settings.manualSecret || undefined, source: 'node' };
	const path = requestPath(context);
	const data = staticDataOf(context);
	const memory = memoryOf(context);
	if (!fresh) {
		if (data.secret && isUrlOf(data.webhookUrl, path))
			return { secret: data.secret, source: 'static data' };
		if (memory.secret && isUrlOf(memory.secret.url, path))
			return { secret: memory.secret.value, source: 'Chatwoot' };
	}
	const now = Date.now();
	// Asked lately: what Chatwoot said then. Static data another process saved may hold an older
	// secret than that (n8n saves it whole, the last writer wins), so a fresh read gets it too.
	if (
		memory.secretLookupAt !== undefined &&
		now - memory.secretLookupAt < SECRET_LOOKUP_INTERVAL_MS
	)
		return {
			secret: memory.secret && isUrlOf(memory.secret.url, path) ? memory.secret.value : undefined,
			source: 'Chatwoot',
		};
	memory.secretLookupAt = now;
	try {
		const connection = await deliveryConnection(context);
		const ours = (await listWebhooks.call(context, connection)).find((webhook) =>
			isUrlOf(webhook.url, path),
		);
		if (!ours?.secret) return { source: 'Chatwoot' };
		memory.secret = { url: ours.url, value: ours.secret };
		data.webhookUrl = ours.url;
		data.webhookId = ours.id;
		data.secret = ours.secret;
		return { secret: ours.secret, source: 'Chatwoot' };
	} catch (error) {
		context.logger.warn(
			`Chatwoot Trigger "${context.getNode().name}": could not read the webhook secret from Chatwoot: ${(error as Error).message}`,
		);
		return { source: 'Chatwoot' };
	}
}

/** The credential's user for the loop guard: from activation, else asked (and remembered a while). */
export async function ownUser(context: IWebhookFunctions): Promise<number | undefined> {
	const kept = staticDataOf(context).ownUserId;
	if (typeof kept === 'number') return kept;
	if (kept === null) return undefined;
	const memory = memoryOf(context);
	const now = Date.now();
	if (memory.ownUser && now - memory.ownUser.at < OWN_USER_TTL_MS) return memory.ownUser.id;
	try {
		const id = await ownUserId.call(context, await deliveryConnection(context));
		memory.ownUser = { at: now, id };
		staticDataOf(context).ownUserId = id ?? null;
		return id;
	} catch (error) {
		// Asked again after a short while: the loop guard must not stay blind for long.
		memory.ownUser = { at: now - OWN_USER_TTL_MS + OWN_USER_RETRY_MS, id: undefined };
		context.logger.warn(
			`Chatwoot Trigger "${context.getNode().name}": could not read the credential's profile for the loop guard: ${(error as Error).message}`,
		);
		return undefined;
	}
}
