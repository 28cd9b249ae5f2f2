import type { IDataObject } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readLimit } from '../../../shared/pagination';
import { compactQuery, readGraphList } from '../../helpers/graphList';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { normalizePhone } from '../../helpers/recipient';
import type { OperationExecute } from '../operation.types';

interface Filters {
	customerId?: string;
	hasCustomer?: string;
	waId?: string;
}

/** `GET /{phone_number_id}/contacts`: the customers who wrote to (or were sent from) the number. */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const node = this.getNode();
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	let waId: string | undefined;
	if (filters.waId?.trim()) {
		const checked = normalizePhone(filters.waId);
		if ('problem' in checked) throw fieldError(node, itemIndex, 'WhatsApp ID', checked.problem);
		waId = checked.digits;
	}
	return await readGraphList.call(
		this,
		connection,
		{
			path: `/${phoneNumberId}/contacts`,
			qs: compactQuery({
				wa_id: waId,
				customer_id: filters.customerId?.trim(),
				has_customer: filters.hasCustomer,
			}),
			subject: `the contacts of phone number ${phoneNumberId}`,
			noun: 'contacts',
			narrow: 'filter by WhatsApp ID or customer',
		},
		limit,
		node,
		itemIndex,
	);
};
