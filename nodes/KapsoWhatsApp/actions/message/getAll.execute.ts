import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { collectCursorPages, readLimit } from '../../../shared/pagination';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { GRAPH_PAGE_SIZE, kapsoApiRequest, readGraphPage } from '../../transport';
import type { OperationContext } from '../operation.types';

interface MessageFilters {
	conversationId?: string;
	direction?: string;
	status?: string;
	since?: string;
	until?: string;
}

/** An n8n date-time (or anything Date reads) as ISO 8601, naming the field when unreadable. */
function isoTime(
	this: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): string | undefined {
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	const at = new Date(String(raw));
	if (Number.isNaN(at.getTime()))
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`is not a date and time (got ${JSON.stringify(raw)})`,
		);
	return at.toISOString();
}

/** Message → Get Many: `GET /{phone_number_id}/messages`, newest first, through Graph cursors. */
export async function getMessages(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as MessageFilters;
	const options = this.getNodeParameter('options', itemIndex, {}) as { kapsoFields?: boolean };
	const qs: IDataObject = {};
	const conversationId = String(filters.conversationId ?? '').trim();
	if (conversationId) qs.conversation_id = conversationId;
	if (filters.direction) qs.direction = filters.direction;
	if (filters.status) qs.status = filters.status;
	const since = isoTime.call(this, itemIndex, 'Filters → Since', filters.since);
	const until = isoTime.call(this, itemIndex, 'Filters → Until', filters.until);
	if (since) qs.since = since;
	if (until) qs.until = until;
	if (options.kapsoFields !== false) qs.fields = 'kapso(default)';
	return await collectCursorPages(
		async (after, pageSize) => {
			const answer = await kapsoApiRequest.call(this, connection, {
				api: 'whatsapp',
				method: 'GET',
				path: `/${phoneNumberId}/messages`,
				qs: { ...qs, limit: pageSize, ...(after ? { after } : {}) },
				subject: `the messages of phone number ${phoneNumberId}`,
				itemIndex,
			});
			return readGraphPage(answer, pageSize);
		},
		{
			pageSize: GRAPH_PAGE_SIZE,
			noun: 'messages',
			narrow: 'use Filters',
			node: this.getNode(),
			itemIndex,
		},
		limit,
	);
}
