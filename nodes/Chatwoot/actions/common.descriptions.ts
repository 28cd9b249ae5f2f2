import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { OPERATIONS_WITH_OWN_INBOX } from '../helpers/inboxTemplate';
import { TEMPLATE_CATEGORIES } from '../helpers/template';

/** Shared field descriptions: one definition per field, reused by every operation that needs it. */

/** The "From List" mode of a locator, searched by one of the node's listSearch methods. */
function listMode(searchListMethod: string, placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode is not a parameter: it has no default
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list',
		placeholder,
		typeOptions: { searchListMethod, searchable: true },
	};
}

/** The "By ID" mode: Chatwoot's numeric IDs; optional locators also accept an empty value. */
function idMode(noun: string, example: string, { optional = false } = {}): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode is not a parameter: it has no default
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: example,
		validation: [
			{
				type: 'regex',
				properties: {
					regex: optional ? '^\\s*\\d*\\s*$' : '^\\s*\\d+\\s*$',
					errorMessage: `Use the ${noun} number, e.g. ${example}`,
				},
			},
		],
	};
}

/** The "By URL" mode: the ID is the number after `/<segment>/` in a Chatwoot address. */
function urlMode(segment: string, placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode is not a parameter: it has no default
	return {
		displayName: 'By URL',
		name: 'url',
		type: 'string',
		placeholder,
		extractValue: { type: 'regex', regex: `/${segment}/(\\d+)` },
		validation: [
			{
				type: 'regex',
				properties: {
					regex: `.*/${segment}/\\d+.*`,
					errorMessage: `Paste a Chatwoot address containing /${segment}/<number>`,
				},
			},
		],
	};
}

export const conversationLocator: INodeProperties = {
	displayName: 'Conversation',
	name: 'conversationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The conversation to act on: its number as shown in Chatwoot (#42), or its address',
	modes: [
		listMode('searchConversations', 'Select a conversation...'),
		idMode('conversation', '42'),
		urlMode('conversations', 'https://app.chatwoot.com/app/accounts/1/conversations/42'),
	],
};

export const inboxLocator: INodeProperties = {
	displayName: 'Inbox',
	name: 'inboxId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Chatwoot inbox (channel) to use',
	modes: [
		listMode('searchInboxes', 'Select an inbox...'),
		idMode('inbox', '3'),
		urlMode('inboxes', 'https://app.chatwoot.com/app/accounts/1/settings/inboxes/3'),
	],
};

export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Chatwoot contact',
	modes: [
		listMode('searchContacts', 'Select a contact...'),
		idMode('contact', '17'),
		urlMode('contacts', 'https://app.chatwoot.com/app/accounts/1/contacts/17'),
	],
};

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

const interactiveTypes = ['input_select', 'cards', 'form', 'article'];
const showForFields = (contentType: string) => ({
	show: { contentType: [contentType], attributesMode: ['fields'] },
});

/** What a message says and how it looks: shared by Send, Send to Contact and a conversation's first message. */
export const messageContentFields: INodeProperties[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		noDataExpression: true,
		default: 'text',
		description: 'What kind of message to send',
		options: [
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
		],
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
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
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
										options: [
											{ name: 'Link', value: 'link', description: 'Opens a URL' },
											{
												name: 'Postback',
												value: 'postback',
												description: 'Sends a payload back to Chatwoot',
											},
										],
									},
									{ displayName: 'Text', name: 'text', type: 'string', default: '' },
									{
										displayName: 'URL',
										name: 'uri',
										type: 'string',
										default: '',
										displayOptions: { show: { type: ['link'] } },
									},
									{
										displayName: 'Payload',
										name: 'payload',
										type: 'string',
										default: '',
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
				values: [
					{
						displayName: 'Default Value',
						name: 'default',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Key of the answer in the submitted values',
					},
					{
						displayName: 'Pattern',
						name: 'pattern',
						type: 'string',
						default: '',
						placeholder: '^[0-9	]{5}$',
						description: 'Regular expression the answer must match',
					},
					{
						displayName: 'Pattern Error',
						name: 'patternError',
						type: 'string',
						default: '',
						description: 'Message shown when the answer does not match the pattern',
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
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
									},
									{
										displayName: 'Value',
										name: 'value',
										type: 'string',
										default: '',
									},
								],
							},
						],
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'text',
						options: [
							{
								name: 'Email',
								value: 'email',
							},
							{
								name: 'Select',
								value: 'select',
							},
							{
								name: 'Text',
								value: 'text',
							},
							{
								name: 'Text Area',
								value: 'text_area',
							},
						],
					},
				],
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
	...templateFields(),
];

