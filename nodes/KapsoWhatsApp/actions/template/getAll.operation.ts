import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { limitField, phoneNumberLocator, returnAllField } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	{
		...phoneNumberLocator,
		description:
			'A number of the WhatsApp Business Account whose templates to list (templates belong to the account, so every number of it has the same ones)',
	},
	returnAllField,
	{ ...limitField, description: 'Max number of templates to return' },
	{
		displayName: 'Filters',
		name: 'filters',
		description:
			'Narrow the list; without filters every template of the Business Account is listed, whatever its status',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Category',
				name: 'category',
				description: 'Only templates of this category',
				type: 'options',
				default: 'UTILITY',
				options: [
					{ name: 'Authentication', value: 'AUTHENTICATION' },
					{ name: 'Marketing', value: 'MARKETING' },
					{ name: 'Utility', value: 'UTILITY' },
				],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'en_US',
				description: 'Only templates in this language code',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only templates whose name contains this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				description: 'Only templates with this review status',
				type: 'options',
				default: 'APPROVED',
				options: [
					{ name: 'Approved', value: 'APPROVED', description: 'Ready to send' },
					{ name: 'Pending', value: 'PENDING', description: 'In Meta’s review' },
					{
						name: 'Rejected',
						value: 'REJECTED',
						description: 'Refused by Meta (see rejected_reason)',
					},
				],
			},
		],
	},
];

export const description = showOnlyFor('template', 'getAll', properties);

export const execute: OperationExecute<IDataObject[]> = executeFrom(
	async () => await import('./getAll.execute'),
);
