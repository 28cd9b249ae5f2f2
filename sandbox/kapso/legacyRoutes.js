// @ts-check
'use strict';

/**
 * The legacy API `app.kapso.ai/api/v1/...` (NOTES §2a, §2b, §3, §4): `{message:{…}}` sends by
 * conversation or phone number, send_template by Kapso template uuid, conversations, contacts
 * and templates with ransack `q[...]` filters and page numbers. A send is turned into the Meta
 * body Kapso would send and goes through the same checks; Meta's errors come back as 422
 * `{error, message}`.
 */

const { ApiError, legacyError } = require('./errors');
const { isObject } = require('./sendChecks');
const { performSend } = require('./sending');
const { legacyComponents, templateParts } = require('./templateChecks');
const { numberedPage } = require('./paging');
const { setConversationStatus } = require('./metaRoutes');
const store = require('./store');

const TYPES = [
	'text',
	'image',
	'video',
	'audio',
	'document',
	'template',
	'location',
	'interactive',
	'reaction',
	'contacts',
];
const validation = (/** @type {string} */ m, rule = 'legacy:validation') =>
	legacyError(422, 'Validation failed', m, rule);
const notFound = (/** @type {string} */ what, rule = 'route:unknown-id') =>
	legacyError(404, `${what} not found`, undefined, rule);

/** @param {any} ctx */
const projectNumbers = (ctx) =>
	ctx.S.phoneNumbers.filter((/** @type {any} */ p) => p.project_id === ctx.project.id);

/** @param {any} ctx @param {string} id */
function ownConversation(ctx, id) {
	const c = ctx.S.conversations.find((/** @type {any} */ x) => x.id === id);
	if (!c) throw notFound('Conversation');
	if (c.project_id !== ctx.project.id) throw notFound('Conversation', 'auth:other-project');
	return c;
}

/** The `{message:{…}}` of a send (`whatsapp_message` is taken too: NOTES, UNCONFIRMED). @param {any} ctx */
function messageParams(ctx) {
	const b = ctx.body;
	if (isObject(b) && isObject(b.message)) return b.message;
	if (isObject(b) && isObject(b.whatsapp_message)) {
		ctx.violate(
			'legacy:whatsapp_message-key',
			'the body uses {"whatsapp_message": …}; the spec documents {"message": …} (the other key is UNCONFIRMED)',
		);
		return b.whatsapp_message;
	}
	throw legacyError(
		400,
		'Bad request',
		'param is missing or the value is empty: message',
		'legacy:validation',
	);
}

/** @param {any} v */
const num = (v) =>
	typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;

/**
 * A legacy message as the Meta send body Kapso makes of it.
 * @param {any} ctx @param {any} pn @param {any} m the message params @param {string} to digits
 */
