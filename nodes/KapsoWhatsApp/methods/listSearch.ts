import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { getConnection, kapsoApiRequest } from '../transport';

/** Numbers per page of the Platform API's list, at most 100. */
const PHONE_NUMBERS_PER_PAGE = 100;

const join = (...parts: unknown[]) =>
	parts
		.filter((part) => part !== undefined && part !== null && String(part).trim() !== '')
		.join(' · ');

function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

/**
 * The project's WhatsApp numbers (`GET /platform/v1/whatsapp/phone_numbers`, page-based), by
 * name and number; the value is Meta's phone number ID, which the WhatsApp API wants.
 */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await getConnection.call(this);
	const page = pageOf(paginationToken);
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'platform',
		method: 'GET',
		path: '/whatsapp/phone_numbers',
		qs: { page, per_page: PHONE_NUMBERS_PER_PAGE },
		subject: 'the phone numbers',
	});
	const numbers = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const needle = (filter ?? '').trim().toLowerCase();
	const digits = needle.replace(/\D/g, '');
	const results: INodeListSearchItems[] = numbers
		.filter((number) => {
			if (!needle) return true;
			const texts = [
				number.name,
				number.verified_name,
				number.display_phone_number,
				number.phone_number_id,
			];
			if (
				texts.some((text) =>
					String(text ?? '')
						.toLowerCase()
						.includes(needle),
				)
			)
				return true;
			return digits !== '' && String(number.display_phone_number_normalized ?? '').includes(digits);
		})
		.map((number) => ({
			name: join(number.name ?? number.verified_name, number.display_phone_number, number.status),
			value: String(number.phone_number_id ?? number.id),
		}));
	const meta = (answer.meta ?? {}) as IDataObject;
	const totalPages = typeof meta.total_pages === 'number' ? meta.total_pages : page;
	return page < totalPages ? { results, paginationToken: String(page + 1) } : { results };
}
