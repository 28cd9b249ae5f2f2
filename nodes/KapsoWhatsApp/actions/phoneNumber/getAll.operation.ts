import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { limitField, returnAllField } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	returnAllField,
	{ ...limitField, description: 'Max number of phone numbers to return' },
	{
		displayName: 'Filters',
		name: 'filters',
		description: 'Narrow the list; without filters every number of the Kapso project is listed',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Only the numbers a Kapso customer connected (its uuid)',
			},
		],
	},
];

export const description = showOnlyFor('phoneNumber', 'getAll', properties);

export const execute: OperationExecute<IDataObject[]> = executeFrom(
	async () => await import('./getAll.execute'),
);