function toMetaBody(ctx, pn, m, to) {
	const type = m.message_type === undefined ? 'text' : m.message_type;
	if (type === 'sticker')
		throw validation(
			'message_type sticker is not in the legacy API (send stickers through the WhatsApp API)',
			'legacy:sticker',
		);
	if (!TYPES.includes(type)) throw validation(`message_type must be one of ${TYPES.join(', ')}`);
	/** @type {any} */
	const body = { messaging_product: 'whatsapp', to, type };
	const need = (/** @type {string[]} */ keys) => {
		for (const k of keys)
			if (m[k] === undefined || m[k] === null || m[k] === '')
				throw validation(`${k} can't be blank for a ${type} message`);
	};
	if (type === 'text') {
		need(['content']);
		body.text = { body: String(m.content) };
	} else if (['image', 'video', 'audio', 'document'].includes(type)) {
		if (!m.media_url && !m.media_id)
			throw validation(`media_url or media_id is required for a ${type} message`);
		/** @type {any} */
		const media = m.media_id ? { id: String(m.media_id) } : { link: m.media_url };
		const caption = m.caption ?? (type === 'audio' ? undefined : m.content);
		if (caption !== undefined && type !== 'audio') media.caption = String(caption);
		if (type === 'document' && m.filename) media.filename = m.filename;
		body[type] = media;
	} else if (type === 'location') {
		need(['latitude', 'longitude']);
		body.location = { latitude: num(m.latitude), longitude: num(m.longitude) };
		if (m.location_name) body.location.name = m.location_name;
		if (m.location_address) body.location.address = m.location_address;
	} else if (type === 'interactive') {
		need(['interactive_type', 'body_text']);
		/** @type {any} */
		const it = { type: m.interactive_type, body: { text: m.body_text } };
		if (m.header_text) it.header = { type: 'text', text: m.header_text };
		if (m.footer_text) it.footer = { text: m.footer_text };
		if (m.interactive_type === 'button') {
			need(['buttons']);
			if (!Array.isArray(m.buttons)) throw validation('buttons must be an array of {id, title}');
			it.action = {
				buttons: m.buttons.map((/** @type {any} */ b) => ({
					type: 'reply',
					reply: { id: b?.id, title: b?.title },
				})),
			};
		} else if (m.interactive_type === 'list') {
			need(['sections']);
			it.action = { button: m.list_button_text || 'Options', sections: m.sections };
		} else throw validation('interactive_type must be button or list');
		body.interactive = it;
	} else if (type === 'template') {
		need(['template_name', 'template_language']);
		const tpl = ctx.S.templates.find(
			(/** @type {any} */ t) =>
				t.waba_id === pn.business_account_id &&
				t.name === m.template_name &&
				t.language === m.template_language,
		);
		if (!tpl) throw legacyError(404, 'Template not found', undefined, 'legacy:template');
		const components = legacyComponents(tpl, { ...m, params: m.template_params });
		body.template = { name: tpl.name, language: { code: tpl.language }, components };
	} else if (type === 'reaction') {
		need(['reaction_emoji', 'reacted_to_message_id']);
		const target = ctx.S.messages.find(
			(/** @type {any} */ x) =>
				x.phone_number_id === pn.phone_number_id &&
				(x.kapso_id === m.reacted_to_message_id || x.wamid === m.reacted_to_message_id),
		);
		if (!target)
			throw validation(
				`reacted_to_message_id ${m.reacted_to_message_id} is not a message of this conversation`,
			);
		body.reaction = { message_id: target.wamid, emoji: m.reaction_emoji };
	} else {
		need(['contacts']);
		if (!Array.isArray(m.contacts) || m.contacts.length < 1 || m.contacts.length > 257)
			throw validation('contacts must have 1 to 257 entries');
		body.contacts = m.contacts.map((/** @type {any} */ c, /** @type {number} */ i) => {
			if (!isObject(c)) throw validation(`contacts[${i}] must be an object`);
			const { formatted_name, first_name, last_name, middle_name, prefix, suffix, name, ...rest } =
				c;
			const n = isObject(name)
				? { ...name }
				: { formatted_name, first_name, last_name, middle_name, prefix, suffix };
			if (!n.formatted_name)
				n.formatted_name = [n.first_name, n.last_name].filter(Boolean).join(' ');
			if (!n.formatted_name) throw validation(`contacts[${i}] needs a name`);
			for (const k of Object.keys(n)) if (n[k] === undefined) delete n[k];
			return { ...rest, name: n };
		});
	}
	return body;
}

/** Send through the shared pipeline, Meta's errors turned into legacy ones. @param {any} ctx @param {any} pn @param {any} body */
function send(ctx, pn, body) {
	try {
		return performSend(ctx, pn, body).message;
	} catch (e) {
		if (e instanceof ApiError && e.body && isObject(e.body.error)) {
			const err = e.body.error;
			const rule =
				err.code === 131047
					? 'legacy:24h-window'
					: String(e.rule || 'legacy:validation').replace(/^meta:/, 'legacy:');
			throw legacyError(422, err.message, err.error_data?.details, rule);
		}
		throw e;
	}
}

