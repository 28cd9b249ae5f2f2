import type { INodeProperties } from 'n8n-workflow';

import {
	ACCOUNT_EVENTS,
	CONVERSATION_STATUSES,
	MANUAL_EVENTS,
	MESSAGE_TYPES,
} from '../helpers/events';

const automatic = { show: { setup: ['automatic'] } };
const manual = { show: { setup: ['manual'] } };

/** The trigger's fields, in the order a person sets them up. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Webhook Setup',
		name: 'setup',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create in Chatwoot Automatically',
				value: 'automatic',
				description:
					'On activation the node adds an account webhook in Chatwoot (Settings → Integrations → Webhooks) and removes it on deactivation. Needs an administrator’s access token.',
			},
			{
				name: 'Set Up in Chatwoot Myself',
				value: 'manual',
				description:
					'For an agent bot’s or an API inbox’s webhook URL, or a webhook you manage: copy this node’s URL into Chatwoot and paste its secret here',
			},
		],
		default: 'automatic',
	},
	{
		displayName:
			'Copy the Production URL above (Webhook URLs) into Chatwoot: Settings → Bots → your bot → Webhook URL, or Settings → Inboxes → your API inbox → Webhook URL, or Settings → Integrations → Webhooks. Then paste the secret Chatwoot shows for it into Webhook Secret. Use the Test URL while you listen for a test event.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: manual,
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: ACCOUNT_EVENTS,
		default: ['message_created'],
		description: 'What Chatwoot reports to this workflow; the webhook subscribes to these only',
		displayOptions: automatic,
	},
	{
		displayName: 'Events',
		name: 'manualEvents',
		type: 'multiOptions',
		required: true,
		options: MANUAL_EVENTS,
		default: ['message_created'],
		description:
			'Which of the events Chatwoot sends to this URL start the workflow; others are answered and ignored. Agent bots also send Conversation Opened and Conversation Resolved.',
		displayOptions: manual,
	},
	{
		displayName: 'Webhook Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'The secret Chatwoot shows for this webhook, agent bot or API inbox (Chatwoot 4.11.2 and later for account webhooks, 4.13.0 for agent bots and API inboxes). Every delivery’s signature is checked with it.',
		displayOptions: { show: { setup: ['manual'], verifySignature: [true] } },
	},
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to accept only deliveries signed by Chatwoot (X-Chatwoot-Signature over the raw body, at most Signature Max Age old). Others are answered 401 and start nothing.',
	},
	{
		displayName:
			'Signature check is off: anyone who learns this URL can start the workflow with made-up events. Turn it off only for a Chatwoot that does not sign webhooks (before 4.11.2 for account webhooks, before 4.13.0 for agent bots and API inboxes).',
		name: 'unsignedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignature: [false] } },
	},
	{
		displayName:
			'Chatwoot 4.14 and later silently drops webhooks to private or loopback addresses (localhost, 10.x, 172.16–31.x, 192.168.x, Docker service names). If the URL above is one, give n8n a public address (WEBHOOK_URL) or set SAFE_FETCH_ALLOW_PRIVATE_NETWORK=true on the Chatwoot server. The activation log says so when it detects one.',
		name: 'safeFetchNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Message Types',
		name: 'messageTypes',
		type: 'multiOptions',
		options: MESSAGE_TYPES,
		default: ['incoming'],
		description:
			'For message events: which messages start the workflow. Incoming (written by the contact) by default; leave empty for all.',
	},
	{
		displayName: 'Include Private Notes',
		name: 'includePrivateNotes',
		type: 'boolean',
		default: false,
		description: 'Whether private notes (visible to agents only) start the workflow',
	},
	{
		displayName: 'Ignore Messages Sent With This Credential',
		name: 'ignoreOwnMessages',
		type: 'boolean',
		default: true,
		description:
			'Whether messages written by the credential’s own user start nothing: the loop guard that keeps a workflow replying through the Chatwoot node from triggering itself',
	},
	{
		displayName: 'Ignore Messages From Agent Bots',
		name: 'ignoreAgentBotMessages',
		type: 'boolean',
		default: true,
		description:
			'Whether messages written by an agent bot (or with an agent-bot token) start nothing; keeps bots from answering each other',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Events that do not match start nothing; Chatwoot’s delivery is still answered',
		options: [
			{
				displayName: 'Conversation Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: CONVERSATION_STATUSES,
				default: [],
				description:
					'Only events about conversations in one of these statuses (events without a conversation pass)',
			},
			{
				displayName: 'Inbox Names or IDs',
				name: 'inboxIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getInboxes' },
				default: [],
				description:
					'Only events from these inboxes (contact events have no inbox and pass). With exactly one inbox and automatic setup, Chatwoot itself sends only that inbox’s events. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Label Names or IDs',
				name: 'labels',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLabels' },
				default: [],
				description:
					'Only events about conversations carrying at least one of these labels. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				displayName: 'Attachment Field Prefix',
				name: 'binaryPrefix',
				type: 'string',
				default: 'attachment_',
				description:
					'With Download Attachments: the binary fields are named this plus a number (attachment_0, attachment_1…)',
			},
			{
				displayName: 'Download Attachments',
				name: 'downloadAttachments',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the message’s attachments into n8n binary data (their URLs are always listed under attachments)',
			},
			{
				displayName: 'Duplicate Window (Seconds)',
				name: 'duplicateWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3600,
				description:
					'A delivery whose X-Chatwoot-Delivery ID was seen within this time starts nothing (agent-bot webhooks are retried with the same ID)',
			},
			{
				displayName: 'Signature Max Age (Seconds)',
				name: 'maxAgeSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description:
					'How far X-Chatwoot-Timestamp may be from this server’s clock; older deliveries are refused as replays',
			},
			{
				displayName: 'Wait for the Contact to Finish (Seconds)',
				name: 'burstSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 120 },
				default: 0,
				description:
					'Merge a contact’s incoming messages in one conversation that follow each other within this many seconds into one execution with all their texts and attachments. Each delivery is answered at once; the execution starts when the contact has been quiet this long (at most 2 minutes after the first message). 0: every message starts its own execution.',
			},
		],
	},
];
