import type { INodeProperties } from 'n8n-workflow';

import { addShowConditions } from '../../shared/displayOptions';

/**
 * The fields of Message Type → Template: the template from the sender number's WhatsApp Business
 * Account, its variables (a resource mapper: header, body, buttons in template order) and the
 * body variables to send as a currency or a date. `templateContent.ts` reads them.
 */

/** The editor's template lists follow the sender number (its WhatsApp Business Account). */
const DEPENDS_ON = ['phoneNumberId.value'];

export const templateFields: INodeProperties[] = addShowConditions({ messageType: ['template'] }, [
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates', loadOptionsDependsOn: DEPENDS_ON },
		default: '',
		required: true,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The approved templates of the phone number’s WhatsApp Business Account, by name · language · category; templates still in review or rejected follow, saying why. As an expression: name|language, e.g. order_update|en_US.',
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description: "Values for the template's variables: header, body and buttons, in template order",
		hint: 'Button 1 is the first button of the template in WhatsApp Manager. A URL suffix is the end of the button’s link, a copy code has 1–15 characters, a reply payload (optional) comes back when the customer taps that quick reply. A media header takes a public URL or the media ID from Media → Upload.',
		typeOptions: {
			loadOptionsDependsOn: [...DEPENDS_ON, 'templateId'],
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
	},
	{
		displayName: 'Parameter Types',
		name: 'templateParameterTypes',
		placeholder: 'Add Typed Parameter',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description:
			'Body variables to send as a currency amount or a date instead of plain text. Their value in Template Variables is the text the customer sees where WhatsApp does not format the amount or date itself (fallback_value).',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Variable Name or ID',
						name: 'variable',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getTemplateBodyVariables',
							loadOptionsDependsOn: [...DEPENDS_ON, 'templateId'],
						},
						default: '',
						description:
							'The body variable, e.g. {{total}} or {{2}}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'currency',
						options: [
							{
								name: 'Currency',
								value: 'currency',
								description: 'An amount of money: currency code and amount',
							},
							{
								name: 'Date and Time',
								value: 'date_time',
								description: 'A date or time, shown as the text in Template Variables',
							},
						],
					},
					{
						displayName: 'Currency Code',
						name: 'currencyCode',
						type: 'string',
						default: 'USD',
						placeholder: 'USD',
						description: 'Three-letter ISO 4217 code, e.g. USD, EUR, BRL',
						displayOptions: { show: { type: ['currency'] } },
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { numberPrecision: 3 },
						default: 0,
						description:
							'The amount in the currency, e.g. 12.5 for $12.50 (sent as amount_1000, the amount times 1000)',
						displayOptions: { show: { type: ['currency'] } },
					},
				],
			},
		],
	},
]);
