// @ts-check
'use strict';

/**
 * One send, whichever surface it came from: Meta's checks, the template check, the 24-hour
 * window, then the message is stored and its webhooks go out. The proxy answers Meta's JSON;
 * the legacy handlers call the same function with a Meta body they built and translate errors.
 */

const { metaError } = require('./errors');
const { checkSend } = require('./sendChecks');
const { checkTemplateSend } = require('./templateChecks');
const { afterOutbound } = require('./events');
const store = require('./store');

const WINDOW_DETAILS =
	'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';

/**
 * @param {any} ctx the request context @param {any} pn the sending phone number @param {any} body a Meta send body
 * @returns {{response: any, message: any}}
 */
function performSend(ctx, pn, body) {
	const S = ctx.S;
	const { type, recipient, content } = checkSend(S, pn, body);
	let rendered;
	if (type === 'template') rendered = checkTemplateSend(S, pn, content).rendered;
	let failCode = ctx.failAfterAccept;
	if (type !== 'template') {
		const last = store.lastInboundAt(S, pn.phone_number_id, recipient.waId);
		if (!store.insideWindow(S, last)) {
			const why =
				last === null
					? 'the recipient never wrote to this number'
					: `the last inbound message is ${Math.round((S.now() - last) / 3600000)} h old`;
			if (ctx.windowMode !== 'async')
				throw metaError(131047, WINDOW_DETAILS, {
					rule: 'meta:24h-window',
					message: `(#131047) Re-engagement message`,
				});
			ctx.violate(
				'meta:24h-window',
				`free-form ${type} outside the 24-hour window (${why}): accepted, then failed with 131047`,
			);
			failCode = 131047;
		}
	}
	const stored = store.storeMessage(S, pn, {
		waId: recipient.waId,
		direction: 'outbound',
		type,
		content,
		context: body.context ? body.context.message_id : null,
		biz_opaque_callback_data: body.biz_opaque_callback_data,
		rendered,
	});
	afterOutbound(S, ctx.emit, stored, failCode);
	/** @type {Record<string, any>} */
	const msg = { id: stored.message.wamid };
	if (type === 'template') msg.message_status = 'accepted';
	return {
		message: stored.message,
		response: {
			messaging_product: 'whatsapp',
			contacts: [{ input: recipient.input, wa_id: recipient.waId }],
			messages: [msg],
		},
	};
}

/**
 * Mark an inbound message as read (with an optional typing indicator).
 * @param {any} ctx @param {any} pn @param {any} body
 */
function markRead(ctx, pn, body) {
	for (const k of Object.keys(body))
		if (!['messaging_product', 'status', 'message_id', 'typing_indicator'].includes(k))
			throw metaError(100, `Param ${k} is not a valid parameter for a read receipt`, {
				rule: 'meta:param',
			});
	if (body.messaging_product !== 'whatsapp')
		throw metaError(100, 'The parameter messaging_product is required and must be "whatsapp"', {
			rule: 'meta:param',
		});
	const m = ctx.S.messages.find(
		(/** @type {any} */ x) =>
			x.wamid === body.message_id && x.phone_number_id === pn.phone_number_id,
	);
	if (!m || m.direction !== 'inbound')
		throw metaError(100, `message_id ${body.message_id} is not an inbound message of this number`, {
			rule: 'meta:param',
		});
	if (body.typing_indicator !== undefined) {
		const t = body.typing_indicator;
		if (!t || typeof t !== 'object' || t.type !== 'text')
			throw metaError(100, 'Param typing_indicator must be {"type": "text"}', {
				rule: 'meta:param',
			});
	}
	m.status = 'read';
	m.updated_at = ctx.S.now();
	return { success: true };
}

module.exports = { performSend, markRead, WINDOW_DETAILS };
