import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { chatwootApiRequest, MESSAGES_PAGE_SIZE } from '../../transport';
import { conversationLocator, limitField, returnAllField } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [
	conversationLocator,
	returnAllField,
	{
		...limitField,
		description: 'Max number of messages to return: the most recent ones, oldest first',
	},
];

export const description = showOnlyFor('message', 'getAll', properties);

/** Walks Chatwoot's `before` cursor from the newest page back, then outputs oldest first. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation');
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);

	const pages: IDataObject[][] = [];
	let collected = 0;
	let before: number | undefined;
	while (collected < limit) {
		const response = await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: `conversations/${conversationId}/messages`,
			qs: before === undefined ? {} : { before },
			subject: `conversation ${conversationId} in account ${connection.accountId}`,
			itemIndex,
		});
		const page = (response.payload ?? []) as IDataObject[];
		if (page.length === 0) break;
		pages.unshift(page);
		collected += page.length;
		if (page.length < MESSAGES_PAGE_SIZE) break;
		before = Math.min(...page.map((message) => Number(message.id)));
	}
	const messages = pages.flat();
	return collected > limit ? messages.slice(messages.length - limit) : messages;
}
