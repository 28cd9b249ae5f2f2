import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readLegacyMessage } from '../../composer/legacyMessage';
import { LEGACY_MESSAGE_TYPE_VALUES } from '../../composer/messageTypes';
import { kapsoApiRequest } from '../../transport';
import type { OperationContext } from '../operation.types';

/** Send in Conversation (Legacy API): `{message: {message_type, …}}` to the conversation. */
export async function sendInConversation(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const conversationId = String(this.getNodeParameter('conversationId', itemIndex, '')).trim();
	if (!/^[A-Za-z0-9_-]{1,100}$/.test(conversationId))
		throw fieldError(
			node,
			itemIndex,
			'Conversation ID',
			conversationId
				? `must be Kapso’s conversation ID, such as d0000000-0000-4000-8000-000000000001 (got ${JSON.stringify(conversationId)})`
				: 'is empty',
		);
	const messageType = this.getNodeParameter('messageType', itemIndex, 'text') as string;
	if (!LEGACY_MESSAGE_TYPE_VALUES.includes(messageType))
		throw fieldError(
			node,
			itemIndex,
			'Message Type',
			`"${messageType}" cannot be sent through the legacy API (it takes ${LEGACY_MESSAGE_TYPE_VALUES.join(', ')})`,
		);
	const message = readLegacyMessage.call(this, itemIndex, messageType);
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'legacy',
		method: 'POST',
		path: `/whatsapp_conversations/${conversationId}/whatsapp_messages`,
		body: { message },
		subject: `conversation ${conversationId}`,
		itemIndex,
	});
	const data = answer.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : answer;
}
