// @ts-check
'use strict';

/**
 * Chatwoot endpoints the nodes call. Each handler gets (ctx, p) where p are the path params, and
 * returns {status, body} or throws HttpError. Shapes follow Chatwoot's controllers and jbuilder views.
 */

const crypto = require('crypto');
const { createMessage, HttpError } = require('./messages');
const { present, truthy } = require('./params');
const { fakeUuid } = require('./seed');
const J = require('./serializers');

const NOT_FOUND = { error: 'Resource could not be found' };
const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'];
const WEBHOOK_EVENTS = [
	'conversation_status_changed',
	'conversation_updated',
	'conversation_created',
	'contact_created',
	'contact_updated',
	'message_created',
	'message_updated',
	'webwidget_triggered',
	'inbox_created',
	'inbox_updated',
	'conversation_typing_on',
	'conversation_typing_off',
];

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

// ---------------------------------------------------------------- profile / inboxes

/** @param {any} ctx */
function getProfile(ctx) {
	return { status: 200, body: J.profileJson(ctx.S) };
}
/** @param {any} ctx */
function listInboxes(ctx) {
	return { status: 200, body: { payload: ctx.S.inboxes.map(J.inboxJson) } };
}
/** @param {any} ctx @param {any} p */
function showInbox(ctx, p) {
	return { status: 200, body: J.inboxJson(inboxOr404(ctx, p.id)) };
}
/** @param {any} ctx @param {any} p */
function syncTemplates(ctx, p) {
	const inbox = inboxOr404(ctx, p.id);
	if (!['Channel::Whatsapp', 'Channel::TwilioSms'].includes(inbox.channel_type)) {
		return {
			status: 422,
			body: { error: 'Template sync is only available for WhatsApp and Twilio channels' },
		};
	}
	inbox.message_templates_last_updated = new Date().toISOString();
	return { status: 200, body: { message: 'Template sync initiated successfully' } };
}

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
		status: present(b.status) ? String(b.status) : 'open',
		assignee_id: present(b.assignee_id) ? Number(b.assignee_id) : null,
		team_id: present(b.team_id) ? Number(b.team_id) : null,
		labels: [],
		custom_attributes: obj(b.custom_attributes),
		additional_attributes: obj(b.additional_attributes),
		priority: null,
		snoozed_until: present(b.snoozed_until)
			? Math.floor(Date.parse(b.snoozed_until) / 1000) || null
			: null,
		muted: false,
		created_at: now,
		updated_at: now,
		last_activity_at: now,
		agent_last_seen_at: 0,
		assignee_last_seen_at: 0,
		contact_last_seen_at: 0,
		first_reply_created_at: 0,
		waiting_since: 0,
		message_ids: /** @type {number[]} */ ([]),
	};
	if (conv.assignee_id != null && !J.findAgent(S, conv.assignee_id)) conv.assignee_id = null;
	if (conv.team_id != null && !J.findTeam(S, conv.team_id)) conv.team_id = null;
	S.conversations.push(conv);
	if (present(b.message)) {
		try {
			const r = createMessage(ctx, conv, obj(b.message), []);
			ctx.pendingDeliveries.push(r.delivery);
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
	const b = obj(ctx.body);
	if (b.priority !== undefined) conv.priority = b.priority;
	if (b.sla_policy_id !== undefined) conv.sla_policy_id = b.sla_policy_id;
	if (b.custom_attributes !== undefined) conv.custom_attributes = obj(b.custom_attributes);
	conv.updated_at = Math.floor(Date.now() / 1000);
	return { status: 200, body: J.conversationJson(ctx.S, conv) };
}

/** @param {any} ctx @param {any} p */
function toggleStatus(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
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
	conv.priority = pr;
	return { status: 200, body: {} };
}

/** @param {any} ctx @param {any} p */
function toggleTyping(ctx, p) {
	conversationOr404(ctx, p.conversation_id);
	return { status: 200, body: {} };
}

/** @param {any} ctx @param {any} p */
function assignConversation(ctx, p) {
	const S = ctx.S;
	const conv = conversationOr404(ctx, p.conversation_id);
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
		return { status: 200, body: agent ? J.agentJson(S, agent) : null };
	}
	if ('team_id' in b) {
		const team = present(b.team_id) ? J.findTeam(S, Number(b.team_id)) : undefined;
		conv.team_id = team ? team.id : null;
		conv.updated_at = Math.floor(Date.now() / 1000);
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
	return { status: 200, body: { payload: conv.labels } };
}

/** @param {any} ctx @param {any} p */
function setConversationCustomAttributes(ctx, p) {
	const conv = conversationOr404(ctx, p.conversation_id);
	const b = obj(ctx.body);
	conv.custom_attributes = obj(b.custom_attributes);
	conv.updated_at = Math.floor(Date.now() / 1000);
	return { status: 200, body: { custom_attributes: conv.custom_attributes } };
}

// ---------------------------------------------------------------- messages

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
	const r = createMessage(ctx, conv, params, ctx.files || []);
	ctx.pendingDeliveries.push(r.delivery);
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
	return { status: 200, body: J.messageJson(S, m) };
}

