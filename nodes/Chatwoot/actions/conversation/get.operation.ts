import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { conversationLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [conversationLocator];

export const description = showOnlyFor('conversation', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	return await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `conversations/${conversationId}`,
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
	});
}
