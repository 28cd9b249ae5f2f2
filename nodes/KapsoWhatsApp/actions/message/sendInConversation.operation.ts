import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { legacyMessageTypeOptions } from '../../composer/messageTypes';
import { transportOptionFields } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	{
		displayName:
			'Uses Kapso’s legacy API (the Legacy API Base URL of the credential). For new workflows use Send, which needs no conversation ID.',
		name: 'legacyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'd0000000-0000-4000-8000-000000000001',
		description:
			'Kapso’s ID of the WhatsApp conversation (a UUID), as Kapso’s events give it under conversation',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: legacyMessageTypeOptions,
		default: 'text',
		description:
			'What to send (the legacy API’s message_type). Outside the 24-hour window only a template is delivered.',
	},
];

const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: transportOptionFields,
};

export const description = showOnlyFor('message', 'sendInConversation', properties);
export const optionsDescription = showOnlyFor('message', 'sendInConversation', [optionsField]);

/** One conversation's messages go out in item order. */
export function orderingKey(this: IExecuteFunctions, itemIndex: number): string {
	return String(this.getNodeParameter('conversationId', itemIndex, '')).trim();
}

export const execute: OperationExecute = async function (itemIndex, context) {
	const { sendInConversation } = await import('./sendInConversation.execute');
	return await sendInConversation.call(this, itemIndex, context);
};