// ---------------------------------------------------------------- contacts

const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** @param {any} ctx @param {any} attrs @param {any} [self] */
function validateContact(ctx, attrs, self) {
	const S = ctx.S;
	/** @type {string[]} */
	const msgs = [];
	/** @type {string[]} */
	const fields = [];
	const others = S.contacts.filter((/** @type {any} */ c) => c !== self);
	if (present(attrs.email)) {
		if (!EMAIL.test(String(attrs.email))) {
			msgs.push('Email Invalid email');
			fields.push('email');
		} else if (
			others.some(
				(/** @type {any} */ c) =>
					c.email && c.email.toLowerCase() === String(attrs.email).toLowerCase(),
			)
		) {
			msgs.push('Email has already been taken');
			fields.push('email');
		}
	}
	if (present(attrs.phone_number)) {
		if (!E164.test(String(attrs.phone_number))) {
			msgs.push('Phone number should be in e164 format');
			fields.push('phone_number');
		} else if (
			others.some((/** @type {any} */ c) => c.phone_number === String(attrs.phone_number))
		) {
			msgs.push('Phone number has already been taken');
			fields.push('phone_number');
		}
	}
	if (
		present(attrs.identifier) &&
		others.some((/** @type {any} */ c) => c.identifier === String(attrs.identifier))
	) {
		msgs.push('Identifier has already been taken');
		fields.push('identifier');
	}
	if (msgs.length) throw recordInvalid(msgs, fields);
}

/** @param {any} S */
function resolvedContacts(S) {
	return S.contacts.filter(
		(/** @type {any} */ c) => present(c.email) || present(c.phone_number) || present(c.identifier),
	);
}

/** @param {any[]} list @param {any} sort */
function sortContacts(list, sort) {
	const s = present(sort) ? String(sort) : '-last_activity_at';
	const desc = s.startsWith('-');
	const key = desc ? s.slice(1) : s;
	const valid = ['name', 'email', 'phone_number', 'last_activity_at', 'created_at'];
	const k = valid.includes(key) ? key : 'last_activity_at';
	return [...list].sort((a, b) => {
		const av = a[k] ?? '';
		const bv = b[k] ?? '';
		const c = av < bv ? -1 : av > bv ? 1 : a.id - b.id;
		return desc ? -c : c;
	});
}

/** @param {any} ctx */
function listContacts(ctx) {
	const S = ctx.S;
	const all = sortContacts(resolvedContacts(S), ctx.query.sort);
	const withInboxes =
		ctx.query.include_contact_inboxes === undefined
			? true
			: truthy(ctx.query.include_contact_inboxes);
	const page = Math.max(1, Number.parseInt(String(ctx.query.page || 1), 10) || 1);
	return {
		status: 200,
		body: {
			meta: { count: all.length, current_page: page },
			payload: paginate(all, page, 15).map((c) => J.contactJson(S, c, withInboxes)),
		},
	};
}

