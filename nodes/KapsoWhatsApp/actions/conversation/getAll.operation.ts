import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { limitField, phoneNumberLocator, returnAllField } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	returnAllField,
	{ ...limitField, description: 'Max number of conversations to return' },
	{
		displayName: 'Filters',
		name: 'filters',
		description:
			'Narrow the list; without filters every conversation of the number is listed, newest activity first',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Customer Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+15551230001',
				description: 'Only the conversations with this customer (with country code)',
			},
			{
				displayName: 'Last Active After',
				name: 'lastActiveSince',
				type: 'dateTime',
				default: '',
				description: 'Only conversations with activity at or after this time',
			},
			{
				displayName: 'Last Active Before',
				name: 'lastActiveUntil',
				type: 'dateTime',
				default: '',
				description: 'Only conversations whose last activity was at or before this time',
			},
			{
				displayName: 'Status',
				name: 'status',
				description: 'Only active or only ended conversations',
				type: 'options',
				default: 'active',
				options: [
					{ name: 'Active', value: 'active', description: 'Conversations still going on' },
					{ name: 'Ended', value: 'ended', description: 'Conversations that were closed' },
				],
			},
		],
	},
];

export const description = showOnlyFor('conversation', 'getAll', properties);

export const execute: OperationExecute<IDataObject[]> = executeFrom(
	async () => await import('./getAll.execute'),
);
