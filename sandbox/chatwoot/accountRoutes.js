// @ts-check
'use strict';

/** Sandbox routes for the profile, the account, inboxes, agents, teams, labels and webhooks. */

const crypto = require('crypto');
const { HttpError } = require('./messages');
const { present } = require('./params');
const J = require('./serializers');
const { NOT_FOUND, inboxOr404, obj, recordInvalid } = require('./lookups');
const { inboxColumns } = require('./webhookPayloads');
const { WEBHOOK_EVENTS } = require('./webhookEvents');

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
/** Inbox columns a PATCH or POST may set (the channel's own settings come in `channel`). */
const INBOX_FIELDS = [
	'name',
	'greeting_enabled',
	'greeting_message',
	'enable_email_collect',
	'csat_survey_enabled',
	'enable_auto_assignment',
	'working_hours_enabled',
	'out_of_office_message',
	'timezone',
	'allow_messages_after_resolved',
	'lock_to_single_conversation',
	'sender_name_type',
	'business_name',
];

/** @param {any} inbox @param {any} b */
function applyInboxParams(inbox, b) {
	for (const k of INBOX_FIELDS) if (b[k] !== undefined) inbox[k] = b[k];
	const channel = obj(b.channel);
	if (inbox.channel_type === 'Channel::Api' && channel.webhook_url !== undefined)
		inbox.webhook_url = present(channel.webhook_url) ? String(channel.webhook_url) : '';
	if (inbox.channel_type === 'Channel::WebWidget' && channel.website_url !== undefined)
		inbox.website_url = String(channel.website_url);
}

/** Creates an API or website inbox (other channels need a provider's credentials). @param {any} ctx */
function createInbox(ctx) {
	const S = ctx.S;
	const b = obj(ctx.body);
	const type = String(obj(b.channel).type || '');
	const like = { api: 'Channel::Api', web_widget: 'Channel::WebWidget' }[type];
	if (!like)
		throw new HttpError(422, {
			error: `the sandbox creates api and web_widget inboxes, not "${type}"`,
		});
	if (!present(b.name)) throw recordInvalid(["Name can't be blank"], ['name']);
	const template = S.inboxes.find((/** @type {any} */ i) => i.channel_type === like);
	const id = Math.max(...S.inboxes.map((/** @type {any} */ i) => i.id)) + 1;
	const inbox = { ...JSON.parse(JSON.stringify(template)), id, channel_id: id };
	if (like === 'Channel::Api') {
		inbox.webhook_url = '';
		inbox.secret = crypto.randomBytes(16).toString('hex');
		inbox.inbox_identifier = crypto.randomBytes(12).toString('hex');
	} else inbox.website_token = crypto.randomBytes(12).toString('hex');
	applyInboxParams(inbox, b);
	S.inboxes.push(inbox);
	ctx.emit('inboxCreated', inbox);
	return { status: 200, body: J.inboxJson(inbox) };
}

/** @param {any} ctx @param {any} p */
function updateInbox(ctx, p) {
	const inbox = inboxOr404(ctx, p.id);
	const before = inboxColumns(inbox);
	applyInboxParams(inbox, obj(ctx.body));
	ctx.emit('inboxUpdated', inbox, before);
	return { status: 200, body: J.inboxJson(inbox) };
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

module.exports = {
	createInbox,
	createWebhook,
	deleteWebhook,
	getProfile,
	listAgents,
	listInboxes,
	listLabels,
	listTeams,
	listWebhooks,
	showAccount,
	showInbox,
	syncTemplates,
	updateInbox,
	updateWebhook,
};
