import type { IDataObject } from 'n8n-workflow';

import type { Recipient } from '../helpers/recipient';
import { kapsoApiRequest, type KapsoConnection, type KapsoContext } from '../transport';
import type { CloudContent } from './cloudContent';

export interface SendOptions {
	replyToMessageId?: string;
	bizOpaqueCallbackData?: string;
}

/** Meta's message JSON for one recipient and content. */
export function cloudMessageBody(
	recipient: Recipient,
	content: CloudContent,
	options: SendOptions = {},
): IDataObject {
	const body: IDataObject = { messaging_product: 'whatsapp', recipient_type: 'individual' };
	if (recipient.kind === 'phone') body.to = recipient.digits;
	else body.recipient = recipient.id;
	body.type = content.type;
	body[content.type] = content.object;
	if (options.replyToMessageId) body.context = { message_id: options.replyToMessageId };
	if (options.bizOpaqueCallbackData) body.biz_opaque_callback_data = options.bizOpaqueCallbackData;
	return body;
}

/** Sends one message; the output says which message WhatsApp made of it (`messageId`). */
export async function sendCloudMessage(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method: 'POST',
		path: `/${phoneNumberId}/messages`,
		body,
		subject: `phone number ${phoneNumberId}`,
		itemIndex,
	});
	const messages = Array.isArray(answer.messages) ? (answer.messages as IDataObject[]) : [];
	const contacts = Array.isArray(answer.contacts) ? (answer.contacts as IDataObject[]) : [];
	return {
		messageId: messages[0]?.id ?? null,
		waId: contacts[0]?.wa_id ?? null,
		phoneNumberId,
		type: body.type,
		...answer,
	};
}
