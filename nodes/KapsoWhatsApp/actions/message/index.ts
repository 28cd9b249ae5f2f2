import type { INodeProperties } from 'n8n-workflow';

import { contentFields } from '../../composer/contentFields';
import * as send from './send.operation';

export { send };

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
					'Send any WhatsApp message to a customer through Kapso’s WhatsApp API: text, media, location, contacts, buttons, list, link button, reaction',
				action: 'Send a message',
			},
		],
		default: 'send',
	},
	...send.description,
	...contentFields,
	...send.optionsDescription,
];
