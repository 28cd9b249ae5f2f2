// @ts-check
'use strict';

/**
 * The in-memory data and how each surface shows it: lookups scoped to the caller's project,
 * conversations and contacts made on first contact, messages stored with their status history,
 * and the JSON shapes of the proxy (Meta message + `kapso`), the Platform API and the legacy API.
 */

const crypto = require('crypto');
const { HOUR } = require('./seed');

const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
const unix = (/** @type {number} */ ms) => String(Math.floor(ms / 1000));
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const MEDIA_URL_TTL_MS = 5 * 60 * 1000;

/** @param {any} S @param {string} kind */
function nextId(S, kind) {
	S.counters[kind] += 1;
	return S.counters[kind];
}

/** @param {any} S @param {string} id */
const phoneNumberById = (S, id) =>
	S.phoneNumbers.find((/** @type {any} */ p) => p.phone_number_id === String(id));

/** @param {any} S @param {any} pn @param {string} waId */
const contactFor = (S, pn, waId) =>
	S.contacts.find((/** @type {any} */ c) => c.project_id === pn.project_id && c.wa_id === waId);

/** @param {any} S @param {string} pnId @param {string} waId */
function lastInboundAt(S, pnId, waId) {
	let last = null;
	for (const m of S.messages)
		if (m.phone_number_id === pnId && m.wa_id === waId && m.direction === 'inbound')
			if (last === null || m.created_at > last) last = m.created_at;
	return last;
}

/** @param {any} S @param {number|null} last */
const insideWindow = (S, last) => last !== null && S.now() - last < 24 * HOUR;

/** @param {any} S @param {any} pn @param {string} waId @param {string} [profileName] */
function findOrCreateContact(S, pn, waId, profileName) {
	let c = contactFor(S, pn, waId);
	if (!c) {
		const n = 1000 + nextId(S, 'contact');
		const at = iso(S.now());
		c = {
			id: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
			project_id: pn.project_id,
			wa_id: waId,
			profile_name: profileName || null,
			display_name: profileName || null,
			business_scoped_user_id: null,
			customer_id: null,
			metadata: {},
			phone_number_ids: [],
			created_at: at,
			updated_at: at,
		};
		S.contacts.push(c);
	}
	if (!c.phone_number_ids.includes(pn.phone_number_id)) c.phone_number_ids.push(pn.phone_number_id);
	return c;
}

/**
 * The active conversation of a recipient on a number, or a new one.
 * @param {any} S @param {any} pn @param {string} waId
 */
