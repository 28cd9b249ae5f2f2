// @ts-check
'use strict';

/** Sandbox routes for contacts, their contact inboxes and conversations. */

const crypto = require('crypto');
const { HttpError } = require('./messages');
const { present, truthy } = require('./params');
const { fakeUuid } = require('./seed');
const J = require('./serializers');
const { NOT_FOUND, contactOr404, inboxOr404, obj, paginate, recordInvalid } = require('./lookups');
const { buildContactInbox } = require('./conversationRoutes');
const { contactColumns } = require('./webhookPayloads');

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
	return contactsPage(S, all, ctx.query.page, withInboxes);
}

/**
 * The answer of the contacts index and search: 15 a page, `{meta: {count, current_page}, payload}`.
 * @param {any} S @param {any[]} all @param {unknown} pageParam @param {boolean} withInboxes
 */
function contactsPage(S, all, pageParam, withInboxes) {
	const page = Math.max(1, Number.parseInt(String(pageParam || 1), 10) || 1);
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
	return contactsPage(S, all, ctx.query.page, true);
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
	ctx.emit('contactCreated', c);
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
	const before = contactColumns(c);
	for (const k of ['name', 'email', 'phone_number', 'identifier']) {
		if (k in attrs) c[k] = present(attrs[k]) ? String(attrs[k]) : k === 'name' ? '' : null;
	}
	if ('blocked' in attrs) c.blocked = truthy(attrs.blocked);
	// Rails merges custom/additional attributes on update
	if (attrs.custom_attributes !== undefined)
		c.custom_attributes = { ...c.custom_attributes, ...obj(attrs.custom_attributes) };
	if (attrs.additional_attributes !== undefined)
		c.additional_attributes = { ...c.additional_attributes, ...obj(attrs.additional_attributes) };
	ctx.emit('contactUpdated', c, before);
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

module.exports = {
	contactConversations,
	contactableInboxes,
	createContact,
	createContactInbox,
	deleteContact,
	listContacts,
	searchContacts,
	showContact,
	updateContact,
};
