// @ts-check
'use strict';

/**
 * The Platform API `/platform/v1/whatsapp/...`: phone numbers, conversations and messages of the
 * project, and webhook management (NOTES §4, §6). Kapso-level errors are a bare `{error}`.
 */

const crypto = require('crypto');
const { kapsoError } = require('./errors');
const { isObject } = require('./sendChecks');
const { cursorPage, numberedPage } = require('./paging');
const { filterMessages, filterConversations } = require('./metaRoutes');
const { testPayload } = require('./events');
const store = require('./store');

const PHONE_EVENTS = [
	'whatsapp.message.received',
	'whatsapp.message.sent',
	'whatsapp.message.delivered',
	'whatsapp.message.read',
	'whatsapp.message.failed',
	'whatsapp.conversation.created',
	'whatsapp.conversation.ended',
	'whatsapp.conversation.inactive',
	'whatsapp.contact.identity_changed',
	'whatsapp.contact.marketing_preference_changed',
];
const PROJECT_EVENTS = [
	'whatsapp.phone_number.created',
	'whatsapp.config.created',
	'whatsapp.phone_number.deleted',
	'workflow.execution.handoff',
	'workflow.execution.failed',
];
const WEBHOOK_FIELDS = [
	'url',
	'events',
	'kind',
	'payload_version',
	'active',
	'headers',
	'secret_key',
	'buffer_enabled',
	'buffer_window_seconds',
	'max_buffer_size',
	'buffer_events',
	'inactivity_minutes',
];

const invalid = (/** @type {string} */ m) => kapsoError(422, m, 'platform:validation');
/** @param {any} ctx */
const pageCtx = (ctx) => ({
	violate: ctx.violate,
	selfUrl: ctx.selfUrl,
	invalidCursor: () => kapsoError(400, 'Invalid cursor', 'platform:validation'),
});

/** @param {any} ctx @param {string} id */
function ownPhoneNumber(ctx, id) {
	const pn = store.phoneNumberById(ctx.S, id);
	if (!pn) throw kapsoError(404, 'Phone number not found', 'route:unknown-id');
	if (pn.project_id !== ctx.project.id)
		throw kapsoError(404, 'Phone number not found', 'auth:other-project');
	return pn;
}

/** @param {any} ctx */
const projectNumbers = (ctx) =>
	ctx.S.phoneNumbers.filter((/** @type {any} */ p) => p.project_id === ctx.project.id);

function listPhoneNumbers(/** @type {any} */ ctx) {
	const q = ctx.query;
	const list = projectNumbers(ctx).filter(
		(/** @type {any} */ p) => !q.customer_id || p.customer_id === q.customer_id,
	);
	const page = numberedPage(list, q, ctx.violate);
	return { status: 200, body: { data: page.data.map(store.platformPhoneNumber), meta: page.meta } };
}

function getPhoneNumber(/** @type {any} */ ctx, /** @type {any} */ p) {
	return {
		status: 200,
		body: { data: store.platformPhoneNumber(ownPhoneNumber(ctx, p.phone_number_id)) },
	};
}

/** The numbers a list may cover: one (`phone_number_id`) or all the project's. @param {any} ctx */
function scopeNumbers(ctx) {
	return ctx.query.phone_number_id
		? [ownPhoneNumber(ctx, String(ctx.query.phone_number_id)).phone_number_id]
		: projectNumbers(ctx).map((/** @type {any} */ p) => p.phone_number_id);
}

function listConversations(/** @type {any} */ ctx) {
	const ids = scopeNumbers(ctx);
	const list = filterConversations(
		ctx,
		ctx.S.conversations.filter((/** @type {any} */ c) => ids.includes(c.phone_number_id)),
		'platform',
	);
	return { status: 200, body: cursorPage(list, ctx.query, pageCtx(ctx)) };
}

function getConversation(/** @type {any} */ ctx, /** @type {any} */ p) {
	const c = ctx.S.conversations.find((/** @type {any} */ x) => x.id === p.id);
	if (!c) throw kapsoError(404, 'Conversation not found', 'route:unknown-id');
	if (c.project_id !== ctx.project.id)
		throw kapsoError(404, 'Conversation not found', 'auth:other-project');
	return { status: 200, body: { data: store.conversationJson(ctx.S, c) } };
}

