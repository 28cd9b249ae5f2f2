import {
	createWebhook,
	deleteWebhook,
	listWebhooks,
	type ChatwootWebhook,
} from '../../../ChatwootTrigger/helpers/webhookApi';
import type { ChatwootConnection, ChatwootContext } from '../../transport';

/**
 * Every webhook this operation registers is named with this prefix, the execution, the
 * conversation and the wait's deadline, so a person recognises it in Chatwoot's settings and a
 * later run can remove the ones whose wait is over should their watcher have died.
 */
export const WEBHOOK_NAME_PREFIX = 'n8n Send and Wait for Reply';
/** Added to the name once the customer was asked again: the re-ask is sent at most once. */
export const RE_ASKED_MARK = ' · re-asked';
/** A webhook is removed this long after its deadline (the clocks of several n8n mains may differ a little). */
export const SWEEP_GRACE_MS = 30_000;

export function webhookName(executionId: string, conversationId: number, until: Date): string {
	return `${WEBHOOK_NAME_PREFIX} · execution ${executionId} · conversation ${conversationId} · until ${until.toISOString()}`;
}

/** The deadline written in one of our webhook names; undefined for any other webhook. */
export function deadlineOf(webhook: ChatwootWebhook): number | undefined {
	if (!webhook.name?.startsWith(`${WEBHOOK_NAME_PREFIX} · `)) return undefined;
	const until = /· until (\S+)/.exec(webhook.name)?.[1];
	const time = until === undefined ? NaN : Date.parse(until);
	return Number.isFinite(time) ? time : undefined;
}

export const isReAsked = (webhook: ChatwootWebhook): boolean =>
	webhook.name?.endsWith(RE_ASKED_MARK) === true;

/**
 * Deletes our webhooks whose wait is over: the fallback for waits whose watcher died with its
 * process (an n8n restart, a killed worker) before the execution ended. Run before each new wait
 * and, with the list already read, after each resume. Only the deadline decides.
 */
export async function sweepEndedWaits(
	this: ChatwootContext,
	connection: ChatwootConnection,
	nowMs: number,
	webhooks?: ChatwootWebhook[],
): Promise<number[]> {
	const ended = (webhooks ?? (await listWebhooks.call(this, connection))).filter((webhook) => {
		const deadline = deadlineOf(webhook);
		return deadline !== undefined && deadline + SWEEP_GRACE_MS < nowMs;
	});
	for (const webhook of ended) await deleteWebhook.call(this, connection, webhook.id);
	return ended.map((webhook) => webhook.id);
}

/** Registers the webhook that brings the customer's messages of one inbox to the resume URL. */
export async function registerReplyWebhook(
	this: ChatwootContext,
	connection: ChatwootConnection,
	resumeUrl: string,
	name: string,
	inboxId: number | undefined,
): Promise<ChatwootWebhook> {
	return await createWebhook.call(this, connection, {
		url: resumeUrl,
		name,
		subscriptions: ['message_created'],
		inboxId,
	});
}
