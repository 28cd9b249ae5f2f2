// @ts-check
'use strict';

/**
 * The control API `/__sandbox/...` (README "Control API"): logs, state, reset, faults, and the
 * calls that play the other side: the customer writing, a message being delivered or read, time
 * passing since the customer's last message. Not Kapso; never recorded, never faulted.
 */

const { HOUR } = require('./seed');

/**
 * @param {any} api the sandbox object (startSandbox's result)
 * @param {string} method @param {URL} url @param {Buffer} raw
 * @returns {Promise<{status: number, body: any}>}
 */
async function handleControl(api, method, url, raw) {
	const p = url.pathname.replace(/^\/__sandbox\/?/, '');
	const since = Number(url.searchParams.get('since') || 0);
	/** @type {any} */
	let body = {};
	if (raw.length) {
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch {
			return { status: 400, body: { error: 'control bodies must be JSON' } };
		}
	}
	const bad = (/** @type {unknown} */ e) => ({
		status: 400,
		body: { error: String(/** @type {Error} */ (e).message || e) },
	});
	try {
		if (method === 'GET' && p === 'requests')
			return { status: 200, body: api.requests.filter((/** @type {any} */ r) => r.seq > since) };
		if (method === 'GET' && p === 'violations')
			return { status: 200, body: api.violations.filter((/** @type {any} */ r) => r.seq > since) };
		if (method === 'GET' && p === 'webhook-deliveries')
			return { status: 200, body: api.webhookDeliveries };
		if (method === 'GET' && p === 'state') return { status: 200, body: api.summary() };
		if (method === 'POST' && p === 'reset') {
			api.reset();
			return { status: 200, body: { ok: true } };
		}
		if (method === 'POST' && p === 'faults')
			return { status: 200, body: { ok: true, faults: api.setFaults(body) } };
		if (method === 'POST' && p === 'webhooks/flush') {
			api.flushWebhookBuffers();
			return { status: 200, body: { ok: true } };
		}
		if (method === 'POST' && p === 'customer-message')
			return { status: 200, body: api.customerWrites(body) };
		let m = /^messages\/([^/]+)\/status$/.exec(p);
		if (method === 'POST' && m) {
			const msg = api.setMessageStatus(decodeURIComponent(m[1]), body.status, body.error_code);
			return { status: 200, body: { ok: true, status: msg.status } };
		}
		m = /^conversations\/([^/]+)\/last-inbound$/.exec(p);
		if (method === 'POST' && m) {
			api.setLastInbound(decodeURIComponent(m[1]), Number(body.hours_ago));
			return { status: 200, body: { ok: true } };
		}
	} catch (e) {
		return bad(e);
	}
	return {
		status: 404,
		body: {
			error: 'unknown sandbox control endpoint',
			endpoints: [
				'GET requests',
				'GET violations',
				'GET webhook-deliveries',
				'GET state',
				'POST reset',
				'POST faults',
				'POST webhooks/flush',
				'POST customer-message',
				'POST messages/{wamid}/status',
				'POST conversations/{id}/last-inbound',
			],
		},
	};
}

/**
 * Move a conversation's last inbound message to `hoursAgo` (one is added when it has none).
 * @param {any} S @param {string} conversationId @param {number} hoursAgo
 */
function setLastInbound(S, conversationId, hoursAgo) {
	if (!Number.isFinite(hoursAgo) || hoursAgo < 0) throw new Error('hours_ago must be a number ≥ 0');
	const conv = S.conversations.find((/** @type {any} */ c) => c.id === conversationId);
	if (!conv) throw new Error(`unknown conversation ${conversationId}`);
	const inbound = S.messages
		.filter((/** @type {any} */ m) => m.conversation_id === conv.id && m.direction === 'inbound')
		.sort((/** @type {any} */ a, /** @type {any} */ b) => b.created_at - a.created_at);
	const at = S.now() - hoursAgo * HOUR;
	if (inbound.length) {
		// Every inbound message of the recipient on this number counts for the window.
		for (const m of S.messages)
			if (
				m.phone_number_id === conv.phone_number_id &&
				m.wa_id === conv.wa_id &&
				m.direction === 'inbound' &&
				m.created_at > at
			)
				m.created_at = at;
		inbound[0].created_at = at;
		return;
	}
	S.counters.message += 1;
	S.messages.push({
		kapso_id: `e0000000-0000-4000-8000-${String(800000 + S.counters.message).padStart(12, '0')}`,
		wamid: `wamid.SANDBOXIN${String(S.counters.message).padStart(6, '0')}`,
		phone_number_id: conv.phone_number_id,
		conversation_id: conv.id,
		wa_id: conv.wa_id,
		direction: 'inbound',
		type: 'text',
		content: { body: 'Hi' },
		status: 'received',
		statuses: [],
		created_at: at,
		updated_at: at,
		origin: 'cloud_api',
	});
}

module.exports = { handleControl, setLastInbound };