function listMessages(/** @type {any} */ ctx) {
	const ids = scopeNumbers(ctx);
	const q = ctx.query;
	const phone = q.phone_number ? String(q.phone_number).replace(/\D/g, '') : null;
	const hasMedia = q.has_media === undefined ? null : String(q.has_media) === 'true';
	let list = ctx.S.messages.filter((/** @type {any} */ m) => ids.includes(m.phone_number_id));
	list = filterMessages(ctx, list, 'platform')
		.filter((m) => !phone || m.wa_id === phone)
		.filter((m) => !q.message_type || m.type === q.message_type)
		.filter((m) => hasMedia === null || store.MEDIA_TYPES.includes(m.type) === hasMedia);
	const page = cursorPage(list, q, pageCtx(ctx));
	return {
		status: 200,
		body: {
			data: page.data.map((m) => ({
				...store.metaMessage(ctx.S, m),
				conversation_id: m.conversation_id,
				phone_number_id: m.phone_number_id,
			})),
			paging: page.paging,
		},
	};
}

function getMessage(/** @type {any} */ ctx, /** @type {any} */ p) {
	const m = ctx.S.messages.find((/** @type {any} */ x) => x.wamid === p.id);
	const pn = m && store.phoneNumberById(ctx.S, m.phone_number_id);
	if (!m || pn.project_id !== ctx.project.id)
		throw kapsoError(404, 'Message not found', m ? 'auth:other-project' : 'route:unknown-id');
	return {
		status: 200,
		body: {
			data: {
				...store.metaMessage(ctx.S, m),
				conversation_id: m.conversation_id,
				phone_number_id: m.phone_number_id,
			},
		},
	};
}

/** @param {any} h */
function webhookJson(h) {
	const { project_id, ...rest } = h;
	return rest;
}

/**
 * Validate a create/update body and apply it to the webhook.
 * @param {any} ctx @param {any} hook the webhook (new or existing) @param {boolean} creating
 */
function applyWebhook(ctx, hook, creating) {
	const body = ctx.body;
	if (!isObject(body) || !isObject(body.whatsapp_webhook))
		throw invalid('the body must be {"whatsapp_webhook": {...}}');
	const w = body.whatsapp_webhook;
	for (const k of Object.keys(w))
		if (!WEBHOOK_FIELDS.includes(k)) throw invalid(`unknown webhook field ${k}`);
	if (creating || w.url !== undefined) {
		let u;
		try {
			u = new URL(String(w.url));
		} catch {
			throw invalid('url must be a valid http(s) URL');
		}
		if (!['http:', 'https:'].includes(u.protocol)) throw invalid('url must be a valid http(s) URL');
		hook.url = String(w.url);
	}
	if (creating || w.events !== undefined) {
		const allowed = hook.phone_number_id ? PHONE_EVENTS : PROJECT_EVENTS;
		if (!Array.isArray(w.events) || !w.events.length)
			throw invalid('events must be a non-empty array');
		for (const e of w.events)
			if (!allowed.includes(e))
				throw invalid(
					`event ${e} is not available on a ${hook.phone_number_id ? 'phone-number' : 'project'} webhook`,
				);
		hook.events = [...new Set(w.events)];
	}
	const oneOf = (/** @type {string} */ k, /** @type {any[]} */ values) => {
		if (w[k] === undefined) return;
		if (!values.includes(w[k])) throw invalid(`${k} must be one of ${values.join(', ')}`);
		hook[k] = w[k];
	};
	const int = (/** @type {string} */ k, /** @type {number} */ min, /** @type {number} */ max) => {
		if (w[k] === undefined) return;
		if (!Number.isInteger(w[k]) || w[k] < min || w[k] > max)
			throw invalid(`${k} must be an integer from ${min} to ${max}`);
		hook[k] = w[k];
	};
	oneOf('kind', ['kapso', 'meta']);
	oneOf('payload_version', ['v1', 'v2']);
	oneOf('active', [true, false]);
	oneOf('buffer_enabled', [true, false]);
	int('buffer_window_seconds', 1, 60);
	int('max_buffer_size', 1, 100);
	int('inactivity_minutes', 1, 1440);
	if (w.headers !== undefined) {
		if (!isObject(w.headers) || Object.values(w.headers).some((v) => typeof v !== 'string'))
			throw invalid('headers must be an object of strings');
		hook.headers = w.headers;
	}
	if (w.buffer_events !== undefined) {
		if (!Array.isArray(w.buffer_events)) throw invalid('buffer_events must be an array');
		hook.buffer_events = w.buffer_events;
	}
	if (w.secret_key !== undefined) {
		if (typeof w.secret_key !== 'string' || w.secret_key.length < 1)
			throw invalid('secret_key must be a non-empty string');
		hook.secret_key = w.secret_key;
	}
	if (hook.kind === 'meta' && hook.buffer_enabled) throw invalid('meta webhooks cannot buffer');
	if (
		hook.kind === 'meta' &&
		creating &&
		ctx.S.webhooks.some(
			(/** @type {any} */ h) => h.kind === 'meta' && h.phone_number_id === hook.phone_number_id,
		)
	)
		throw invalid('a phone number can have only one meta webhook');
	hook.updated_at = new Date(ctx.S.now()).toISOString();
}

