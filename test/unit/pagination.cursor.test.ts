import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readGraphPage } from '../../nodes/KapsoWhatsApp/transport/paging';
import {
	collectCursorPages,
	MAX_LIST_ROWS,
	type CursorPage,
	type ListWalk,
} from '../../nodes/shared/pagination';
import { NODE } from '../helpers/context';

const list = (pageSize: number): ListWalk => ({
	pageSize,
	noun: 'conversations',
	narrow: 'filter by status',
	node: NODE,
	itemIndex: 1,
});

/** A Graph list of `total` numbers: cursors are the offset as text; records each (after, size). */
function served(total: number) {
	const asked: Array<[string | undefined, number]> = [];
	const fetchPage = async (
		after: string | undefined,
		size: number,
	): Promise<CursorPage<IDataObject>> => {
		asked.push([after, size]);
		const start = after === undefined ? 0 : Number(after);
		const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ({
			n: start + i + 1,
		}));
		const end = start + items.length;
		return readGraphPage(
			{
				data: items,
				paging: {
					cursors: { before: String(start), after: String(end) },
					...(end < total ? { next: `https://x/?after=${end}` } : {}),
				},
			},
			size,
		);
	};
	return { asked, fetchPage };
}

describe('Graph cursor pages', () => {
	it('Return All follows `after` until a page without `next`', async () => {
		const { asked, fetchPage } = served(250);
		const rows = await collectCursorPages(fetchPage, list(100), Infinity);
		expect(rows).toEqual(Array.from({ length: 250 }, (_, i) => ({ n: i + 1 })));
		expect(asked).toEqual([
			[undefined, 100],
			['100', 100],
			['200', 100],
		]);
	});

	it('a Limit asks each page for no more than it still needs, and reads no page beyond it', async () => {
		const { asked, fetchPage } = served(250);
		expect(await collectCursorPages(fetchPage, list(100), 130)).toHaveLength(130);
		expect(asked).toEqual([
			[undefined, 100],
			['100', 30],
		]);
		const small = served(250);
		expect(await collectCursorPages(small.fetchPage, list(100), 5)).toEqual(
			[1, 2, 3, 4, 5].map((n) => ({ n })),
		);
		expect(small.asked).toEqual([[undefined, 5]]);
	});

	it('without `next` in the answer, a full page with a cursor is followed; a short one ends the list', () => {
		const numbers = (data: unknown, paging?: unknown) =>
			readGraphPage({ data, paging } as IDataObject, 2);
		expect(numbers([1, 2], { cursors: { after: 'c2' } })).toEqual({ items: [1, 2], next: 'c2' });
		expect(numbers([1], { cursors: { after: 'c1' } })).toEqual({ items: [1], next: undefined });
		expect(numbers([1, 2], { cursors: { after: 'c2' }, next: '' })).toEqual({
			items: [1, 2],
			next: undefined,
		});
		expect(numbers('nope')).toEqual({ items: [], next: undefined });
	});

	it('the same cursor twice is an error, not an endless walk', async () => {
		const fetchPage = async (): Promise<CursorPage<number>> => ({ items: [1], next: 'same' });
		await expect(collectCursorPages(fetchPage, list(1), Infinity)).rejects.toThrow(
			new NodeOperationError(
				NODE,
				'The server returned the same page cursor again: the list of conversations cannot be read to the end [item 1]',
			),
		);
	});

	it('Return All stops at MAX_LIST_ROWS with an error that says the list was cut', async () => {
		let next = 0;
		const fetchPage = async (): Promise<CursorPage<number>> => ({
			items: Array.from({ length: 1000 }, () => 0),
			next: String(++next),
		});
		await expect(collectCursorPages(fetchPage, list(1000), Infinity)).rejects.toThrow(
			`Return All stopped after ${MAX_LIST_ROWS.toLocaleString('en-US')} conversations: the list was cut [item 1]`,
		);
		expect(next).toBe(MAX_LIST_ROWS / 1000);
	});
});
