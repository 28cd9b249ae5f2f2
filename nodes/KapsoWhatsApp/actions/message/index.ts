import type { INodeProperties } from 'n8n-workflow';

import { contentFields } from '../../composer/contentFields';
import * as getAll from './getAll.operation';
import * as markAsRead from './markAsRead.operation';
import * as send from './send.operation';
import * as sendAndWaitForReply from './sendAndWait.operation';
import * as sendInConversation from './sendInConversation.operation';

export { getAll, markAsRead, send, sendAndWaitForReply, sendInConversation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'Get the messages of a phone number, newest first, optionally of one conversation',
				action: 'Get many messages',
			},
			{
				name: 'Mark as Read',
				value: 'markAsRead',
				description: 'Mark a customer’s message as read (blue ticks), optionally showing “typing…”',
				action: 'Mark a message as read',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send any WhatsApp message to a customer through Kapso’s WhatsApp API: text, media, location, contacts, buttons, list, link button, reaction',
				action: 'Send a message',
			},
			{
				name: 'Send and Wait for Reply',
				value: 'sendAndWaitForReply',
				description:
					'Send a message (text, reply buttons, list or template), then wait until the customer answers in WhatsApp',
				action: 'Send a message and wait for the reply',
			},
			{
				name: 'Send in Conversation (Legacy API)',
				value: 'sendInConversation',
				description:
					'Send a message into a Kapso conversation by its ID, through Kapso’s legacy API',
				action: 'Send a message in a conversation',
			},
		],
		default: 'send',
	},
	...send.description,
	...sendInConversation.description,
	...contentFields,
	...sendAndWaitForReply.description,
	...send.optionsDescription,
	...sendInConversation.optionsDescription,
	...markAsRead.description,
	...getAll.description,
];
