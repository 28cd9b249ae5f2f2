// @ts-check
'use strict';

/** What every group of sandbox routes needs: 404 lookups, Rails' validation error, paging. */

const { HttpError } = require('./messages');
const J = require('./serializers');

const NOT_FOUND = { error: 'Resource could not be found' };

/** @param {any} ctx @param {string} id */
function conversationOr404(ctx, id) {
	const n = Number(id);
	const c = ctx.S.conversations.find((/** @type {any} */ x) => x.display_id === n);
	if (!c) throw new HttpError(404, NOT_FOUND);
	if (ctx.tokenKind === 'bot' && !ctx.S.bot.inbox_ids.includes(c.inbox_id))
		throw new HttpError(401, { error: 'You are not authorized to do this action' });
	return c;
}
/** @param {any} ctx @param {string|number} id */
function contactOr404(ctx, id) {
	const c = ctx.S.contacts.find((/** @type {any} */ x) => x.id === Number(id));
	if (!c) throw new HttpError(404, NOT_FOUND);
	return c;
}
/** @param {any} ctx @param {string|number} id */
function inboxOr404(ctx, id) {
	const i = J.findInbox(ctx.S, Number(id));
	if (!i) throw new HttpError(404, NOT_FOUND);
	return i;
}
/** Rails' RequestExceptionHandler for ActiveRecord::RecordInvalid. @param {string[]} messages @param {string[]} attributes */
function recordInvalid(messages, attributes) {
	return new HttpError(
		422,
		{ message: messages.join(', '), attributes },
		{ rule: 'notes:record-invalid', violation: messages.join(', ') },
	);
}
/** @param {number} page @param {number} per @param {any[]} arr */
function paginate(arr, page, per) {
	const p = Math.max(1, Number.parseInt(String(page || 1), 10) || 1);
	return arr.slice((p - 1) * per, p * per);
}
/** @param {any} b */
function obj(b) {
	return b && typeof b === 'object' && !Array.isArray(b) ? b : {};
}

module.exports = {
	NOT_FOUND,
	contactOr404,
	conversationOr404,
	inboxOr404,
	obj,
	paginate,
	recordInvalid,
};
