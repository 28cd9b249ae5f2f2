import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { conversationLocator, labelsField } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { conversationLabels, readLabels } from './labels';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		...labelsField,
		required: true,
		description: 'Labels to add; the conversation keeps the ones it has',
	},
];

export const description = showOnlyFor('conversation', 'addLabels', properties);

/**
 * Chatwoot's `POST …/labels` replaces the whole list, so the current labels are read first and
 * the new ones added to them. Output: the conversation's labels afterwards.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const labels = readLabels(this.getNodeParameter('labels', itemIndex, []));
	if (labels.length === 0)
		throw fieldError(this.getNode(), itemIndex, 'Labels', 'add at least one label');
	const current = await conversationLabels.call(this, connection, conversationId, itemIndex);
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `conversations/${conversationId}/labels`,
		body: { labels: [...new Set([...current, ...labels])] },
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
	});
	return {
		conversation_id: conversationId,
		labels: Array.isArray(response.payload) ? response.payload : [],
	};
}
