// @ts-check
'use strict';

/**
 * Kapso's contact extension of the proxy (NOTES §4): `GET /{phone_number_id}/contacts` with
 * `wa_id`, `customer_id`, `has_customer` and cursors; `GET`/`PATCH /{phone_number_id}/contacts/{wa_id}`.
 */

const { metaError, kapsoError } = require('./errors');
const { isObject } = require('./sendChecks');
const { cursorPage } = require('./paging');
const { ownPhoneNumber, jsonBody, pageCtx } = require('./metaRoutes');
const store = require('./store');

function listContacts(/** @type {any} */ ctx, /** @type {any} */ p) {
	const pn = ownPhoneNumber(ctx, p.phone_number_id);
	const q = ctx.query;
	const has = q.has_customer === undefined ? null : String(q.has_customer) === 'true';
	const list = ctx.S.contacts
		.filter((/** @type {any} */ c) => c.phone_number_ids.includes(pn.phone_number_id))
		.filter((/** @type {any} */ c) => !q.wa_id || c.wa_id === String(q.wa_id).replace(/\D/g, ''))
		.filter((/** @type {any} */ c) => !q.customer_id || c.customer_id === q.customer_id)
		.filter((/** @type {any} */ c) => has === null || !!c.customer_id === has)
		.map(store.contactJson);
	return { status: 200, body: cursorPage(list, q, pageCtx(ctx)) };
}

/** @param {any} ctx @param {any} p */
function ownContact(ctx, p) {
	const pn = ownPhoneNumber(ctx, p.phone_number_id);
	const c = ctx.S.contacts.find(
		(/** @type {any} */ x) =>
			x.project_id === pn.project_id &&
			x.wa_id === String(p.wa_id).replace(/\D/g, '') &&
			x.phone_number_ids.includes(pn.phone_number_id),
	);
	if (!c) throw kapsoError(404, 'Contact not found', 'route:unknown-id');
	return c;
}

function getContact(/** @type {any} */ ctx, /** @type {any} */ p) {
	return { status: 200, body: { data: store.contactJson(ownContact(ctx, p)) } };
}

function patchContact(/** @type {any} */ ctx, /** @type {any} */ p) {
	const c = ownContact(ctx, p);
	const body = jsonBody(ctx);
	for (const [k, v] of Object.entries(body)) {
		if (!['profile_name', 'display_name', 'customer_id', 'metadata'].includes(k))
			throw metaError(100, `Param ${k} cannot be updated on a contact`, { rule: 'meta:param' });
		if (k === 'metadata' && !isObject(v))
			throw metaError(100, 'Param metadata must be an object', { rule: 'meta:param' });
		c[k] = v;
	}
	c.updated_at = new Date(ctx.S.now()).toISOString();
	return { status: 200, body: { data: store.contactJson(c) } };
}

module.exports = { listContacts, getContact, patchContact };
