import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { idKey, readId } from '../../../shared/ids';
import { messageContentFields, messageOptionFields } from '../../composer/messageFields';
import type { MessageOptions } from '../../composer/readMessage';
import { conversationLocator, transportOptionFields } from '../descriptions';
import type { OperationExecute } from '../operation.types';

/** The Options of a message sent to a conversation (Send, Send and Wait for Reply). */
export const messageOptionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...messageOptionFields, ...transportOptionFields],
};

const properties: INodeProperties[] = [
	conversationLocator,
	...messageContentFields(),
	messageOptionsCollection,
];

export const description = showOnlyFor('message', 'send', properties);

export function orderingKey(this: IExecuteFunctions, itemIndex: number): string {
	return idKey(this.getNodeParameter('conversationId', itemIndex, '', { extractValue: true }));
}

export const execute: OperationExecute = async function (itemIndex, context) {
	const { readMessageDraft } = await import('../../composer/readMessage');
	const { sendMessage } = await import('../../composer/sendMessage');
	const { checkReplyWindow } = await import('../../composer/replyWindow');
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
	return await sendMessage.call(this, connection, conversationId, draft, itemIndex);
};
