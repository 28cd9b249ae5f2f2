import type { INodeProperties } from 'n8n-workflow';

import { CONTENT_TYPE_OPTIONS, INTERACTIVE_CONTENT_TYPE_VALUES } from './contentTypes';
import { templateFields, type InboxField } from './templateFields';

/** The fields of a message in the editor: its content, its items and its options. */

const interactiveTypes = INTERACTIVE_CONTENT_TYPE_VALUES;
const showForFields = (contentType: string) => ({
	show: { contentType: [contentType], attributesMode: ['fields'] },
});

const notForSelect = { hide: { type: ['select'] } };

/**
 * A form field's settings in the order a user fills them in: its type first, then what the
 * customer sees, then the checks. n8n shows a fixed collection's values as written (only a
 * collection's "Add option" list is sorted), so this order is what the editor shows; it is a
 * named list because n8n's lint rule would sort an inline one alphabetically, which put Type last.
 */
const FORM_FIELD_VALUES: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'text',
		description: 'What the customer fills in',
		options: [
			{ name: 'Email', value: 'email', description: 'An email address (checked by the form)' },
			{ name: 'Select', value: 'select', description: 'One of the select options below' },
			{ name: 'Text', value: 'text', description: 'One line of text' },
			{ name: 'Text Area', value: 'text_area', description: 'Several lines of text' },
		],
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'postal_code',
		description: 'Key of the answer in the submitted values',
	},
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		placeholder: 'Postal code',
		description: 'Text shown above the field',
	},
	{
		displayName: 'Placeholder',
		name: 'placeholder',
		type: 'string',
		default: '',
		description: 'Grey hint shown in the empty field',
		displayOptions: notForSelect,
	},
	{
		displayName: 'Default Value',
		name: 'default',
		type: 'string',
		default: '',
		description: 'Answer filled in in advance; the customer can change it',
	},
	{
		displayName: 'Required',
		name: 'required',
		type: 'boolean',
		default: false,
		description: 'Whether the customer must fill it in',
	},
	{
		displayName: 'Select Options',
		name: 'selectOptions',
		placeholder: 'Add Select Option',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'The choices of a select field',
		displayOptions: { show: { type: ['select'] } },
		options: [
			{
				displayName: 'Option',
				name: 'option',
				values: [
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						description: 'Text the customer sees',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Value submitted when the customer picks it',
					},
				],
			},
		],
	},
	{
		displayName: 'Pattern',
		name: 'pattern',
		type: 'string',
		default: '',
		placeholder: '^[0-9]{5}$',
		description: 'Regular expression the answer must match',
		displayOptions: notForSelect,
	},
	{
		displayName: 'Pattern Error',
		name: 'patternError',
		type: 'string',
		default: '',
		placeholder: 'Enter a 5-digit postal code',
		description: 'Message shown when the answer does not match the pattern',
		displayOptions: notForSelect,
	},
];

/**
 * What a message says and how it looks: shared by Send, Send to Contact and a conversation's first
 * message. An operation that already asks for an inbox passes that field, and a template is then
 * taken from it; otherwise the fields include their own Template Inbox.
 */
export function messageContentFields(ownInbox?: InboxField): INodeProperties[] {
	return [...contentFields, ...templateFields(ownInbox)];
}

