import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { readId } from '../../../shared/ids';
import { conversationLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

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

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	const messageId = readId.call(this, itemIndex, 'messageId', 'Message ID', connection);
	const response = await conversation.request({
		method: 'DELETE',
		path: `/messages/${messageId}`,
		subject: `message ${messageId} in conversation ${conversation.id}`,
	});
	// Chatwoot soft-deletes and may answer with the message or with nothing.
	const deleted =
		response && typeof response === 'object' && Object.keys(response).length > 0 ? response : {};
	return { ...deleted, id: messageId, conversation_id: conversation.id, deleted: true };
};
