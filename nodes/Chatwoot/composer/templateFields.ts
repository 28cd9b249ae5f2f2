import type { INodeProperties } from 'n8n-workflow';

import { locatorModes } from '../../shared/locatorModes';

// Descriptions only: the editor's fields load with the node, the code that reads them on first run.

/** A field of the node that names an inbox: its parameter name and its label in errors. */
export interface InboxField {
	name: string;
	label: string;
}

/** The message fields' own inbox locator, for operations that do not name an inbox themselves. */
export const TEMPLATE_INBOX_FIELD: InboxField = {
	name: 'templateInboxId',
	label: 'Template Inbox',
};

/** Categories Chatwoot's API accepts in `template_params.category`. */
export const TEMPLATE_CATEGORIES = [
	'UTILITY',
	'MARKETING',
	'SHIPPING_UPDATE',
	'TICKET_UPDATE',
	'ISSUE_RESOLUTION',
] as const;
/** The media a template header can carry, as Chatwoot's API names them (Meta's are upper case). */
export const TEMPLATE_MEDIA_TYPES = ['image', 'video', 'document'] as const;
export type TemplateMediaType = (typeof TEMPLATE_MEDIA_TYPES)[number];

/**
 * The inbox whose templates to use, for operations that do not name an inbox themselves. Empty: the
 * conversation's inbox, the one Chatwoot sends the template from.
 */
const templateInboxLocator: INodeProperties = {
	displayName: 'Template Inbox',
	name: 'templateInboxId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"Leave empty to use the conversation's inbox. Choose a WhatsApp inbox (WhatsApp Cloud, 360dialog or Twilio WhatsApp) when the conversation is an expression: the editor then lists that inbox's templates.",
	displayOptions: { show: { contentType: ['template'], templateSource: ['inbox'] } },
	...locatorModes({
		searchListMethod: 'searchTemplateInboxes',
		listPlaceholder: 'Inbox of the conversation',
		noun: 'inbox',
		example: '2',
		optional: true,
		url: {
			segment: 'inboxes',
			example: 'https://app.chatwoot.com/app/accounts/1/settings/inboxes/2',
		},
	}),
};

/** The WhatsApp template fields; the Template Inbox locator only when the operation has no inbox of its own. */
export function templateFields(ownInbox?: InboxField): INodeProperties[] {
	// the editor's template lists follow the inbox, or the conversation whose inbox is used by default
	const dependsOn = ownInbox
		? [`${ownInbox.name}.value`]
		: [`${TEMPLATE_INBOX_FIELD.name}.value`, 'conversationId.value'];
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
		...(ownInbox ? [] : [templateInboxLocator]),
		{
			displayName: 'Template Name or ID',
			name: 'templateId',
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getTemplates',
				loadOptionsDependsOn: dependsOn,
			},
			default: '',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: "The inbox's approved templates, by name · language · category. One missing? Chatwoot syncs them from WhatsApp Manager (inbox settings → templates).",
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
			hint: 'Button 1 is the first button of the template in WhatsApp Manager. A URL suffix is the end of the button’s URL, a copy code has 1–15 characters.',
			typeOptions: {
				loadOptionsDependsOn: [...dependsOn, 'templateId'],
				resourceMapper: {
					resourceMapperMethod: 'getTemplateVariables',
					mode: 'add',
					valuesLabel: 'Template Variables',
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
			// Literal, so n8n's lint checks order and default; the media values are TEMPLATE_MEDIA_TYPES.
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
			displayOptions: show({ templateHeaderType: [...TEMPLATE_MEDIA_TYPES] }),
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
			placeholder:
				'Empty: the template text with your values, e.g. Hi Bill, your order 121212 is confirmed.',
			description:
				'What agents see in the conversation for this template message (the customer gets the template itself). Leave empty to show the template body with the values filled in; for a template entered by hand, its name and parameters.',
			displayOptions: showAll,
		},
	];
}
