import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { limitField, phoneNumberLocator, returnAllField } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	returnAllField,
	{ ...limitField, description: 'Max number of contacts to return' },
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Narrow the list; without filters every contact of the number is listed',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Only contacts linked to this Kapso customer (its uuid)',
			},
			{
				displayName: 'Linked to a Customer',
				name: 'hasCustomer',
				description:
					'Whether to list only the contacts linked to a Kapso customer, or only those without one',
				type: 'options',
				default: 'true',
				options: [
					{ name: 'Yes', value: 'true', description: 'Only contacts linked to a Kapso customer' },
					{ name: 'No', value: 'false', description: 'Only contacts without a Kapso customer' },
				],
			},
			{
				displayName: 'WhatsApp ID',
				name: 'waId',
				type: 'string',
				default: '',
				placeholder: '15551230001',
				description: 'Only the contact with this WhatsApp ID (number with country code)',
			},
		],
	},
];

export const description = showOnlyFor('contact', 'getAll', properties);

export const execute: OperationExecute<IDataObject[]> = executeFrom(
	async () => await import('./getAll.execute'),
);
