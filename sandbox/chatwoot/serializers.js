// @ts-check
'use strict';

/**
 * JSON shapes, modelled on Chatwoot's jbuilder views and models' push_event_data.
 * `S` is the sandbox state (see seed.js); `ctx.baseUrl` is used for attachment URLs.
 */

/** @param {any} S @param {number} id */
function findContact(S, id) {
	return S.contacts.find((/** @type {any} */ c) => c.id === id);
}
/** @param {any} S @param {number} id */
function findInbox(S, id) {
	return S.inboxes.find((/** @type {any} */ i) => i.id === id);
}
/** @param {any} S @param {number|null} id */
function findAgent(S, id) {
	return id == null ? undefined : S.agents.find((/** @type {any} */ a) => a.id === id);
}
/** @param {any} S @param {number|null} id */
function findTeam(S, id) {
	return id == null ? undefined : S.teams.find((/** @type {any} */ t) => t.id === id);
}

/** Contact partial (api/v1/models/_contact). @param {any} S @param {any} c @param {boolean} [withInboxes] */
function contactJson(S, c, withInboxes) {
	/** @type {any} */
	const out = {
		additional_attributes: c.additional_attributes,
		availability_status: c.availability_status,
		email: c.email,
		id: c.id,
		name: c.name,
		phone_number: c.phone_number,
		blocked: c.blocked,
		identifier: c.identifier,
		thumbnail: c.thumbnail,
		custom_attributes: c.custom_attributes,
		last_activity_at: c.last_activity_at,
		created_at: c.created_at,
	};
	if (withInboxes) {
		out.contact_inboxes = S.contactInboxes
			.filter((/** @type {any} */ ci) => ci.contact_id === c.id)
			.map((/** @type {any} */ ci) => contactInboxJson(S, ci));
	}
	return out;
}

/** @param {any} S @param {any} ci */
function contactInboxJson(S, ci) {
	return { source_id: ci.source_id, inbox: inboxSlimJson(findInbox(S, ci.inbox_id)) };
}

/** @param {any} inbox */
function inboxSlimJson(inbox) {
	if (!inbox) return null;
	return {
		id: inbox.id,
		avatar_url: inbox.avatar_url,
		channel_id: inbox.channel_id,
		name: inbox.name,
		channel_type: inbox.channel_type,
		provider: inbox.provider,
	};
}

/** Full inbox (api/v1/models/_inbox) with message_templates / content_templates. @param {any} inbox */
function inboxJson(inbox) {
	const { message_templates_last_updated, secret, ...rest } = inbox;
	/** @type {any} */
	const out = { ...rest };
	if (inbox.channel_type === 'Channel::Whatsapp') {
		out.message_templates = inbox.message_templates;
		out.provider_config = {};
	}
	return out;
}

/** @param {any} _S the state, unused: every serializer takes it @param {any} a */
function agentJson(_S, a) {
	return {
		id: a.id,
		account_id: a.account_id,
		availability_status: a.availability_status,
		auto_offline: true,
		confirmed: true,
		email: a.email,
		available_name: a.name,
		name: a.name,
		role: a.role,
		thumbnail: '',
		custom_role_id: null,
	};
}

/** @param {any} _S the state, unused: every serializer takes it @param {any} t @param {number} [userId] */
function teamJson(_S, t, userId) {
	return {
		id: t.id,
		name: t.name,
		description: t.description,
		allow_auto_assign: t.allow_auto_assign,
		account_id: t.account_id,
		is_member: userId != null ? t.member_ids.includes(userId) : false,
	};
}

/** @param {any} l */
function labelJson(l) {
	return {
		id: l.id,
		title: l.title,
		description: l.description,
		color: l.color,
		show_on_sidebar: l.show_on_sidebar,
	};
}

/** @param {any} S @param {any} w */
function webhookJson(S, w) {
	const inbox = w.inbox_id ? findInbox(S, w.inbox_id) : null;
	return {
		id: w.id,
		url: w.url,
		name: w.name,
		subscriptions: w.subscriptions,
		account_id: w.account_id,
		secret: w.secret,
		inbox: inbox ? { id: inbox.id, name: inbox.name } : null,
	};
}

/** push_event_data of the message's sender. @param {any} S @param {any} m */
function senderJson(S, m) {
	if (m.sender_type === 'Contact') {
		const c = findContact(S, m.sender_id);
		if (!c) return undefined;
		return {
			additional_attributes: c.additional_attributes,
			custom_attributes: c.custom_attributes,
			email: c.email,
			id: c.id,
			identifier: c.identifier,
			name: c.name,
			phone_number: c.phone_number,
			thumbnail: c.thumbnail,
			blocked: c.blocked,
			type: 'contact',
		};
	}
	if (m.sender_type === 'AgentBot') {
		return { id: S.bot.id, name: S.bot.name, avatar_url: '', type: 'agent_bot' };
	}
	if (m.sender_type === 'User') {
		const a = findAgent(S, m.sender_id);
		if (!a) return undefined;
		return {
			id: a.id,
			name: a.name,
			available_name: a.name,
			avatar_url: '',
			type: 'user',
			availability_status: a.availability_status,
			thumbnail: '',
		};
	}
	return undefined;
}

/**
 * Message as returned by create / list (api/v1/conversations/partials/_message + push_event_data fields).
 * @param {any} S @param {any} m @param {{echoId?: string}} [opts]
 */
