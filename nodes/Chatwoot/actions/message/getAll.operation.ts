import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { itemTarget } from '../../helpers/itemTargets';
import { MESSAGES_PAGE_SIZE } from '../../transport';
import { conversationLocator, limitField, returnAllField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

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
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);

	const pages: IDataObject[][] = [];
	let collected = 0;
	let before: number | undefined;
	while (collected < limit) {
		const response = await conversation.request({
			method: 'GET',
			path: '/messages',
			qs: before === undefined ? {} : { before },
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
};