/** @param {any} ctx @param {any} m */
const created = (ctx, m) => ({ status: 201, body: { data: store.legacyMessage(ctx.S, m) } });

function postConversationMessage(/** @type {any} */ ctx, /** @type {any} */ p) {
	const c = ownConversation(ctx, p.id);
	const m = messageParams(ctx);
	const pn = store.phoneNumberById(ctx.S, c.phone_number_id);
	return created(ctx, send(ctx, pn, toMetaBody(ctx, pn, m, c.wa_id)));
}

/** The sending number of a standalone send: whatsapp_config_id / customer_id, else the first. @param {any} ctx */
function senderOf(ctx) {
	const b = isObject(ctx.body) ? ctx.body : {};
	const configId = b.whatsapp_config_id ?? ctx.query.whatsapp_config_id;
	const customerId = b.customer_id ?? ctx.query.customer_id;
	const numbers = projectNumbers(ctx);
	if (configId !== undefined) {
		const pn = numbers.find((/** @type {any} */ n) => n.internal_id === configId);
		if (!pn)
			throw legacyError(422, 'WhatsApp configuration not found', undefined, 'legacy:validation');
		return pn;
	}
	if (customerId !== undefined) {
		const pn = numbers.find((/** @type {any} */ n) => n.customer_id === customerId);
		if (!pn)
			throw legacyError(422, 'WhatsApp configuration not found', undefined, 'legacy:validation');
		return pn;
	}
	return numbers[0];
}

function postStandaloneMessage(/** @type {any} */ ctx) {
	const m = messageParams(ctx);
	const phone = m.phone_number ?? ctx.query.phone_number;
	if (!phone) throw legacyError(400, 'Phone number is required', undefined, 'legacy:validation');
	const pn = senderOf(ctx);
	return created(ctx, send(ctx, pn, toMetaBody(ctx, pn, m, String(phone))));
}

function listConversationMessages(/** @type {any} */ ctx, /** @type {any} */ p) {
	const c = ownConversation(ctx, p.id);
	const list = store
		.messagesOf(ctx.S, c.id)
		.sort((/** @type {any} */ a, /** @type {any} */ b) => b.created_at - a.created_at);
	const page = numberedPage(list, ctx.query, ctx.violate);
	return {
		status: 200,
		body: { data: page.data.map((m) => store.legacyMessage(ctx.S, m)), meta: page.meta },
	};
}

/** @param {any} ctx @param {string} id */
function ownMessage(ctx, id) {
	const m = ctx.S.messages.find((/** @type {any} */ x) => x.kapso_id === id);
	const pn = m && store.phoneNumberById(ctx.S, m.phone_number_id);
	if (!m || pn.project_id !== ctx.project.id)
		throw legacyError(
			404,
			'WhatsApp message not found',
			undefined,
			m ? 'auth:other-project' : 'route:unknown-id',
		);
	return m;
}

function markAsRead(/** @type {any} */ ctx, /** @type {any} */ p) {
	const m = ownMessage(ctx, p.id);
	if (m.direction !== 'inbound')
		throw legacyError(
			400,
			'Can only mark inbound messages as read',
			undefined,
			'legacy:validation',
		);
	m.status = 'read';
	m.updated_at = ctx.S.now();
	return { status: 200, body: { data: store.legacyMessage(ctx.S, m) } };
}

function deleteMessage(/** @type {any} */ ctx, /** @type {any} */ p) {
	const m = ownMessage(ctx, p.id);
	ctx.S.messages.splice(ctx.S.messages.indexOf(m), 1);
	return { status: 204, body: undefined };
}

