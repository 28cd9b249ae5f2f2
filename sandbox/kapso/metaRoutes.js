// @ts-check
'use strict';

/**
 * The Meta proxy `/meta/whatsapp/v24.0/...`: sends and read receipts, media, WABA templates and
 * Kapso's extensions (conversations, contacts, message history). Each handler gets (ctx, params)
 * and returns {status, body} or throws an ApiError.
 */

const crypto = require('crypto');
const { ApiError, metaError, metaUnknownObject, kapsoError } = require('./errors');
const { MEDIA_KINDS, isObject } = require('./sendChecks');
const { performSend, markRead } = require('./sending');
const { cursorPage } = require('./paging');
const { conversationPayload } = require('./events');
const store = require('./store');

const invalidCursor = () => metaError(100, 'Invalid cursor', { rule: 'meta:param' });
/** @param {any} ctx */
const pageCtx = (ctx) => ({ violate: ctx.violate, selfUrl: ctx.selfUrl, invalidCursor });

/** The caller's phone number, or Meta's "object does not exist". @param {any} ctx @param {string} id */
function ownPhoneNumber(ctx, id) {
	const pn = store.phoneNumberById(ctx.S, id);
	if (!pn) throw metaUnknownObject(id);
	if (pn.project_id !== ctx.project.id) throw metaUnknownObject(id, 'auth:other-project');
	return pn;
}

/** @param {any} ctx */
function jsonBody(ctx) {
	if (!isObject(ctx.body) || ctx.bodyKind !== 'json')
		throw metaError(100, 'The request body must be a JSON object', { rule: 'meta:param' });
	return ctx.body;
}

/** POST /{phone_number_id}/messages: a send, or a read receipt. */
function postMessages(/** @type {any} */ ctx, /** @type {any} */ p) {
	const pn = ownPhoneNumber(ctx, p.phone_number_id);
	const body = jsonBody(ctx);
	if (body.status !== undefined) {
		if (body.status !== 'read')
			throw metaError(100, 'Param status must be "read"', { rule: 'meta:param' });
		return { status: 200, body: markRead(ctx, pn, body) };
	}
	return { status: 200, body: performSend(ctx, pn, body).response };
}

/** `fields=kapso(default)` or `kapso(a,b)` → the kapso fields asked for, or null. @param {any} ctx */
function kapsoFields(ctx) {
	const f = ctx.query.fields;
	if (f === undefined) return null;
	const m = /^kapso\(([^)]*)\)$/.exec(String(f).trim());
	if (!m) {
		ctx.violate('notes:fields', `fields=${f}: only kapso(default) or kapso(field,…) is documented`);
		return null;
	}
	if (m[1].trim() === 'default') return store.KAPSO_DEFAULT_FIELDS;
	const asked = m[1]
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	for (const a of asked)
		if (!store.KAPSO_DEFAULT_FIELDS.includes(a) && !['contact_name', 'conversation_id'].includes(a))
			ctx.violate('notes:fields', `kapso field ${a} is not known`);
	return asked;
}

/** A bad query parameter, in the error shape of the surface. @param {string} surface @param {string} m */
const queryError = (surface, m) =>
	surface === 'meta'
		? metaError(100, `Param ${m}`, { rule: 'meta:param' })
		: kapsoError(400, m, 'platform:validation');

/** @param {any} ctx @param {string} name @param {string} [surface] @returns {number|null} */
function timeQuery(ctx, name, surface = 'meta') {
	const v = ctx.query[name];
	if (v === undefined || v === '') return null;
	const ms = /^\d+$/.test(String(v)) ? Number(v) * 1000 : Date.parse(String(v));
	if (Number.isNaN(ms))
		throw queryError(surface, `${name} must be an ISO 8601 time or a unix timestamp`);
	return ms;
}

/** @param {any} ctx @param {string} name @param {string[]} allowed @param {string} [surface] */
function enumQuery(ctx, name, allowed, surface = 'meta') {
	const v = ctx.query[name];
	if (v === undefined || v === '') return null;
	if (!allowed.includes(String(v)))
		throw queryError(surface, `${name} must be one of {${allowed.join(', ')}}`);
	return String(v);
}

/** Messages of a number, filtered, newest first. @param {any} ctx @param {any[]} list */
function filterMessages(ctx, list, surface = 'meta') {
	const since = timeQuery(ctx, 'since', surface);
	const until = timeQuery(ctx, 'until', surface);
	const direction = enumQuery(ctx, 'direction', ['inbound', 'outbound'], surface);
	const status = enumQuery(
		ctx,
		'status',
		['pending', 'sent', 'delivered', 'read', 'failed', 'received'],
		surface,
	);
	const q = ctx.query;
	return list
		.filter((m) => !q.conversation_id || m.conversation_id === q.conversation_id)
		.filter((m) => !direction || m.direction === direction)
		.filter((m) => !status || m.status === status)
		.filter((m) => since === null || m.created_at >= since)
		.filter((m) => until === null || m.created_at <= until)
		.sort((a, b) => b.created_at - a.created_at || (b.wamid < a.wamid ? -1 : 1));
}

