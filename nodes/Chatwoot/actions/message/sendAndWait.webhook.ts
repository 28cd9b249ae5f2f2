import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	keepWaiting,
	oneAtATime,
	readWaitingInput,
	refuseDelivery as refuse,
} from '../../../shared/sendAndWait';
import { answerProbe } from '../../../shared/waitWatcher';
import { headerReader, rawBodyOf } from '../../../shared/webhooks';
import { checkDelivery } from '../../../ChatwootTrigger/helpers/verification';
import {
	deleteWebhook,
	listWebhooks,
	updateWebhook,
} from '../../../ChatwootTrigger/helpers/webhookApi';
import { chatwootApiRequest, getConnection, type ChatwootConnection } from '../../transport';
import { isReAsked, RE_ASKED_MARK, sweepEndedWaits } from './sendAndWait.registration';
import {
	decide,
	notAwaitedBecause,
	readReplyMessage,
	reAskPayload,
	replyItem,
	stateOf,
	type ReplyMessage,
	type WaitState,
} from './sendAndWait.reply';

/** Chatwoot gives up on a delivery after 5 s: lookups must leave time to answer. */
const DELIVERY_TIMEOUT_MS = 3_000;
/** A delivery older than this is refused as a replay. */
const MAX_AGE_SECONDS = 300;

/** The wait's state: the waiting node's input item, which the operation made (see execute). */
const readState = (context: IWebhookFunctions) => stateOf(readWaitingInput(context));

async function connectionFor(
	context: IWebhookFunctions,
	accountId: number,
): Promise<ChatwootConnection> {
	const connection = await getConnection.call(
		context,
		{ maxAttempts: 1, backoffMs: 0 },
		DELIVERY_TIMEOUT_MS,
	);
	connection.accountId = accountId;
	return connection;
}

/**
 * The resume webhook of Send and Wait for Reply. Only a verified, incoming, public message of the
 * awaited conversation resumes the execution; anything else is answered and changes nothing
 * (no workflow data: n8n keeps the execution waiting).
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const kept = readState(this);
	// The wait watcher asks whether this wait still waits: answered at once, Chatwoot is not asked.
	const probe = answerProbe(this.getBodyData(), kept?.state.webhookId);
	if (probe) return probe;
	if (!kept) return keepWaiting('this execution is not waiting for a Chatwoot reply');
	const message = readReplyMessage(this.getBodyData());
	const notAwaited = notAwaitedBecause(message, kept.state);
	if (notAwaited) return keepWaiting(notAwaited);
	try {
		return await oneAtATime(
			`chatwoot:${kept.state.accountId}:${kept.state.webhookId}`,
			async () => await resume(this, kept.state, kept.sent, message),
		);
	} catch (error) {
		// Chatwoot could not be asked: the execution keeps waiting (a thrown error would end it).
		const reason = error instanceof Error ? error.message : String(error);
		return refuse(this, `Chatwoot could not be reached: ${reason}`, 503);
	}
}

async function resume(
	context: IWebhookFunctions,
	state: WaitState,
	sent: IDataObject,
	message: ReplyMessage,
): Promise<IWebhookResponseData> {
	const connection = await connectionFor(context, state.accountId);
	// The secret is read from Chatwoot's own record of the webhook: it never sits in the execution.
	const webhooks = await listWebhooks.call(context, connection);
	const webhook = webhooks.find((w) => w.id === state.webhookId);
	if (!webhook?.secret) return refuse(context, 'the webhook of this wait is not in Chatwoot');
	const raw = await rawBodyOf(context);
	if (!raw) return refuse(context, 'n8n did not keep the raw request body');
	const check = checkDelivery(
		webhook.secret,
		raw,
		headerReader(context.getRequestObject().headers),
		MAX_AGE_SECONDS,
		Date.now(),
	);
	if (!check.verified) return refuse(context, check.reason);

	const reAsked = isReAsked(webhook);
	const decision = decide(message, state, reAsked);
	if (decision.action === 'reAsk') {
		// Marked before sending: a crash between the two never asks twice.
		await updateWebhook.call(context, connection, webhook.id, {
			url: webhook.url,
			name: `${webhook.name ?? ''}${RE_ASKED_MARK}`,
			subscriptions: webhook.subscriptions,
			inboxId: webhook.inboxId,
		});
		await chatwootApiRequest.call(context, connection, {
			method: 'POST',
			path: `conversations/${state.conversationId}/messages`,
			body: reAskPayload(state),
			subject: `conversation ${state.conversationId} in account ${state.accountId}`,
		});
		return keepWaiting('the reply is not one of the options: asked once more');
	}
	try {
		await deleteWebhook.call(context, connection, webhook.id);
	} catch {
		// Still resumed: a later run removes the webhook once its deadline has passed.
	}
	// With the list at hand, ended waits whose watcher died go too; not awaited: the answer is due.
	void sweepEndedWaits.call(context, connection, Date.now(), webhooks).catch(() => undefined);
	const item: IDataObject = replyItem(state, sent, message, decision.option, reAsked);
	return { workflowData: [[{ json: item, pairedItem: { item: 0 } }]] };
}
