// @ts-check
'use strict';

/**
 * The bodies Chatwoot's webhook listeners send, built from the sandbox state: each model's
 * `webhook_data` (message, conversation, contact, contact inbox, inbox, account, user/bot) and the
 * event payloads of WebhookListener / AgentBotListener (NOTES.md → Webhooks). Rails times become
 * ISO strings with milliseconds; the conversation's timestamps are Unix seconds as in its presenter.
 */

const J = require('./serializers');

const MESSAGE_TYPE_NAMES = ['incoming', 'outgoing', 'activity', 'template'];

/** Conversation columns whose change makes Chatwoot dispatch conversation_updated. */
const CONVERSATION_UPDATE_KEYS = [
	'team_id',
	'assignee_id',
	'status',
	'snoozed_until',
	'custom_attributes',
	'label_list',
	'waiting_since',
	'first_reply_created_at',
	'priority',
];

/** @param {number|null|undefined} unix */
function isoTime(unix) {
	return unix ? new Date(unix * 1000).toISOString() : null;
}

/** @param {any} S */
function accountData(S) {
	const a = S.accounts.find((/** @type {any} */ x) => x.id === 1);
	return { id: a.id, name: a.name };
}

/** @param {any} inbox */
function inboxData(inbox) {
	return { id: inbox.id, name: inbox.name };
}

/** Contact#webhook_data: its push_event_data with the account and avatar. @param {any} S @param {any} c */
function contactData(S, c) {
	/** @type {any} */
	const pushData = J.senderJson(S, { sender_type: 'Contact', sender_id: c.id });
	const { additional_attributes, ...rest } = pushData;
	return { account: accountData(S), additional_attributes, avatar: c.thumbnail, ...rest };
}

/** User#webhook_data, or AgentBot#webhook_data for the bot. @param {any} S @param {'User'|'AgentBot'} kind @param {number} id */
function actorData(S, kind, id) {
	if (kind === 'AgentBot') return { id: S.bot.id, name: S.bot.name, type: 'agent_bot' };
	const a = J.findAgent(S, id);
	return a ? { id: a.id, name: a.name, email: a.email, type: 'user' } : null;
}

/** Attachment#push_event_data. @param {any} a */
function attachmentData(a) {
	return {
		id: a.id,
		message_id: a.message_id,
		file_type: a.file_type,
		account_id: a.account_id,
		extension: a.extension,
		data_url: a.data_url,
		thumb_url: a.thumb_url,
		file_size: a.file_size,
		width: a.width,
		height: a.height,
	};
}

/** The user/contact push_event_data used in a conversation's meta. @param {any} S @param {any} conv */
function conversationMeta(S, conv) {
	const contact = J.findContact(S, conv.contact_id);
	const assignee = J.findAgent(S, conv.assignee_id);
	const team = J.findTeam(S, conv.team_id);
	const ci = S.contactInboxes.find((/** @type {any} */ x) => x.id === conv.contact_inbox_id);
	const sender = contact
		? J.senderJson(S, { sender_type: 'Contact', sender_id: contact.id })
		: null;
	return {
		sender,
		assignee: assignee ? J.senderJson(S, { sender_type: 'User', sender_id: assignee.id }) : null,
		team: team ? { id: team.id, name: team.name } : null,
		hmac_verified: ci ? ci.hmac_verified : null,
	};
}

/** Conversation#webhook_data (Conversations::EventDataPresenter#push_data). @param {any} S @param {any} conv */
function conversationData(S, conv) {
	const inbox = J.findInbox(S, conv.inbox_id);
	const ci = S.contactInboxes.find((/** @type {any} */ x) => x.id === conv.contact_inbox_id);
	const chat = conv.message_ids
		.map((/** @type {number} */ id) => S.messages.get(id))
		.filter((/** @type {any} */ m) => m && m.message_type !== 2 && !m.private);
	const last = chat[chat.length - 1];
	return {
		additional_attributes: conv.additional_attributes,
		can_reply: J.canReply(S, conv),
		channel: inbox ? inbox.channel_type : null,
		contact_inbox: ci
			? {
					id: ci.id,
					contact_id: ci.contact_id,
					inbox_id: ci.inbox_id,
					source_id: ci.source_id,
					created_at: isoTime(conv.created_at),
					updated_at: isoTime(conv.created_at),
					hmac_verified: ci.hmac_verified,
					pubsub_token: `sandbox-pubsub-${ci.id}`,
				}
			: null,
		id: conv.display_id,
		inbox_id: conv.inbox_id,
		messages: last ? [J.messageJson(S, last)] : [],
		labels: conv.labels,
		meta: conversationMeta(S, conv),
		status: conv.status,
		custom_attributes: conv.custom_attributes,
		snoozed_until: isoTime(conv.snoozed_until),
		unread_count: J.unreadCount(S, conv),
		first_reply_created_at: isoTime(conv.first_reply_created_at),
		priority: conv.priority,
		waiting_since: conv.waiting_since || 0,
		agent_last_seen_at: conv.agent_last_seen_at || 0,
		contact_last_seen_at: conv.contact_last_seen_at || 0,
		last_activity_at: conv.last_activity_at,
		timestamp: conv.last_activity_at,
		created_at: conv.created_at,
		updated_at: conv.updated_at,
	};
}

