import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { conversationLocator, labelsField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

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
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { conversationLabels, readLabels } = await import('./labels');
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	const labels = readLabels(this.getNodeParameter('labels', itemIndex, []));
	if (labels.length === 0)
		throw fieldError(this.getNode(), itemIndex, 'Labels', 'add at least one label');
	const current = await conversationLabels(conversation);
	const response = await conversation.request({
		method: 'POST',
		path: '/labels',
		body: { labels: [...new Set([...current, ...labels])] },
	});
	return {
		conversation_id: conversation.id,
		labels: Array.isArray(response.payload) ? response.payload : [],
	};
};
