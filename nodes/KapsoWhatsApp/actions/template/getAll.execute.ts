import type { IDataObject } from 'n8n-workflow';

import { readLimit } from '../../../shared/pagination';
import { listTemplates } from '../../composer/templateLookup';
import { compactQuery } from '../../helpers/graphList';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { businessAccountOf } from '../../helpers/phoneNumbers';
import type { OperationExecute } from '../operation.types';

interface Filters {
	category?: string;
	language?: string;
	name?: string;
	status?: string;
}

/**
 * `GET /{business_account_id}/message_templates` for the number's WhatsApp Business Account (read
 * from Kapso's phone-number list); each template as Meta describes it (components, status,
 * parameter_format).
 */
export const execute: OperationExecute<IDataObject[]> = async function (
	itemIndex,
	{ connection, memo },
) {
	const node = this.getNode();
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const businessAccountId = await memo(
		`waba:${phoneNumberId}`,
		async (shared) => await businessAccountOf.call(this, shared, phoneNumberId, node, itemIndex),
	);
	return await listTemplates.call(this, connection, businessAccountId, node, {
		qs: compactQuery({
			name: filters.name?.trim(),
			status: filters.status,
			category: filters.category,
			language: filters.language?.trim(),
		}),
		limit,
		itemIndex,
	});
};