function templateFields(): INodeProperties[] {
	const showAll = { show: { contentType: ['template'] } };
	const fromInbox = { show: { contentType: ['template'], templateSource: ['inbox'] } };
	const show = (extra: Record<string, string[]> = {}) => ({
		show: { contentType: ['template'], templateSource: ['manual'], ...extra },
	});
	return [
		{
			displayName: 'Template Source',
			name: 'templateSource',
			type: 'options',
			noDataExpression: true,
			default: 'inbox',
			description: 'Where the template and its variables come from',
			options: [
				{
					name: 'From the Inbox',
					value: 'inbox',
					description:
						"Pick one of the WhatsApp inbox's approved templates; its variables appear as fields",
				},
				{
					name: 'Entered by Hand',
					value: 'manual',
					description:
						'Type the name, language and parameters, e.g. for a template Chatwoot has not synced yet',
				},
			],
			displayOptions: showAll,
		},
		{
			displayName: 'Template Inbox',
			name: 'templateInboxId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description:
				'The WhatsApp inbox whose templates to use: the inbox of the conversation (WhatsApp Cloud, 360dialog or Twilio WhatsApp)',
			displayOptions: { ...fromInbox, hide: { '/operation': OPERATIONS_WITH_OWN_INBOX } },
			modes: [
				listMode('searchTemplateInboxes', 'Select a WhatsApp inbox...'),
				idMode('inbox', '2'),
				urlMode('inboxes', 'https://app.chatwoot.com/app/accounts/1/settings/inboxes/2'),
			],
		},
		{
			displayName: 'Template Name or ID',
			name: 'templateId',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getTemplates',
				loadOptionsDependsOn: ['templateInboxId.value', 'inboxId.value'],
			},
			default: '',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Only approved templates are listed. The value is name|language, e.g. order_confirmation|en_US.',
			displayOptions: fromInbox,
		},
		{
			displayName: 'Template Variables',
			name: 'templateVariables',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			description:
				"Values for the template's variables: header, body and buttons, in template order",
			typeOptions: {
				loadOptionsDependsOn: ['templateInboxId.value', 'inboxId.value', 'templateId'],
				resourceMapper: {
					resourceMapperMethod: 'getTemplateVariables',
					mode: 'add',
					valuesLabel: 'Variables',
					fieldWords: { singular: 'variable', plural: 'variables' },
					addAllFields: true,
					multiKeyMatch: false,
					supportAutoMap: false,
				},
			},
			displayOptions: fromInbox,
		},
		{
			displayName:
				'The template must be approved in the WhatsApp inbox of the conversation. Chatwoot looks it up by name and language.',
			name: 'templateNotice',
			type: 'notice',
			default: '',
			displayOptions: show(),
		},
		{
			displayName: 'Template Name',
			name: 'templateName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'order_confirmation',
			description: 'Name of the approved template, exactly as in WhatsApp Manager',
			displayOptions: show(),
		},
		{
			displayName: 'Template Language',
			name: 'templateLanguage',
			type: 'string',
			default: 'en_US',
			required: true,
			description: 'Language code of the template, e.g. en_US or pt_BR',
			displayOptions: show(),
		},
		{
			displayName: 'Template Category',
			name: 'templateCategory',
			type: 'options',
			default: 'UTILITY',
			options: TEMPLATE_CATEGORIES.map((category) => ({ name: category, value: category })),
			description: 'Category of the template as approved by WhatsApp',
			displayOptions: show(),
		},
		{
			displayName: 'Body Parameters',
			name: 'templateBodyParameters',
			placeholder: 'Add Parameter',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			description:
				'Values of the body variables. Positional templates ({{1}}, {{2}}) use names 1, 2…; named templates use the variable name, e.g. customer_name.',
			displayOptions: show(),
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: '1' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Header',
			name: 'templateHeaderType',
			type: 'options',
			default: 'none',
			description: 'The header of the template, if it has a variable part',
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'None or Fixed', value: 'none' },
				{ name: 'Text Variable', value: 'text' },
				{ name: 'Video', value: 'video' },
			],
			displayOptions: show(),
		},
		{
			displayName: 'Header Variable Name',
			name: 'templateHeaderParameterName',
			type: 'string',
			default: '1',
			description:
				'Name of the header variable: 1 for positional templates, the variable name for named ones',
			displayOptions: show({ templateHeaderType: ['text'] }),
		},
		{
			displayName: 'Header Text',
			name: 'templateHeaderText',
			type: 'string',
			default: '',
			displayOptions: show({ templateHeaderType: ['text'] }),
		},
		{
			displayName: 'Header Media URL',
			name: 'templateHeaderMediaUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/invoice.pdf',
			description: 'Public http(s) address of the image, video or document',
			displayOptions: show({ templateHeaderType: ['image', 'video', 'document'] }),
		},
		{
			displayName: 'Header Document Filename',
			name: 'templateHeaderFileName',
			type: 'string',
			default: '',
			placeholder: 'invoice.pdf',
			description: 'File name the customer sees for the document',
			displayOptions: show({ templateHeaderType: ['document'] }),
		},
		{
			displayName: 'Buttons',
			name: 'templateButtons',
			placeholder: 'Add Button',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			description:
				'Dynamic parts of the template’s buttons, in the order the buttons have in the template',
			displayOptions: show(),
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'url',
							options: [
								{
									name: 'Copy Code',
									value: 'copy_code',
									description: 'The code of a copy-code button (1–15 characters)',
								},
								{
									name: 'No Variable (Keeps the Position)',
									value: 'none',
									description:
										'A button without a variable (quick reply, phone, fixed URL) that comes before one with a variable',
								},
								{ name: 'URL', value: 'url', description: 'The variable end of a URL button' },
							],
						},
						{ displayName: 'Parameter', name: 'parameter', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Content (Shown in Chatwoot)',
			name: 'templateContent',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				'What agents see in the conversation for this template message. Leave empty to show the template body with the values filled in (entered by hand: the template name and parameters).',
			displayOptions: showAll,
		},
	];
}

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

