import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { cloudContentReaders } from '../../composer/cloudContent';
import { TEMPLATE_MESSAGE_TYPE } from '../../composer/messageTypes';
import { readTemplate } from '../../composer/templateContent';
import { LIMITS, optionalText } from '../../composer/limits';
import { checkReplyWindow } from '../../composer/replyWindow';
import { cloudMessageBody, sendCloudMessage } from '../../composer/sendCloud';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readRecipient, type Recipient } from '../../helpers/recipient';
import type { OperationContext } from '../operation.types';

interface SendOptionValues {
	checkWindow?: boolean;
	replyToMessageId?: string;
	bizOpaqueCallbackData?: string;
}

/** One message ready to go: the sender, the recipient and Meta's JSON. */
export interface PreparedSend {
	phoneNumberId: string;
	recipient: Recipient;
	body: IDataObject;
}

/**
 * Message → Send, loaded on the first run: every field is read and checked first, then the
 * 24-hour window (once per recipient), then a binary file's upload, then the one POST.
 */
export async function sendMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<IDataObject> {
	const { phoneNumberId, body } = await prepareSend.call(this, itemIndex, context);
	return await sendCloudMessage.call(this, context.connection, phoneNumberId, body, itemIndex);
}

/** Reads and checks Send's fields into the message it would post (Send and Wait posts it later). */
export async function prepareSend(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<PreparedSend> {
	const node = this.getNode();
	const { connection } = context;
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const recipient = readRecipient.call(this, itemIndex);
	const messageType = this.getNodeParameter('messageType', itemIndex, 'text') as string;
	const read = cloudContentReaders[messageType];
	if (!read && messageType !== TEMPLATE_MESSAGE_TYPE)
		throw fieldError(
			node,
			itemIndex,
			'Message Type',
			`"${messageType}" is not a message type this node can send`,
		);
	const options = this.getNodeParameter('options', itemIndex, {}) as SendOptionValues;
	const bizOpaqueCallbackData = optionalText(
		node,
		itemIndex,
		'Callback Data',
		options.bizOpaqueCallbackData,
		LIMITS.bizOpaqueCallbackData,
	);
	const replyToMessageId = optionalText(
		node,
		itemIndex,
		'Reply To Message ID',
		options.replyToMessageId,
	)?.trim();
	const prepared = read
		? await read.call(this, itemIndex, { connection, phoneNumberId })
		: await readTemplate.call(this, itemIndex, { phoneNumberId, memo: context.memo });
	if (prepared.freeForm && options.checkWindow !== false)
		await checkReplyWindow.call(this, itemIndex, context.memo, phoneNumberId, recipient);
	const content = await prepared.build();
	const body = cloudMessageBody(recipient, content, {
		replyToMessageId: content.type === 'reaction' ? undefined : replyToMessageId,
		bizOpaqueCallbackData,
	});
	return { phoneNumberId, recipient, body };
}
