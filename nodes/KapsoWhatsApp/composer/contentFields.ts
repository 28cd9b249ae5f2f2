import type { INodeProperties } from 'n8n-workflow';

import { addDefaultShowConditions } from '../../shared/displayOptions';

/**
 * The fields of a message's content, written once for Message → Send and Send in Conversation
 * (Legacy API): each shows for the message types that use it. `readContent.ts` reads them.
 */

/** Operations whose content these fields describe. */
/** The operations that post Meta's JSON through Kapso's WhatsApp API, with Send's fields. */
export const CLOUD_SEND_OPERATIONS = ['send', 'sendAndWaitForReply'];
export const CONTENT_OPERATIONS = [...CLOUD_SEND_OPERATIONS, 'sendInConversation'];

const forTypes = (types: string[], properties: INodeProperties[]) =>
	addDefaultShowConditions({ messageType: types }, properties);

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const INTERACTIVE_TYPES = ['buttons', 'list', 'ctaUrl'];

const textFields = forTypes(
	['text'],
	[
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description:
				'The message, up to 4096 characters. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~, ```monospace```.',
		},
		{
			displayName: 'Link Preview',
			name: 'previewUrl',
			type: 'boolean',
			default: false,
			description:
				'Whether WhatsApp shows a preview of the first web address in the text (Send only: the legacy API does not offer it)',
			displayOptions: { show: { operation: CLOUD_SEND_OPERATIONS } },
		},
	],
);

const mediaSourceOptions = {
	url: {
		name: 'URL',
		value: 'url',
		description: 'A public http(s) address WhatsApp downloads the file from',
	},
	id: {
		name: 'Media ID',
		value: 'id',
		description: 'A file already uploaded to Kapso (its media ID)',
	},
	binary: {
		name: 'Binary Data',
		value: 'binary',
		description: 'A file of the input item: uploaded to Kapso first, then sent',
	},
};

