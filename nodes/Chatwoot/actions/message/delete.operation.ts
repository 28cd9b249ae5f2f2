import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { conversationLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234',
		description: 'ID of the message to delete, as returned by Send or Get Many',
	},
];

export const description = showOnlyFor('message', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const messageId = readId.call(this, itemIndex, 'messageId', 'Message ID', connection);
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'DELETE',
		path: `conversations/${conversationId}/messages/${messageId}`,
		subject: `message ${messageId} in conversation ${conversationId}`,
		itemIndex,
	});
	// Chatwoot soft-deletes and may answer with the message or with nothing.
	const deleted =
		response && typeof response === 'object' && Object.keys(response).length > 0 ? response : {};
	return { ...deleted, id: messageId, conversation_id: conversationId, deleted: true };
}
