import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { waIdField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	waIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		description: 'The contact’s fields to change; fields not added stay as they are',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description: 'Link the contact to this Kapso customer (its uuid)',
			},
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'The name your team sees in Kapso (the customer’s WhatsApp name stays as is)',
			},
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description:
					'Your own data about the contact as a JSON object, e.g. {"crm_id": "42", "tier": "gold"}',
			},
			{
				displayName: 'Profile Name',
				name: 'profileName',
				type: 'string',
				default: '',
				description: 'The contact’s profile name as Kapso stores it',
			},
		],
	},
];

export const description = showOnlyFor('contact', 'update', properties);

export const execute: OperationExecute = executeFrom(async () => await import('./update.execute'));
