import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
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

/**
 * Walks Chatwoot's `before` cursor from the newest page back, then outputs oldest first. Each
 * page's oldest id is the next cursor; a cursor that is not a positive whole number or does not
 * move back (a server that ignores `before`) ends the walk with an error, and so does a
 * conversation longer than MAX_LIST_ROWS.
 */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const { MESSAGES_PAGE_SIZE } = await import('../../transport');
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { listCutError, MAX_LIST_ROWS, readLimit } = await import('../../../shared/pagination');
	const node = this.getNode();
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	const limit = readLimit.call(this, itemIndex);
	const subject = `conversation ${conversation.id} in account ${connection.accountId}`;

	const pages: IDataObject[][] = [];
	let collected = 0;
	let before: number | undefined;
	while (collected < limit) {
		if (collected >= MAX_LIST_ROWS)
			throw listCutError({ noun: 'messages', narrow: 'a Limit', node, itemIndex });
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
		const ids = page.map((message) => message.id);
		const odd = ids.find((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0);
		if (odd !== undefined)
			throw new NodeOperationError(
				node,
				`The server did not answer like Chatwoot: ${JSON.stringify(odd)} is not a message id, so older messages of ${subject} cannot be read [item ${itemIndex}]`,
				{ itemIndex },
			);
		const oldest = Math.min(...(ids as number[]));
		if (before !== undefined && oldest >= before)
			throw new NodeOperationError(
				node,
				`Chatwoot returned messages no older than before=${before}: the cursor did not move, so older messages of ${subject} cannot be read [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'The server ignores the before parameter. Check that the Base URL points to Chatwoot itself, not to a proxy that caches answers.',
				},
			);
		before = oldest;
	}
	const messages = pages.flat();
	return collected > limit ? messages.slice(messages.length - limit) : messages;
};
