import type { IWebhookFunctions } from 'n8n-workflow';

import { getConnection } from '../../KapsoWhatsApp/transport';
import { isUrlOf, requestPath } from '../../shared/webhooks';
import { getWebhook, listWebhooks, type KapsoWebhook } from '../transport/webhooks';
import { memoryOf, registeredWebhook } from './state';

/** Kapso retries a delivery not answered within 10 s: the lookup must leave time to answer. */
const LOOKUP_TIMEOUT_MS = 3_000;
/** Kapso is asked at most this often per node and process (forged requests must not flood it). */
const LOOKUP_INTERVAL_MS = 30_000;

const secretOf = (webhook: KapsoWebhook | undefined): string =>
	typeof webhook?.secret_key === 'string' ? webhook.secret_key.trim() : '';

/**
 * The secret of this trigger's webhook as Kapso holds it, for a request that the kept secret did
 * not verify (or with none kept). Static data is saved whole by whichever n8n process wrote it
 * last, so a webhook process may read a registration older than the one activation made; Kapso's
 * own record is the truth. Found by the kept id, else among the number's webhooks by this
 * request's path; kept in static data (saved after this request) and, for the rate limit, here.
 * Undefined when Kapso holds none or cannot be asked.
 */
export async function secretFromKapso(
	context: IWebhookFunctions,
	phoneNumberId: () => string,
): Promise<string | undefined> {
	const memory = memoryOf(context);
	const path = requestPath(context);
	const now = Date.now();
	if (memory.secretLookupAt !== undefined && now - memory.secretLookupAt < LOOKUP_INTERVAL_MS)
		return memory.secret && isUrlOf(memory.secret.url, path) ? memory.secret.value : undefined;
	memory.secretLookupAt = now;
	const registered = registeredWebhook(context);
	try {
		const connection = await getConnection.call(
			context,
			{ maxAttempts: 1, backoffMs: 0 },
			LOOKUP_TIMEOUT_MS,
		);
		let webhook = registered.webhookId
			? await getWebhook.call(context, connection, registered.webhookId)
			: undefined;
		if (!webhook || !isUrlOf(webhook.url, path)) {
			const number = phoneNumberId();
			const listed = (await listWebhooks.call(context, connection, number)).find((candidate) =>
				isUrlOf(candidate.url, path),
			);
			webhook =
				listed && secretOf(listed) === ''
					? await getWebhook.call(context, connection, listed.id)
					: listed;
			if (webhook) registered.phoneNumberId = number;
		}
		const secret = secretOf(webhook);
		if (!webhook || secret === '') return undefined;
		memory.secret = { url: webhook.url, value: secret };
		registered.webhookId = webhook.id;
		registered.url = webhook.url;
		registered.secret = secret;
		return secret;
	} catch (error) {
		context.logger.warn(
			`Kapso Trigger "${context.getNode().name}": could not read the webhook secret from Kapso: ${(error as Error).message}`,
		);
		return undefined;
	}
}
