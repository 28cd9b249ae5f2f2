import type { IDataObject } from 'n8n-workflow';

import type { CursorPage } from '../../shared/pagination';

/** Rows per page of the WhatsApp API's and the Platform API's cursor lists, at most 100. */
export const GRAPH_PAGE_SIZE = 100;

/**
 * A Graph-style page (`{data: [...], paging: {cursors: {before, after}, next?}}`): its rows, and
 * the `after` cursor when there is a next page. `next` says so; without it, a full page with an
 * `after` cursor is taken to have a next page too (some lists give only cursors).
 */
export function readGraphPage(answer: IDataObject, pageSize: number): CursorPage<IDataObject> {
	const items = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const paging = (answer.paging ?? {}) as IDataObject;
	const cursors = (paging.cursors ?? {}) as IDataObject;
	const after = typeof cursors.after === 'string' && cursors.after ? cursors.after : undefined;
	const hasNext = typeof paging.next === 'string' ? paging.next !== '' : items.length >= pageSize;
	return { items, next: hasNext ? after : undefined };
}
