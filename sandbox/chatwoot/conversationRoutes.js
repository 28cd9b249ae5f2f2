// @ts-check
'use strict';

/** Sandbox routes for conversations (their messages: messageRoutes.js). */

const crypto = require('crypto');
const { createMessage, HttpError } = require('./messages');
const { present, truthy } = require('./params');
const { newConversationState } = require('./seed');
const J = require('./serializers');
const { conversationColumns } = require('./webhookPayloads');
const {
	NOT_FOUND,
	contactOr404,
	conversationOr404,
	inboxOr404,
	obj,
	paginate,
} = require('./lookups');

const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'];

// ---------------------------------------------------------------- conversations

/** @param {any} ctx @param {any[]} list @param {any} q */
function filterConversations(ctx, list, q) {
	let out = list;
	const status = present(q.status) ? String(q.status) : 'open';
	if (status !== 'all') out = out.filter((c) => c.status === status);
	if (present(q.inbox_id)) out = out.filter((c) => c.inbox_id === Number(q.inbox_id));
	if (present(q.team_id)) out = out.filter((c) => c.team_id === Number(q.team_id));
	const labels = Array.isArray(q.labels) ? q.labels : present(q.labels) ? [q.labels] : [];
	if (labels.length)
		out = out.filter((c) => labels.some((/** @type {string} */ l) => c.labels.includes(l)));
	if (present(q.q)) {
		const needle = String(q.q).toLowerCase();
		out = out.filter((c) => {
			const contact = J.findContact(ctx.S, c.contact_id) || {};
			if (String(c.display_id) === needle) return true;
			if (
				[contact.name, contact.email, contact.phone_number].some(
					(v) => v && String(v).toLowerCase().includes(needle),
				)
			)
				return true;
			return c.message_ids.some((/** @type {number} */ id) => {
				const m = ctx.S.messages.get(id);
				return m && m.content && m.content.toLowerCase().includes(needle);
			});
		});
	}
	return out;
}

/** @param {any} ctx */
function listConversations(ctx) {
	const q = ctx.query;
	const base = filterConversations(ctx, ctx.S.conversations, q).sort(
		(/** @type {any} */ a, /** @type {any} */ b) =>
			b.last_activity_at - a.last_activity_at || b.display_id - a.display_id,
	);
	const mine = base.filter((/** @type {any} */ c) => c.assignee_id === 1);
	const unassigned = base.filter((/** @type {any} */ c) => c.assignee_id == null);
	const assigned = base.filter((/** @type {any} */ c) => c.assignee_id != null);
	const type = present(q.assignee_type) ? String(q.assignee_type) : 'all';
	const list =
		type === 'me'
			? mine
			: type === 'unassigned'
				? unassigned
				: type === 'assigned'
					? assigned
					: base;
	return {
		status: 200,
		body: {
			data: {
				meta: {
					mine_count: mine.length,
					unassigned_count: unassigned.length,
					assigned_count: assigned.length,
					all_count: base.length,
				},
				payload: paginate(list, q.page, 25).map((c) => J.conversationJson(ctx.S, c)),
			},
		},
	};
}

/** @param {any} ctx */
function conversationMeta(ctx) {
	const r = listConversations(ctx);
	return { status: 200, body: { meta: r.body.data.meta } };
}

/** @param {any} ctx @param {any} p */
function showConversation(ctx, p) {
	return {
		status: 200,
		body: J.conversationJson(ctx.S, conversationOr404(ctx, p.conversation_id)),
	};
}

/** ContactInboxBuilder. @param {any} ctx @param {any} contact @param {any} inbox @param {string|undefined} sourceId */
function buildContactInbox(ctx, contact, inbox, sourceId) {
	const S = ctx.S;
	if (present(sourceId)) {
		const existing = S.contactInboxes.find(
			(/** @type {any} */ ci) => ci.inbox_id === inbox.id && ci.source_id === String(sourceId),
		);
		if (existing) {
			if (existing.contact_id !== contact.id)
				throw new HttpError(422, { error: 'source_id should be unique' });
			return existing;
		}
	} else {
		const existing = S.contactInboxes.find(
			(/** @type {any} */ ci) => ci.inbox_id === inbox.id && ci.contact_id === contact.id,
		);
		if (existing) return existing;
	}
	let sid = present(sourceId) ? String(sourceId) : null;
	if (!sid) {
		switch (inbox.channel_type) {
			case 'Channel::Whatsapp':
				if (!present(contact.phone_number))
					throw new HttpError(400, {
						error: 'param is missing or the value is empty: contact phone number',
					});
				sid = contact.phone_number.replace(/^\+/, '');
				break;
			case 'Channel::TwilioSms':
				if (!present(contact.phone_number))
					throw new HttpError(400, {
						error: 'param is missing or the value is empty: contact phone number',
					});
				sid =
					inbox.medium === 'whatsapp' ? `whatsapp:${contact.phone_number}` : contact.phone_number;
				break;
			case 'Channel::Email':
				if (!present(contact.email))
					throw new HttpError(400, {
						error: 'param is missing or the value is empty: contact email',
					});
				sid = contact.email;
				break;
			default:
				sid = crypto.randomUUID();
		}
	}
	const ci = {
		id: ++S.counters.contactInbox,
		contact_id: contact.id,
		inbox_id: inbox.id,
		source_id: sid,
		hmac_verified: false,
	};
	S.contactInboxes.push(ci);
	return ci;
}

