import { showOnlyFor } from '../../../shared/displayOptions';
import { itemTarget } from '../../helpers/itemTargets';
import { conversationLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';
import { conversationLabels } from './labels';

export const description = showOnlyFor('conversation', 'getLabels', [conversationLocator]);

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	return { conversation_id: conversation.id, labels: await conversationLabels(conversation) };
};
