import type { INodeProperties } from 'n8n-workflow';

import * as deleteMessage from './delete.operation';
import * as getAll from './getAll.operation';
import * as send from './send.operation';
import * as sendToContact from './sendToContact.operation';

export { deleteMessage as delete, getAll, send, sendToContact };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a message, private note, interactive message or WhatsApp template to a conversation',
				action: 'Send a message',
			},
			{
				name: 'Send to Contact',
				value: 'sendToContact',
				description:
					'Send to a person by phone number, email or identifier: finds or creates the contact and its conversation in an inbox',
				action: 'Send a message to a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the messages of a conversation, oldest first',
				action: 'Get many messages',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a message from a conversation',
				action: 'Delete a message',
			},
		],
		default: 'send',
	},
	...send.description,
	...sendToContact.description,
	...getAll.description,
	...deleteMessage.description,
];
