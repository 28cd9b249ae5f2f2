/**
 * Walks Chatwoot's numbered pages (`page=1, 2, …`): contacts come 15 a page, conversations 25.
 * A page shorter than the page size (or empty) is the last one. Chatwoot's counts are not relied
 * on: newer versions report only the size of the current page for searches.
 */

/** One page as read from Chatwoot; `hasMore: false` (when Chatwoot says so) also ends the walk. */
export interface Page<T> {
	items: T[];
	hasMore?: boolean;
}

export type PageFetcher<T> = (page: number) => Promise<Page<T>>;

/** Safety stop for a server that ignores `page` and repeats itself: 1000 pages of 25 is 25,000 rows. */
export const MAX_PAGES = 1000;

/** Yields Chatwoot's pages in order until a short or empty page, `hasMore: false` or MAX_PAGES. */
export async function* walkPages<T>(
	fetchPage: PageFetcher<T>,
	pageSize: number,
): AsyncGenerator<T[]> {
	for (let page = 1; page <= MAX_PAGES; page++) {
		const { items, hasMore } = await fetchPage(page);
		if (items.length > 0) yield items;
		if (items.length < pageSize || hasMore === false) return;
	}
}

/**
 * Collects up to `limit` results (Infinity for all), fetching no page beyond the one that fills
 * the limit and keeping only what is returned.
 */
export async function collectPages<T>(
	fetchPage: PageFetcher<T>,
	pageSize: number,
	limit: number,
): Promise<T[]> {
	const results: T[] = [];
	if (limit <= 0) return results;
	for await (const items of walkPages(fetchPage, pageSize)) {
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
	pageSize: number,
	matches: (item: T) => boolean,
): Promise<T | undefined> {
	for await (const items of walkPages(fetchPage, pageSize)) {
		const found = items.find(matches);
		if (found !== undefined) return found;
	}
	return undefined;
}
