import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	keepWaiting,
	oneAtATime,
	readWaitingInput,
	refuseDelivery as refuse,
} from '../../../shared/sendAndWait';
import { answerProbe } from '../../../shared/waitWatcher';
import { headerReader, rawBodyOf, verifySignature } from '../../../shared/webhooks';
import { MESSAGE_RECEIVED } from '../../../KapsoTrigger/helpers/events';
import {
	normalisePayload,
	readDelivery,
	type Headers,
} from '../../../KapsoTrigger/helpers/payload';
import { KAPSO_SIGNATURE } from '../../../KapsoTrigger/helpers/signature';
import { deleteWebhook, getWebhook, updateWebhook } from '../../../KapsoTrigger/transport/webhooks';
import { sendCloudMessage } from '../../composer/sendCloud';
import { getConnection } from '../../transport';
import { headerOf, RE_ASKED_HEADER, sweepAfterResume } from './sendAndWait.registration';
import {
	decide,
	isFromRecipient,
	reAskBody,
	replyItem,
	stateOf,
	type ReceivedMessage,
	type WaitState,
} from './sendAndWait.reply';

/** Kapso retries a delivery not answered within 10 s: lookups must leave time to answer. */
const DELIVERY_TIMEOUT_MS = 3_000;

/** The wait's state: the waiting node's input item, which the operation made (see execute). */
const readState = (context: IWebhookFunctions) => stateOf(readWaitingInput(context));

function parseJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
	} catch {
		return undefined;
	}
}

/** The awaited customer's message in a delivery (the first, should Kapso send a batch), if any. */
function awaitedMessage(headers: Headers, raw: Buffer, state: WaitState): ReceivedMessage | string {
	const delivery = readDelivery(headers, parseJson(raw));
	if (typeof delivery === 'string') return delivery;
	if (delivery.event !== MESSAGE_RECEIVED) return `the event is ${delivery.event}`;
	const found = delivery.payloads
		.map((payload) => ({
			item: normalisePayload(delivery.event, payload),
			message: (payload.message ?? {}) as IDataObject,
		}))
		.find((received) => isFromRecipient(received, state));
	return found ?? 'the message is from another customer or number';
}

/**
 * The resume webhook of Send and Wait for Reply. Only a verified message from the awaited customer
 * on the awaited number resumes the execution; anything else is answered and changes nothing (no
 * workflow data: n8n keeps the execution waiting).
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const kept = readState(this);
	// The wait watcher asks whether this wait still waits: answered at once, Kapso is not asked.
	const probe = answerProbe(this.getBodyData(), kept?.state.webhookId);
	if (probe) return probe;
	if (!kept) return keepWaiting('this execution is not waiting for a WhatsApp reply');
	const raw = await rawBodyOf(this);
	if (!raw) return refuse(this, 'n8n did not keep the raw request body');
	const headers = this.getHeaderData() as Headers;
	const received = awaitedMessage(headers, raw, kept.state);
	if (typeof received === 'string') return keepWaiting(received);
	try {
		return await oneAtATime(
			`kapso:${kept.state.webhookId}`,
			async () => await resume(this, kept.state, kept.sent, received, raw, headers),
		);
	} catch (error) {
		// Kapso could not be asked: the execution keeps waiting (a thrown error would end it).
		const reason = error instanceof Error ? error.message : String(error);
		return refuse(this, `Kapso could not be reached: ${reason}`, 503);
	}
}

async function resume(
	context: IWebhookFunctions,
	state: WaitState,
	sent: IDataObject,
	received: ReceivedMessage,
	raw: Buffer,
	headers: Headers,
): Promise<IWebhookResponseData> {
	const connection = await getConnection.call(
		context,
		{ maxAttempts: 1, backoffMs: 0 },
		DELIVERY_TIMEOUT_MS,
	);
	// The secret is read from Kapso's own record of the webhook: it never sits in the execution.
	const webhook = await getWebhook.call(context, connection, state.webhookId);
	const secret = typeof webhook?.secret_key === 'string' ? webhook.secret_key : '';
	if (!webhook || secret === '') return refuse(context, 'the webhook of this wait is not in Kapso');
	if (!verifySignature(KAPSO_SIGNATURE, secret, raw, headerReader(headers)).valid)
		return refuse(context, 'Invalid X-Webhook-Signature');

	const messageId = String(received.item.messageId ?? '');
	const reAskedAbout = headerOf(webhook, RE_ASKED_HEADER);
	// Kapso sends a delivery again when our answer was late: the message we re-asked about stays answered.
	if (reAskedAbout !== undefined && reAskedAbout === messageId)
		return keepWaiting('this message was answered by asking once more');
	const decision = decide(received.item, state, reAskedAbout !== undefined);
	if (decision.action === 'reAsk') {
		// Marked before sending: a crash between the two never asks twice.
		const marked = { ...(webhook.headers as IDataObject), [RE_ASKED_HEADER]: messageId || 'yes' };
		await updateWebhook.call(context, connection, webhook.id, { headers: marked });
		await sendCloudMessage.call(context, connection, state.phoneNumberId, reAskBody(state), 0);
		return keepWaiting('the reply is none of the options: asked once more');
	}
	try {
		await deleteWebhook.call(context, connection, webhook.id);
	} catch {
		// Still resumed: a later run removes the webhook once its deadline has passed.
	}
	// Ended waits of the number whose watcher died go too; not awaited: the answer is due.
	void sweepAfterResume
		.call(context, connection, state.phoneNumberId, Date.now())
		.catch(() => undefined);
	const item = replyItem(state, sent, received, decision.option, reAskedAbout !== undefined);
	return { workflowData: [[{ json: item, pairedItem: { item: 0 } }]] };
}