function listConversations(/** @type {any} */ ctx) {
	const q = ctx.query.q || {};
	const phone = q.phone_number_eq ? String(q.phone_number_eq).replace(/\D/g, '') : null;
	const pnIds = projectNumbers(ctx)
		.filter(
			(/** @type {any} */ n) =>
				!q.whatsapp_config_id_eq || n.internal_id === q.whatsapp_config_id_eq,
		)
		.filter(
			(/** @type {any} */ n) =>
				!q.whatsapp_config_customer_id_eq || n.customer_id === q.whatsapp_config_customer_id_eq,
		)
		.map((/** @type {any} */ n) => n.phone_number_id);
	const list = ctx.S.conversations
		.filter((/** @type {any} */ c) => pnIds.includes(c.phone_number_id))
		.map((/** @type {any} */ c) => store.legacyConversation(ctx.S, c))
		.filter((/** @type {any} */ c) => !phone || c.phone_number === `+${phone}`)
		.filter((/** @type {any} */ c) => !q.status_eq || c.status === q.status_eq)
		.filter(
			(/** @type {any} */ c) =>
				!q.last_active_at_gteq || Date.parse(c.last_active_at) >= Date.parse(q.last_active_at_gteq),
		)
		.filter(
			(/** @type {any} */ c) =>
				!q.last_active_at_lteq || Date.parse(c.last_active_at) <= Date.parse(q.last_active_at_lteq),
		)
		.sort(
			(/** @type {any} */ a, /** @type {any} */ b) =>
				Date.parse(b.last_active_at) - Date.parse(a.last_active_at),
		);
	return { status: 200, body: numberedPage(list, ctx.query, ctx.violate) };
}

function getConversation(/** @type {any} */ ctx, /** @type {any} */ p) {
	return {
		status: 200,
		body: { data: store.legacyConversation(ctx.S, ownConversation(ctx, p.id)) },
	};
}

function patchConversation(/** @type {any} */ ctx, /** @type {any} */ p) {
	const c = ownConversation(ctx, p.id);
	const w = isObject(ctx.body) ? ctx.body.whatsapp_conversation : undefined;
	if (!isObject(w))
		throw legacyError(
			400,
			'Bad request',
			'param is missing or the value is empty: whatsapp_conversation',
			'legacy:validation',
		);
	setConversationStatus(ctx, c, w.status, (m) => validation(m));
	return { status: 200, body: { data: store.legacyConversation(ctx.S, c) } };
}

const LEGACY_STATUS = {
	APPROVED: 'approved',
	PENDING: 'submitted',
	REJECTED: 'rejected',
	DISABLED: 'disabled',
};

/** @param {any} S @param {any} t */
function legacyTemplate(S, t) {
	const parts = templateParts(t);
	return {
		id: t.kapso_id,
		name: t.name,
		language_code: t.language,
		category: t.category,
		status:
			/** @type {Record<string,string>} */ (LEGACY_STATUS)[t.status] || t.status.toLowerCase(),
		content: t.components.find((/** @type {any} */ c) => c.type === 'BODY')?.text || '',
		parameter_count: parts.bodyVars.length + parts.headerVars.length,
		business_account_id: t.waba_id,
		whatsapp_config_ids: S.phoneNumbers
			.filter((/** @type {any} */ n) => n.business_account_id === t.waba_id)
			.map((/** @type {any} */ n) => n.internal_id),
		components: t.components,
		metadata: { parameter_format: t.parameter_format, meta_template_id: t.id },
	};
}

/** @param {any} ctx */
function projectTemplates(ctx) {
	const wabas = projectNumbers(ctx).map((/** @type {any} */ n) => n.business_account_id);
	return ctx.S.templates
		.filter((/** @type {any} */ t) => wabas.includes(t.waba_id))
		.map((/** @type {any} */ t) => legacyTemplate(ctx.S, t));
}

