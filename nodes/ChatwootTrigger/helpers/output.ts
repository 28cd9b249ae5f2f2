import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { flatFields, type FlatFields } from './payload';

/** The item a user maps from: the flat fields first, Chatwoot's payload as it came under `payload`. */
export function outputJson(fields: FlatFields, payload: IDataObject): IDataObject {
	return {
		event: fields.event,
		accountId: fields.accountId,
		inboxId: fields.inboxId,
		conversationId: fields.conversationId,
		contactId: fields.contactId,
		messageId: fields.messageId,
		content: fields.content,
		messageType: fields.messageType,
		private: fields.private,
		sender: fields.sender,
		attachments: fields.attachments as unknown as IDataObject[],
		payload,
	};
}

/**
 * One item for a burst of a contact's messages: the flat fields of the last one, all texts
 * (one per line) and all attachments, and each message's own payload under `messages`.
 */
export function mergedJson(payloads: IDataObject[]): IDataObject {
	const all = payloads.map(flatFields);
	const last = all[all.length - 1];
	const texts = all.map((fields) => fields.content ?? '').filter((text) => text.trim() !== '');
	return {
		...outputJson(
			{
				...last,
				content: texts.join('\n'),
				attachments: all.flatMap((fields) => fields.attachments),
			},
			payloads[payloads.length - 1],
		),
		messageIds: all.map((fields) => fields.messageId),
		messages: payloads,
	};
}

export const asItem = (json: IDataObject): INodeExecutionData => ({ json });
