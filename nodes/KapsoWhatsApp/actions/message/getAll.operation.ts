import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import {
	limitField,
	phoneNumberLocator,
	requestTimeoutField,
	retryOptionFields,
	returnAllField,
} from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	returnAllField,
	limitField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Conversation ID',
				name: 'conversationId',
				type: 'string',
				default: '',
				description: 'Only the messages of this Kapso conversation (its UUID)',
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Inbound', value: 'inbound', description: 'From customers' },
					{ name: 'Outbound', value: 'outbound', description: 'From the business' },
				],
				default: 'inbound',
				description: 'Only messages in this direction',
			},
			{
				displayName: 'Since',
				name: 'since',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent at or after this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Delivered', value: 'delivered' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Read', value: 'read' },
					{ name: 'Received', value: 'received' },
					{ name: 'Sent', value: 'sent' },
				],
				default: 'delivered',
				description: 'Only messages with this delivery status',
			},
			{
				displayName: 'Until',
				name: 'until',
				type: 'dateTime',
				default: '',
				description: 'Only messages sent before this time',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Kapso Fields',
				name: 'kapsoFields',
				type: 'boolean',
				default: true,
				description:
					'Whether each message also carries Kapso’s fields (direction, status, content, media URL, contact name…) under "kapso"',
			},
			...retryOptionFields,
			requestTimeoutField,
		],
	},
];

export const description = showOnlyFor('message', 'getAll', properties);

export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, context) {
	const { getMessages } = await import('./getAll.execute');
	return await getMessages.call(this, itemIndex, context);
};
