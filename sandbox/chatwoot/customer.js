// @ts-check
'use strict';

/**
 * What the sandbox lets a test play besides the agents' API: the contact of a conversation writing
 * in (text, attachments, a reply to an options message) and a visitor opening the website widget.
 * Each stores what Chatwoot would store and fires the same webhooks.
 */

const { createMessage, HttpError, sha256 } = require('./messages');
const { buildContactInbox } = require('./conversationRoutes');
const { NOT_FOUND } = require('./lookups');
const J = require('./serializers');
const { conversationColumns } = require('./webhookPayloads');

/**
 * A file the customer sends: `data` is a Buffer or a base64 string (default: a few bytes of text).
 * @typedef {{ filename: string, contentType?: string, data?: Buffer | string }} CustomerAttachment
 *
 * What the customer writes. `selectOption` answers an `input_select` message: Chatwoot stores
 * `submitted_values` on it (message_updated), and the choice's title arrives as the customer's message.
 * @typedef {{ content?: string, attachments?: CustomerAttachment[], selectOption?: { messageId: number, value: string } }} CustomerMessage
 *
 * The widget's visit details Chatwoot forwards as `event_info` of webwidget_triggered.
 * @typedef {{ inboxId?: number, contactId?: number, eventInfo?: Record<string, any> }} WidgetVisit
 */

/**
 * @param {{ getState: () => any, baseUrl: string, events: ReturnType<typeof import('./webhookEvents').createWebhookEvents> }} setup
 */
function createCustomer(setup) {
	/** @param {CustomerAttachment} a @param {number} i */
	function fileInfo(a, i) {
		const data = Buffer.isBuffer(a.data)
			? a.data
			: typeof a.data === 'string'
				? Buffer.from(a.data, 'base64')
				: Buffer.from(`sandbox attachment ${i + 1}\n`);
		return {
			field: 'attachments[]',
			filename: String(a.filename || `attachment-${i + 1}.txt`),
			mimeType: String(a.contentType || 'application/octet-stream'),
			size: data.length,
			sha256: sha256(data),
		};
	}

	/** @param {any} S @param {any} conv @param {{ messageId: number, value: string }} choice */
	function submitOption(S, conv, choice) {
		const original = S.messages.get(Number(choice.messageId));
		if (!original || original.conversation_id !== conv.display_id)
			throw new HttpError(404, NOT_FOUND);
		const items = Array.isArray(original.content_attributes.items)
			? original.content_attributes.items
			: [];
		const item = items.find(
			(/** @type {any} */ i) =>
				String(i.value) === String(choice.value) || i.title === choice.value,
		);
		if (original.content_type !== 'input_select' || !item)
			throw new HttpError(422, {
				error: `message ${original.id} has no option with the value "${choice.value}"`,
			});
		original.content_attributes = {
			...original.content_attributes,
			submitted_values: [{ title: item.title, value: item.value }],
		};
		original.updated_at = Math.floor(Date.now() / 1000);
		setup.events.messageUpdated(original);
		return { original, item };
	}

	/**
	 * The conversation's contact writes a message (an incoming message in any inbox).
	 * @param {number} conversationId the conversation's display id @param {CustomerMessage} message
	 * @returns {any} the stored message as the messages API shows it
	 */
	function customerWrites(conversationId, message = {}) {
		const S = setup.getState();
		const conv = S.conversations.find(
			(/** @type {any} */ c) => c.display_id === Number(conversationId),
		);
		if (!conv) throw new HttpError(404, NOT_FOUND);
		const attachments = Array.isArray(message.attachments) ? message.attachments : [];
		/** @type {any} */
		const params = { message_type: 'incoming', content: message.content };
		if (message.selectOption) {
			const { original, item } = submitOption(S, conv, message.selectOption);
			if (params.content === undefined) params.content = item.title;
			params.content_attributes = { in_reply_to: original.id };
		}
		if (params.content === undefined && !attachments.length)
			throw new HttpError(422, { error: 'a customer message needs content or attachments' });
		const ctx = {
			S,
			tokenKind: 'none',
			baseUrl: setup.baseUrl,
			violate: () => undefined,
			bodyKind: 'json',
			viaChannel: true,
		};
		const before = conversationColumns(conv);
		const { msg } = createMessage(ctx, conv, params, attachments.map(fileInfo));
		setup.events.messageCreated(msg);
		setup.events.conversationChanged(conv, before);
		return J.messageJson(S, msg);
	}

	/**
	 * A visitor opens the website widget (webwidget_triggered).
	 * @param {WidgetVisit} visit
	 * @returns {any} the contact inbox `{id, contact_id, inbox_id, source_id}`
	 */
	function widgetOpened(visit = {}) {
		const S = setup.getState();
		const inbox = J.findInbox(S, Number(visit.inboxId ?? 4));
		if (!inbox || inbox.channel_type !== 'Channel::WebWidget')
			throw new HttpError(422, { error: 'webwidget_triggered needs a website inbox' });
		const contact = J.findContact(S, Number(visit.contactId ?? 1));
		if (!contact) throw new HttpError(404, NOT_FOUND);
		const ci = buildContactInbox({ S }, contact, inbox, undefined);
		setup.events.webwidgetTriggered(ci, visit.eventInfo || defaultVisit());
		return {
			id: ci.id,
			contact_id: ci.contact_id,
			inbox_id: ci.inbox_id,
			source_id: ci.source_id,
		};
	}

	return { customerWrites, widgetOpened };
}

/** What Chatwoot's widget sends when it opens. */
function defaultVisit() {
	return {
		initiated_at: { timestamp: new Date().toString() },
		referer: 'https://acme.example/pricing',
		widget_language: null,
		browser_language: 'en',
		browser: {
			browser_name: 'Chrome',
			browser_version: '131.0.0.0',
			device_name: 'Unknown',
			platform_name: 'Linux',
			platform_version: null,
		},
	};
}

module.exports = { createCustomer };
