// @ts-check
'use strict';

/**
 * Chatwoot's WebhookListener and AgentBotListener for the sandbox: which changes fire which event,
 * and where each payload goes (account webhooks by subscription and inbox, the inbox's agent bot,
 * the API inbox's callback URL). Route handlers announce changes with `ctx.emit(name, …args)`; the
 * server calls these after the request succeeded, as Chatwoot's after_commit callbacks do.
 */

const P = require('./webhookPayloads');
const J = require('./serializers');

/** The events an account webhook can subscribe to (NOTES.md → Webhooks). */
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

/** The events an agent bot receives (AgentBotListener). */
const AGENT_BOT_EVENTS = [
	'conversation_opened',
	'conversation_resolved',
	'message_created',
	'message_updated',
	'webwidget_triggered',
];

/**
 * @param {{ getState: () => any, sender: ReturnType<typeof import('./webhookSender').createWebhookSender> }} setup
 */
function createWebhookEvents(setup) {
	const { sender } = setup;

	/** Account webhooks: subscribed to the event, and to this inbox when they name one. @param {any} payload @param {number|null} inboxId */
	function toAccount(payload, inboxId) {
		const S = setup.getState();
		for (const w of S.webhooks) {
			if (!w.subscriptions.includes(payload.event)) continue;
			if (w.inbox_id != null && inboxId != null && w.inbox_id !== inboxId) continue;
			sender.send(
				{ kind: 'account', webhookId: w.id, inboxId, url: w.url, secret: w.secret },
				payload,
			);
		}
	}

	/** WebhookListener#deliver_webhook_payloads: account webhooks, then the API inbox's callback. @param {any} payload @param {number} inboxId @param {any} [message] */
	function toAccountAndInbox(payload, inboxId, message) {
		toAccount(payload, inboxId);
		const inbox = J.findInbox(setup.getState(), inboxId);
		if (!inbox || inbox.channel_type !== 'Channel::Api' || !inbox.webhook_url) return;
		sender.send(
			{ kind: 'api_inbox', webhookId: null, inboxId, url: inbox.webhook_url, secret: inbox.secret },
			payload,
			// Webhooks::Trigger marks the message failed when its API-inbox callback fails.
			message ? (last) => markFailed(message, last) : undefined,
		);
	}

	/** @param {any} payload @param {number} inboxId @param {any} [message] */
	function toAgentBot(payload, inboxId, message) {
		const S = setup.getState();
		const bot = S.bot;
		if (!bot.outgoing_url || !bot.inbox_ids.includes(inboxId)) return;
		if (!AGENT_BOT_EVENTS.includes(payload.event)) return;
		sender.send(
			{ kind: 'agent_bot', webhookId: null, inboxId, url: bot.outgoing_url, secret: bot.secret },
			payload,
			message ? (last) => reopenPending(message, last) : undefined,
		);
	}

	/** @param {import('./webhookSender').WebhookDelivery} last */
	function failureText(last) {
		return last.error || `${last.status} ${last.outcome}`;
	}

	/** @param {any} message @param {import('./webhookSender').WebhookDelivery} last */
	function markFailed(message, last) {
		const S = setup.getState();
		const m = S.messages.get(message.id);
		if (!m || m.status === 'failed') return;
		m.status = 'failed';
		m.content_attributes = { ...m.content_attributes, external_error: failureText(last) };
		m.updated_at = Math.floor(Date.now() / 1000);
		messageUpdated(m);
	}

	/** A failed agent-bot delivery hands a pending conversation back to the agents. @param {any} message @param {import('./webhookSender').WebhookDelivery} last */
	function reopenPending(message, last) {
		const S = setup.getState();
		const conv = S.conversations.find(
			(/** @type {any} */ c) => c.display_id === message.conversation_id,
		);
		if (!conv || conv.status !== 'pending') return;
		markFailed(message, last);
		const before = P.conversationColumns(conv);
		conv.status = 'open';
		conv.updated_at = Math.floor(Date.now() / 1000);
		conversationChanged(conv, before);
	}

	/** Message#webhook_sendable?: incoming, outgoing and template; never activity. @param {any} m */
	function sendable(m) {
		return m.message_type !== 2;
	}

	/** @param {any} m */
	function messageCreated(m) {
		if (!sendable(m)) return;
		const payload = { ...P.messageData(setup.getState(), m), event: 'message_created' };
		toAccountAndInbox(payload, m.inbox_id, m);
		toAgentBot(payload, m.inbox_id, m);
	}

	/** @param {any} m */
	function messageUpdated(m) {
		if (!sendable(m)) return;
		const payload = { ...P.messageData(setup.getState(), m), event: 'message_updated' };
		toAccountAndInbox(payload, m.inbox_id);
		toAgentBot(payload, m.inbox_id);
	}

	/** @param {any} conv */
	function conversationCreated(conv) {
		const payload = {
			...P.conversationData(setup.getState(), conv),
			event: 'conversation_created',
		};
		toAccountAndInbox(payload, conv.inbox_id);
	}

	/**
	 * Conversation#notify_status_change and #notify_conversation_updation, from the columns before.
	 * @param {any} conv @param {Record<string, any>} before `conversationColumns` taken before the change
	 */
	function conversationChanged(conv, before) {
		const changes = P.diffColumns(before, P.conversationColumns(conv));
		const keys = Object.keys(changes);
		if (!keys.length) return;
		const S = setup.getState();
		const changed = P.changedAttributes(changes);
		if (changes.status) {
			const data = P.conversationData(S, conv);
			if (conv.status === 'open')
				toAgentBot({ ...data, event: 'conversation_opened' }, conv.inbox_id);
			if (conv.status === 'resolved')
				toAgentBot({ ...data, event: 'conversation_resolved' }, conv.inbox_id);
			toAccountAndInbox(
				{ ...data, event: 'conversation_status_changed', changed_attributes: changed },
				conv.inbox_id,
			);
		}
		if (keys.some((k) => P.CONVERSATION_UPDATE_KEYS.includes(k))) {
			const data = P.conversationData(S, conv);
			toAccountAndInbox(
				{ ...data, event: 'conversation_updated', changed_attributes: changed },
				conv.inbox_id,
			);
		}
	}

	/** @param {any} c */
	function contactCreated(c) {
		toAccount({ ...P.contactData(setup.getState(), c), event: 'contact_created' }, null);
	}

	/** Fires only when a column changed, as WebhookListener#contact_updated. @param {any} c @param {Record<string, any>} before */
	function contactUpdated(c, before) {
		const changes = P.diffColumns(before, P.contactColumns(c));
		delete changes.updated_at;
		if (!Object.keys(changes).length) return;
		c.updated_at = Math.floor(Date.now() / 1000);
		changes.updated_at = [before.updated_at, P.isoTime(c.updated_at)];
		toAccount(
			{
				...P.contactData(setup.getState(), c),
				event: 'contact_updated',
				changed_attributes: P.changedAttributes(changes),
			},
			null,
		);
	}

	/**
	 * @param {any} conv @param {boolean} on @param {{kind: 'User' | 'AgentBot', id: number}} actor @param {boolean} isPrivate
	 */
	function typing(conv, on, actor, isPrivate) {
		const S = setup.getState();
		toAccountAndInbox(
			{
				event: on ? 'conversation_typing_on' : 'conversation_typing_off',
				user: P.actorData(S, actor.kind, actor.id),
				conversation: P.conversationData(S, conv),
				is_private: isPrivate,
			},
			conv.inbox_id,
		);
	}

	/** A visitor opened the website widget. @param {any} ci the contact inbox @param {any} eventInfo */
	function webwidgetTriggered(ci, eventInfo) {
		const payload = {
			...P.contactInboxData(setup.getState(), ci),
			event: 'webwidget_triggered',
			event_info: eventInfo,
		};
		toAccountAndInbox(payload, ci.inbox_id);
		toAgentBot(payload, ci.inbox_id);
	}

	/** @param {any} inbox */
	function inboxCreated(inbox) {
		toAccount({ ...P.inboxData(inbox), event: 'inbox_created' }, inbox.id);
	}

	/** @param {any} inbox @param {Record<string, any>} before `inboxColumns` before the change */
	function inboxUpdated(inbox, before) {
		const changes = P.diffColumns(before, P.inboxColumns(inbox));
		if (!Object.keys(changes).length) return;
		toAccount(
			{
				...P.inboxData(inbox),
				event: 'inbox_updated',
				changed_attributes: P.changedAttributes(changes),
			},
			inbox.id,
		);
	}

	/**
	 * Points the seeded agent bot (inboxes 1 and 2) at a URL, or stops its webhooks with null.
	 * @param {string | null} outgoingUrl
	 */
	function setAgentBotUrl(outgoingUrl) {
		const bot = setup.getState().bot;
		bot.outgoing_url = outgoingUrl ? String(outgoingUrl) : null;
		return { outgoing_url: bot.outgoing_url, secret: bot.secret, inbox_ids: bot.inbox_ids };
	}

	/**
	 * Sets an API inbox's callback URL (Chatwoot's inbox setting "Webhook URL"), or clears it with null.
	 * @param {number} inboxId @param {string | null} webhookUrl
	 */
	function setApiInboxWebhookUrl(inboxId, webhookUrl) {
		const inbox = J.findInbox(setup.getState(), Number(inboxId));
		if (!inbox || inbox.channel_type !== 'Channel::Api')
			throw new RangeError(`inbox ${inboxId} is not an API inbox`);
		inbox.webhook_url = webhookUrl ? String(webhookUrl) : '';
		return { inbox_id: inbox.id, webhook_url: inbox.webhook_url, secret: inbox.secret };
	}

	const handlers = {
		messageCreated,
		messageUpdated,
		conversationCreated,
		conversationChanged,
		contactCreated,
		contactUpdated,
		typing,
		webwidgetTriggered,
		inboxCreated,
		inboxUpdated,
	};

	/**
	 * Runs what a request announced, in order.
	 * @param {Array<[keyof typeof handlers, any[]]>} events
	 */
	function dispatch(events) {
		for (const [name, args] of events) /** @type {Function} */ (handlers[name])(...args);
	}

	return { ...handlers, dispatch, setAgentBotUrl, setApiInboxWebhookUrl };
}

module.exports = { createWebhookEvents, AGENT_BOT_EVENTS, WEBHOOK_EVENTS };
