import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { conversationLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { conversationLabels } from './labels';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [conversationLocator];

export const description = showOnlyFor('conversation', 'getLabels', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	return {
		conversation_id: conversationId,
		labels: await conversationLabels.call(this, connection, conversationId, itemIndex),
	};
}
