import { showOnlyFor } from '../../../shared/displayOptions';
import { conversationLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

export const description = showOnlyFor('conversation', 'getLabels', [conversationLocator]);

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { conversationLabels } = await import('./labels');
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	return { conversation_id: conversation.id, labels: await conversationLabels(conversation) };
};
