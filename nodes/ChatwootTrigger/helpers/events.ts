import type { INodePropertyOptions } from 'n8n-workflow';

/** Every event an account webhook can subscribe to (Chatwoot's webhook_listener.rb), in n8n's option style. */
export const ACCOUNT_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Contact Created',
		value: 'contact_created',
		description: 'A contact was added to the account',
	},
	{
		name: 'Contact Updated',
		value: 'contact_updated',
		description: 'A contact’s details changed (sent only when something changed)',
	},
	{
		name: 'Conversation Created',
		value: 'conversation_created',
		description: 'A new conversation started',
	},
	{
		name: 'Conversation Status Changed',
		value: 'conversation_status_changed',
		description: 'A conversation was opened, resolved, set pending or snoozed',
	},
	{
		name: 'Conversation Typing Off',
		value: 'conversation_typing_off',
		description: 'Someone stopped typing in a conversation',
	},
	{
		name: 'Conversation Typing On',
		value: 'conversation_typing_on',
		description: 'Someone started typing in a conversation',
	},
	{
		name: 'Conversation Updated',
		value: 'conversation_updated',
		description:
			'A conversation changed (assignee, labels, custom attributes…); changed_attributes says what',
	},
	{ name: 'Inbox Created', value: 'inbox_created', description: 'An inbox was added' },
	{ name: 'Inbox Updated', value: 'inbox_updated', description: 'An inbox’s settings changed' },
	{
		name: 'Message Created',
		value: 'message_created',
		description: 'A message or private note was written (see Message Types below)',
	},
	{
		name: 'Message Updated',
		value: 'message_updated',
		description: 'A message changed, e.g. its delivery status or a reply to an interactive message',
	},
	{
		name: 'Website Widget Triggered',
		value: 'webwidget_triggered',
		description: 'A visitor opened the website chat widget',
	},
];

/** What an agent bot's webhook sends besides message and widget events (Chatwoot's agent_bot_listener.rb). */
const AGENT_BOT_ONLY_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Conversation Opened (Agent Bot)',
		value: 'conversation_opened',
		description: 'Sent to agent bots when a conversation is (re)opened',
	},
	{
		name: 'Conversation Resolved (Agent Bot)',
		value: 'conversation_resolved',
		description: 'Sent to agent bots when a conversation is resolved',
	},
];

/** Manual setup: the events any of Chatwoot's webhooks (account, agent bot, API inbox) may send. */
export const MANUAL_EVENTS: INodePropertyOptions[] = [...ACCOUNT_EVENTS, ...AGENT_BOT_ONLY_EVENTS]
	.slice()
	.sort((a, b) => a.name.localeCompare(b.name));

export const MESSAGE_EVENTS = new Set(['message_created', 'message_updated']);

/** Chatwoot's message types as its webhooks spell them (the API uses numbers 0–3). */
export const MESSAGE_TYPES: INodePropertyOptions[] = [
	{
		name: 'Activity',
		value: 'activity',
		description: 'System notes such as "Conversation was resolved"',
	},
	{ name: 'Incoming', value: 'incoming', description: 'Written by the contact' },
	{ name: 'Outgoing', value: 'outgoing', description: 'Written by an agent, a bot or a workflow' },
	{ name: 'Template', value: 'template', description: 'WhatsApp templates and automated messages' },
];

const MESSAGE_TYPE_BY_NUMBER = ['incoming', 'outgoing', 'activity', 'template'];

/** A message type as a name, whether a webhook sent the name or a number (the API's form). */
export function messageTypeName(value: unknown): string | undefined {
	if (typeof value === 'number') return MESSAGE_TYPE_BY_NUMBER[value];
	if (typeof value === 'string' && /^\d$/.test(value)) return MESSAGE_TYPE_BY_NUMBER[Number(value)];
	return typeof value === 'string' ? value : undefined;
}

export const CONVERSATION_STATUSES: INodePropertyOptions[] = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Resolved', value: 'resolved' },
	{ name: 'Snoozed', value: 'snoozed' },
];
