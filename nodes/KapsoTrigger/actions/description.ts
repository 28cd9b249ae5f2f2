import type { INodeProperties } from 'n8n-workflow';

import { locatorModes } from '../../shared/locatorModes';
import { KAPSO_EVENTS, MESSAGE_RECEIVED, MESSAGE_TYPES } from '../helpers/events';

/** The Kapso Trigger's fields. The node file lists them; registration and receiving read them. */

const automatic = { show: { setup: ['automatic'] } };
const manual = { show: { setup: ['manual'] } };
/** Options inside the Options collection that only apply to a webhook n8n registers. */
const automaticOption = { show: { '/setup': ['automatic'] } };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Setup',
		name: 'setup',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					'Registered in Kapso by n8n, with a secret of its own, when the workflow is activated (or you listen for a test event), and removed again afterwards',
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					"You add the webhook in Kapso's dashboard yourself and paste its secret key here",
			},
		],
		default: 'automatic',
		description: 'Who creates the webhook in Kapso',
	},
	{
		displayName:
			"In Kapso's dashboard, open the phone number's Webhooks, add a webhook of kind Kapso with payload version v2, paste the Production URL shown above under Webhook URLs (the Test URL while you test), choose the events, and copy its secret key into Secret Key below. Kapso calls the URL from the internet, so n8n's WEBHOOK_URL must be a public address.",
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: manual,
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumberId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The WhatsApp number whose events start this workflow',
		displayOptions: automatic,
		...locatorModes({
			searchListMethod: 'searchPhoneNumbers',
			listPlaceholder: 'Select a phone number...',
			noun: 'phone number ID',
			example: '1234567890',
		}),
	},
	{
		displayName: 'Secret Key',
		name: 'secretKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			"The webhook's secret key from Kapso's dashboard. Each request's X-Webhook-Signature is checked with it; a request that fails the check is refused with 401 and starts nothing.",
		displayOptions: manual,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: KAPSO_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
		default: [MESSAGE_RECEIVED],
		required: true,
		description:
			'The events that start the workflow. With automatic setup, the webhook is registered for these; other events that reach the URL are answered and dropped.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batched Messages',
				name: 'batchMode',
				type: 'options',
				options: [
					{
						name: 'One Item per Message',
						value: 'split',
						description: 'Each message of a batch is its own item',
					},
					{
						name: 'One Item per Batch',
						value: 'keep',
						description:
							'A batch is one item: its texts joined by new lines in Text, each message under Messages',
					},
				],
				default: 'split',
				description:
					'How a batch of buffered messages (Kapso sends several received messages in one request when buffering is on) becomes items',
			},
			{
				displayName: 'Buffer Received Messages',
				name: 'bufferEnabled',
				type: 'boolean',
				default: false,
				description:
					'Whether Kapso collects received messages for a few seconds and sends them as one batch, so a customer who types several short lines is answered once',
				displayOptions: automaticOption,
			},
			{
				displayName: 'Buffer Window (Seconds)',
				name: 'bufferWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 60 },
				default: 5,
				description: 'How long Kapso waits for more messages before it sends a batch (1 to 60)',
				displayOptions: { show: { '/setup': ['automatic'], bufferEnabled: [true] } },
			},
			{
				displayName: 'Callback Tag',
				name: 'callbackTag',
				type: 'string',
				default: 'n8n',
				description:
					"The start of the Callback Data that marks this package's messages; set the same value in the Kapso WhatsApp node's Callback Data",
				displayOptions: { show: { loopGuard: ['callbackTag'] } },
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Inbound (From Customers)', value: 'inbound' },
					{ name: 'Outbound (From the Number)', value: 'outbound' },
				],
				default: 'any',
				description:
					'Only message events in this direction start the workflow; conversation and contact events are not affected',
			},
			{
				displayName: 'Ignore Own Messages',
				name: 'loopGuard',
				type: 'options',
				options: [
					{
						name: 'Messages Sent Through the API',
						value: 'apiMessages',
						description:
							"Outbound message events of messages sent through Kapso's API (such as by the Kapso WhatsApp node) are dropped; messages sent from Kapso's inbox or the phone still start the workflow",
					},
					{
						name: 'Messages With a Callback Tag',
						value: 'callbackTag',
						description:
							'Outbound message events whose Callback Data (biz_opaque_callback_data, set in the Kapso WhatsApp node) starts with the tag below are dropped',
					},
					{
						name: 'None',
						value: 'off',
						description:
							'Every selected event starts the workflow, also the sent, delivered and read events of its own replies',
					},
				],
				default: 'apiMessages',
				description:
					'Keeps a workflow that answers outbound events from answering its own messages again and again. Inbound messages are never dropped.',
			},
			{
				displayName: 'Inactivity Minutes',
				name: 'inactivityMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1440 },
				default: 60,
				description:
					'For Conversation Inactive: how many quiet minutes make a conversation inactive (1 to 1440)',
				displayOptions: automaticOption,
			},
			{
				displayName: 'Max Batch Size',
				name: 'maxBufferSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 50,
				description: 'The most messages Kapso puts in one batch (1 to 100)',
				displayOptions: { show: { '/setup': ['automatic'], bufferEnabled: [true] } },
			},
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				options: MESSAGE_TYPES.map(({ name, value }) => ({ name, value })),
				default: [],
				description:
					'Only message events of these types start the workflow; none selected means every type',
			},
		],
	},
];
