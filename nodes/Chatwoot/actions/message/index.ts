import type { INodeProperties } from 'n8n-workflow';

import * as deleteMessage from './delete.operation';
import * as getAll from './getAll.operation';
import * as send from './send.operation';
import * as sendAndWaitForReply from './sendAndWait.operation';
import * as sendToContact from './sendToContact.operation';

export { deleteMessage as delete, getAll, send, sendAndWaitForReply, sendToContact };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a message from a conversation',
				action: 'Delete a message',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the messages of a conversation, oldest first',
				action: 'Get many messages',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a message, private note, interactive message or WhatsApp template to a conversation',
				action: 'Send a message',
			},
			{
				name: 'Send and Wait for Reply',
				value: 'sendAndWaitForReply',
				description:
					'Send a message, text or options or a WhatsApp template, then pause the workflow until the customer answers in the conversation (or the time limit passes)',
				action: 'Send a message and wait for the reply',
			},
			{
				name: 'Send to Contact',
				value: 'sendToContact',
				description:
					'Send to a person by phone number, email or identifier: finds or creates the contact and its conversation in an inbox',
				action: 'Send a message to a contact',
			},
		],
		default: 'send',
	},
	...send.description,
	...sendAndWaitForReply.description,
	...sendToContact.description,
	...getAll.description,
	...deleteMessage.description,
];
