// @ts-check
'use strict';

/**
 * The control API under /__sandbox/ (not Chatwoot, not validated, never faulted): logs, state,
 * reset, faults, webhook deliveries and options, and the customer's side of a conversation.
 * README → Control endpoints.
 */

const { HttpError } = require('./messages');

/**
 * @typedef {{
 *   requests: () => any[], violations: () => any[], deliveries: () => any[], summary: () => any,
 *   reset: () => void, setFaults: (f: any) => any,
 *   webhookDeliveries: () => import('./webhookSender').WebhookDelivery[],
 *   webhooksSettled: () => Promise<void>,
 *   setWebhookOptions: (o: import('./webhookSender').WebhookOptions) => any,
 *   webhookOptions: () => any,
 *   setAgentBotUrl: (url: string | null) => any,
 *   setApiInboxWebhookUrl: (inboxId: number, url: string | null) => any,
 *   customerWrites: (conversationId: number, m: import('./customer').CustomerMessage) => any,
 *   widgetOpened: (v: import('./customer').WidgetVisit) => any,
 * }} ControlTarget
 */

const ENDPOINTS = [
	'GET requests',
	'GET violations',
	'GET deliveries',
	'GET state',
	'POST reset',
	'POST faults',
	'GET webhook-deliveries',
	'POST webhooks/settle',
	'GET webhook-options',
	'PUT webhook-options',
	'PUT agent-bot',
	'PUT inboxes/:id/webhook-url',
	'POST conversations/:id/customer-messages',
	'POST webwidget-triggered',
];

/** @param {any[]} list @param {URL} url */
function since(list, url) {
	const n = Number(url.searchParams.get('since') || 0);
	return n ? list.filter((r) => r.seq > n) : list;
}

/** @param {any} a */
function attachmentFromJson(a) {
	return {
		filename: a && a.filename,
		contentType: a && (a.content_type || a.contentType),
		data: a && typeof a.data_base64 === 'string' ? a.data_base64 : undefined,
	};
}

/**
 * @param {ControlTarget} sb
 * @param {string} method @param {string} path the part after /__sandbox/ @param {URL} url @param {any} body
 * @returns {Promise<{status: number, body: any}>}
 */
async function control(sb, method, path, url, body) {
	const ok = (/** @type {any} */ b) => ({ status: 200, body: b });
	if (method === 'GET' && path === 'requests') return ok(since(sb.requests(), url));
	if (method === 'GET' && path === 'violations') return ok(since(sb.violations(), url));
	if (method === 'GET' && path === 'deliveries') return ok(sb.deliveries());
	if (method === 'GET' && path === 'state') return ok(sb.summary());
	if (method === 'POST' && path === 'reset') {
		sb.reset();
		return ok({ ok: true });
	}
	if (method === 'POST' && path === 'faults') return ok({ ok: true, faults: sb.setFaults(body) });
	if (method === 'GET' && path === 'webhook-deliveries')
		return ok(since(sb.webhookDeliveries(), url));
	if (method === 'POST' && path === 'webhooks/settle') {
		await sb.webhooksSettled();
		return ok({ ok: true, deliveries: sb.webhookDeliveries().length });
	}
	if (method === 'GET' && path === 'webhook-options') return ok(sb.webhookOptions());
	if (method === 'PUT' && path === 'webhook-options') return ok(sb.setWebhookOptions(body));
	if (method === 'PUT' && path === 'agent-bot')
		return ok(sb.setAgentBotUrl(body.outgoing_url ?? null));
	let m = /^inboxes\/(\d+)\/webhook-url$/.exec(path);
	if (method === 'PUT' && m)
		return ok(sb.setApiInboxWebhookUrl(Number(m[1]), body.webhook_url ?? null));
	m = /^conversations\/(\d+)\/customer-messages$/.exec(path);
	if (method === 'POST' && m) {
		const choice = body.select_option;
		return ok(
			sb.customerWrites(Number(m[1]), {
				content: body.content,
				attachments: Array.isArray(body.attachments)
					? body.attachments.map(attachmentFromJson)
					: [],
				selectOption: choice
					? { messageId: Number(choice.message_id), value: choice.value }
					: undefined,
			}),
		);
	}
	if (method === 'POST' && path === 'webwidget-triggered')
		return ok(
			sb.widgetOpened({
				inboxId: body.inbox_id,
				contactId: body.contact_id,
				eventInfo: body.event_info,
			}),
		);
	return { status: 404, body: { error: 'unknown sandbox control endpoint', endpoints: ENDPOINTS } };
}

/**
 * Answers one /__sandbox/ request.
 * @param {ControlTarget} sb @param {import('http').IncomingMessage} req @param {URL} url @param {Buffer} raw
 * @returns {Promise<{status: number, body: any}>}
 */
async function handleControl(sb, req, url, raw) {
	let body = {};
	try {
		body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
	} catch {
		return { status: 400, body: { error: 'the control body must be JSON' } };
	}
	if (!body || typeof body !== 'object') body = {};
	const path = url.pathname.replace(/^\/__sandbox\/?/, '');
	try {
		return await control(sb, req.method || 'GET', path, url, body);
	} catch (e) {
		if (e instanceof HttpError) return { status: e.status, body: e.body };
		if (e instanceof TypeError || e instanceof RangeError)
			return { status: 400, body: { error: /** @type {Error} */ (e).message } };
		throw e;
	}
}

module.exports = { handleControl, ENDPOINTS };
