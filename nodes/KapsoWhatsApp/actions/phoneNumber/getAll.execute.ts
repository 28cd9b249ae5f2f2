import type { IDataObject } from 'n8n-workflow';

import { collectPages, readLimit } from '../../../shared/pagination';
import { PHONE_NUMBERS_PAGE_SIZE, phoneNumbersPage } from '../../helpers/phoneNumbers';
import type { OperationExecute } from '../operation.types';

/**
 * The project's WhatsApp numbers from the Platform API (numbered pages): each with its
 * `phone_number_id` (what the other operations take) and `business_account_id` (its templates).
 */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const limit = readLimit.call(this, itemIndex);
	const customerId = (this.getNodeParameter('filters.customerId', itemIndex, '') as string).trim();
	const pageSize = Math.min(PHONE_NUMBERS_PAGE_SIZE, limit);
	return await collectPages(
		async (page) =>
			await phoneNumbersPage.call(this, connection, page, {
				perPage: pageSize,
				customerId: customerId || undefined,
				itemIndex,
			}),
		{
			pageSize,
			noun: 'phone numbers',
			narrow: 'filter by customer',
			node: this.getNode(),
			itemIndex,
		},
		limit,
	);
};
