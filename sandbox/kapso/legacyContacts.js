// @ts-check
'use strict';

/**
 * Legacy contacts `/api/v1/whatsapp_contacts` (NOTES §4): list with `q[...]`, create with
 * `{contact:{wa_id, …}}` (a duplicate is 422 `{errors:[…]}`), get/patch by uuid or phone number.
 */

const { ApiError, legacyError } = require('./errors');
const { isObject } = require('./sendChecks');
const { numberedPage } = require('./paging');
const store = require('./store');

/** @param {any} c */
const json = (c) => {
	const { phone_number_ids, project_id, display_name, business_scoped_user_id, ...rest } = c;
	return rest;
};

/** @param {any} ctx @param {string} identifier a uuid or a phone number */
function ownContact(ctx, identifier) {
	const digits = String(identifier).replace(/\D/g, '');
	const c = ctx.S.contacts.find(
		(/** @type {any} */ x) =>
			x.project_id === ctx.project.id && (x.id === identifier || (digits && x.wa_id === digits)),
	);
	if (!c) throw legacyError(404, 'Contact not found', undefined, 'route:unknown-id');
	return c;
}

/** @param {any} ctx @param {any} c @param {Record<string, any>} body @param {string[]} allowed */
function apply(ctx, c, body, allowed) {
	for (const [k, v] of Object.entries(body)) {
		if (!allowed.includes(k))
			throw new ApiError(
				422,
				{ errors: [`${k} is not a permitted attribute`] },
				'legacy:validation',
			);
		if (k === 'metadata' && !isObject(v))
			throw new ApiError(422, { errors: ['Metadata must be an object'] }, 'legacy:validation');
		c[k] = v;
	}
	c.updated_at = new Date(ctx.S.now()).toISOString();
}

module.exports = {
	listContacts: (/** @type {any} */ ctx) => {
		const q = ctx.query.q || {};
		const list = ctx.S.contacts
			.filter((/** @type {any} */ c) => c.project_id === ctx.project.id)
			.filter(
				(/** @type {any} */ c) =>
					!q.wa_id_cont || c.wa_id.includes(String(q.wa_id_cont).replace(/\D/g, '')),
			)
			.filter(
				(/** @type {any} */ c) =>
					!q.profile_name_cont ||
					String(c.profile_name || '')
						.toLowerCase()
						.includes(String(q.profile_name_cont).toLowerCase()),
			)
			.filter((/** @type {any} */ c) => !q.customer_id_eq || c.customer_id === q.customer_id_eq)
			.map(json);
		return { status: 200, body: numberedPage(list, ctx.query, ctx.violate) };
	},
	createContact: (/** @type {any} */ ctx) => {
		const b = isObject(ctx.body) ? ctx.body.contact : undefined;
		if (!isObject(b))
			throw legacyError(
				400,
				'Bad request',
				'param is missing or the value is empty: contact',
				'legacy:validation',
			);
		const waId = String(b.wa_id || '').replace(/\D/g, '');
		if (!waId) throw new ApiError(422, { errors: ["Wa can't be blank"] }, 'legacy:validation');
		if (
			ctx.S.contacts.some(
				(/** @type {any} */ c) => c.project_id === ctx.project.id && c.wa_id === waId,
			)
		)
			throw new ApiError(422, { errors: ['Wa has already been taken'] }, 'legacy:validation');
		const pn = ctx.S.phoneNumbers.find((/** @type {any} */ p) => p.project_id === ctx.project.id);
		const c = store.findOrCreateContact(ctx.S, pn, waId, b.profile_name);
		c.phone_number_ids = [];
		const { wa_id, ...rest } = b;
		apply(ctx, c, rest, ['profile_name', 'customer_id', 'metadata']);
		return { status: 201, body: { data: json(c) } };
	},
	getContact: (/** @type {any} */ ctx, /** @type {any} */ p) => ({
		status: 200,
		body: { data: json(ownContact(ctx, p.id)) },
	}),
	patchContact: (/** @type {any} */ ctx, /** @type {any} */ p) => {
		const c = ownContact(ctx, p.id);
		const b = isObject(ctx.body) ? ctx.body.contact : undefined;
		if (!isObject(b))
			throw legacyError(
				400,
				'Bad request',
				'param is missing or the value is empty: contact',
				'legacy:validation',
			);
		apply(ctx, c, b, ['profile_name', 'customer_id', 'metadata']);
		return { status: 200, body: { data: json(c) } };
	},
};
