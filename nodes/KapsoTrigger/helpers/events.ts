/**
 * Kapso's webhook events for one phone number (NOTES §6), written once: the Events field lists
 * them, registration sends the chosen values, and the receiver sorts them by kind.
 */
export const KAPSO_EVENTS = [
	{
		name: 'Contact Identity Changed',
		value: 'whatsapp.contact.identity_changed',
		description: "A contact's WhatsApp identity changed (their business-scoped user ID or number)",
	},
	{
		name: 'Conversation Created',
		value: 'whatsapp.conversation.created',
		description: 'A new conversation started with a customer',
	},
	{
		name: 'Conversation Ended',
		value: 'whatsapp.conversation.ended',
		description: 'A conversation was closed',
	},
	{
		name: 'Conversation Inactive',
		value: 'whatsapp.conversation.inactive',
		description: 'A conversation had no messages for the Inactivity Minutes set below',
	},
	{
		name: 'Message Delivered',
		value: 'whatsapp.message.delivered',
		description: "A message from the number reached the customer's phone",
	},
	{
		name: 'Message Failed',
		value: 'whatsapp.message.failed',
		description: 'A message from the number could not be delivered',
	},
	{
		name: 'Message Read',
		value: 'whatsapp.message.read',
		description: 'The customer read a message from the number',
	},
	{
		name: 'Message Received',
		value: 'whatsapp.message.received',
		description: 'A customer sent a message to the number',
	},
	{
		name: 'Message Sent',
		value: 'whatsapp.message.sent',
		description: 'A message left the number (sent through the API, the inbox or the phone app)',
	},
] as const;

export type KapsoEvent = (typeof KAPSO_EVENTS)[number]['value'];

export const MESSAGE_RECEIVED: KapsoEvent = 'whatsapp.message.received';

const EVENT_VALUES: ReadonlySet<string> = new Set(KAPSO_EVENTS.map((event) => event.value));

export function isKapsoEvent(value: unknown): value is KapsoEvent {
	return typeof value === 'string' && EVENT_VALUES.has(value);
}

/** Message events carry a `message`; the others a conversation or a contact only. */
export function isMessageEvent(event: string): boolean {
	return event.startsWith('whatsapp.message.');
}

/**
 * WhatsApp message types as Meta names them in `message.type` (`button` is a template's quick-reply
 * answer, `interactive` a reply to reply buttons or a list).
 */
export const MESSAGE_TYPES = [
	{ name: 'Audio', value: 'audio' },
	{ name: 'Contacts', value: 'contacts' },
	{ name: 'Document', value: 'document' },
	{ name: 'Image', value: 'image' },
	{ name: 'Interactive Reply (Button or List)', value: 'interactive' },
	{ name: 'Location', value: 'location' },
	{ name: 'Order', value: 'order' },
	{ name: 'Reaction', value: 'reaction' },
	{ name: 'Sticker', value: 'sticker' },
	{ name: 'Template', value: 'template' },
	{ name: 'Template Quick Reply', value: 'button' },
	{ name: 'Text', value: 'text' },
	{ name: 'Video', value: 'video' },
] as const;
