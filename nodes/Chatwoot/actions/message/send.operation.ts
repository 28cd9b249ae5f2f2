import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { readMessageDraft, type MessageOptions } from '../../composer/readMessage';
import { sendMessage } from '../../composer/sendMessage';
import { messageContentFields, messageOptionFields } from '../../composer/messageFields';
import { conversationLocator, transportOptionFields } from '../descriptions';
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
		options: [...messageOptionFields, ...transportOptionFields],
	},
];

export const description = showOnlyFor('message', 'send', properties);

export function orderingKey(this: IExecuteFunctions, itemIndex: number): string {
	return String(this.getNodeParameter('conversationId', itemIndex, '', { extractValue: true }));
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<IDataObject> {
	const { connection } = context;
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation');
	const options = this.getNodeParameter('options', itemIndex, {}) as MessageOptions;
	const draft = await readMessageDraft.call(this, itemIndex, options, context);
	return await sendMessage.call(this, connection, conversationId, draft, itemIndex);
}
