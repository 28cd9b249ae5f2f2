import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { limitField, returnAllField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Term',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ana@example.com',
		description:
			'Text to look for in the name, email, phone number or identifier. Chatwoot matches parts of words too, so "ana" also finds "Joana".',
	},
	returnAllField,
	{ ...limitField, description: 'Max number of contacts to return' },
];

export const description = showOnlyFor('contact', 'search', properties);

export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const { CONTACTS_PAGE_SIZE } = await import('../../transport');
	const { contactSearchPages } = await import('../../helpers/contacts');
	const { collectPages, readLimit } = await import('../../../shared/pagination');
	const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (query === '')
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Search Term',
			'is empty; Chatwoot needs something to search for',
		);
	const limit = readLimit.call(this, itemIndex);
	return await collectPages(
		contactSearchPages.call(this, connection, query, itemIndex),
		{
			pageSize: CONTACTS_PAGE_SIZE,
			noun: 'contacts',
			narrow: 'use a longer search term',
			node: this.getNode(),
			itemIndex,
		},
		limit,
	);
};
