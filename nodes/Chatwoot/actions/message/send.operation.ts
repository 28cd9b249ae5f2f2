import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idKey, readId } from '../../../shared/ids';
import { draftToRequest, readMessageDraft, type MessageOptions } from '../../composer/readMessage';
import { messageContentFields, messageOptionFields } from '../../composer/messageFields';
import { checkReplyWindow } from '../../composer/replyWindow';
import { chatwootApiRequest } from '../../transport';
import {
	conversationLocator,
	parallelConversationsField,
	retryOptionFields,
} from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [
	conversationLocator,
	...messageContentFields(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...messageOptionFields, parallelConversationsField, ...retryOptionFields],
	},
];

export const description = showOnlyFor('message', 'send', properties);

export function orderingKey(this: IExecuteFunctions, itemIndex: number): string {
	return idKey(this.getNodeParameter('conversationId', itemIndex, '', { extractValue: true }));
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<IDataObject> {
	const { connection } = context;
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const options = this.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const draft = await readMessageDraft.call(this, itemIndex, options, context);
	await checkReplyWindow.call(
		this,
		itemIndex,
		context,
		conversationId,
		draft.payload,
		options.checkReplyWindow !== false,
	);
	return await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `conversations/${conversationId}/messages`,
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
		...draftToRequest(draft),
	});
}
