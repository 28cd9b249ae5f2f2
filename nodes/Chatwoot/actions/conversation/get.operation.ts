import { showOnlyFor } from '../../../shared/displayOptions';
import { conversationLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

export const description = showOnlyFor('conversation', 'get', [conversationLocator]);

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	return await itemTarget
		.call(this, 'conversation', itemIndex, connection)
		.request({ method: 'GET' });
};
