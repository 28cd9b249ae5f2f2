import {
	collectPages,
	findInPages,
	MAX_LIST_ROWS,
	walkPages,
	type ListWalk,
	type Page,
} from '../../nodes/shared/pagination';
import { NODE } from '../helpers/context';

const list = (pageSize: number): ListWalk => ({
	pageSize,
	noun: 'rows',
	narrow: 'use a filter',
	node: NODE,
	itemIndex: 0,
});

/** A list of `total` numbers served `size` a page, recording which pages were asked for. */
function served(total: number, size: number) {
	const asked: number[] = [];
	const fetchPage = async (page: number): Promise<Page<number>> => {
		asked.push(page);
		const items: number[] = [];
		for (let n = (page - 1) * size + 1; n <= Math.min(total, page * size); n++) items.push(n);
		return { items };
	};
	return { asked, fetchPage };
}

describe('pagination walker', () => {
	it('Return All reads every page and stops on the short last page', async () => {
		const { asked, fetchPage } = served(40, 15);
		expect(await collectPages(fetchPage, list(15), Infinity)).toEqual(
			Array.from({ length: 40 }, (_, i) => i + 1),
		);
		expect(asked).toEqual([1, 2, 3]);
	});

	it('without a reported total, stops after an empty page when the total is a multiple of the page size', async () => {
		const { asked, fetchPage } = served(50, 25);
		expect(await collectPages(fetchPage, list(25), Infinity)).toHaveLength(50);
		expect(asked).toEqual([1, 2, 3]);
	});

	it('with a reported total, makes no empty request after a full last page', async () => {
		const { asked, fetchPage } = served(50, 25);
		const withTotal = async (page: number) => ({ ...(await fetchPage(page)), total: 50 });
		expect(await collectPages(withTotal, list(25), Infinity)).toHaveLength(50);
		expect(asked).toEqual([1, 2]);
	});

	it('a limit reads no page beyond the one that fills it and returns exactly the limit', async () => {
		const { asked, fetchPage } = served(100, 15);
		expect(await collectPages(fetchPage, list(15), 20)).toEqual(
			Array.from({ length: 20 }, (_, i) => i + 1),
		);
		expect(asked).toEqual([1, 2]);
		const exact = served(100, 15);
		expect(await collectPages(exact.fetchPage, list(15), 15)).toHaveLength(15);
		expect(exact.asked).toEqual([1]);
	});

	it('returns nothing for an empty list after one request', async () => {
		const { asked, fetchPage } = served(0, 25);
		expect(await collectPages(fetchPage, list(25), Infinity)).toEqual([]);
		expect(asked).toEqual([1]);
	});

	it('stops when Chatwoot says has_more: false even on a full page', async () => {
		const asked: number[] = [];
		const items = await collectPages(
			async (page) => {
				asked.push(page);
				return { items: [1, 2, 3], hasMore: false };
			},
			list(3),
			Infinity,
		);
		expect(items).toEqual([1, 2, 3]);
		expect(asked).toEqual([1]);
	});

	it('stops with an error when a server repeats the same full page', async () => {
		let calls = 0;
		const pages = walkPages(async () => {
			calls++;
			return { items: [1, 2] };
		}, list(2));
		const read = async () => {
			for await (const page of pages) expect(page).toEqual([1, 2]);
		};
		await expect(read()).rejects.toThrow(
			'Chatwoot returned the same page of rows again for page=2: the list cannot be read to the end [item 0]',
		);
		expect(calls).toBe(2);
	});

	it('never walks past MAX_LIST_ROWS: an endless list ends in an error that says it was cut', async () => {
		let calls = 0;
		const read = async () => {
			let count = 0;
			for await (const page of walkPages(async (page) => {
				calls++;
				return { items: Array.from({ length: 100 }, (_, i) => page * 100 + i) };
			}, list(100)))
				count += page.length;
			return count;
		};
		await expect(read()).rejects.toThrow(
			'Return All stopped after 100,000 rows: the list was cut [item 0]',
		);
		expect(calls).toBe(MAX_LIST_ROWS / 100);
	});

	it('findInPages stops at the page holding the first match', async () => {
		const { asked, fetchPage } = served(100, 15);
		expect(await findInPages(fetchPage, list(15), (n) => n === 20)).toBe(20);
		expect(asked).toEqual([1, 2]);
		const none = served(20, 15);
		expect(await findInPages(none.fetchPage, list(15), (n) => n === 99)).toBeUndefined();
		expect(none.asked).toEqual([1, 2]);
	});
});
