// @ts-check
'use strict';

/**
 * Seed data: a fresh, deterministic Chatwoot account. `buildSeed()` is called at start and on reset.
 * IDs are stable; timestamps are relative to the moment of seeding.
 */

const { buildInboxes, API_INBOX_SECRET } = require('./seedInboxes');

const USER_TOKEN = 'sandbox-user-token';
const BOT_TOKEN = 'sandbox-bot-token';
const ACCOUNT_ID = 1;
/** The secret Chatwoot signs the agent bot's webhooks with. */
const AGENT_BOT_SECRET = 'sandbox-agent-bot-secret';

/** Deterministic UUID-looking string. @param {number} n */
function fakeUuid(n) {
	const h = ((n * 2654435761) >>> 0).toString(16).padStart(8, '0');
	const t = String(n).padStart(12, '0');
	return `${h}-5a4d-4b0c-8e1f-${t}`;
}

const FIRST = [
	'Ana',
	'Bruno',
	'Carla',
	'Diego',
	'Elena',
	'Felipe',
	'Gabi',
	'Hugo',
	'Iris',
	'Jonas',
	'Karin',
	'Leo',
	'Maya',
	'Nico',
	'Olga',
	'Pablo',
	'Quinn',
	'Rosa',
	'Sam',
	'Tina',
	'Ulises',
	'Vera',
	'Walt',
	'Xenia',
	'Yuri',
];
const LAST = [
	'Alvarez',
	'Costa',
	'Diaz',
	'Evans',
	'Fischer',
	'Garcia',
	'Hall',
	'Ito',
	'Jones',
	'King',
	'Lopez',
	'Moore',
	'Nunez',
	'Ortiz',
	'Park',
	'Quist',
	'Reyes',
	'Silva',
	'Tan',
	'Ueda',
	'Vargas',
	'Weber',
	'Xu',
	'Young',
	'Zhang',
];

/**
 * The fields a conversation starts with at a Unix time: not muted, nothing seen, no messages.
 * @param {number} at
 */
function newConversationState(at) {
	return {
		muted: false,
		created_at: at,
		updated_at: at,
		last_activity_at: at,
		agent_last_seen_at: 0,
		assignee_last_seen_at: 0,
		contact_last_seen_at: 0,
		first_reply_created_at: 0,
		waiting_since: 0,
		message_ids: /** @type {number[]} */ ([]),
	};
}