/** @param {any} S @param {number} inboxId */
function botActive(S, inboxId) {
	return !!S.bot.outgoing_url && S.bot.inbox_ids.includes(inboxId);
}

/** @param {any} ctx */
function createConversation(ctx) {
	const S = ctx.S;
	const b = obj(ctx.body);
	let ci;
	if (present(b.contact_id) && present(b.inbox_id)) {
		const contact = contactOr404(ctx, b.contact_id);
		const inbox = inboxOr404(ctx, b.inbox_id);
		ci = buildContactInbox(ctx, contact, inbox, b.source_id);
	} else {
		ci = present(b.source_id)
			? S.contactInboxes.find((/** @type {any} */ x) => x.source_id === String(b.source_id))
			: null;
		if (!ci) throw new HttpError(404, NOT_FOUND);
	}
	if (ctx.tokenKind === 'bot' && !S.bot.inbox_ids.includes(ci.inbox_id))
		throw new HttpError(401, { error: 'You are not authorized to do this action' });
	if (present(b.status) && !CONVERSATION_STATUSES.includes(String(b.status))) {
		throw new HttpError(
			422,
			{ error: `'${b.status}' is not a valid status` },
			{ rule: 'notes:conversation-status', violation: `unknown status ${b.status}` },
		);
	}
	const now = Math.floor(Date.now() / 1000);
	const conv = {
		id: ++S.counters.conversationInternal,
		display_id: ++S.counters.conversation,
		account_id: 1,
		inbox_id: ci.inbox_id,
		contact_id: ci.contact_id,
		contact_inbox_id: ci.id,
		uuid: crypto.randomUUID(),
		// Conversation#determine_conversation_status: an inbox with an active bot starts it pending
		// (the sandbox's bot is active once it has an outgoing URL)
		status: botActive(S, ci.inbox_id) ? 'pending' : present(b.status) ? String(b.status) : 'open',
		assignee_id: present(b.assignee_id) ? Number(b.assignee_id) : null,
		team_id: present(b.team_id) ? Number(b.team_id) : null,
		labels: [],
		custom_attributes: obj(b.custom_attributes),
		additional_attributes: obj(b.additional_attributes),
		priority: null,
		snoozed_until: present(b.snoozed_until)
			? Math.floor(Date.parse(b.snoozed_until) / 1000) || null
			: null,
		...newConversationState(now),
	};
	if (conv.assignee_id != null && !J.findAgent(S, conv.assignee_id)) conv.assignee_id = null;
	if (conv.team_id != null && !J.findTeam(S, conv.team_id)) conv.team_id = null;
	S.conversations.push(conv);
	ctx.emit('conversationCreated', conv);
	if (present(b.message)) {
		try {
			const r = createMessage(ctx, conv, obj(b.message), []);
			ctx.pendingDeliveries.push(r.delivery);
			ctx.emit('messageCreated', r.msg);
		} catch (e) {
			// the controller wraps both in a transaction: nothing is kept
			S.conversations.pop();
			S.counters.conversation--;
			throw e;
		}
	}
	return { status: 200, body: J.conversationJson(S, conv) };
}

/** @param {any} ctx @param {any} p */
function updateConversation(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const before = conversationColumns(conv);
	const b = obj(ctx.body);
	if (b.priority !== undefined) conv.priority = b.priority;
	if (b.sla_policy_id !== undefined) conv.sla_policy_id = b.sla_policy_id;
	if (b.custom_attributes !== undefined) conv.custom_attributes = obj(b.custom_attributes);
	conv.updated_at = Math.floor(Date.now() / 1000);
	ctx.emit('conversationChanged', conv, before);
	return { status: 200, body: J.conversationJson(ctx.S, conv) };
}

