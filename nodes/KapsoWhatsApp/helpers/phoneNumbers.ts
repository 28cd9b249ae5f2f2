import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findInPages, type ListWalk, type Page } from '../../shared/pagination';
import { kapsoApiRequest, type KapsoConnection, type KapsoContext } from '../transport';

/**
 * The project's WhatsApp numbers, from the Platform API (`GET /platform/v1/whatsapp/phone_numbers`,
 * numbered pages with `meta.total_pages`). A number's record carries its WhatsApp Business
 * Account (WABA) id, which the template endpoints (`/{business_account_id}/message_templates`) need.
 */

/** Numbers per page of the Platform API's list, at most 100. */
export const PHONE_NUMBERS_PAGE_SIZE = 100;

/** Reads one page of the project's numbers (optionally only a Kapso customer's). */
export async function phoneNumbersPage(
	this: KapsoContext,
	connection: KapsoConnection,
	page: number,
	options: { perPage?: number; customerId?: string; itemIndex?: number } = {},
): Promise<Page<IDataObject>> {
	const qs: IDataObject = { page, per_page: options.perPage ?? PHONE_NUMBERS_PAGE_SIZE };
	if (options.customerId) qs.customer_id = options.customerId;
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'platform',
		method: 'GET',
		path: '/whatsapp/phone_numbers',
		qs,
		subject: 'the phone numbers',
		itemIndex: options.itemIndex,
	});
	const items = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const meta = (answer.meta ?? {}) as IDataObject;
	const totalPages = typeof meta.total_pages === 'number' ? meta.total_pages : undefined;
	return {
		items,
		hasMore: totalPages === undefined ? undefined : page < totalPages,
		total: typeof meta.total_count === 'number' ? meta.total_count : undefined,
	};
}

/** Meta's phone number ID of a record of the list. */
export function phoneNumberIdOf(record: IDataObject): string {
	return String(record.phone_number_id ?? record.id ?? '');
}

/** The WhatsApp Business Account id of a record of the list, if it says. */
export function businessAccountIdOf(record: IDataObject): string | undefined {
	const id = record.business_account_id ?? record.waba_id ?? record.whatsapp_business_account_id;
	return id === undefined || id === null || String(id).trim() === '' ? undefined : String(id);
}

/**
 * The WABA of a sender number: its record is looked for page by page (no page after the one that
 * has it). An error says whether the number is not in the project or its record has no WABA.
 */
export async function businessAccountOf(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	node: INode,
	itemIndex = 0,
): Promise<string> {
	const walk: ListWalk = {
		pageSize: PHONE_NUMBERS_PAGE_SIZE,
		noun: 'phone numbers',
		narrow: 'give the phone number ID',
		node,
		itemIndex,
	};
	const record = await findInPages(
		async (page) => await phoneNumbersPage.call(this, connection, page, { itemIndex }),
		walk,
		(entry) => phoneNumberIdOf(entry) === phoneNumberId,
	);
	const problem = !record
		? `phone number ID ${phoneNumberId} is not one of this Kapso project's numbers`
		: businessAccountIdOf(record) === undefined
			? `Kapso does not say which WhatsApp Business Account phone number ${phoneNumberId} belongs to`
			: undefined;
	if (problem || !record) {
		throw new NodeOperationError(node, `Phone Number: ${problem} [item ${itemIndex}]`, {
			itemIndex,
			description:
				'Templates belong to the WhatsApp Business Account of the sender number; Kapso lists them under WhatsApp → Phone numbers. Check that the API key is the project’s.',
		});
	}
	return businessAccountIdOf(record) as string;
}
