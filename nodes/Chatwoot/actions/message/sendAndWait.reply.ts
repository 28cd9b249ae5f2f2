import type { IDataObject } from 'n8n-workflow';

import type { Choice, OtherReply, ResponseKind } from '../../../shared/sendAndWait';

export type { Choice, OtherReply, ResponseKind };

/**
 * Everything the resume webhook needs, kept in the execution (never in memory): it is the item the
 * node hands on when the wait times out, so it survives an n8n restart. The webhook secret is not
 * in it: it is read from Chatwoot's own record of the webhook when a reply arrives.
 */
export interface WaitState {
	accountId: number;
	conversationId: number;
	webhookId: number;
	responseKind: ResponseKind;
	choices: Choice[];
	otherReply: OtherReply;
	reAskText: string;
	/** ISO date: the execution resumes with `timedOut: true` then. */
	until: string;
}

/** The fields of a `message_created` delivery this operation looks at. */
export interface ReplyMessage {
	event: string;
	id?: number;
	conversationId?: number;
	messageType: string;
	private: boolean;
	content: string;
	attachments: IDataObject[];
	createdAt?: unknown;
	sender?: IDataObject;
}

const asObject = (value: unknown): IDataObject =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};

const positiveInt = (value: unknown): number | undefined => {
	const n = Number(value);
	return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** Reads a delivery's body; the conversation is its display id, as in every API path. */
export function readReplyMessage(body: unknown): ReplyMessage {
	const payload = asObject(body);
	const conversation = asObject(payload.conversation);
	return {
		event: String(payload.event ?? ''),
		id: positiveInt(payload.id),
		conversationId: positiveInt(conversation.display_id ?? conversation.id),
		messageType: String(payload.message_type ?? ''),
		private: payload.private === true,
		content: typeof payload.content === 'string' ? payload.content : '',
		attachments: Array.isArray(payload.attachments) ? payload.attachments.map(asObject) : [],
		createdAt: payload.created_at,
		sender: Object.keys(asObject(payload.sender)).length ? asObject(payload.sender) : undefined,
	};
}

/** Why a delivery is not the awaited reply (the execution keeps waiting), or undefined when it is. */
export function notAwaitedBecause(message: ReplyMessage, state: WaitState): string | undefined {
	if (message.event !== 'message_created') return `the event is ${message.event || 'missing'}`;
	if (message.conversationId !== state.conversationId)
		return 'the message is from another conversation';
	if (message.messageType !== 'incoming') return 'the message is not from the customer';
	if (message.private) return 'the message is a private note';
	return undefined;
}

const normalized = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** The option a reply names: its title as the customer saw it, or its value. */
export function optionOf(content: string, choices: Choice[]): Choice | undefined {
	const said = normalized(content);
	if (!said) return undefined;
	return (
		choices.find((choice) => normalized(choice.title) === said) ??
		choices.find((choice) => normalized(choice.id) === said)
	);
}

export const APPROVE_ID = 'approve';
export const DECLINE_ID = 'decline';

export type ReplyDecision = { action: 'accept'; option?: Choice } | { action: 'reAsk' };

/** What to do with the awaited reply; `reAsked` says whether the re-ask was sent already. */
export function decide(message: ReplyMessage, state: WaitState, reAsked: boolean): ReplyDecision {
	if (state.responseKind === 'freeText') return { action: 'accept' };
	const option = optionOf(message.content, state.choices);
	if (option) return { action: 'accept', option };
	if (state.otherReply === 'reAsk' && !reAsked) return { action: 'reAsk' };
	return { action: 'accept' };
}

/** The message that asks once more: the re-ask text with the same options. */
export function reAskPayload(state: WaitState): IDataObject {
	return {
		content: state.reAskText,
		message_type: 'outgoing',
		private: false,
		content_type: 'input_select',
		content_attributes: {
			items: state.choices.map((choice) => ({ title: choice.title, value: choice.id })),
		},
	};
}

const approvedOf = (option: Choice | undefined): boolean | null =>
	option === undefined ? null : option.id === APPROVE_ID;

function attachmentsOf(message: ReplyMessage): IDataObject[] {
	return message.attachments.map((attachment) => ({
		id: attachment.id,
		fileType: attachment.file_type,
		url: attachment.data_url,
		thumbUrl: attachment.thumb_url,
		fileSize: attachment.file_size,
		extension: attachment.extension,
	}));
}

/** The item the node hands on when the customer answered. */
export function replyItem(
	state: WaitState,
	sent: IDataObject,
	message: ReplyMessage,
	option: Choice | undefined,
	reAsked: boolean,
): IDataObject {
	return {
		timedOut: false,
		responseKind: state.responseKind,
		conversationId: state.conversationId,
		text: message.content,
		option: option ? { id: option.id, title: option.title } : null,
		...(state.responseKind === 'approval' ? { approved: approvedOf(option) } : {}),
		attachments: attachmentsOf(message),
		reAsked,
		reply: {
			id: message.id,
			content: message.content,
			createdAt: message.createdAt,
			sender: message.sender,
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
		conversationId: state.conversationId,
		text: null,
		option: null,
		...(state.responseKind === 'approval' ? { approved: null } : {}),
		attachments: [],
		reAsked: false,
		reply: null,
		sent,
		waiting: { ...state, choices: state.choices.map((choice) => ({ ...choice })) },
	};
}

/** The wait's state and sent message from the item `timeoutItem` made, or undefined. */
export function stateOf(item: unknown): { state: WaitState; sent: IDataObject } | undefined {
	const json = asObject(item);
	const waiting = asObject(json.waiting);
	const accountId = positiveInt(waiting.accountId);
	const conversationId = positiveInt(waiting.conversationId);
	const webhookId = positiveInt(waiting.webhookId);
	const kind = waiting.responseKind;
	if (!accountId || !conversationId || !webhookId) return undefined;
	if (kind !== 'freeText' && kind !== 'choice' && kind !== 'approval') return undefined;
	const choices = (Array.isArray(waiting.choices) ? waiting.choices : [])
		.map(asObject)
		.map((choice) => ({ id: String(choice.id ?? ''), title: String(choice.title ?? '') }));
	return {
		state: {
			accountId,
			conversationId,
			webhookId,
			responseKind: kind,
			choices,
			otherReply: waiting.otherReply === 'acceptAsText' ? 'acceptAsText' : 'reAsk',
			reAskText: String(waiting.reAskText ?? ''),
			until: String(waiting.until ?? ''),
		},
		sent: asObject(json.sent),
	};
}
