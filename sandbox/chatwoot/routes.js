// @ts-check
'use strict';

/**
 * Chatwoot endpoints the nodes call. Each handler gets (ctx, p) where p are the path params, and
 * returns {status, body} or throws HttpError. Shapes follow Chatwoot's controllers and jbuilder views.
 * The handlers live by resource (accountRoutes, contactRoutes, conversationRoutes, messageRoutes); this file is the
 * route table and its matcher.
 */

const { HttpError } = require('./messages');
const account = require('./accountRoutes');
const contacts = require('./contactRoutes');
const conversations = require('./conversationRoutes');
const messages = require('./messageRoutes');
const { NOT_FOUND } = require('./lookups');

const A = '/api/v1/accounts/:account_id';
/**
 * Route table. bot: allowed for agent-bot tokens (NOTES "Auth"). account: path has :account_id.
 * Each route is compiled to a regular expression and the names of its `:params`.
 * @type {Array<{method: string, path: string, handler: Function, bot?: boolean, re: RegExp, names: string[]}>}
 */
const ROUTES = [
	{ method: 'GET', path: '/api/v1/profile', handler: account.getProfile },
	{ method: 'GET', path: `${A}`, handler: account.showAccount },
	{ method: 'GET', path: `${A}/inboxes`, handler: account.listInboxes },
	{ method: 'POST', path: `${A}/inboxes`, handler: account.createInbox },
	{ method: 'GET', path: `${A}/inboxes/:id`, handler: account.showInbox },
	{ method: 'PATCH', path: `${A}/inboxes/:id`, handler: account.updateInbox },
	{ method: 'POST', path: `${A}/inboxes/:id/sync_templates`, handler: account.syncTemplates },
	{ method: 'GET', path: `${A}/conversations`, handler: conversations.listConversations },
	{ method: 'GET', path: `${A}/conversations/meta`, handler: conversations.conversationMeta },
	{
		method: 'POST',
		path: `${A}/conversations`,
		handler: conversations.createConversation,
		bot: true,
	},
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id`,
		handler: conversations.showConversation,
		bot: true,
	},
	{
		method: 'PATCH',
		path: `${A}/conversations/:conversation_id`,
		handler: conversations.updateConversation,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_status`,
		handler: conversations.toggleStatus,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_priority`,
		handler: conversations.togglePriority,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_typing_status`,
		handler: conversations.toggleTyping,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/custom_attributes`,
		handler: conversations.setConversationCustomAttributes,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/assignments`,
		handler: conversations.assignConversation,
		bot: true,
	},
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id/labels`,
		handler: conversations.listConversationLabels,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/labels`,
		handler: conversations.setConversationLabels,
		bot: true,
	},
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id/messages`,
		handler: messages.listMessages,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/messages`,
		handler: messages.createMessageRoute,
		bot: true,
	},
	{
		method: 'DELETE',
		path: `${A}/conversations/:conversation_id/messages/:message_id`,
		handler: messages.deleteMessage,
	},
	{ method: 'GET', path: `${A}/contacts`, handler: contacts.listContacts },
	{ method: 'GET', path: `${A}/contacts/search`, handler: contacts.searchContacts },
	{ method: 'POST', path: `${A}/contacts`, handler: contacts.createContact },
	{ method: 'GET', path: `${A}/contacts/:id`, handler: contacts.showContact },
	{ method: 'PUT', path: `${A}/contacts/:id`, handler: contacts.updateContact },
	{ method: 'PATCH', path: `${A}/contacts/:id`, handler: contacts.updateContact },
	{ method: 'DELETE', path: `${A}/contacts/:id`, handler: contacts.deleteContact },
	{
		method: 'POST',
		path: `${A}/contacts/:id/contact_inboxes`,
		handler: contacts.createContactInbox,
	},
	{
		method: 'GET',
		path: `${A}/contacts/:id/conversations`,
		handler: contacts.contactConversations,
	},
	{
		method: 'GET',
		path: `${A}/contacts/:id/contactable_inboxes`,
		handler: contacts.contactableInboxes,
	},
	{ method: 'GET', path: `${A}/agents`, handler: account.listAgents },
	{ method: 'GET', path: `${A}/teams`, handler: account.listTeams },
	{ method: 'GET', path: `${A}/labels`, handler: account.listLabels },
	{ method: 'GET', path: `${A}/webhooks`, handler: account.listWebhooks },
	{ method: 'POST', path: `${A}/webhooks`, handler: account.createWebhook },
	{ method: 'PATCH', path: `${A}/webhooks/:webhook_id`, handler: account.updateWebhook },
	{ method: 'PUT', path: `${A}/webhooks/:webhook_id`, handler: account.updateWebhook },
	{ method: 'DELETE', path: `${A}/webhooks/:webhook_id`, handler: account.deleteWebhook },
].map((r) => {
	/** @type {string[]} */
	const names = [];
	const src = r.path
		.split('/')
		.map((seg) => {
			if (seg.startsWith(':')) {
				names.push(seg.slice(1));
				return '([^/]+)';
			}
			return seg;
		})
		.join('/');
	return { ...r, re: new RegExp(`^${src}$`), names };
});

/**
 * @param {string} method @param {string} pathname
 * @returns {{route: any, params: Record<string,string>} | {methodMismatch: true} | null}
 */
function matchRoute(method, pathname) {
	let pathMatched = false;
	for (const r of ROUTES) {
		const m = r.re.exec(pathname);
		if (!m) continue;
		// literal segments win over params (contacts/search vs contacts/:id): ROUTES lists literals first per method
		if (r.method !== method) {
			pathMatched = true;
			continue;
		}
		/** @type {Record<string,string>} */
		const params = {};
		r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
		return { route: r, params };
	}
	return pathMatched ? { methodMismatch: true } : null;
}

module.exports = { ROUTES, matchRoute, NOT_FOUND, HttpError };
