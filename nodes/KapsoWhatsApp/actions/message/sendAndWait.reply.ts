import type { IDataObject } from 'n8n-workflow';

import {
	APPROVE_ID,
	type Choice,
	type OtherReply,
	type ResponseKind,
} from '../../../shared/sendAndWait';

export type { Choice, OtherReply, ResponseKind };

/**
 * Everything the resume webhook needs, kept in the execution (never in memory): it is the item the
 * node hands on when the wait times out, so it survives an n8n restart. The webhook's secret is
 * not in it: it is read from Kapso's own record of the webhook when a reply arrives.
 */
export interface WaitState {
	phoneNumberId: string;
	/** The customer: WhatsApp's digits of their number, or their BSUID. */
	recipient: { kind: 'phone' | 'bsuid'; id: string };
	webhookId: string;
	responseKind: ResponseKind;
	choices: Choice[];
	otherReply: OtherReply;
	reAskText: string;
	/** The interactive part (`type` and `action`) sent again, with the re-ask text, when re-asking. */
	interactive: IDataObject | null;
	until: string;
}

/** One received message, read from a delivery's flat fields (the Kapso Trigger's `normalisePayload`). */
export interface ReceivedMessage {
	item: IDataObject;
	message: IDataObject;
}

const asObject = (value: unknown): IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};
const textOf = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const digitsOf = (value: unknown): string => textOf(value).replace(/\D/g, '');

/** Whether a received message comes from the awaited customer on the awaited number. */
export function isFromRecipient(received: ReceivedMessage, state: WaitState): boolean {
	const { item, message } = received;
	if (item.direction !== 'inbound') return false;
	if (textOf(item.phoneNumberId) !== '' && textOf(item.phoneNumberId) !== state.phoneNumberId)
		return false;
	if (state.recipient.kind === 'phone')
		return digitsOf(item.from ?? item.contactPhone) === state.recipient.id;
	// Where a BSUID customer's id sits in Kapso's payload is UNCONFIRMED: each place WhatsApp uses counts.
	const conversation = asObject(item.conversation);
	return [
		message.from,
		message.from_user_id,
		message.business_scoped_user_id,
		conversation.business_scoped_user_id,
	].some((value) => textOf(value) === state.recipient.id);
}

const normalized = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** The button or row a reply chose: by the id WhatsApp sends back, else by the words typed. */
export function choiceOf(item: IDataObject, choices: Choice[]): Choice | undefined {
	const replyId = textOf(item.replyId);
	if (replyId) {
		const byId = choices.find((choice) => choice.id === replyId);
		if (byId) return byId;
	}
	const said = normalized(textOf(item.text));
	if (!said) return undefined;
	return (
		choices.find((choice) => normalized(choice.title) === said) ??
		choices.find((choice) => normalized(choice.id) === said)
	);
}

export type ReplyDecision = { action: 'accept'; option?: Choice } | { action: 'reAsk' };

/** What to do with the awaited reply; `reAsked` says whether the re-ask was sent already. */
export function decide(item: IDataObject, state: WaitState, reAsked: boolean): ReplyDecision {
	if (state.responseKind === 'freeText') return { action: 'accept' };
	const option = choiceOf(item, state.choices);
	if (option) return { action: 'accept', option };
	if (state.otherReply === 'reAsk' && !reAsked && state.interactive) return { action: 'reAsk' };
	return { action: 'accept' };
}

/** Meta's JSON of the re-ask: the same buttons or list, with the re-ask text as its body. */
export function reAskBody(state: WaitState): IDataObject {
	const body: IDataObject = { messaging_product: 'whatsapp', recipient_type: 'individual' };
	if (state.recipient.kind === 'phone') body.to = state.recipient.id;
	else body.recipient = state.recipient.id;
	body.type = 'interactive';
	body.interactive = { ...state.interactive, body: { text: state.reAskText } };
	return body;
}