/**
 * Per-request retries that cannot duplicate a message (429, 503, connection refused). Unlike
 * n8n's "Retry On Fail" setting, which re-runs the whole node and may send items twice.
 */
export const retryOptionFields: INodeProperties[] = [
	{
		displayName: 'Retry Attempts',
		name: 'retryAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 3, // DEFAULT_RETRY.maxAttempts; n8n's lint wants a literal, a unit test keeps them equal
		description:
			'How many times to try each request in all when Chatwoot answers 429 (rate limit) or 503, or cannot be reached. Requests that may already have been carried out are never repeated.',
	},
	{
		displayName: 'Retry Backoff (Ms)',
		name: 'retryBackoffMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000, // DEFAULT_RETRY.backoffMs
		description:
			'Wait before the first retry when Chatwoot sends no Retry-After header; doubles on each further retry',
	},
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
	modes: [listMode('searchAgents', 'Select an agent...'), idMode('agent', '2', { optional: true })],
};

export const teamIdField: INodeProperties = {
	displayName: 'Team',
	name: 'teamId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The Chatwoot team; empty (or 0) leaves it as it is',
	modes: [listMode('searchTeams', 'Select a team...'), idMode('team', '1', { optional: true })],
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

/** A contact's own fields, for Contact → Create and Update (collection options, alphabetical). */
export const contactAttributeFields: INodeProperties[] = [
	{
		displayName: 'Avatar URL',
		name: 'avatarUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/ana.jpg',
		description: 'Public address of a JPEG or PNG picture; Chatwoot downloads it in the background',
	},
	customAttributesField,
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address; must be unique in the account',
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		default: '',
		placeholder: 'crm-1042',
		description: 'ID of the person in your own system; must be unique in the account',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Ana Alvarez',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: '+14155550123',
		description:
			'In international E.164 form: + and country code. Spaces, dashes and parentheses are removed.',
	},
];

/**
 * Optional account override, shown on every operation. Empty: the credential's account. Read once
 * per execution in transport `getConnection`, which the list methods use too.
 */
export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'accountId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The Chatwoot account to work in. Leave empty to use the account of the credential; the lists above follow this choice.',
	modes: [
		listMode('searchAccounts', 'Account of the credential'),
		idMode('account', '1', { optional: true }),
		urlMode('accounts', 'https://app.chatwoot.com/app/accounts/1/dashboard'),
	],
};

/** The statuses a conversation can be set to (Chatwoot's `status`). */
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

export const snoozedUntilField: INodeProperties = {
	displayName: 'Snoozed Until',
	name: 'snoozedUntil',
	type: 'dateTime',
	default: '',
	description: 'When the conversation reopens; empty: at the customer’s next message',
	displayOptions: { show: { status: ['snoozed'] } },
};
