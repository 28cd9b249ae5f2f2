import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError } from './fieldError';

/**
 * Walks numbered pages (`page=1, 2, …`). A page shorter than the page size (or empty) is the
 * last one; so is the page that reaches the total the server reports for the whole list, when
 * it reports one (no empty request after a full last page). A walk never stops silently: a
 * server that repeats a page, or a list longer than MAX_LIST_ROWS, ends in an error.
 */

/** One page as read; `hasMore: false` ends the walk, `total` is the size of the whole list. */
export interface Page<T> {
	items: T[];
	hasMore?: boolean;
	total?: number;
}

export type PageFetcher<T> = (page: number) => Promise<Page<T>>;

/** What a walk needs besides the pages: their size and words for its errors. */
export interface ListWalk {
	pageSize: number;
	/** Plural noun of the rows ("contacts"). */
	noun: string;
	/** How to narrow the list, for the error when it is too long ("use Filters"). */
	narrow: string;
	node: INode;
	itemIndex: number;
}

/** The most rows Return All reads (and keeps in memory) for one item. */
export const MAX_LIST_ROWS = 100_000;

/** The error for a walk cut at MAX_LIST_ROWS: it says the list was cut and how to narrow it. */
export function listCutError(list: Omit<ListWalk, 'pageSize'>): NodeOperationError {
	return new NodeOperationError(
		list.node,
		`Return All stopped after ${MAX_LIST_ROWS.toLocaleString('en-US')} ${list.noun}: the list was cut [item ${list.itemIndex}]`,
		{
			itemIndex: list.itemIndex,
			description: `There are more ${list.noun}. Narrow the list (${list.narrow}), or turn off Return All and set a Limit.`,
		},
	);
}

/** Yields pages in order until the last one; see the file comment for how a walk ends. */
export async function* walkPages<T>(
	fetchPage: PageFetcher<T>,
	list: ListWalk,
): AsyncGenerator<T[]> {
	const maxPages = Math.ceil(MAX_LIST_ROWS / list.pageSize);
	let previous: string | undefined;
	let seen = 0;
	for (let page = 1; page <= maxPages; page++) {
		const { items, hasMore, total } = await fetchPage(page);
		const signature = items.length > 0 ? JSON.stringify(items) : undefined;
		if (signature !== undefined && signature === previous) {
			throw new NodeOperationError(
				list.node,
				`Chatwoot returned the same page of ${list.noun} again for page=${page}: the list cannot be read to the end [item ${list.itemIndex}]`,
				{
					itemIndex: list.itemIndex,
					description:
						'The server ignores the page parameter. Check that the Base URL points to Chatwoot itself, not to a proxy that caches answers.',
				},
			);
		}
		previous = signature;
		seen += items.length;
		if (items.length > 0) yield items;
		if (items.length < list.pageSize || hasMore === false) return;
		if (total !== undefined && seen >= total) return;
	}
	throw listCutError(list);
}

/**
 * Collects up to `limit` results (Infinity for all), fetching no page beyond the one that fills
 * the limit and keeping only what is returned.
 */
export async function collectPages<T>(
	fetchPage: PageFetcher<T>,
	list: ListWalk,
	limit: number,
): Promise<T[]> {
	const results: T[] = [];
	if (limit <= 0) return results;
	for await (const items of walkPages(fetchPage, list)) {
		for (const item of items) {
			results.push(item);
			if (results.length >= limit) return results;
		}
	}
	return results;
}

/** Returns the first result that matches, reading no further page once it is found. */
export async function findInPages<T>(
	fetchPage: PageFetcher<T>,
	list: ListWalk,
	matches: (item: T) => boolean,
): Promise<T | undefined> {
	for await (const items of walkPages(fetchPage, list)) {
		const found = items.find(matches);
		if (found !== undefined) return found;
	}
	return undefined;
}

/**
 * How many rows an item asks for: Infinity with Return All, else its Limit, which must be a
 * whole number of 1 or more (an expression can give "abc", 0 or -5, which the editor's minimum
 * does not stop).
 */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	const raw = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1)
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Limit',
			`must be a whole number of 1 or more (got ${JSON.stringify(raw)})`,
		);
	return limit;
}

/** One page of a cursor-paged list (Graph style): its rows and the cursor of the next page, if any. */
export interface CursorPage<T> {
	items: T[];
	next?: string;
}

/**
 * Collects up to `limit` rows (Infinity for all) from a cursor-paged list, reading no page beyond
 * the one that fills the limit. A server that hands the same cursor again, or a list longer than
 * MAX_LIST_ROWS, ends in an error rather than a silent stop.
 */
export async function collectCursorPages<T>(
	fetchPage: (cursor: string | undefined, pageSize: number) => Promise<CursorPage<T>>,
	list: ListWalk,
	limit: number,
): Promise<T[]> {
	const results: T[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	while (results.length < limit) {
		if (results.length >= MAX_LIST_ROWS) throw listCutError(list);
		const pageSize = Math.min(list.pageSize, limit - results.length);
		const { items, next } = await fetchPage(cursor, pageSize);
		results.push(...items.slice(0, limit - results.length));
		if (!next || items.length === 0) break;
		if (seen.has(next))
			throw new NodeOperationError(
				list.node,
				`The server returned the same page cursor again: the list of ${list.noun} cannot be read to the end [item ${list.itemIndex}]`,
				{
					itemIndex: list.itemIndex,
					description:
						'Check that the Base URL points to the API itself, not to a proxy that caches answers.',
				},
			);
		seen.add(next);
		cursor = next;
	}
	return results;
}