function listMessages(/** @type {any} */ ctx, /** @type {any} */ p) {
	const pn = ownPhoneNumber(ctx, p.phone_number_id);
	const fields = kapsoFields(ctx);
	const list = filterMessages(
		ctx,
		ctx.S.messages.filter((/** @type {any} */ m) => m.phone_number_id === pn.phone_number_id),
	);
	const page = cursorPage(list, ctx.query, pageCtx(ctx));
	return {
		status: 200,
		body: { data: page.data.map((m) => store.metaMessage(ctx.S, m, fields)), paging: page.paging },
	};
}

/** POST /{phone_number_id}/media (multipart `file`, `messaging_product`). */
function uploadMedia(/** @type {any} */ ctx, /** @type {any} */ p) {
	const pn = ownPhoneNumber(ctx, p.phone_number_id);
	const fail = (/** @type {string} */ d) => metaError(131053, d, { rule: 'meta:media' });
	if (ctx.bodyKind !== 'multipart')
		throw fail('media upload must be multipart/form-data with a file field');
	if (ctx.fields.messaging_product !== 'whatsapp')
		throw fail('the messaging_product field must be "whatsapp"');
	const file = ctx.files.find((/** @type {any} */ f) => f.field === 'file');
	if (!file) throw fail('the file field is missing');
	for (const f of ctx.files)
		if (f.field !== 'file')
			ctx.violate('meta:media', `file in field ${f.field}: only "file" is read`);
	const mime = String(ctx.fields.type || file.mimeType || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const kinds = /** @type {Record<string, {types: string[], max: number}>} */ (MEDIA_KINDS);
	const kind = Object.keys(kinds).find((k) => kinds[k].types.includes(mime));
	if (!kind) throw fail(`media type ${mime || '(none)'} is not supported`);
	if (file.size > kinds[kind].max)
		throw fail(
			`${kind} files must be at most ${kinds[kind].max / 1024 / 1024} MB (got ${file.size} bytes)`,
		);
	if (file.size === 0) throw fail('the file is empty');
	const id = `${7000000000000000 + store.nextId(ctx.S, 'media')}`;
	ctx.S.media.set(id, {
		id,
		phone_number_id: pn.phone_number_id,
		mime_type: mime,
		bytes: file.data,
		file_size: file.size,
		sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
		filename: file.filename || null,
		deleted: false,
	});
	return { status: 200, body: { id } };
}

/** The media of a `/{media_id}?phone_number_id=` call. @param {any} ctx @param {string} id */
function ownMedia(ctx, id) {
	const pnId = ctx.query.phone_number_id;
	if (!pnId)
		throw kapsoError(
			400,
			'phone_number_id query parameter is required for media requests with X-API-Key',
			'notes:media-phone_number_id',
		);
	const pn = ownPhoneNumber(ctx, pnId);
	const media = ctx.S.media.get(String(id));
	if (!media || media.deleted || media.phone_number_id !== pn.phone_number_id)
		throw metaUnknownObject(id);
	return media;
}

function getMedia(/** @type {any} */ ctx, /** @type {any} */ p) {
	const m = ownMedia(ctx, p.id);
	return {
		status: 200,
		body: {
			messaging_product: 'whatsapp',
			url: store.mediaDownloadUrl(ctx.S, m.id),
			mime_type: m.mime_type,
			sha256: m.sha256,
			file_size: m.file_size,
			id: m.id,
		},
	};
}

function deleteMedia(/** @type {any} */ ctx, /** @type {any} */ p) {
	ownMedia(ctx, p.id).deleted = true;
	return { status: 200, body: { success: true } };
}

/** GET /media/{id}/download?expires=&signature= (the URL getMedia gives). */
function downloadMedia(/** @type {any} */ ctx, /** @type {any} */ p) {
	const m = ctx.S.media.get(String(p.id));
	const expires = Number(ctx.query.expires);
	const good =
		m &&
		!m.deleted &&
		ctx.query.signature === store.mediaSignature(m.id, expires) &&
		expires * 1000 > ctx.S.now();
	if (!good) throw kapsoError(404, 'Media URL expired', 'notes:media-url');
	return { status: 200, raw: m.bytes, headers: { 'content-type': m.mime_type } };
}

/** @param {any} t */
const metaTemplate = (t) => ({
	name: t.name,
	parameter_format: t.parameter_format,
	components: t.components,
	language: t.language,
	status: t.status,
	category: t.category,
	id: t.id,
});

function listTemplates(/** @type {any} */ ctx, /** @type {any} */ p) {
	const waba = String(p.business_account_id);
	const owner = ctx.S.phoneNumbers.find((/** @type {any} */ n) => n.business_account_id === waba);
	if (!owner) throw metaUnknownObject(waba);
	if (owner.project_id !== ctx.project.id) throw metaUnknownObject(waba, 'auth:other-project');
	const q = ctx.query;
	const status = enumQuery(ctx, 'status', [
		'APPROVED',
		'PENDING',
		'REJECTED',
		'PAUSED',
		'DISABLED',
		'IN_APPEAL',
	]);
	const category = enumQuery(ctx, 'category', ['MARKETING', 'UTILITY', 'AUTHENTICATION']);
	const list = ctx.S.templates
		.filter((/** @type {any} */ t) => t.waba_id === waba)
		.filter(
			(/** @type {any} */ t) =>
				!q.name || t.name.toLowerCase().includes(String(q.name).toLowerCase()),
		)
		.filter((/** @type {any} */ t) => !status || t.status === status)
		.filter((/** @type {any} */ t) => !category || t.category === category)
		.filter((/** @type {any} */ t) => !q.language || t.language === q.language);
	const page = cursorPage(list, q, pageCtx(ctx), 25);
	return { status: 200, body: { data: page.data.map(metaTemplate), paging: page.paging } };
}

/** Conversations of one number (or all the project's), filtered, most recently active first. */
function filterConversations(/** @type {any} */ ctx, /** @type {any[]} */ list, surface = 'meta') {
	const q = ctx.query;
	const status = enumQuery(ctx, 'status', ['active', 'ended'], surface);
	const since = timeQuery(ctx, 'last_active_since', surface);
	const until = timeQuery(ctx, 'last_active_until', surface);
	const phone = q.phone_number ? String(q.phone_number).replace(/\D/g, '') : null;
	return list
		.map((c) => ({ c, j: store.conversationJson(ctx.S, c) }))
		.filter(({ c }) => !phone || c.wa_id === phone)
		.filter(({ c }) => !status || c.status === status)
		.filter(({ j }) => since === null || Date.parse(j.last_active_at) >= since)
		.filter(({ j }) => until === null || Date.parse(j.last_active_at) <= until)
		.sort((a, b) => Date.parse(b.j.last_active_at) - Date.parse(a.j.last_active_at))
		.map(({ j }) => j);
}

function listConversations(/** @type {any} */ ctx, /** @type {any} */ p) {
	const pn = ownPhoneNumber(ctx, p.phone_number_id);
	const list = filterConversations(
		ctx,
		ctx.S.conversations.filter((/** @type {any} */ c) => c.phone_number_id === pn.phone_number_id),
	);
	return { status: 200, body: cursorPage(list, ctx.query, pageCtx(ctx)) };
}

/** @param {any} ctx @param {any} p */
function ownConversation(ctx, p) {
	if (p.phone_number_id) ownPhoneNumber(ctx, p.phone_number_id);
	const c = ctx.S.conversations.find((/** @type {any} */ x) => x.id === p.id);
	if (!c || (p.phone_number_id && c.phone_number_id !== p.phone_number_id))
		throw kapsoError(404, 'Conversation not found', 'route:unknown-id');
	if (c.project_id !== ctx.project.id)
		throw kapsoError(404, 'Conversation not found', 'auth:other-project');
	return c;
}

function getConversation(/** @type {any} */ ctx, /** @type {any} */ p) {
	return { status: 200, body: { data: store.conversationJson(ctx.S, ownConversation(ctx, p)) } };
}

/** Set a conversation's status (shared with the legacy PATCH); ending one sends conversation.ended. */
function setConversationStatus(
	/** @type {any} */ ctx,
	/** @type {any} */ c,
	/** @type {any} */ status,
	/** @type {(m: string) => Error} */ fail,
) {
	if (!['active', 'ended'].includes(status))
		throw fail(`status must be active or ended (got ${JSON.stringify(status)})`);
	const was = c.status;
	c.status = status;
	c.updated_at = ctx.S.now();
	if (status === 'ended' && was !== 'ended')
		ctx.emit(c.phone_number_id, 'whatsapp.conversation.ended', conversationPayload(ctx.S, c));
}

function patchConversation(/** @type {any} */ ctx, /** @type {any} */ p) {
	const c = ownConversation(ctx, p);
	const body = jsonBody(ctx);
	setConversationStatus(ctx, c, body.status, (m) => metaError(100, m, { rule: 'meta:param' }));
	return { status: 200, body: { success: true } };
}

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

module.exports = {
	postMessages,
	listMessages,
	filterMessages,
	uploadMedia,
	getMedia,
	deleteMedia,
	downloadMedia,
	listTemplates,
	listConversations,
	filterConversations,
	getConversation,
	patchConversation,
	setConversationStatus,
	listContacts,
	getContact,
	patchContact,
	ApiError,
};
