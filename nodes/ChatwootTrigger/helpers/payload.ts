import type { IDataObject } from 'n8n-workflow';

import { MESSAGE_EVENTS, messageTypeName } from './events';

const asObject = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

const asId = (value: unknown): number | undefined => {
	const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/** An attachment as the output lists it: where to get it and what it is. */
export interface AttachmentRef {
	id?: number;
	fileType?: string;
	url: string;
	thumbUrl?: string;
	fileSize?: number;
	extension?: string;
}

/** The fields a user maps most, read from any event's payload. */
export interface FlatFields {
	event: string;
	accountId?: number;
	inboxId?: number;
	/** The conversation's number as Chatwoot shows it (#42): what the Chatwoot node's Conversation takes. */
	conversationId?: number;
	contactId?: number;
	messageId?: number;
	content?: string;
	messageType?: string;
	private?: boolean;
	sender?: IDataObject;
	/** Conversation status and labels, for the filters. */
	status?: string;
	labels: string[];
	attachments: AttachmentRef[];
}

export const eventOf = (payload: IDataObject): string =>
	typeof payload.event === 'string' ? payload.event : '';

/**
 * The conversation an event is about: message and typing events carry it under `conversation`,
 * conversation events are the conversation (Chatwoot's webhook_listener.rb).
 */
export function conversationOf(payload: IDataObject): IDataObject | undefined {
	const event = eventOf(payload);
	if (event.startsWith('conversation_') && !event.startsWith('conversation_typing')) return payload;
	if (event === 'webwidget_triggered') return asObject(payload.current_conversation);
	return asObject(payload.conversation);
}

function contactIdOf(
	payload: IDataObject,
	conversation: IDataObject | undefined,
): number | undefined {
	const event = eventOf(payload);
	if (event.startsWith('contact_')) return asId(payload.id);
	const sender = asObject(payload.sender);
	if (sender?.type === 'contact') return asId(sender.id);
	const fromContact = asObject(payload.contact);
	if (fromContact) return asId(fromContact.id);
	const meta = asObject(conversation?.meta);
	return (
		asId(asObject(meta?.sender)?.id) ?? asId(asObject(conversation?.contact_inbox)?.contact_id)
	);
}

function attachmentsOf(payload: IDataObject): AttachmentRef[] {
	const list = Array.isArray(payload.attachments) ? payload.attachments : [];
	return list
		.map(asObject)
		.filter(
			(entry): entry is IDataObject => typeof entry?.data_url === 'string' && entry.data_url !== '',
		)
		.map((entry) => ({
			id: asId(entry.id),
			fileType: typeof entry.file_type === 'string' ? entry.file_type : undefined,
			url: String(entry.data_url),
			thumbUrl:
				typeof entry.thumb_url === 'string' && entry.thumb_url ? entry.thumb_url : undefined,
			fileSize: typeof entry.file_size === 'number' ? entry.file_size : undefined,
			extension:
				typeof entry.extension === 'string' && entry.extension ? entry.extension : undefined,
		}));
}

function labelsOf(conversation: IDataObject | undefined): string[] {
	const labels = conversation?.labels;
	return Array.isArray(labels) ? labels.map(String) : [];
}

export function flatFields(payload: IDataObject): FlatFields {
	const event = eventOf(payload);
	const conversation = conversationOf(payload);
	const isMessage = MESSAGE_EVENTS.has(event);
	const inbox = asObject(payload.inbox);
	return {
		event,
		accountId:
			asId(asObject(payload.account)?.id) ??
			asId(payload.account_id) ??
			asId(conversation?.account_id),
		inboxId: event.startsWith('inbox_')
			? asId(payload.id)
			: (asId(inbox?.id) ?? asId(conversation?.inbox_id) ?? asId(payload.inbox_id)),
		conversationId:
			asId(conversation?.id) ?? (isMessage ? asId(payload.conversation_id) : undefined),
		contactId: contactIdOf(payload, conversation),
		messageId: isMessage ? asId(payload.id) : undefined,
		content: isMessage && typeof payload.content === 'string' ? payload.content : undefined,
		messageType: isMessage ? messageTypeName(payload.message_type) : undefined,
		private: isMessage ? payload.private === true : undefined,
		sender: asObject(payload.sender) ?? asObject(payload.user),
		status: typeof conversation?.status === 'string' ? conversation.status : undefined,
		labels: labelsOf(conversation),
		attachments: isMessage ? attachmentsOf(payload) : [],
	};
}
