import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The kinds of message the node sends, written once: the Content Type options in the editor, which
 * of them carry structured items (and so show the item fields), what those items are called in
 * errors, and which keys Chatwoot's content attribute validator allows in them.
 */

/** Chatwoot's content types that carry structured `content_attributes.items`. */
export const INTERACTIVE_CONTENT_TYPES = {
	input_select: { field: 'Options', noun: 'option', itemKeys: ['title', 'value'] },
	cards: {
		field: 'Cards',
		noun: 'card',
		itemKeys: ['title', 'description', 'media_url', 'actions'],
	},
	form: {
		field: 'Form Fields',
		noun: 'form field',
		itemKeys: [
			'type',
			'name',
			'label',
			'placeholder',
			'options',
			'default',
			'required',
			'pattern',
			'pattern_error',
			'title',
		],
	},
	article: { field: 'Articles', noun: 'article', itemKeys: ['title', 'description', 'link'] },
} as const satisfies Record<string, { field: string; noun: string; itemKeys: readonly string[] }>;

export type InteractiveContentType = keyof typeof INTERACTIVE_CONTENT_TYPES;
export type MessageContentType = 'text' | 'input_email' | InteractiveContentType;

/** The values of the Content Type field that show the item fields (or the JSON editor). */
export const INTERACTIVE_CONTENT_TYPE_VALUES = Object.keys(
	INTERACTIVE_CONTENT_TYPES,
) as InteractiveContentType[];

export function isInteractive(contentType: string): contentType is InteractiveContentType {
	return Object.prototype.hasOwnProperty.call(INTERACTIVE_CONTENT_TYPES, contentType);
}

/** The Content Type options, in the editor's (alphabetical) order. `template` is the node's own choice. */
export const CONTENT_TYPE_OPTIONS: Array<
	INodePropertyOptions & { value: MessageContentType | 'template' }
> = [
	{
		name: 'Articles',
		value: 'article',
		description: 'Links to help-center articles (website and API inboxes)',
	},
	{
		name: 'Ask for Email (Input Email)',
		value: 'input_email',
		description: 'Asks the customer for their email address',
	},
	{
		name: 'Cards',
		value: 'cards',
		description: 'Cards with image, text and buttons (website and API inboxes)',
	},
	{
		name: 'Form',
		value: 'form',
		description: 'A form the customer fills in (website and API inboxes)',
	},
	{
		name: 'Options (Input Select)',
		value: 'input_select',
		description:
			'Buttons the customer picks from. Website, API and Telegram inboxes; on WhatsApp up to 3 become reply buttons, more become a list.',
	},
	{
		name: 'Text',
		value: 'text',
		description: 'A plain message (Markdown works in most channels)',
	},
	{
		name: 'WhatsApp Template',
		value: 'template',
		description:
			'An approved WhatsApp template: the only way to write first or after 24 hours of silence',
	},
];