const mediaFields = forTypes(MEDIA_TYPES, [
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [mediaSourceOptions.binary, mediaSourceOptions.id, mediaSourceOptions.url],
		default: 'url',
		description: 'Where the file comes from',
		displayOptions: { show: { operation: CLOUD_SEND_OPERATIONS } },
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [mediaSourceOptions.id, mediaSourceOptions.url],
		default: 'url',
		description:
			'Where the file comes from (the legacy API takes an address or a media ID; upload binary data with Message → Send, or Kapso’s media upload, first)',
		displayOptions: { show: { operation: ['sendInConversation'] } },
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/picture.jpg',
		description:
			'Public http(s) address of the file, reachable without login. Image: JPEG/PNG up to 5 MB; video: MP4/3GP up to 16 MB; audio: AAC/AMR/MP3/M4A/OGG up to 16 MB; document: up to 100 MB; sticker: WEBP up to 500 KB.',
		displayOptions: { show: { mediaSource: ['url'] } },
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID Kapso gave the file when it was uploaded',
		displayOptions: { show: { mediaSource: ['id'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be sent',
		description:
			'The file is uploaded to the sender’s number first (checked against WhatsApp’s types and sizes), then sent by its new media ID',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text shown under the image, video or document, up to 1024 characters',
		displayOptions: { show: { messageType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'File Name',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'invoice-1042.pdf',
		description:
			'Name the customer sees for the document, up to 240 characters; empty: the binary file’s name, if any',
		displayOptions: { show: { messageType: ['document'] } },
	},
	{
		displayName: 'Voice Note',
		name: 'voice',
		type: 'boolean',
		default: false,
		description:
			'Whether to send the audio as a voice note (played inline, with a waveform). WhatsApp needs OGG audio with the OPUS codec for this.',
		displayOptions: { show: { messageType: ['audio'], operation: CLOUD_SEND_OPERATIONS } },
	},
]);

const locationFields = forTypes(
	['location'],
	[
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 7 },
			default: 0,
			required: true,
			description: 'From -90 to 90, e.g. 52.5200066',
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 7 },
			default: 0,
			required: true,
			description: 'From -180 to 180, e.g. 13.404954',
		},
		{
			displayName: 'Location Name',
			name: 'locationName',
			type: 'string',
			default: '',
			description: 'Name of the place, up to 100 characters (e.g. Acme Store Berlin)',
		},
		{
			displayName: 'Location Address',
			name: 'locationAddress',
			type: 'string',
			default: '',
			description: 'Address shown under the name, up to 300 characters',
		},
	],
);

const contactFields = forTypes(
	['contacts'],
	[
		{
			displayName: 'Contact Cards',
			name: 'contactCards',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Contact Card',
			default: {},
			required: true,
			description: 'The contact cards to send (at least one; each needs a name)',
			options: [
				{
					displayName: 'Card',
					name: 'card',
					values: [
						{
							displayName: 'Birthday',
							name: 'birthday',
							type: 'string',
							default: '',
							placeholder: '1990-05-31',
							description: 'Birthday as YYYY-MM-DD (optional)',
						},
						{
							displayName: 'Company',
							name: 'company',
							type: 'string',
							default: '',
							description: 'Company or organisation (optional)',
						},
						{
							displayName: 'Email',
							name: 'email',
							type: 'string',
							placeholder: 'name@email.com',
							default: '',
							description: 'Email address (optional)',
						},
						{
							displayName: 'First Name',
							name: 'firstName',
							type: 'string',
							default: '',
							description: 'Given name (optional)',
						},
						{
							displayName: 'Full Name',
							name: 'formattedName',
							type: 'string',
							default: '',
							required: true,
							description: 'The name as shown on the card, e.g. Maria Garcia',
						},
						{
							displayName: 'Last Name',
							name: 'lastName',
							type: 'string',
							default: '',
							description: 'Family name (optional)',
						},
						{
							displayName: 'Phone',
							name: 'phone',
							type: 'string',
							default: '',
							placeholder: '+15550100001',
							description: 'Phone number with country code (optional)',
						},
						{
							displayName: 'Phone Type',
							name: 'phoneType',
							type: 'options',
							options: [
								{
									name: 'Cell',
									value: 'CELL',
								},
								{
									name: 'Home',
									value: 'HOME',
								},
								{
									name: 'iPhone',
									value: 'IPHONE',
								},
								{
									name: 'Main',
									value: 'MAIN',
								},
								{
									name: 'Work',
									value: 'WORK',
								},
							],
							default: 'CELL',
							description: 'What kind of number the phone is',
						},
						{
							displayName: 'Website',
							name: 'url',
							type: 'string',
							default: '',
							description: 'Web address (optional)',
						},
						{
							displayName: 'WhatsApp ID',
							name: 'waId',
							type: 'string',
							default: '',
							description:
								"The WhatsApp ID of the phone (digits), to show a 'Message' button on the card (optional)",
						},
					],
				},
			],
		},
	],
);

const interactiveFields = forTypes(INTERACTIVE_TYPES, [
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description:
			'The message above the buttons or list: up to 1024 characters (a list’s up to 4096)',
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		description: 'Bold line above the body, up to 60 characters (optional)',
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Grey line under the body, up to 60 characters (optional)',
	},
]);

const buttonFields = forTypes(
	['buttons'],
	[
		{
			displayName: 'Buttons',
			name: 'replyButtons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxValue: 3 },
			placeholder: 'Add Button',
			default: {},
			required: true,
			description:
				'One to three buttons. The tapped button’s ID and title come back in the customer’s reply (interactive.button_reply).',
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							required: true,
							description: 'The button’s label, up to 20 characters',
						},
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							default: '',
							description:
								'What your workflow gets back when the button is tapped, up to 256 characters, unique in the message; empty: the title',
						},
					],
				},
			],
		},
	],
);

