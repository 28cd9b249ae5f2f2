import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addShowConditions } from '../../../shared/displayOptions';
import { CLOUD_SEND_OPERATIONS } from '../../composer/contentFields';
import { cloudMessageTypeOptions } from '../../composer/messageTypes';
import { templateFields } from '../../composer/templateFields';
import { recipientKey } from '../../helpers/recipient';
import { phoneNumberLocator, transportOptionFields } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	{
		displayName: 'Recipient Type',
		name: 'recipientType',
		type: 'options',
		options: [
			{
				name: 'Phone Number',
				value: 'phone',
				description: 'The customer’s WhatsApp number, with country code',
			},
			{
				name: 'Business-Scoped User ID',
				value: 'bsuid',
				description:
					'The BSUID WhatsApp gives a customer who hides their number (business_scoped_user_id in Kapso’s events)',
			},
		],
		default: 'phone',
		description: 'How the customer is named',
	},
	{
		displayName: 'Recipient Phone Number',
		name: 'recipientPhone',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+15550100001',
		description:
			'With country code: +1 555 010 0001, 0015550100001 and 15550100001 (as in Kapso’s events) are all accepted',
		displayOptions: { show: { recipientType: ['phone'] } },
	},
	{
		displayName: 'Business-Scoped User ID',
		name: 'recipientBsuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'US.1000000000000001',
		description: 'The customer’s business_scoped_user_id, as Kapso’s events carry it',
		displayOptions: { show: { recipientType: ['bsuid'] } },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: cloudMessageTypeOptions,
		default: 'text',
		description:
			'What to send. Outside the 24-hour window after the customer’s last message only a template is delivered.',
	},
];

const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Check 24-Hour Window',
			name: 'checkWindow',
			type: 'boolean',
			default: true,
			description:
				'Whether to stop a free-form message before sending when the customer last wrote more than 24 hours ago (or never): WhatsApp would not deliver it. Reads the conversation once per recipient per run. Templates are never checked.',
		},
		{
			displayName: 'Reply To Message ID',
			name: 'replyToMessageId',
			type: 'string',
			default: '',
			placeholder: 'wamid.HBgL...',
			description: 'The WhatsApp message ID (wamid) to quote: the message is sent as a reply to it',
		},
		{
			displayName: 'Callback Data',
			name: 'bizOpaqueCallbackData',
			type: 'string',
			default: '',
			description:
				'Your own text (up to 512 characters) that comes back in the status events of this message (biz_opaque_callback_data), e.g. an order number',
		},
		...transportOptionFields,
	],
};

/** Send and Wait for Reply sends with the same fields. */
const forCloudSends = { resource: ['message'], operation: CLOUD_SEND_OPERATIONS };
/** The template's own fields follow the message type; the other types' fields are the content fields. */
export const description = addShowConditions(forCloudSends, [...properties, ...templateFields]);
/** The content fields sit between the message type and the options (contentFields shows them). */
export const optionsDescription = addShowConditions(forCloudSends, [optionsField]);

export function orderingKey(this: IExecuteFunctions, itemIndex: number): string {
	return recipientKey.call(this, itemIndex);
}

export const execute: OperationExecute = async function (itemIndex, context) {
	const { sendMessage } = await import('./send.execute');
	return await sendMessage.call(this, itemIndex, context);
};