/** Message#webhook_data: flat, message_type as a string. @param {any} S @param {any} m */
function messageData(S, m) {
	const conv = S.conversations.find((/** @type {any} */ c) => c.display_id === m.conversation_id);
	const inbox = J.findInbox(S, m.inbox_id);
	/** @type {any} */
	const data = {
		account: accountData(S),
		additional_attributes: m.additional_attributes,
		content_attributes: m.content_attributes,
		content_type: m.content_type,
		content: m.content,
		conversation: conv ? conversationData(S, conv) : null,
		created_at: isoTime(m.created_at),
		id: m.id,
		inbox: inboxData(inbox),
		message_type: MESSAGE_TYPE_NAMES[m.message_type],
		private: m.private,
		sender: senderData(S, m),
		source_id: m.source_id,
	};
	if (m.attachments && m.attachments.length) data.attachments = m.attachments.map(attachmentData);
	return data;
}

/** @param {any} S @param {any} m */
function senderData(S, m) {
	if (m.sender_type === 'Contact') {
		const c = J.findContact(S, m.sender_id);
		return c ? contactData(S, c) : null;
	}
	if (m.sender_type === 'User' || m.sender_type === 'AgentBot')
		return actorData(S, m.sender_type, m.sender_id);
	return null;
}

/** ContactInbox#webhook_data (webwidget_triggered). @param {any} S @param {any} ci */
function contactInboxData(S, ci) {
	const contact = J.findContact(S, ci.contact_id);
	const current = [...S.conversations]
		.reverse()
		.find((/** @type {any} */ c) => c.contact_inbox_id === ci.id);
	return {
		id: ci.id,
		contact: contact ? contactData(S, contact) : null,
		inbox: inboxData(J.findInbox(S, ci.inbox_id)),
		account: accountData(S),
		current_conversation: current ? conversationData(S, current) : null,
		source_id: ci.source_id,
	};
}

/**
 * BaseListener#extract_changed_attributes: one single-key object per changed column.
 * @param {Record<string, [any, any]>} changes
 */
function changedAttributes(changes) {
	return Object.entries(changes).map(([k, [previous, current]]) => ({
		[k]: { previous_value: previous, current_value: current },
	}));
}

/**
 * The conversation columns the sandbox tracks, in Rails' JSON form, to diff before and after a change.
 * @param {any} conv
 */
function conversationColumns(conv) {
	return {
		status: conv.status,
		assignee_id: conv.assignee_id,
		team_id: conv.team_id,
		priority: conv.priority,
		snoozed_until: isoTime(conv.snoozed_until),
		custom_attributes: conv.custom_attributes,
		label_list: [...conv.labels],
		cached_label_list: conv.labels.join(', '),
		waiting_since: isoTime(conv.waiting_since),
		first_reply_created_at: isoTime(conv.first_reply_created_at),
		updated_at: isoTime(conv.updated_at),
	};
}

/** @param {any} c */
function contactColumns(c) {
	return {
		name: c.name,
		email: c.email,
		phone_number: c.phone_number,
		identifier: c.identifier,
		blocked: c.blocked,
		additional_attributes: c.additional_attributes,
		custom_attributes: c.custom_attributes,
		updated_at: isoTime(c.updated_at || c.created_at),
	};
}

/** The inbox's own columns (its channel's webhook_url and secret are another record's). @param {any} inbox */
function inboxColumns(inbox) {
	const { message_templates, content_templates, webhook_url, secret, ...rest } = inbox;
	return JSON.parse(JSON.stringify(rest));
}

/**
 * The columns that differ between two snapshots, `{column: [before, after]}`.
 * @param {Record<string, any>} before @param {Record<string, any>} after
 */
function diffColumns(before, after) {
	/** @type {Record<string, [any, any]>} */
	const out = {};
	for (const k of Object.keys(after)) {
		if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
	}
	return out;
}

module.exports = {
	CONVERSATION_UPDATE_KEYS,
	accountData,
	actorData,
	changedAttributes,
	contactColumns,
	contactData,
	contactInboxData,
	conversationColumns,
	conversationData,
	diffColumns,
	inboxColumns,
	inboxData,
	isoTime,
	messageData,
};