function messageJson(S, m, opts = {}) {
	const conv = S.conversations.find((/** @type {any} */ c) => c.display_id === m.conversation_id);
	/** @type {any} */
	const out = {
		id: m.id,
		content: m.content,
		account_id: m.account_id,
		inbox_id: m.inbox_id,
		conversation_id: m.conversation_id,
		message_type: m.message_type,
		content_type: m.content_type,
		status: m.status,
		content_attributes: m.content_attributes,
		additional_attributes: m.additional_attributes,
		created_at: m.created_at,
		updated_at: m.updated_at,
		private: m.private,
		source_id: m.source_id,
		sender_type: m.sender_type,
		sender_id: m.sender_id,
		external_source_ids: m.external_source_ids,
		processed_message_content: m.processed_message_content,
		sentiment: m.sentiment,
		conversation: conv
			? {
					assignee_id: conv.assignee_id,
					unread_count: unreadCount(S, conv),
					last_activity_at: conv.last_activity_at,
					contact_inbox: {
						source_id: (
							S.contactInboxes.find((/** @type {any} */ ci) => ci.id === conv.contact_inbox_id) ||
							{}
						).source_id,
					},
				}
			: null,
	};
	if (opts.echoId !== undefined && opts.echoId !== null && opts.echoId !== '')
		out.echo_id = opts.echoId;
	if (m.attachments && m.attachments.length) out.attachments = m.attachments;
	const sender = senderJson(S, m);
	if (sender) out.sender = sender;
	return out;
}

/** @param {any} S @param {any} conv */
function unreadCount(S, conv) {
	let n = 0;
	for (const id of conv.message_ids) {
		const m = S.messages.get(id);
		if (m && m.message_type === 0 && m.created_at > conv.agent_last_seen_at) n++;
	}
	return n;
}

/** @param {any} S @param {any} conv */
function canReply(S, conv) {
	const inbox = findInbox(S, conv.inbox_id);
	if (!inbox || !['Channel::Whatsapp', 'Channel::TwilioSms'].includes(inbox.channel_type))
		return true;
	const now = Math.floor(Date.now() / 1000);
	for (let i = conv.message_ids.length - 1; i >= 0; i--) {
		const m = S.messages.get(conv.message_ids[i]);
		if (m && m.message_type === 0) return now - m.created_at < 24 * 3600;
	}
	return false;
}

/** Conversation partial (api/v1/conversations/partials/_conversation). @param {any} S @param {any} conv */
function conversationJson(S, conv) {
	const contact = findContact(S, conv.contact_id);
	const inbox = findInbox(S, conv.inbox_id);
	const assignee = findAgent(S, conv.assignee_id);
	const team = findTeam(S, conv.team_id);
	const ci = S.contactInboxes.find((/** @type {any} */ x) => x.id === conv.contact_inbox_id);
	const msgs = conv.message_ids
		.map((/** @type {number} */ id) => S.messages.get(id))
		.filter(Boolean);
	const last = msgs[msgs.length - 1];
	const lastNonActivity = [...msgs].reverse().find((m) => m.message_type !== 2);
	/** @type {any} */
	const meta = {
		sender: contact ? { ...contactJson(S, contact), type: 'contact' } : null,
		channel: inbox ? inbox.channel_type : null,
		hmac_verified: ci ? ci.hmac_verified : false,
	};
	if (assignee) meta.assignee = agentJson(S, assignee);
	if (team) meta.team = teamJson(S, team);
	return {
		meta,
		id: conv.display_id,
		messages: last ? [messageJson(S, last)] : [],
		account_id: conv.account_id,
		uuid: conv.uuid,
		additional_attributes: conv.additional_attributes,
		agent_last_seen_at: conv.agent_last_seen_at,
		assignee_last_seen_at: conv.assignee_last_seen_at,
		can_reply: canReply(S, conv),
		contact_last_seen_at: conv.contact_last_seen_at,
		custom_attributes: conv.custom_attributes,
		inbox_id: conv.inbox_id,
		labels: conv.labels,
		muted: conv.muted,
		snoozed_until: conv.snoozed_until,
		status: conv.status,
		created_at: conv.created_at,
		updated_at: conv.updated_at,
		timestamp: conv.last_activity_at,
		first_reply_created_at: conv.first_reply_created_at,
		unread_count: unreadCount(S, conv),
		last_non_activity_message: lastNonActivity ? messageJson(S, lastNonActivity) : null,
		last_activity_at: conv.last_activity_at,
		priority: conv.priority,
		waiting_since: conv.waiting_since,
		sla_policy_id: null,
		contact_inbox: ci ? { source_id: ci.source_id } : null,
	};
}

/** @param {any} S */
function profileJson(S) {
	const u = S.user;
	return {
		id: u.id,
		access_token: u.access_token,
		account_id: 1,
		available_name: u.name,
		avatar_url: '',
		confirmed: true,
		display_name: u.display_name,
		message_signature: null,
		email: u.email,
		hmac_identifier: 'sandbox-hmac-identifier',
		inviter_id: null,
		name: u.name,
		provider: 'email',
		pubsub_token: 'sandbox-pubsub-token',
		role: 'administrator',
		ui_settings: {},
		uid: u.email,
		type: null,
		custom_attributes: {},
		accounts: u.accounts.map((/** @type {any} */ a) => {
			const acc = S.accounts.find((/** @type {any} */ x) => x.id === a.id);
			return {
				id: a.id,
				name: acc ? acc.name : '',
				status: 'active',
				active_at: null,
				role: a.role,
				permissions: [a.role],
				availability: 'online',
				availability_status: 'online',
				auto_offline: true,
				custom_role_id: null,
				custom_role: null,
			};
		}),
	};
}

module.exports = {
	findContact,
	findInbox,
	findAgent,
	findTeam,
	contactJson,
	contactInboxJson,
	inboxSlimJson,
	inboxJson,
	agentJson,
	teamJson,
	labelJson,
	webhookJson,
	messageJson,
	senderJson,
	unreadCount,
	conversationJson,
	profileJson,
	canReply,
};