/** @param {any} ctx @param {string|null} phoneNumberId */
function createWebhook(ctx, phoneNumberId) {
	const at = new Date(ctx.S.now()).toISOString();
	const n = store.nextId(ctx.S, 'webhook');
	const hook = {
		id: `90000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		project_id: ctx.project.id,
		phone_number_id: phoneNumberId,
		url: '',
		events: [],
		kind: 'kapso',
		payload_version: 'v2',
		active: true,
		headers: {},
		secret_key: crypto.randomBytes(32).toString('hex'),
		buffer_enabled: false,
		buffer_window_seconds: 5,
		max_buffer_size: 50,
		buffer_events: ['whatsapp.message.received'],
		inactivity_minutes: 60,
		created_at: at,
		updated_at: at,
	};
	applyWebhook(ctx, hook, true);
	ctx.S.webhooks.push(hook);
	return { status: 201, body: { data: webhookJson(hook) } };
}

/** @param {any} ctx @param {(h: any) => boolean} which */
const listOf = (ctx, which) => ({
	status: 200,
	body: {
		data: ctx.S.webhooks
			.filter((/** @type {any} */ h) => h.project_id === ctx.project.id && which(h))
			.map(webhookJson),
	},
});

/** @param {any} ctx @param {string} id */
function ownWebhook(ctx, id) {
	const h = ctx.S.webhooks.find((/** @type {any} */ x) => x.id === id);
	if (!h) throw kapsoError(404, 'Webhook not found', 'route:unknown-id');
	if (h.project_id !== ctx.project.id)
		throw kapsoError(404, 'Webhook not found', 'auth:other-project');
	return h;
}

module.exports = {
	PHONE_EVENTS,
	PROJECT_EVENTS,
	listPhoneNumbers,
	getPhoneNumber,
	listConversations,
	getConversation,
	listMessages,
	getMessage,
	listPhoneWebhooks: (/** @type {any} */ ctx, /** @type {any} */ p) => {
		const pn = ownPhoneNumber(ctx, p.phone_number_id);
		return listOf(ctx, (h) => h.phone_number_id === pn.phone_number_id);
	},
	createPhoneWebhook: (/** @type {any} */ ctx, /** @type {any} */ p) =>
		createWebhook(ctx, ownPhoneNumber(ctx, p.phone_number_id).phone_number_id),
	listProjectWebhooks: (/** @type {any} */ ctx) => listOf(ctx, (h) => h.phone_number_id === null),
	createProjectWebhook: (/** @type {any} */ ctx) => createWebhook(ctx, null),
	getWebhook: (/** @type {any} */ ctx, /** @type {any} */ p) => ({
		status: 200,
		body: { data: webhookJson(ownWebhook(ctx, p.id)) },
	}),
	updateWebhook: (/** @type {any} */ ctx, /** @type {any} */ p) => {
		const h = ownWebhook(ctx, p.id);
		const copy = { ...h };
		applyWebhook(ctx, copy, false);
		Object.assign(h, copy);
		return { status: 200, body: { data: webhookJson(h) } };
	},
	deleteWebhook: (/** @type {any} */ ctx, /** @type {any} */ p) => {
		const h = ownWebhook(ctx, p.id);
		ctx.S.webhooks.splice(ctx.S.webhooks.indexOf(h), 1);
		return { status: 204, body: undefined };
	},
	testWebhook: async (/** @type {any} */ ctx, /** @type {any} */ p) => {
		const h = ownWebhook(ctx, p.id);
		const d = await ctx.webhooks.sendTest(h, testPayload(h.phone_number_id));
		const a = d.attempts[0];
		return {
			status: 200,
			body: {
				data: {
					success: d.state === 'delivered',
					status_code: a ? a.status : null,
					delivery_id: d.id,
				},
			},
		};
	},
};