/** @param {any} ctx @param {any} p */
function toggleStatus(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const before = conversationColumns(conv);
	const b = obj(ctx.body);
	if (present(b.status)) {
		const st = String(b.status);
		if (!CONVERSATION_STATUSES.includes(st))
			throw new HttpError(
				422,
				{ error: `'${st}' is not a valid status` },
				{ rule: 'notes:conversation-status', violation: `unknown status ${st}` },
			);
		conv.status = st;
		conv.snoozed_until =
			st === 'snoozed' && present(b.snoozed_until)
				? Number(b.snoozed_until) || Math.floor(Date.parse(b.snoozed_until) / 1000) || null
				: null;
	} else {
		conv.status = conv.status === 'open' ? 'resolved' : 'open';
		conv.snoozed_until = null;
	}
	conv.updated_at = Math.floor(Date.now() / 1000);
	ctx.emit('conversationChanged', conv, before);
	return {
		status: 200,
		body: {
			meta: {},
			payload: { success: true, current_status: conv.status, conversation_id: conv.display_id },
		},
	};
}

/** @param {any} ctx @param {any} p */
function togglePriority(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const b = obj(ctx.body);
	const pr = b.priority === 'none' || b.priority == null ? null : String(b.priority);
	if (pr !== null && !['low', 'medium', 'high', 'urgent'].includes(pr))
		throw new HttpError(422, { error: `'${pr}' is not a valid priority` });
	const before = conversationColumns(conv);
	conv.priority = pr;
	conv.updated_at = Math.floor(Date.now() / 1000);
	ctx.emit('conversationChanged', conv, before);
	return { status: 200, body: {} };
}

/** @param {any} ctx @param {any} p */
function toggleTyping(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const b = obj(ctx.body);
	// 'recording' is dispatched as conversation_recording, which no webhook carries
	const status = String(b.typing_status || '');
	if (status === 'on' || status === 'off') {
		const actor =
			ctx.tokenKind === 'bot' ? { kind: 'AgentBot', id: ctx.S.bot.id } : { kind: 'User', id: 1 };
		ctx.emit('typing', conv, status === 'on', actor, truthy(b.is_private));
	}
	return { status: 200, body: {} };
}

/** @param {any} ctx @param {any} p */
function assignConversation(ctx, p) {
	const S = ctx.S;
	const conv = conversationOr404(ctx, p.conversation_id);
	const before = conversationColumns(conv);
	const b = obj(ctx.body);
	if ('assignee_id' in b) {
		const agent = present(b.assignee_id) ? J.findAgent(S, Number(b.assignee_id)) : undefined;
		conv.assignee_id = agent ? agent.id : null;
		conv.updated_at = Math.floor(Date.now() / 1000);
		if ('team_id' in b)
			ctx.violate(
				'notes:assignments',
				'assignments with both assignee_id and team_id: Chatwoot only applies assignee_id',
			);
		ctx.emit('conversationChanged', conv, before);
		return { status: 200, body: agent ? J.agentJson(S, agent) : null };
	}
	if ('team_id' in b) {
		const team = present(b.team_id) ? J.findTeam(S, Number(b.team_id)) : undefined;
		conv.team_id = team ? team.id : null;
		conv.updated_at = Math.floor(Date.now() / 1000);
		ctx.emit('conversationChanged', conv, before);
		return { status: 200, body: team ? J.teamJson(S, team) : null };
	}
	return { status: 200, body: null };
}

/** @param {any} ctx @param {any} p */
function listConversationLabels(ctx, p) {
	return { status: 200, body: { payload: conversationOr404(ctx, p.conversation_id).labels } };
}

/** @param {any} ctx @param {any} p */
function setConversationLabels(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const before = conversationColumns(conv);
	const b = obj(ctx.body);
	const labels = Array.isArray(b.labels) ? b.labels : present(b.labels) ? [b.labels] : [];
	conv.labels = [
		...new Set(labels.map((/** @type {any} */ l) => String(l).trim()).filter(Boolean)),
	];
	for (const l of conv.labels) {
		if (!ctx.S.labels.some((/** @type {any} */ x) => x.title === l)) {
			ctx.violate(
				'notes:labels',
				`label "${l}" is not defined in the account: Chatwoot tags the conversation anyway, but it is not shown in the sidebar`,
			);
		}
	}
	if (conv.labels.join() !== before.label_list.join()) {
		conv.updated_at = Math.floor(Date.now() / 1000);
		ctx.emit('conversationChanged', conv, before);
	}
	return { status: 200, body: { payload: conv.labels } };
}

/** @param {any} ctx @param {any} p */
function setConversationCustomAttributes(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const before = conversationColumns(conv);
	const b = obj(ctx.body);
	conv.custom_attributes = obj(b.custom_attributes);
	conv.updated_at = Math.floor(Date.now() / 1000);
	ctx.emit('conversationChanged', conv, before);
	return { status: 200, body: { custom_attributes: conv.custom_attributes } };
}

module.exports = {
	assignConversation,
	buildContactInbox,
	conversationMeta,
	createConversation,
	listConversationLabels,
	listConversations,
	setConversationCustomAttributes,
	setConversationLabels,
	showConversation,
	togglePriority,
	toggleStatus,
	toggleTyping,
	updateConversation,
};