const contentFields: INodeProperties[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		noDataExpression: true,
		default: 'text',
		description: 'What kind of message to send',
		options: CONTENT_TYPE_OPTIONS,
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'The message text. For options, cards, forms and articles it is the text shown above them. Up to 150,000 characters.',
		displayOptions: { hide: { contentType: ['template'] } },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		default: 'outgoing',
		description: 'Who the message is from',
		options: [
			{
				name: 'Outgoing',
				value: 'outgoing',
				description: 'From your team to the customer (delivered to the channel)',
			},
			{
				name: 'Incoming',
				value: 'incoming',
				description: 'From the customer (API inboxes only), e.g. to import a message',
			},
		],
		displayOptions: { hide: { contentType: ['template'] } },
	},
	{
		displayName: 'Private Note',
		name: 'private',
		type: 'boolean',
		default: false,
		description:
			'Whether to store the message as a private note: visible to agents only, never delivered to the customer',
		displayOptions: { hide: { contentType: ['template'] } },
	},
	{
		displayName: 'Define Items',
		name: 'attributesMode',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using JSON',
				value: 'json',
				description: 'Write content_attributes yourself, e.g. from an expression',
			},
		],
		displayOptions: { show: { contentType: interactiveTypes } },
	},
	{
		displayName: 'Content Attributes (JSON)',
		name: 'contentAttributesJson',
		type: 'json',
		default: '{\n  "items": []\n}',
		description:
			'Chatwoot content_attributes, e.g. {"items": [{"title": "Yes", "value": "yes"}]}. Keys are checked before sending.',
		displayOptions: { show: { contentType: interactiveTypes, attributesMode: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'selectOptions',
		placeholder: 'Add Option',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		description: 'The choices shown to the customer',
		displayOptions: showForFields('input_select'),
		options: [
			{
				displayName: 'Option',
				name: 'option',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Text on the button',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Value stored when the customer picks it; the title is used when empty',
					},
				],
			},
		],
	},
	{
		displayName: 'Cards',
		name: 'cards',
		placeholder: 'Add Card',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: showForFields('cards'),
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'Red shoe',
						description: 'Heading of the card, e.g. the product name',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'Size 42, in stock',
						description: 'Text under the title',
					},
					{
						displayName: 'Media URL',
						name: 'mediaUrl',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/product.jpg',
						description: 'Public http(s) address of the card image',
					},
					{
						displayName: 'Buttons',
						name: 'actions',
						placeholder: 'Add Button',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						description: 'Buttons under the card: a link, or a postback that answers in the chat',
						options: [
							{
								displayName: 'Button',
								name: 'action',
								values: [
									{
										displayName: 'Type',
										name: 'type',
										type: 'options',
										default: 'link',
										description: 'What the button does',
										options: [
											{ name: 'Link', value: 'link', description: 'Opens a URL' },
											{
												name: 'Postback',
												value: 'postback',
												description: 'Sends a payload back to Chatwoot',
											},
										],
									},
									{
										displayName: 'Text',
										name: 'text',
										type: 'string',
										default: '',
										placeholder: 'Buy now',
										description: 'Label on the button',
									},
									{
										displayName: 'URL',
										name: 'uri',
										type: 'string',
										default: '',
										placeholder: 'https://shop.example.com/red-shoe',
										description: 'Address the button opens',
										displayOptions: { show: { type: ['link'] } },
									},
									{
										displayName: 'Payload',
										name: 'payload',
										type: 'string',
										default: '',
										placeholder: 'more_like_red_shoe',
										description:
											'Value sent back to the conversation when the customer clicks the button, for an agent bot or a workflow to act on',
										displayOptions: { show: { type: ['postback'] } },
									},
								],
							},
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		placeholder: 'Add Form Field',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: showForFields('form'),
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: FORM_FIELD_VALUES,
			},
		],
	},
	{
		displayName: 'Articles',
		name: 'articles',
		placeholder: 'Add Article',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: showForFields('article'),
		options: [
			{
				displayName: 'Article',
				name: 'article',
				values: [
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					{
						displayName: 'Link',
						name: 'link',
						type: 'string',
						default: '',
						placeholder: 'https://help.example.com/article',
					},
				],
			},
		],
	},
];

/** Options of a message beyond its content. */
export const messageOptionFields: INodeProperties[] = [
	{
		displayName: 'Attachments (Binary Properties)',
		name: 'binaryProperties',
		type: 'string',
		default: '',
		placeholder: 'data, invoice',
		description:
			'Names of the binary properties of the input item to attach, separated by commas (at most 15 files)',
	},
	{
		displayName: 'BCC Emails',
		name: 'bccEmails',
		type: 'string',
		default: '',
		description: 'Email inboxes only: addresses to BCC, separated by commas',
	},
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'number',
		default: 0,
		description: 'ID of the Chatwoot campaign this message belongs to',
	},
	{
		displayName: 'CC Emails',
		name: 'ccEmails',
		type: 'string',
		default: '',
		description: 'Email inboxes only: addresses to CC, separated by commas',
	},
	{
		displayName: 'Check 24-Hour Window',
		name: 'checkReplyWindow',
		type: 'boolean',
		default: true,
		description:
			'Whether to stop a free-form message (not a template or private note) to a conversation whose WhatsApp 24-hour window is closed, instead of sending one that Chatwoot would fail. Reads each conversation once per execution.',
	},
	{
		displayName: 'Echo ID',
		name: 'echoId',
		type: 'string',
		default: '',
		description: 'Your own reference, returned in the response and webhook to match the message',
	},
	{
		displayName: 'Reply To Message ID',
		name: 'inReplyTo',
		type: 'number',
		default: 0,
		description: 'ID of the message this one replies to (shown as a quoted reply)',
	},
	{
		displayName: 'Voice Message',
		name: 'isVoiceMessage',
		type: 'boolean',
		default: false,
		description: 'Whether the attached audio is sent as a voice message',
	},
];
