import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { limitField, returnAllField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	returnAllField,
	{ ...limitField, description: 'Max number of contacts to return' },
	{
		displayName: 'Sort By',
		name: 'sort',
		type: 'options',
		default: '-last_activity_at',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Last Activity (Newest First)', value: '-last_activity_at' },
			{ name: 'Last Activity (Oldest First)', value: 'last_activity_at' },
			{ name: 'Name', value: 'name' },
			{ name: 'Phone Number', value: 'phone_number' },
		],
	},
];

export const description = showOnlyFor('contact', 'getAll', properties);

/** Chatwoot lists only contacts with an email, phone number or identifier. */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const { chatwootApiRequest, CONTACTS_PAGE_SIZE } = await import('../../transport');
	const { contactsPage } = await import('../../helpers/contacts');
	const { collectPages, readLimit } = await import('../../../shared/pagination');
	const limit = readLimit.call(this, itemIndex);
	const sort = this.getNodeParameter('sort', itemIndex, '-last_activity_at') as string;
	return await collectPages(
		async (page) => {
			const response = await chatwootApiRequest.call(this, connection, {
				method: 'GET',
				path: 'contacts',
				qs: { sort, page },
				subject: `the contacts of account ${connection.accountId}`,
				itemIndex,
			});
			// The list (unlike a search) reports the size of the whole list in meta.count.
			const count = Number((response.meta as IDataObject | undefined)?.count);
			return {
				...contactsPage(response),
				total: Number.isSafeInteger(count) && count >= 0 ? count : undefined,
			};
		},
		{
			pageSize: CONTACTS_PAGE_SIZE,
			noun: 'contacts',
			narrow: 'use Contact → Search, or a Limit',
			node: this.getNode(),
			itemIndex,
		},
		limit,
	);
};
