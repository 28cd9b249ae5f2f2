import type { IDataObject } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readLimit } from '../../../shared/pagination';
import { compactQuery, readGraphList } from '../../helpers/graphList';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { normalizePhone } from '../../helpers/recipient';
import type { OperationExecute } from '../operation.types';

interface Filters {
	phoneNumber?: string;
	status?: string;
	lastActiveSince?: string;
	lastActiveUntil?: string;
}

/** A time filter as ISO 8601; an expression may give anything, so it is checked. */
function isoTime(
	value: string | undefined,
	label: string,
	fail: (label: string, problem: string) => Error,
) {
	if (!value?.trim()) return undefined;
	const at = new Date(value);
	if (Number.isNaN(at.getTime()))
		throw fail(label, `must be a date and time (got ${JSON.stringify(value)})`);
	return at.toISOString();
}

/** `GET /{phone_number_id}/conversations`, newest activity first, each as Kapso gives it. */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const node = this.getNode();
	const fail = (label: string, problem: string) => fieldError(node, itemIndex, label, problem);
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	let customer: string | undefined;
	if (filters.phoneNumber?.trim()) {
		const checked = normalizePhone(filters.phoneNumber);
		if ('problem' in checked) throw fail('Customer Phone Number', checked.problem);
		customer = checked.e164;
	}
	const qs = compactQuery({
		phone_number: customer,
		status: filters.status,
		last_active_since: isoTime(filters.lastActiveSince, 'Last Active After', fail),
		last_active_until: isoTime(filters.lastActiveUntil, 'Last Active Before', fail),
	});
	return await readGraphList.call(
		this,
		connection,
		{
			path: `/${phoneNumberId}/conversations`,
			qs,
			subject: `the conversations of phone number ${phoneNumberId}`,
			noun: 'conversations',
			narrow: 'filter by status, customer or last activity',
		},
		limit,
		node,
		itemIndex,
	);
};
