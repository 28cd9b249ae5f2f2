// @ts-check
'use strict';

/**
 * The two ways Kapso pages a list: Graph-style cursors on the proxy and most Platform lists
 * (`limit ≤ 100`, `after`, `before` → `paging:{cursors:{before, after}, next, previous}`), and
 * page numbers on the legacy API and the Platform phone-number list (`page`, `per_page ≤ 100` →
 * `meta:{page, per_page, total_pages, total_count}`). A limit over 100 is served capped and
 * recorded, since NOTES documents 100 as the maximum.
 */

const MAX_PAGE = 100;

/** @param {number} offset */
const encodeCursor = (offset) => Buffer.from(`sb:${offset}`).toString('base64url');

/** @param {string} cursor @returns {number|null} */
function decodeCursor(cursor) {
	const text = Buffer.from(String(cursor), 'base64url').toString('utf8');
	const m = /^sb:(\d+)$/.exec(text);
	return m ? Number(m[1]) : null;
}

/**
 * @param {string|undefined} raw @param {number} fallback @param {string} name
 * @param {(rule: string, message: string) => void} violate
 */
function pageSize(raw, fallback, name, violate) {
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) {
		violate('notes:paging', `${name}=${raw} is not a positive integer; ${fallback} used`);
		return fallback;
	}
	if (n > MAX_PAGE) {
		violate('notes:paging', `${name}=${n} is over the documented maximum of ${MAX_PAGE}`);
		return MAX_PAGE;
	}
	return n;
}

/**
 * Graph cursor paging over an already filtered and ordered list.
 * @template T
 * @param {T[]} items @param {Record<string, any>} query
 * @param {{ violate: (rule: string, message: string) => void, selfUrl: URL, invalidCursor: () => Error }} ctx
 * @param {number} [defaultLimit]
 */
function cursorPage(items, query, ctx, defaultLimit = 20) {
	const limit = pageSize(query.limit, defaultLimit, 'limit', ctx.violate);
	let start = 0;
	if (query.after) {
		const o = decodeCursor(query.after);
		if (o === null) throw ctx.invalidCursor();
		start = o + 1;
	} else if (query.before) {
		const o = decodeCursor(query.before);
		if (o === null) throw ctx.invalidCursor();
		start = Math.max(0, o - limit);
	}
	const slice = items.slice(start, start + limit);
	/** @type {Record<string, any>} */
	const paging = {};
	if (slice.length) {
		paging.cursors = {
			before: encodeCursor(start),
			after: encodeCursor(start + slice.length - 1),
		};
		const link = (/** @type {'after'|'before'} */ key, /** @type {string} */ cursor) => {
			const u = new URL(ctx.selfUrl.toString());
			u.searchParams.delete('after');
			u.searchParams.delete('before');
			u.searchParams.set('limit', String(limit));
			u.searchParams.set(key, cursor);
			return u.toString();
		};
		if (start + slice.length < items.length) paging.next = link('after', paging.cursors.after);
		if (start > 0) paging.previous = link('before', paging.cursors.before);
	}
	return { data: slice, paging };
}

/**
 * Page-number paging (legacy API, Platform phone numbers).
 * @template T
 * @param {T[]} items @param {Record<string, any>} query
 * @param {(rule: string, message: string) => void} violate
 */
function numberedPage(items, query, violate) {
	const perPage = pageSize(query.per_page, 20, 'per_page', violate);
	let page = 1;
	if (query.page !== undefined && query.page !== '') {
		page = Number(query.page);
		if (!Number.isInteger(page) || page < 1) {
			violate('notes:paging', `page=${query.page} is not a positive integer; 1 used`);
			page = 1;
		}
	}
	const data = items.slice((page - 1) * perPage, page * perPage);
	return {
		data,
		meta: {
			page,
			per_page: perPage,
			total_pages: Math.max(1, Math.ceil(items.length / perPage)),
			total_count: items.length,
		},
	};
}

module.exports = { cursorPage, numberedPage, encodeCursor, decodeCursor, MAX_PAGE };