/** @param {any} ctx */
function searchContacts(ctx) {
	const S = ctx.S;
	if (!present(ctx.query.q))
		return { status: 422, body: { error: 'Specify search string with parameter q' } };
	const q = String(ctx.query.q).toLowerCase();
	const hits = resolvedContacts(S).filter((/** @type {any} */ c) =>
		[c.name, c.email, c.phone_number, c.identifier].some(
			(v) => v && String(v).toLowerCase().includes(q),
		),
	);
	const all = sortContacts(hits, ctx.query.sort);
	const page = Math.max(1, Number.parseInt(String(ctx.query.page || 1), 10) || 1);
	return {
		status: 200,
		body: {
			meta: { count: all.length, current_page: page },
			payload: paginate(all, page, 15).map((c) => J.contactJson(S, c, true)),
		},
	};
}

/** @param {any} ctx */
function createContact(ctx) {
	const S = ctx.S;
	const b = obj(ctx.body);
	const attrs = b.contact && typeof b.contact === 'object' ? { ...b.contact, ...b } : b; // wrap_parameters
	validateContact(ctx, attrs);
	let inbox = null;
	if (present(attrs.inbox_id)) inbox = inboxOr404(ctx, attrs.inbox_id);
	const now = Math.floor(Date.now() / 1000);
	const c = {
		id: ++S.counters.contact,
		account_id: 1,
		name: present(attrs.name) ? String(attrs.name) : '',
		email: present(attrs.email) ? String(attrs.email).toLowerCase() : null,
		phone_number: present(attrs.phone_number) ? String(attrs.phone_number) : null,
		identifier: present(attrs.identifier) ? String(attrs.identifier) : null,
		blocked: truthy(attrs.blocked),
		thumbnail: '',
		availability_status: 'offline',
		additional_attributes: obj(attrs.additional_attributes),
		custom_attributes: obj(attrs.custom_attributes),
		created_at: now,
		last_activity_at: null,
	};
	S.contacts.push(c);
	let ci = null;
	if (inbox) {
		try {
			ci = buildContactInbox(ctx, c, inbox, attrs.source_id);
		} catch (e) {
			S.contacts.pop();
			S.counters.contact--;
			throw e;
		}
	}
	return {
		status: 200,
		body: {
			payload: {
				contact: J.contactJson(S, c, true),
				contact_inbox: ci ? J.contactInboxJson(S, ci) : null,
			},
		},
	};
}

/** @param {any} ctx @param {any} p */
function showContact(ctx, p) {
	return { status: 200, body: { payload: J.contactJson(ctx.S, contactOr404(ctx, p.id), true) } };
}

/** @param {any} ctx @param {any} p */
function updateContact(ctx, p) {
	const c = contactOr404(ctx, p.id);
	const b = obj(ctx.body);
	const attrs = b.contact && typeof b.contact === 'object' ? { ...b.contact, ...b } : b;
	validateContact(ctx, attrs, c);
	for (const k of ['name', 'email', 'phone_number', 'identifier']) {
		if (k in attrs) c[k] = present(attrs[k]) ? String(attrs[k]) : k === 'name' ? '' : null;
	}
	if ('blocked' in attrs) c.blocked = truthy(attrs.blocked);
	// Rails merges custom/additional attributes on update
	if (attrs.custom_attributes !== undefined)
		c.custom_attributes = { ...c.custom_attributes, ...obj(attrs.custom_attributes) };
	if (attrs.additional_attributes !== undefined)
		c.additional_attributes = { ...c.additional_attributes, ...obj(attrs.additional_attributes) };
	return { status: 200, body: { payload: J.contactJson(ctx.S, c, false) } };
}

/** @param {any} ctx @param {any} p */
function deleteContact(ctx, p) {
	const S = ctx.S;
	const c = contactOr404(ctx, p.id);
	S.contacts = S.contacts.filter((/** @type {any} */ x) => x !== c);
	S.contactInboxes = S.contactInboxes.filter((/** @type {any} */ x) => x.contact_id !== c.id);
	const gone = S.conversations.filter((/** @type {any} */ x) => x.contact_id === c.id);
	for (const conv of gone) for (const id of conv.message_ids) S.messages.delete(id);
	S.conversations = S.conversations.filter((/** @type {any} */ x) => x.contact_id !== c.id);
	return { status: 200, body: undefined };
}