const listFields = forTypes(
	['list'],
	[
		{
			displayName: 'List Button Text',
			name: 'listButtonText',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Choose an option',
			description: 'The label of the button that opens the list, up to 20 characters',
		},
		{
			displayName: 'Rows',
			name: 'listRows',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxValue: 10 },
			placeholder: 'Add Row',
			default: {},
			required: true,
			description:
				'Up to 10 choices in all. Rows with the same Section Title are grouped under it, in the order given (up to 10 sections).',
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{
							displayName: 'Section Title',
							name: 'section',
							type: 'string',
							default: '',
							description:
								'Heading the row is listed under, up to 24 characters; needed when the list has more than one section',
						},
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							required: true,
							description: 'The choice, up to 24 characters',
						},
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							default: '',
							description:
								'What your workflow gets back when the row is chosen (interactive.list_reply), up to 200 characters, unique in the list; empty: the title',
						},
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							default: '',
							description: 'Grey text under the title, up to 72 characters (optional)',
						},
					],
				},
			],
		},
	],
);

const ctaUrlFields = forTypes(
	['ctaUrl'],
	[
		{
			displayName: 'Button Text',
			name: 'ctaDisplayText',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Track order',
			description: 'The button’s label, up to 20 characters',
		},
		{
			displayName: 'Button URL',
			name: 'ctaUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://shop.example/track/1042',
			description: 'The http(s) address the button opens',
		},
	],
);

const reactionFields = forTypes(
	['reaction'],
	[
		{
			displayName: 'Message ID',
			name: 'reactionMessageId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wamid.HBgL...',
			description:
				'The WhatsApp message ID (wamid) to react to. The legacy API also takes Kapso’s message ID.',
		},
		{
			displayName: 'Emoji',
			name: 'reactionEmoji',
			type: 'string',
			default: '👍',
			description: 'One emoji; empty removes an earlier reaction (Send only)',
		},
	],
);

const legacyTemplateFields = addDefaultShowConditions(
	{ messageType: ['template'], operation: ['sendInConversation'] },
	[
		{
			displayName: 'Template Name',
			name: 'legacyTemplateName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'order_update',
			description: 'The approved template’s name, as in Kapso (lower case with underscores)',
		},
		{
			displayName: 'Template Language',
			name: 'legacyTemplateLanguage',
			type: 'string',
			default: 'en_US',
			required: true,
			placeholder: 'en_US',
			description: 'The language code of the template’s translation, e.g. en, en_US, es, pt_BR',
		},
		{
			displayName: 'Template Parameters (JSON)',
			name: 'legacyTemplateParameters',
			type: 'json',
			default: '[]',
			description:
				'The variables: a list in order for a positional template (["Maria", "#1042"]), an object by name for a named one ({"customer_name": "Maria"}), or {"header": {…}, "body": {…}} for named variables in both',
		},
		{
			displayName: 'Header',
			name: 'legacyTemplateHeaderType',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'None', value: '' },
				{ name: 'Text', value: 'text' },
				{ name: 'Video', value: 'video' },
			],
			default: '',
			description: 'The kind of header the template has, when it takes a value',
		},
		{
			displayName: 'Header Value',
			name: 'legacyTemplateHeaderValue',
			type: 'string',
			default: '',
			description: 'The header variable’s text, or the media’s http(s) address',
			displayOptions: { hide: { legacyTemplateHeaderType: [''] } },
		},
		{
			displayName: 'Header File Name',
			name: 'legacyTemplateHeaderFilename',
			type: 'string',
			default: '',
			description: 'Name the customer sees for a document header (optional)',
			displayOptions: { show: { legacyTemplateHeaderType: ['document'] } },
		},
	],
);

/** Every content field, for the operations in CONTENT_OPERATIONS. */
export const contentFields: INodeProperties[] = addDefaultShowConditions(
	{ resource: ['message'], operation: CONTENT_OPERATIONS },
	[
		...textFields,
		...mediaFields,
		...locationFields,
		...contactFields,
		...interactiveFields,
		...buttonFields,
		...listFields,
		...ctaUrlFields,
		...reactionFields,
	],
).concat(addDefaultShowConditions({ resource: ['message'] }, legacyTemplateFields));
