import {
	collectPages,
	findInPages,
	MAX_PAGES,
	walkPages,
	type Page,
} from '../../nodes/shared/pagination';

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
		expect(await collectPages(fetchPage, 15, Infinity)).toEqual(
			Array.from({ length: 40 }, (_, i) => i + 1),
		);
		expect(asked).toEqual([1, 2, 3]);
	});

	it('stops after an empty page when the total is a multiple of the page size', async () => {
		const { asked, fetchPage } = served(50, 25);
		expect(await collectPages(fetchPage, 25, Infinity)).toHaveLength(50);
		expect(asked).toEqual([1, 2, 3]);
	});

	it('a limit reads no page beyond the one that fills it and returns exactly the limit', async () => {
		const { asked, fetchPage } = served(100, 15);
		expect(await collectPages(fetchPage, 15, 20)).toEqual(
			Array.from({ length: 20 }, (_, i) => i + 1),
		);
		expect(asked).toEqual([1, 2]);
		const exact = served(100, 15);
		expect(await collectPages(exact.fetchPage, 15, 15)).toHaveLength(15);
		expect(exact.asked).toEqual([1]);
	});

	it('returns nothing for an empty list after one request', async () => {
		const { asked, fetchPage } = served(0, 25);
		expect(await collectPages(fetchPage, 25, Infinity)).toEqual([]);
		expect(asked).toEqual([1]);
	});

	it('stops when Chatwoot says has_more: false even on a full page', async () => {
		const asked: number[] = [];
		const items = await collectPages(
			async (page) => {
				asked.push(page);
				return { items: [1, 2, 3], hasMore: false };
			},
			3,
			Infinity,
		);
		expect(items).toEqual([1, 2, 3]);
		expect(asked).toEqual([1]);
	});

	it('never walks past MAX_PAGES when a server repeats full pages forever', async () => {
		let calls = 0;
		const pages = walkPages(async () => {
			calls++;
			return { items: [1] };
		}, 1);
		let count = 0;
		for await (const page of pages) count += page.length;
		expect(count).toBe(MAX_PAGES);
		expect(calls).toBe(MAX_PAGES);
	});

	it('findInPages stops at the page holding the first match', async () => {
		const { asked, fetchPage } = served(100, 15);
		expect(await findInPages(fetchPage, 15, (n) => n === 20)).toBe(20);
		expect(asked).toEqual([1, 2]);
		const none = served(20, 15);
		expect(await findInPages(none.fetchPage, 15, (n) => n === 99)).toBeUndefined();
		expect(none.asked).toEqual([1, 2]);
	});
});
