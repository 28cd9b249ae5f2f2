import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator, retryOptionFields, requestTimeoutField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'wamid.HBgL...',
		description:
			'The WhatsApp message ID (wamid) of the customer’s message, as Kapso’s message.received event gives it. WhatsApp marks it and every earlier message as read.',
	},
	{
		displayName: 'Show Typing Indicator',
		name: 'typingIndicator',
		type: 'boolean',
		default: false,
		description:
			'Whether the customer also sees “typing…” until your reply is sent (or for up to 25 seconds)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...retryOptionFields, requestTimeoutField],
	},
];

export const description = showOnlyFor('message', 'markAsRead', properties);

export const execute: OperationExecute = async function (itemIndex, context) {
	const { markAsRead } = await import('./markAsRead.execute');
	return await markAsRead.call(this, itemIndex, context);
};