/** Builds a fresh state. */
function buildSeed() {
	const nowMs = Date.now();
	const now = Math.floor(nowMs / 1000);

	const accounts = [
		{ id: 1, name: 'Acme Support', status: 'active' },
		{ id: 2, name: 'Other Corp', status: 'active' },
	];
	const user = {
		id: 1,
		name: 'Sandbox Admin',
		display_name: null,
		email: 'admin@acme.example',
		access_token: USER_TOKEN,
		accounts: [{ id: 1, role: 'administrator' }],
	};
	const agents = [
		{
			id: 1,
			account_id: 1,
			name: 'Sandbox Admin',
			email: 'admin@acme.example',
			role: 'administrator',
			availability_status: 'online',
			inbox_ids: [1, 2, 3, 4, 5],
		},
		// Alice is a member of every inbox, including the bot's: assignable from a bot token.
		{
			id: 2,
			account_id: 1,
			name: 'Alice Agent',
			email: 'alice@acme.example',
			role: 'agent',
			availability_status: 'online',
			inbox_ids: [1, 2, 3, 4, 5],
		},
		{
			id: 3,
			account_id: 1,
			name: 'Bob Agent',
			email: 'bob@acme.example',
			role: 'agent',
			availability_status: 'offline',
			inbox_ids: [4, 5],
		},
	];
	const bot = {
		id: 1,
		name: 'Sandbox Bot',
		description: 'Seeded agent bot',
		access_token: BOT_TOKEN,
		account_id: 1,
		inbox_ids: [1, 2],
		// its webhook: set with PUT /__sandbox/agent-bot or sb.setAgentBotUrl()
		outgoing_url: /** @type {string | null} */ (null),
		secret: AGENT_BOT_SECRET,
	};
	const teams = [
		{
			id: 1,
			name: 'sales',
			description: 'Sales team',
			allow_auto_assign: true,
			account_id: 1,
			member_ids: [1, 2],
		},
		{
			id: 2,
			name: 'support',
			description: 'Support team',
			allow_auto_assign: true,
			account_id: 1,
			member_ids: [2, 3],
		},
	];
	const labels = [
		{
			id: 1,
			title: 'billing',
			description: 'Billing questions',
			color: '#FF6B6B',
			show_on_sidebar: true,
		},
		{
			id: 2,
			title: 'support',
			description: 'Support requests',
			color: '#4ECDC4',
			show_on_sidebar: true,
		},
		{ id: 3, title: 'vip', description: 'VIP customers', color: '#FFD93D', show_on_sidebar: true },
		{
			id: 4,
			title: 'lead',
			description: 'New leads from forms',
			color: '#6C5CE7',
			show_on_sidebar: true,
		},
	];
	const inboxes = buildInboxes(now);

	/** @type {any[]} */
	const contacts = [];
	/** @type {any[]} */
	const contactInboxes = [];
	let contactInboxId = 0;
	for (let i = 1; i <= 25; i++) {
		const c = {
			id: i,
			account_id: 1,
			name: `${FIRST[i - 1]} ${LAST[i - 1]}`,
			email:
				i === 2 ? null : `${FIRST[i - 1].toLowerCase()}.${LAST[i - 1].toLowerCase()}@example.com`,
			phone_number: i === 2 ? '+15551234567' : `+1555100${String(i).padStart(4, '0')}`,
			identifier: i <= 10 ? `cust-${String(i).padStart(3, '0')}` : null,
			blocked: false,
			thumbnail: '',
			availability_status: 'offline',
			additional_attributes: {},
			custom_attributes: i === 1 ? { plan: 'pro' } : {},
			created_at: now - 86400 * 30 + i * 60,
			last_activity_at: now - i * 600,
		};
		contacts.push(c);
		// every contact reachable in the API inbox; contact 2 also in WhatsApp
		contactInboxes.push({
			id: ++contactInboxId,
			contact_id: i,
			inbox_id: 1,
			source_id: fakeUuid(i),
			hmac_verified: false,
		});
		if (i === 2)
			contactInboxes.push({
				id: ++contactInboxId,
				contact_id: 2,
				inbox_id: 2,
				source_id: '15551234567',
				hmac_verified: false,
			});
		if (i === 3)
			contactInboxes.push({
				id: ++contactInboxId,
				contact_id: 3,
				inbox_id: 5,
				source_id: c.email,
				hmac_verified: false,
			});
		if (i === 4)
			contactInboxes.push({
				id: ++contactInboxId,
				contact_id: 4,
				inbox_id: 3,
				source_id: `whatsapp:${c.phone_number}`,
				hmac_verified: false,
			});
	}

	/** @type {any[]} */
	const conversations = [];
	/** @type {Map<number, any>} */
	const messages = new Map();
	let messageId = 0;

	/**
	 * @param {any} conv
	 * @param {{type: number, content: string, private?: boolean, at: number, senderKind?: string}} m
	 */
	function addMessage(conv, m) {
		const id = ++messageId;
		const msg = {
			id,
			account_id: 1,
			inbox_id: conv.inbox_id,
			conversation_id: conv.display_id,
			message_type: m.type,
			content: m.content,
			content_type: 'text',
			content_attributes: {},
			additional_attributes: {},
			private: !!m.private,
			status: 'sent',
			source_id: m.type === 0 ? `ext-${id}` : null,
			sender_type: m.type === 0 ? 'Contact' : 'User',
			sender_id: m.type === 0 ? conv.contact_id : 1,
			external_source_ids: {},
			processed_message_content: m.content,
			sentiment: {},
			created_at: m.at,
			updated_at: m.at,
			attachments: [],
		};
		messages.set(id, msg);
		conv.message_ids.push(id);
		conv.last_activity_at = Math.max(conv.last_activity_at, m.at);
		return msg;
	}

	const statuses = /** @type {Record<number, string>} */ ({
		3: 'resolved',
		10: 'resolved',
		20: 'resolved',
		15: 'pending',
		25: 'snoozed',
	});
	for (let n = 1; n <= 34; n++) {
		const inbox_id = n === 2 ? 2 : n === 6 ? 5 : n === 7 ? 4 : n === 8 ? 3 : 1;
		const contact_id = n === 2 ? 2 : n === 6 ? 3 : n === 8 ? 4 : ((n - 1) % 25) + 1;
		let ci = contactInboxes.find((x) => x.contact_id === contact_id && x.inbox_id === inbox_id);
		if (!ci) {
			ci = {
				id: ++contactInboxId,
				contact_id,
				inbox_id,
				source_id: fakeUuid(1000 + n),
				hmac_verified: false,
			};
			contactInboxes.push(ci);
		}
		const created = now - 86400 * 3 + n * 300;
		const conv = {
			id: 1000 + n, // internal id; display_id is what the API exposes
			display_id: n,
			account_id: 1,
			inbox_id,
			contact_id,
			contact_inbox_id: ci.id,
			uuid: fakeUuid(5000 + n),
			status: statuses[n] || 'open',
			assignee_id: n % 3 === 0 ? 1 : n % 3 === 1 ? null : 2,
			team_id: n % 4 === 0 ? 1 : n % 4 === 1 ? null : n % 4 === 2 ? 2 : null,
			labels: n === 1 ? ['support'] : n === 2 ? ['vip', 'billing'] : n % 5 === 0 ? ['billing'] : [],
			custom_attributes: n === 1 ? { order_id: 'ORD-1' } : {},
			additional_attributes: {},
			priority: null,
			snoozed_until: n === 25 ? now + 86400 : null,
			...newConversationState(created),
		};
		conversations.push(conv);
		if (n === 1) {
			// 45 messages, ids 1..45, alternating incoming/outgoing; id 30 is a private note
			for (let k = 1; k <= 45; k++) {
				const isPrivate = k === 30;
				const type = isPrivate ? 1 : k % 2 === 1 ? 0 : 1;
				addMessage(conv, {
					type,
					content: isPrivate ? 'Internal: customer is on the pro plan' : `Message ${k}`,
					private: isPrivate,
					at: now - 7200 + k * 60,
				});
			}
		} else if (n === 2) {
			addMessage(conv, { type: 0, content: 'Hi, where is my order?', at: now - 3600 });
			addMessage(conv, { type: 1, content: 'Let me check that for you.', at: now - 3500 });
		} else {
			addMessage(conv, { type: 0, content: `Hello from conversation ${n}`, at: created + 10 });
			if (n % 2 === 0)
				addMessage(conv, { type: 1, content: `Reply in conversation ${n}`, at: created + 20 });
		}
	}

	const webhooks = [
		{
			id: 1,
			account_id: 1,
			url: 'https://hooks.example/chatwoot',
			name: 'Seed webhook',
			subscriptions: ['message_created'],
			inbox_id: null,
			secret: 'seedwebhooksecret',
		},
	];

	return {
		accounts,
		user,
		agents,
		bot,
		teams,
		labels,
		inboxes,
		contacts,
		contactInboxes,
		conversations,
		messages,
		webhooks,
		deliveries: /** @type {any[]} */ ([]),
		counters: {
			message: messageId,
			contact: contacts.length,
			contactInbox: contactInboxId,
			conversation: conversations.length,
			conversationInternal: 1000 + conversations.length,
			webhook: webhooks.length,
			attachment: 0,
		},
	};
}

module.exports = {
	newConversationState,
	buildSeed,
	fakeUuid,
	USER_TOKEN,
	BOT_TOKEN,
	ACCOUNT_ID,
	AGENT_BOT_SECRET,
	API_INBOX_SECRET,
};