/** @param {any} ctx @param {any} p */
function createContactInbox(ctx, p) {
	const c = contactOr404(ctx, p.id);
	const b = obj(ctx.body);
	if (!present(b.inbox_id)) throw new HttpError(404, NOT_FOUND);
	const inbox = inboxOr404(ctx, b.inbox_id);
	// Chatwoot's Contacts::ContactInboxesController does not use ContactInboxBuilder: without a
	// source_id it stores a random UUID whatever the channel (WhatsApp/SMS/email cannot deliver to it).
	const ci = buildContactInbox(
		ctx,
		c,
		inbox,
		present(b.source_id) ? b.source_id : crypto.randomUUID(),
	);
	return {
		status: 200,
		body: {
			id: ci.id,
			contact_id: ci.contact_id,
			inbox_id: ci.inbox_id,
			source_id: ci.source_id,
			hmac_verified: ci.hmac_verified,
			inbox: J.inboxSlimJson(inbox),
		},
	};
}

/** @param {any} ctx @param {any} p */
function contactConversations(ctx, p) {
	const S = ctx.S;
	const c = contactOr404(ctx, p.id);
	const list = S.conversations
		.filter((/** @type {any} */ x) => x.contact_id === c.id)
		.sort((/** @type {any} */ a, /** @type {any} */ b) => b.last_activity_at - a.last_activity_at)
		.slice(0, 20);
	return {
		status: 200,
		body: { payload: list.map((/** @type {any} */ conv) => J.conversationJson(S, conv)) },
	};
}

/** @param {any} ctx @param {any} p */
function contactableInboxes(ctx, p) {
	const S = ctx.S;
	const c = contactOr404(ctx, p.id);
	/** @type {any[]} */
	const out = [];
	for (const inbox of S.inboxes) {
		const existing = S.contactInboxes.find(
			(/** @type {any} */ ci) => ci.contact_id === c.id && ci.inbox_id === inbox.id,
		);
		let sid = existing ? existing.source_id : null;
		if (!sid) {
			if (inbox.channel_type === 'Channel::Whatsapp')
				sid = c.phone_number ? c.phone_number.replace(/^\+/, '') : null;
			else if (inbox.channel_type === 'Channel::TwilioSms')
				sid = c.phone_number
					? inbox.medium === 'whatsapp'
						? `whatsapp:${c.phone_number}`
						: c.phone_number
					: null;
			else if (inbox.channel_type === 'Channel::Email') sid = c.email || null;
			else if (inbox.channel_type === 'Channel::Api') sid = fakeUuid(90000 + c.id * 10 + inbox.id);
			else continue; // web widget: only the visitor's own session
		}
		if (sid) out.push({ source_id: sid, inbox: J.inboxJson(inbox) });
	}
	return { status: 200, body: { payload: out } };
}

// ---------------------------------------------------------------- agents, teams, labels, webhooks

/** @param {any} ctx */
function listAgents(ctx) {
	return { status: 200, body: ctx.S.agents.map((/** @type {any} */ a) => J.agentJson(ctx.S, a)) };
}
/** @param {any} ctx */
function listTeams(ctx) {
	return { status: 200, body: ctx.S.teams.map((/** @type {any} */ t) => J.teamJson(ctx.S, t, 1)) };
}
/** @param {any} ctx */
function listLabels(ctx) {
	return { status: 200, body: { payload: ctx.S.labels.map(J.labelJson) } };
}
/** @param {any} ctx */
function listWebhooks(ctx) {
	return {
		status: 200,
		body: {
			payload: { webhooks: ctx.S.webhooks.map((/** @type {any} */ w) => J.webhookJson(ctx.S, w)) },
		},
	};
}

