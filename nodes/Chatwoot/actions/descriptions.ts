import type { INodeProperties } from 'n8n-workflow';

import { locatorModes } from '../../shared/locatorModes';
import { buildRequestTimeoutField, buildRetryOptionFields } from '../../shared/optionFields';
import type { InboxField } from '../composer/templateFields';

/** Field descriptions used by several operations: one definition per field. */

export const conversationLocator: INodeProperties = {
	displayName: 'Conversation',
	name: 'conversationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The conversation to act on: its number as shown in Chatwoot (#42), or its address',
	...locatorModes({
		searchListMethod: 'searchConversations',
		listPlaceholder: 'Select a conversation...',
		noun: 'conversation',
		example: '42',
		url: {
			segment: 'conversations',
			example: 'https://app.chatwoot.com/app/accounts/1/conversations/42',
		},
	}),
};

/** The Inbox field of operations that name one; a template is then taken from that inbox. */
export const inboxField: InboxField = { name: 'inboxId', label: 'Inbox' };

export const inboxLocator: INodeProperties = {
	displayName: 'Inbox',
	name: 'inboxId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Chatwoot inbox (channel) to use',
	...locatorModes({
		searchListMethod: 'searchInboxes',
		listPlaceholder: 'Select an inbox...',
		noun: 'inbox',
		example: '3',
		url: {
			segment: 'inboxes',
			example: 'https://app.chatwoot.com/app/accounts/1/settings/inboxes/3',
		},
	}),
};

export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Chatwoot contact',
	...locatorModes({
		searchListMethod: 'searchContacts',
		listPlaceholder: 'Select a contact...',
		noun: 'contact',
		example: '17',
		url: { segment: 'contacts', example: 'https://app.chatwoot.com/app/accounts/1/contacts/17' },
	}),
};

export { limitField, returnAllField } from '../../shared/optionFields';

export const DEFAULT_PARALLEL_CONVERSATIONS = 20;

/** Bounded concurrency: fast like n8n's HTTP Request node, without flooding Chatwoot. */
export const parallelConversationsField: INodeProperties = {
	displayName: 'Parallel Conversations',
	name: 'parallelConversations',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: DEFAULT_PARALLEL_CONVERSATIONS,
	description:
		'How many conversations to send to at the same time. Messages to the same conversation are always sent one after another, in item order.',
};

/** Per-request retries that cannot duplicate a message (429, 503, connection refused). */
export const retryOptionFields = buildRetryOptionFields({
	service: 'Chatwoot',
	attempts:
		'How many times to try each request in all when Chatwoot answers 429 (rate limit) or 503, or cannot be reached. A send whose answer was lost is looked up in the conversation first and repeated only if it was not stored; other requests that may have been carried out are never repeated.',
});

export const requestTimeoutField = buildRequestTimeoutField(
	'How long to wait for Chatwoot’s answer to each request. A send that gets no answer in time is looked up in the conversation before it is reported or tried again.',
);

/** The transport options of the operations that send: retries, timeout, parallel conversations. */
export const transportOptionFields: INodeProperties[] = [
	parallelConversationsField,
	...retryOptionFields,
	requestTimeoutField,
];

/**
 * Agent, team and labels: one definition each, shared by Conversation → Create, Assign, Get Many and
 * Add Labels, so that turning them into searchable lists happens in one place.
 */
export const assigneeIdField: INodeProperties = {
	displayName: 'Agent',
	name: 'assigneeId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The Chatwoot agent (user) to assign; empty (or 0) leaves it as it is',
	...locatorModes({
		searchListMethod: 'searchAgents',
		listPlaceholder: 'Select an agent...',
		noun: 'agent',
		example: '2',
		optional: true,
	}),
};

export const teamIdField: INodeProperties = {
	displayName: 'Team',
	name: 'teamId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The Chatwoot team; empty (or 0) leaves it as it is',
	...locatorModes({
		searchListMethod: 'searchTeams',
		listPlaceholder: 'Select a team...',
		noun: 'team',
		example: '1',
		optional: true,
	}),
};

export const labelsField: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labels',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLabels' },
	default: [],
	description:
		'Labels as defined in Chatwoot (Settings → Labels), by name. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Custom attributes of a contact or conversation, as a JSON object (keys as defined in Chatwoot). */
export const customAttributesField: INodeProperties = {
	displayName: 'Custom Attributes (JSON)',
	name: 'customAttributes',
	type: 'json',
	default: '{}',
	description:
		'Custom attributes as a JSON object, e.g. {"plan": "pro", "order_id": "1042"}. Keys are the attribute keys defined in Chatwoot.',
};

/**
 * Optional account override, shown first on every operation, right under the credential it
 * overrides: everything below it (lists and requests) works in this account. Empty: the
 * credential's account. Read once per execution in transport `getConnection`, which the list
 * methods use too.
 */
export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'accountId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"Leave empty to work in the credential's account. Choose another account the token can use to work there: the lists below (conversations, inboxes, templates…) follow this choice.",
	...locatorModes({
		searchListMethod: 'searchAccounts',
		listPlaceholder: 'Account of the credential',
		noun: 'account',
		example: '1',
		optional: true,
		url: { segment: 'accounts', example: 'https://app.chatwoot.com/app/accounts/1/dashboard' },
	}),
};

/** The statuses a conversation can be set to (Chatwoot's `status`). */
export { conversationStatusOptions } from '../helpers/chatwootEnums';

export const snoozedUntilField: INodeProperties = {
	displayName: 'Snoozed Until',
	name: 'snoozedUntil',
	type: 'dateTime',
	default: '',
	description: 'When the conversation reopens; empty: at the customer’s next message',
	displayOptions: { show: { status: ['snoozed'] } },
};