function listTemplates(/** @type {any} */ ctx) {
	const q = ctx.query.q || {};
	const top = ctx.query;
	const config = top.whatsapp_config_id ?? q.whatsapp_config_id_eq;
	const waba = top.business_account_id ?? q.business_account_id_eq;
	const list = projectTemplates(ctx)
		.filter((/** @type {any} */ t) => !q.name_cont || t.name.includes(String(q.name_cont)))
		.filter((/** @type {any} */ t) => !q.language_code_eq || t.language_code === q.language_code_eq)
		.filter((/** @type {any} */ t) => !q.category_eq || t.category === q.category_eq)
		.filter((/** @type {any} */ t) => !q.status_eq || t.status === q.status_eq)
		.filter((/** @type {any} */ t) => !config || t.whatsapp_config_ids.includes(config))
		.filter((/** @type {any} */ t) => !waba || t.business_account_id === waba);
	return { status: 200, body: numberedPage(list, ctx.query, ctx.violate) };
}

/** @param {any} ctx @param {string} id */
function ownTemplate(ctx, id) {
	const t = ctx.S.templates.find((/** @type {any} */ x) => x.kapso_id === id);
	if (
		!t ||
		!projectNumbers(ctx).some((/** @type {any} */ n) => n.business_account_id === t.waba_id)
	)
		throw legacyError(
			404,
			'Template not found',
			undefined,
			t ? 'auth:other-project' : 'route:unknown-id',
		);
	return t;
}

function getTemplate(/** @type {any} */ ctx, /** @type {any} */ p) {
	return { status: 200, body: { data: legacyTemplate(ctx.S, ownTemplate(ctx, p.id)) } };
}

function sendTemplate(/** @type {any} */ ctx, /** @type {any} */ p) {
	const t = ownTemplate(ctx, p.id);
	const b = isObject(ctx.body) ? ctx.body.template : undefined;
	if (!isObject(b))
		throw legacyError(
			400,
			'Bad request',
			'param is missing or the value is empty: template',
			'legacy:validation',
		);
	if (!b.phone_number)
		throw legacyError(422, 'Phone number is required', undefined, 'legacy:validation');
	if (t.status !== 'APPROVED')
		throw legacyError(
			422,
			`Template is not approved (status: ${legacyTemplate(ctx.S, t).status})`,
			undefined,
			'legacy:template',
		);
	const numbers = projectNumbers(ctx).filter(
		(/** @type {any} */ n) => n.business_account_id === t.waba_id,
	);
	const pn = b.whatsapp_config_id
		? numbers.find((/** @type {any} */ n) => n.internal_id === b.whatsapp_config_id)
		: numbers[0];
	if (!pn)
		throw legacyError(422, 'WhatsApp configuration not found', undefined, 'legacy:validation');
	const components = legacyComponents(t, { ...b, params: b.template_parameters });
	const body = {
		messaging_product: 'whatsapp',
		to: String(b.phone_number),
		type: 'template',
		template: { name: t.name, language: { code: t.language }, components },
	};
	let response;
	try {
		response = performSend(ctx, pn, body).response;
	} catch (e) {
		if (e instanceof ApiError && e.body && isObject(e.body.error))
			throw new ApiError(
				500,
				{
					status: 'error',
					message: `Failed to send template message: ${e.body.error.message}: ${e.body.error.error_data?.details}`,
				},
				String(e.rule).replace(/^meta:/, 'legacy:'),
				e.violation,
			);
		throw e;
	}
	return {
		status: 200,
		body: {
			status: 'success',
			message: 'Template message sent successfully',
			template_id: t.kapso_id,
			template_name: t.name,
			response,
		},
	};
}

module.exports = {
	listConfigs: (/** @type {any} */ ctx) => {
		const page = numberedPage(projectNumbers(ctx), ctx.query, ctx.violate);
		return { status: 200, body: { data: page.data.map(store.legacyConfig), meta: page.meta } };
	},
	postConversationMessage,
	postStandaloneMessage,
	listConversationMessages,
	markAsRead,
	deleteMessage,
	listConversations,
	getConversation,
	patchConversation,
	listTemplates,
	getTemplate,
	sendTemplate,
	...require('./legacyContacts'),
};