const MEDIA_TYPES = ['audio', 'document', 'image', 'sticker', 'video'];

/** The files of a reply: WhatsApp's media id and type, and Kapso's download address when it gives one. */
function attachmentsOf(received: ReceivedMessage): IDataObject[] {
	const type = textOf(received.message.type);
	if (!MEDIA_TYPES.includes(type)) return [];
	const media = asObject(received.message[type]);
	const kapso = asObject(received.message.kapso);
	const data = asObject(kapso.media_data);
	return [
		{
			type,
			mediaId: media.id ?? null,
			mimeType: media.mime_type ?? data.content_type ?? null,
			caption: media.caption ?? null,
			filename: media.filename ?? data.filename ?? null,
			url: kapso.media_url ?? data.url ?? null,
		},
	];
}

/** The item the node hands on when the customer answered. */
export function replyItem(
	state: WaitState,
	sent: IDataObject,
	received: ReceivedMessage,
	option: Choice | undefined,
	reAsked: boolean,
): IDataObject {
	const { item } = received;
	return {
		timedOut: false,
		responseKind: state.responseKind,
		phoneNumberId: state.phoneNumberId,
		recipient: state.recipient.id,
		text: item.text ?? null,
		option: option ? { id: option.id, title: option.title } : null,
		...(state.responseKind === 'approval'
			? { approved: option === undefined ? null : option.id === APPROVE_ID }
			: {}),
		attachments: attachmentsOf(received),
		reAsked,
		reply: {
			messageId: item.messageId ?? null,
			type: item.type ?? null,
			replyId: item.replyId ?? null,
			replyTitle: item.replyTitle ?? null,
			from: item.from ?? null,
			contactName: item.contactName ?? null,
			conversationId: item.conversationId ?? null,
			timestamp: item.timestamp ?? null,
		},
		sent,
	};
}

/**
 * The item the node hands on when the wait runs out; it also carries the wait's state (`waiting`),
 * which is how the resume webhook finds it after a restart.
 */
export function timeoutItem(state: WaitState, sent: IDataObject): IDataObject {
	return {
		timedOut: true,
		responseKind: state.responseKind,
		phoneNumberId: state.phoneNumberId,
		recipient: state.recipient.id,
		text: null,
		option: null,
		...(state.responseKind === 'approval' ? { approved: null } : {}),
		attachments: [],
		reAsked: false,
		reply: null,
		sent,
		waiting: JSON.parse(JSON.stringify(state)) as IDataObject,
	};
}

/** The wait's state and sent message from the item `timeoutItem` made, or undefined. */
export function stateOf(value: unknown): { state: WaitState; sent: IDataObject } | undefined {
	const json = asObject(value);
	const waiting = asObject(json.waiting);
	const recipient = asObject(waiting.recipient);
	const kind = waiting.responseKind;
	const phoneNumberId = textOf(waiting.phoneNumberId);
	const webhookId = textOf(waiting.webhookId);
	const recipientId = textOf(recipient.id);
	if (!phoneNumberId || !webhookId || !recipientId) return undefined;
	if (kind !== 'freeText' && kind !== 'choice' && kind !== 'approval') return undefined;
	const choices = (Array.isArray(waiting.choices) ? waiting.choices : [])
		.map(asObject)
		.map((choice) => ({ id: textOf(choice.id), title: textOf(choice.title) }));
	const interactive = asObject(waiting.interactive);
	return {
		state: {
			phoneNumberId,
			recipient: { kind: recipient.kind === 'bsuid' ? 'bsuid' : 'phone', id: recipientId },
			webhookId,
			responseKind: kind,
			choices,
			otherReply: waiting.otherReply === 'acceptAsText' ? 'acceptAsText' : 'reAsk',
			reAskText: textOf(waiting.reAskText),
			interactive: Object.keys(interactive).length > 0 ? interactive : null,
			until: textOf(waiting.until),
		},
		sent: asObject(json.sent),
	};
}
