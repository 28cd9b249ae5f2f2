// @ts-check
'use strict';

/** Sandbox routes for a conversation's messages: list, create, delete. */

const { createMessage, HttpError } = require('./messages');
const { present } = require('./params');
const J = require('./serializers');
const { conversationColumns } = require('./webhookPayloads');
const { NOT_FOUND, conversationOr404, obj } = require('./lookups');

/** @param {any} ctx @param {any} p */
function listMessages(ctx, p) {
	const S = ctx.S;
	const conv = conversationOr404(ctx, p.conversation_id);
	const all = conv.message_ids
		.map((/** @type {number} */ id) => S.messages.get(id))
		.filter(Boolean)
		.sort((/** @type {any} */ a, /** @type {any} */ b) => a.id - b.id);
	let list;
	if (present(ctx.query.after)) {
		const after = Number(ctx.query.after);
		list = all.filter((/** @type {any} */ m) => m.id > after).slice(0, 100);
	} else if (present(ctx.query.before)) {
		const before = Number(ctx.query.before);
		const older = all.filter((/** @type {any} */ m) => m.id < before);
		list = older.slice(-20);
	} else {
		list = all.slice(-20);
	}
	const contact = J.findContact(S, conv.contact_id);
	const assignee = J.findAgent(S, conv.assignee_id);
	return {
		status: 200,
		body: {
			meta: {
				labels: conv.labels,
				additional_attributes: conv.additional_attributes,
				contact: contact ? J.contactJson(S, contact) : null,
				assignee: assignee ? J.agentJson(S, assignee) : null,
				agent_last_seen_at: conv.agent_last_seen_at
					? new Date(conv.agent_last_seen_at * 1000).toISOString()
					: null,
				assignee_last_seen_at: conv.assignee_last_seen_at
					? new Date(conv.assignee_last_seen_at * 1000).toISOString()
					: null,
			},
			payload: list.map((/** @type {any} */ m) => J.messageJson(S, m)),
		},
	};
}

/** @param {any} ctx @param {any} p */
function createMessageRoute(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const params = obj(ctx.body);
	const before = conversationColumns(conv);
	const r = createMessage(ctx, conv, params, ctx.files || []);
	ctx.pendingDeliveries.push(r.delivery);
	ctx.emit('messageCreated', r.msg);
	ctx.emit('conversationChanged', conv, before);
	return { status: 200, body: J.messageJson(ctx.S, r.msg, { echoId: params.echo_id }) };
}

/** @param {any} ctx @param {any} p */
function deleteMessage(ctx, p) {
	const S = ctx.S;
	const conv = conversationOr404(ctx, p.conversation_id);
	const m = S.messages.get(Number(p.message_id));
	if (!m || m.conversation_id !== conv.display_id) throw new HttpError(404, NOT_FOUND);
	m.content = 'This message was deleted';
	m.processed_message_content = m.content;
	m.content_type = 'text';
	m.content_attributes = { deleted: true };
	m.attachments = [];
	m.updated_at = Math.floor(Date.now() / 1000);
	ctx.emit('messageUpdated', m);
	return { status: 200, body: J.messageJson(S, m) };
}

module.exports = { createMessageRoute, deleteMessage, listMessages };
