import type { IDataObject, INode } from 'n8n-workflow';

import { collectCursorPages } from '../../shared/pagination';
import {
	GRAPH_PAGE_SIZE,
	kapsoApiRequest,
	readGraphPage,
	type KapsoApiSurface,
	type KapsoConnection,
	type KapsoContext,
} from '../transport';

/** A Graph list to read: where, with which filters, and words for its errors. */
export interface GraphList {
	api?: KapsoApiSurface;
	path: string;
	qs?: IDataObject;
	/** What the list is, for 404s: "the conversations of phone number 1". */
	subject: string;
	/** Plural noun of the rows ("conversations"). */
	noun: string;
	/** How to narrow the list when Return All is cut ("filter by status"). */
	narrow: string;
}

/**
 * Up to `limit` rows (Infinity for all) of a cursor-paged list (`limit`, `after`; the answer's
 * `paging.cursors.after` and `paging.next`), asking for no more rows than the limit still needs.
 */
export async function readGraphList(
	this: KapsoContext,
	connection: KapsoConnection,
	list: GraphList,
	limit: number,
	node: INode,
	itemIndex = 0,
): Promise<IDataObject[]> {
	return await collectCursorPages<IDataObject>(
		async (after, size) =>
			readGraphPage(
				await kapsoApiRequest.call(this, connection, {
					api: list.api ?? 'whatsapp',
					method: 'GET',
					path: list.path,
					qs: { ...list.qs, limit: size, ...(after ? { after } : {}) },
					subject: list.subject,
					itemIndex,
				}),
				size,
			),
		{ pageSize: GRAPH_PAGE_SIZE, noun: list.noun, narrow: list.narrow, node, itemIndex },
		limit,
	);
}

/** Kapso wraps one record in `{data: …}` (the SDK reads both); the record itself either way. */
export function recordOf(answer: IDataObject): IDataObject {
	const data = answer.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : answer;
}

/** Drops filters left empty, so the request carries only what the user set. */
export function compactQuery(qs: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(qs).filter(
			([, value]) => value !== undefined && value !== null && String(value).trim() !== '',
		),
	);
}