/** @param {any} ctx @param {any} attrs @param {any} [self] */
function validateWebhook(ctx, attrs, self) {
	/** @type {string[]} */
	const msgs = [];
	/** @type {string[]} */
	const fields = [];
	if (attrs.url !== undefined || !self) {
		let ok = false;
		try {
			const u = new URL(String(attrs.url || ''));
			ok = u.protocol === 'http:' || u.protocol === 'https:';
		} catch {
			ok = false;
		}
		if (!ok) {
			msgs.push('Url is invalid');
			fields.push('url');
		} else if (
			ctx.S.webhooks.some((/** @type {any} */ w) => w !== self && w.url === String(attrs.url))
		) {
			msgs.push('Url has already been taken');
			fields.push('url');
		}
	}
	if (attrs.subscriptions !== undefined || !self) {
		const subs = attrs.subscriptions;
		if (
			!Array.isArray(subs) ||
			subs.length === 0 ||
			subs.some((s) => !WEBHOOK_EVENTS.includes(String(s)))
		) {
			msgs.push('Subscriptions Invalid events');
			fields.push('subscriptions');
		}
	}
	if (present(attrs.inbox_id) && !J.findInbox(ctx.S, Number(attrs.inbox_id)))
		throw new HttpError(404, NOT_FOUND);
	if (msgs.length) throw recordInvalid(msgs, fields);
}

/** @param {any} b */
function webhookAttrs(b) {
	b = obj(b);
	// Rails wrap_parameters: top-level url/name/subscriptions/inbox_id are wrapped into `webhook`.
	const w = obj(b.webhook);
	/** @type {any} */
	const out = {};
	for (const k of ['url', 'name', 'subscriptions', 'inbox_id']) {
		if (w[k] !== undefined) out[k] = w[k];
		else if (b[k] !== undefined) out[k] = b[k];
	}
	return out;
}

/** @param {any} ctx */
function createWebhook(ctx) {
	const S = ctx.S;
	const a = webhookAttrs(ctx.body);
	validateWebhook(ctx, a);
	const w = {
		id: ++S.counters.webhook,
		account_id: 1,
		url: String(a.url),
		name: present(a.name) ? String(a.name) : null,
		subscriptions: a.subscriptions.map(String),
		inbox_id: present(a.inbox_id) ? Number(a.inbox_id) : null,
		secret: crypto.randomBytes(12).toString('hex'),
	};
	S.webhooks.push(w);
	return { status: 200, body: { payload: { webhook: J.webhookJson(S, w) } } };
}

/** @param {any} ctx @param {any} p */
function updateWebhook(ctx, p) {
	const S = ctx.S;
	const w = S.webhooks.find((/** @type {any} */ x) => x.id === Number(p.webhook_id));
	if (!w) throw new HttpError(404, NOT_FOUND);
	const a = webhookAttrs(ctx.body);
	validateWebhook(ctx, a, w);
	if (a.url !== undefined) w.url = String(a.url);
	if (a.name !== undefined) w.name = a.name;
	if (a.subscriptions !== undefined) w.subscriptions = a.subscriptions.map(String);
	if (a.inbox_id !== undefined) w.inbox_id = present(a.inbox_id) ? Number(a.inbox_id) : null;
	return { status: 200, body: { payload: { webhook: J.webhookJson(S, w) } } };
}

/** @param {any} ctx @param {any} p */
function deleteWebhook(ctx, p) {
	const S = ctx.S;
	const w = S.webhooks.find((/** @type {any} */ x) => x.id === Number(p.webhook_id));
	if (!w) throw new HttpError(404, NOT_FOUND);
	S.webhooks = S.webhooks.filter((/** @type {any} */ x) => x !== w);
	return { status: 200, body: undefined };
}

/** @param {any} ctx @param {any} p */
function showAccount(ctx, p) {
	const a = ctx.S.accounts.find((/** @type {any} */ x) => x.id === Number(p.account_id));
	return {
		status: 200,
		body: {
			id: a.id,
			name: a.name,
			locale: 'en',
			domain: null,
			support_email: null,
			status: 'active',
			created_at: new Date(0).toISOString(),
			custom_attributes: {},
			features: {},
		},
	};
}

const A = '/api/v1/accounts/:account_id';
/**
 * Route table. bot: allowed for agent-bot tokens (NOTES "Auth"). account: path has :account_id.
 * Each route is compiled to a regular expression and the names of its `:params`.
 * @type {Array<{method: string, path: string, handler: Function, bot?: boolean, re: RegExp, names: string[]}>}
 */