function findOrCreateConversation(S, pn, waId) {
	const existing = S.conversations.find(
		(/** @type {any} */ c) =>
			c.phone_number_id === pn.phone_number_id && c.wa_id === waId && c.status === 'active',
	);
	if (existing) return { conversation: existing, isNew: false };
	const n = 1000 + nextId(S, 'conversation');
	const conversation = {
		id: `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		project_id: pn.project_id,
		phone_number_id: pn.phone_number_id,
		wa_id: waId,
		status: 'active',
		metadata: {},
		created_at: S.now(),
		updated_at: S.now(),
	};
	S.conversations.push(conversation);
	return { conversation, isNew: true };
}

/** @param {any} S @param {string} conversationId */
const messagesOf = (S, conversationId) =>
	S.messages.filter((/** @type {any} */ m) => m.conversation_id === conversationId);

/** @param {string} mediaId @param {number} expires */
const mediaSignature = (mediaId, expires) =>
	crypto.createHmac('sha256', 'kapso-sandbox-media').update(`${mediaId}.${expires}`).digest('hex');

/** The short-lived download URL of an uploaded media (about 5 minutes, NOTES §2c). */
function mediaDownloadUrl(/** @type {any} */ S, /** @type {string} */ mediaId) {
	const expires = Math.floor((S.now() + MEDIA_URL_TTL_MS) / 1000);
	return `${S.baseUrl}/media/${mediaId}/download?expires=${expires}&signature=${mediaSignature(mediaId, expires)}`;
}

/** @param {any} S @param {any} m the media part of a message (`{id}` or `{link}`) */
function mediaInfo(S, m) {
	if (!m) return null;
	if (m.link)
		return { url: m.link, filename: m.filename || null, content_type: null, byte_size: null };
	const media = S.media.get(String(m.id));
	if (!media) return null;
	return {
		url: mediaDownloadUrl(S, media.id),
		filename: m.filename || media.filename,
		content_type: media.mime_type,
		byte_size: media.file_size,
	};
}

/** A readable rendering of a message (`kapso.content`, legacy `content`). */
function messageContent(/** @type {any} */ S, /** @type {any} */ m) {
	const c = m.content || {};
	if (m.type === 'text') return c.body;
	if (MEDIA_TYPES.includes(m.type)) {
		const info = mediaInfo(S, c);
		const kind = m.type[0].toUpperCase() + m.type.slice(1);
		const parts = [
			c.caption,
			`${kind} attached${info && info.filename ? ` (${info.filename})` : ''}`,
		];
		if (info) parts.push(`URL: ${info.url}`);
		return parts.filter(Boolean).join(' ');
	}
	if (m.type === 'location')
		return `Location: ${[c.name, c.address].filter(Boolean).join(', ')} (${c.latitude}, ${c.longitude})`;
	if (m.type === 'contacts')
		return `Contacts: ${(c || []).map((/** @type {any} */ x) => x?.name?.formatted_name).join(', ')}`;
	if (m.type === 'reaction') return `Reacted ${c.emoji || '(removed)'}`;
	if (m.type === 'button') return c.text;
	if (m.type === 'interactive') {
		if (c.type === 'button_reply') return c.button_reply.title;
		if (c.type === 'list_reply') return c.list_reply.title;
		return c.body?.text;
	}
	if (m.type === 'template') return m.rendered || `Template: ${c.name}`;
	return '';
}

/** @param {any} m */
function messageTypeData(m) {
	const c = m.content || {};
	if (MEDIA_TYPES.includes(m.type)) {
		/** @type {Record<string, any>} */
		const d = {};
		if (c.caption) d.caption = c.caption;
		if (c.filename) d.filename = c.filename;
		if (c.voice) d.voice = true;
		return d;
	}
	if (m.type === 'template')
		return { name: c.name, language: c.language?.code, components: c.components || [] };
	if (m.type === 'interactive' || m.type === 'location' || m.type === 'reaction') return c;
	if (m.type === 'contacts') return { contacts: c };
	return undefined;
}

const KAPSO_DEFAULT_FIELDS = [
	'direction',
	'status',
	'processing_status',
	'origin',
	'has_media',
	'content',
	'media_url',
	'media_data',
	'message_type_data',
	'statuses',
];

/**
 * A message as Meta shows it, with the `kapso` block when asked for.
 * @param {any} S @param {any} m @param {string[]|null} kapsoFields null = no kapso block
 */
function metaMessage(S, m, kapsoFields = KAPSO_DEFAULT_FIELDS) {
	const pn = phoneNumberById(S, m.phone_number_id);
	/** @type {Record<string, any>} */
	const out = { id: m.wamid, timestamp: unix(m.created_at), type: m.type };
	if (m.direction === 'inbound') out.from = m.wa_id;
	else out.to = m.wa_id;
	if (m.context) out.context = { from: pn?.display_phone_number_normalized, id: m.context };
	out[m.type] = m.content;
	if (!kapsoFields) return out;
	const info = MEDIA_TYPES.includes(m.type) ? mediaInfo(S, m.content) : null;
	/** @type {Record<string, any>} */
	const all = {
		direction: m.direction,
		status: m.status,
		processing_status: m.direction === 'inbound' ? 'pending' : 'completed',
		origin: m.origin || 'cloud_api',
		has_media: MEDIA_TYPES.includes(m.type),
		content: messageContent(S, m),
	};
	if (info) {
		all.media_url = info.url;
		all.media_data = info;
	}
	const typeData = messageTypeData(m);
	if (typeData !== undefined) all.message_type_data = typeData;
	if (m.statuses.length) all.statuses = m.statuses;
	/** @type {Record<string, any>} */
	const kapso = {};
	for (const f of kapsoFields) if (f in all) kapso[f] = all[f];
	out.kapso = kapso;
	return out;
}

/** @param {any} S @param {any} conv @param {{kapso?: boolean}} [o] */
function conversationJson(S, conv, o = { kapso: true }) {
	/** @type {any[]} */
	const msgs = messagesOf(S, conv.id);
	const last = msgs.reduce((a, m) => (!a || m.created_at >= a.created_at ? m : a), null);
	const lastAt = (/** @type {string} */ dir) =>
		msgs.filter((m) => m.direction === dir).reduce((a, m) => Math.max(a, m.created_at), 0);
	const lastActive = Math.max(conv.updated_at, last ? last.created_at : 0);
	/** @type {Record<string, any>} */
	const out = {
		id: conv.id,
		phone_number: `+${conv.wa_id}`,
		status: conv.status,
		last_active_at: iso(lastActive),
		created_at: iso(conv.created_at),
		updated_at: iso(Math.max(conv.updated_at, lastActive)),
		metadata: conv.metadata,
		phone_number_id: conv.phone_number_id,
	};
	if (o.kapso) {
		const contact = S.contacts.find(
			(/** @type {any} */ c) => c.project_id === conv.project_id && c.wa_id === conv.wa_id,
		);
		const inbound = lastAt('inbound');
		const outbound = lastAt('outbound');
		out.kapso = {
			contact_name: contact ? contact.profile_name : null,
			messages_count: msgs.length,
			last_message_id: last ? last.wamid : null,
			last_message_type: last ? last.type : null,
			last_message_timestamp: last ? iso(last.created_at) : null,
			last_message_text: last ? messageContent(S, last) : null,
			last_inbound_at: inbound ? iso(inbound) : null,
			last_outbound_at: outbound ? iso(outbound) : null,
		};
	}
	return out;
}

/** @param {any} c */
function contactJson(c) {
	const { project_id, phone_number_ids, ...rest } = c;
	return rest;
}

/** A message as the legacy API's WhatsappMessage. */
function legacyMessage(/** @type {any} */ S, /** @type {any} */ m) {
	const info = MEDIA_TYPES.includes(m.type) ? mediaInfo(S, m.content) : null;
	return {
		id: m.kapso_id,
		phone_number: `+${m.wa_id}`,
		message_type: m.type,
		content: messageContent(S, m),
		direction: m.direction,
		status: m.status,
		processing_status: 'processed',
		whatsapp_message_id: m.wamid,
		metadata: m.metadata || {},
		media_url: info ? info.url : null,
		message_type_data: messageTypeData(m) || {},
		created_at: iso(m.created_at),
		updated_at: iso(m.updated_at || m.created_at),
	};
}

/** A conversation as the legacy API shows it. */
function legacyConversation(/** @type {any} */ S, /** @type {any} */ conv) {
	const j = conversationJson(S, conv);
	const pn = phoneNumberById(S, conv.phone_number_id);
	return {
		id: conv.id,
		phone_number: j.phone_number,
		status: conv.status,
		last_active_at: j.last_active_at,
		contact_name: j.kapso.contact_name,
		whatsapp_config_id: pn.internal_id,
		created_at: j.created_at,
		updated_at: j.updated_at,
	};
}

/** A phone number as the Platform API shows it. */
function platformPhoneNumber(/** @type {any} */ p) {
	return {
		id: p.phone_number_id,
		internal_id: p.internal_id,
		phone_number_id: p.phone_number_id,
		name: p.name,
		business_account_id: p.business_account_id,
		display_name: p.name,
		display_phone_number: p.display_phone_number,
		display_phone_number_normalized: p.display_phone_number_normalized,
		verified_name: p.verified_name,
		quality_rating: p.quality_rating,
		status: p.status,
		is_coexistence: false,
		inbound_processing_enabled: true,
		calls_enabled: false,
		customer_id: p.customer_id,
		created_at: p.created_at,
		updated_at: p.updated_at,
	};
}

/** A phone number as the legacy API's WhatsappConfig. */
function legacyConfig(/** @type {any} */ p) {
	return {
		id: p.internal_id,
		name: p.name,
		display_name: `${p.name} (${p.display_phone_number})`,
		phone_number_id: p.phone_number_id,
		business_account_id: p.business_account_id,
		kind: 'production',
		display_phone_number: p.display_phone_number,
		display_phone_number_normalized: p.display_phone_number_normalized,
		is_coexistence: false,
		webhook_verified_at: p.created_at,
		customer_id: p.customer_id,
		inbound_processing_enabled: true,
		calls_enabled: false,
		created_at: p.created_at,
		updated_at: p.updated_at,
	};
}

/**
 * Store a message (either direction) in its conversation; return the message and whether the
 * conversation is new.
 * @param {any} S @param {any} pn @param {{waId: string, direction: 'inbound'|'outbound', type: string, content: any, context?: string|null, profileName?: string, biz_opaque_callback_data?: string, rendered?: string}} o
 */
function storeMessage(S, pn, o) {
	const contact = findOrCreateContact(S, pn, o.waId, o.profileName);
	if (o.profileName && o.direction === 'inbound') contact.profile_name = o.profileName;
	const { conversation, isNew } = findOrCreateConversation(S, pn, o.waId);
	const n = nextId(S, 'message');
	const at = S.now();
	const m = {
		kapso_id: `e0000000-0000-4000-8000-${String(900000 + n).padStart(12, '0')}`,
		wamid: `wamid.SANDBOX${o.direction === 'inbound' ? 'IN' : 'OUT'}${String(n).padStart(6, '0')}`,
		phone_number_id: pn.phone_number_id,
		conversation_id: conversation.id,
		wa_id: o.waId,
		direction: o.direction,
		type: o.type,
		content: o.content,
		context: o.context || null,
		status: o.direction === 'inbound' ? 'received' : 'sent',
		statuses: /** @type {any[]} */ ([]),
		created_at: at,
		updated_at: at,
		origin: 'cloud_api',
		biz_opaque_callback_data: o.biz_opaque_callback_data,
		rendered: o.rendered,
	};
	if (o.direction === 'outbound') m.statuses.push(statusObject(m, 'sent', at));
	S.messages.push(m);
	conversation.updated_at = at;
	return { message: m, conversation, isNew };
}

/**
 * A raw Meta status object (what `kapso.statuses` holds).
 * @param {any} m @param {string} status @param {number} at @param {any[]} [errors]
 */
function statusObject(m, status, at, errors) {
	/** @type {Record<string, any>} */
	const s = { id: m.wamid, status, timestamp: unix(at), recipient_id: m.wa_id };
	if (status !== 'failed')
		s.pricing = {
			billable: m.type === 'template',
			pricing_model: 'PMP',
			category: m.type === 'template' ? 'utility' : 'service',
		};
	if (m.biz_opaque_callback_data) s.biz_opaque_callback_data = m.biz_opaque_callback_data;
	if (errors) s.errors = errors;
	return s;
}

module.exports = {
	iso,
	unix,
	MEDIA_TYPES,
	MEDIA_URL_TTL_MS,
	KAPSO_DEFAULT_FIELDS,
	nextId,
	phoneNumberById,
	contactFor,
	lastInboundAt,
	insideWindow,
	findOrCreateContact,
	findOrCreateConversation,
	messagesOf,
	mediaSignature,
	mediaDownloadUrl,
	messageContent,
	metaMessage,
	conversationJson,
	contactJson,
	legacyMessage,
	legacyConversation,
	platformPhoneNumber,
	legacyConfig,
	storeMessage,
	statusObject,
};
