/** Chatwoot's enums as its webhooks and the editor name them: written once for both nodes. */

/** Message types by the number the API uses (0 incoming … 3 template); webhooks send the names. */
export const MESSAGE_TYPE_NAMES = ['incoming', 'outgoing', 'activity', 'template'];

/** A message type as a name, whether Chatwoot sent the name or the number. */
export function messageTypeName(value: unknown): string | undefined {
	if (typeof value === 'number') return MESSAGE_TYPE_NAMES[value];
	if (typeof value === 'string' && /^\d$/.test(value)) return MESSAGE_TYPE_NAMES[Number(value)];
	return typeof value === 'string' ? value : undefined;
}

/** The statuses a conversation can have (Chatwoot's `status`). */
export const conversationStatusOptions = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending', description: 'Waiting in the queue or with a bot' },
	{ name: 'Resolved', value: 'resolved' },
	{
		name: 'Snoozed',
		value: 'snoozed',
		description: 'Parked until a time or the customer’s next message',
	},
];