const ROUTES = [
	{ method: 'GET', path: '/api/v1/profile', handler: getProfile },
	{ method: 'GET', path: `${A}`, handler: showAccount },
	{ method: 'GET', path: `${A}/inboxes`, handler: listInboxes },
	{ method: 'GET', path: `${A}/inboxes/:id`, handler: showInbox },
	{ method: 'POST', path: `${A}/inboxes/:id/sync_templates`, handler: syncTemplates },
	{ method: 'GET', path: `${A}/conversations`, handler: listConversations },
	{ method: 'GET', path: `${A}/conversations/meta`, handler: conversationMeta },
	{ method: 'POST', path: `${A}/conversations`, handler: createConversation, bot: true },
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id`,
		handler: showConversation,
		bot: true,
	},
	{
		method: 'PATCH',
		path: `${A}/conversations/:conversation_id`,
		handler: updateConversation,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_status`,
		handler: toggleStatus,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_priority`,
		handler: togglePriority,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_typing_status`,
		handler: toggleTyping,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/custom_attributes`,
		handler: setConversationCustomAttributes,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/assignments`,
		handler: assignConversation,
		bot: true,
	},
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id/labels`,
		handler: listConversationLabels,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/labels`,
		handler: setConversationLabels,
		bot: true,
	},
	{ method: 'GET', path: `${A}/conversations/:conversation_id/messages`, handler: listMessages },
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/messages`,
		handler: createMessageRoute,
		bot: true,
	},
	{
		method: 'DELETE',
		path: `${A}/conversations/:conversation_id/messages/:message_id`,
		handler: deleteMessage,
	},
	{ method: 'GET', path: `${A}/contacts`, handler: listContacts },
	{ method: 'GET', path: `${A}/contacts/search`, handler: searchContacts },
	{ method: 'POST', path: `${A}/contacts`, handler: createContact },
	{ method: 'GET', path: `${A}/contacts/:id`, handler: showContact },
	{ method: 'PUT', path: `${A}/contacts/:id`, handler: updateContact },
	{ method: 'PATCH', path: `${A}/contacts/:id`, handler: updateContact },
	{ method: 'DELETE', path: `${A}/contacts/:id`, handler: deleteContact },
	{ method: 'POST', path: `${A}/contacts/:id/contact_inboxes`, handler: createContactInbox },
	{ method: 'GET', path: `${A}/contacts/:id/conversations`, handler: contactConversations },
	{ method: 'GET', path: `${A}/contacts/:id/contactable_inboxes`, handler: contactableInboxes },
	{ method: 'GET', path: `${A}/agents`, handler: listAgents },
	{ method: 'GET', path: `${A}/teams`, handler: listTeams },
	{ method: 'GET', path: `${A}/labels`, handler: listLabels },
	{ method: 'GET', path: `${A}/webhooks`, handler: listWebhooks },
	{ method: 'POST', path: `${A}/webhooks`, handler: createWebhook },
	{ method: 'PATCH', path: `${A}/webhooks/:webhook_id`, handler: updateWebhook },
	{ method: 'PUT', path: `${A}/webhooks/:webhook_id`, handler: updateWebhook },
	{ method: 'DELETE', path: `${A}/webhooks/:webhook_id`, handler: deleteWebhook },
].map((r) => {
	/** @type {string[]} */
	const names = [];
	const src = r.path
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return seg;
		})
		.join('/');
	return { ...r, re: new RegExp(`^${src}$`), names };
});

/**
 * @param {string} method @param {string} pathname
 * @returns {{route: any, params: Record<string,string>} | {methodMismatch: true} | null}
 */
function matchRoute(method, pathname) {
	let pathMatched = false;
	for (const r of ROUTES) {
		const m = r.re.exec(pathname);
		if (!m) continue;
		// literal segments win over params (contacts/search vs contacts/:id): ROUTES lists literals first per method
		if (r.method !== method) {
			pathMatched = true;
			continue;
		}
		/** @type {Record<string,string>} */
		const params = {};
		r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
		return { route: r, params };
	}
	return pathMatched ? { methodMismatch: true } : null;
}

module.exports = { ROUTES, matchRoute, NOT_FOUND, HttpError };
