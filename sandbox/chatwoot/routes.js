// @ts-check
'use strict';

/**
 * Chatwoot endpoints the nodes call. Each handler gets (ctx, p) where p are the path params, and
 * returns {status, body} or throws HttpError. Shapes follow Chatwoot's controllers and jbuilder views.
 * The handlers live by resource (accountRoutes, contactRoutes, conversationRoutes); this file is the
 * route table and its matcher.
 */

const { HttpError } = require('./messages');
const {
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
	updateWebhook,
} = require('./accountRoutes');
const {
	contactConversations,
	contactableInboxes,
	createContact,
	createContactInbox,
	deleteContact,
	listContacts,
	searchContacts,
	showContact,
	updateContact,
} = require('./contactRoutes');
const {
	assignConversation,
	conversationMeta,
	createConversation,
	createMessageRoute,
	deleteMessage,
	listConversationLabels,
	listConversations,
	listMessages,
	setConversationCustomAttributes,
	setConversationLabels,
	showConversation,
	togglePriority,
	toggleStatus,
	toggleTyping,
	updateConversation,
} = require('./conversationRoutes');
const { NOT_FOUND } = require('./lookups');

const A = '/api/v1/accounts/:account_id';
/**
 * Route table. bot: allowed for agent-bot tokens (NOTES "Auth"). account: path has :account_id.
 * Each route is compiled to a regular expression and the names of its `:params`.
 * @type {Array<{method: string, path: string, handler: Function, bot?: boolean, re: RegExp, names: string[]}>}
 */
const ROUTES = [
	{ method: 'GET', path: '/api/v1/profile', handler: getProfile },
	{ method: 'GET', path: `${A}`, handler: showAccount },
	{ method: 'GET', path: `${A}/inboxes`, handler: listInboxes },
	{ method: 'GET', path: `${A}/inboxes/:id`, handler: showInbox },
	{ method: 'POST', path: `${A}/inboxes/:id/sync_templates`, handler: syncTemplates },
	{ method: 'GET', path: `${A}/conversations`, handler: listConversations },
	{ method: 'GET', path: `${A}/conversations/meta`, handler: conversationMeta },
	{ method: 'POST', path: `${A}/conversations`, handler: createConversation, bot: true },
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id`,
		handler: showConversation,
		bot: true,
	},
	{
		method: 'PATCH',
		path: `${A}/conversations/:conversation_id`,
		handler: updateConversation,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_status`,
		handler: toggleStatus,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_priority`,
		handler: togglePriority,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/toggle_typing_status`,
		handler: toggleTyping,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/custom_attributes`,
		handler: setConversationCustomAttributes,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/assignments`,
		handler: assignConversation,
		bot: true,
	},
	{
		method: 'GET',
		path: `${A}/conversations/:conversation_id/labels`,
		handler: listConversationLabels,
		bot: true,
	},
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/labels`,
		handler: setConversationLabels,
		bot: true,
	},
	{ method: 'GET', path: `${A}/conversations/:conversation_id/messages`, handler: listMessages },
	{
		method: 'POST',
		path: `${A}/conversations/:conversation_id/messages`,
		handler: createMessageRoute,
		bot: true,
	},
	{
		method: 'DELETE',
		path: `${A}/conversations/:conversation_id/messages/:message_id`,
		handler: deleteMessage,
	},
	{ method: 'GET', path: `${A}/contacts`, handler: listContacts },
	{ method: 'GET', path: `${A}/contacts/search`, handler: searchContacts },
	{ method: 'POST', path: `${A}/contacts`, handler: createContact },
	{ method: 'GET', path: `${A}/contacts/:id`, handler: showContact },
	{ method: 'PUT', path: `${A}/contacts/:id`, handler: updateContact },
	{ method: 'PATCH', path: `${A}/contacts/:id`, handler: updateContact },
	{ method: 'DELETE', path: `${A}/contacts/:id`, handler: deleteContact },
	{ method: 'POST', path: `${A}/contacts/:id/contact_inboxes`, handler: createContactInbox },
	{ method: 'GET', path: `${A}/contacts/:id/conversations`, handler: contactConversations },
	{ method: 'GET', path: `${A}/contacts/:id/contactable_inboxes`, handler: contactableInboxes },
	{ method: 'GET', path: `${A}/agents`, handler: listAgents },
	{ method: 'GET', path: `${A}/teams`, handler: listTeams },
	{ method: 'GET', path: `${A}/labels`, handler: listLabels },
	{ method: 'GET', path: `${A}/webhooks`, handler: listWebhooks },
	{ method: 'POST', path: `${A}/webhooks`, handler: createWebhook },
	{ method: 'PATCH', path: `${A}/webhooks/:webhook_id`, handler: updateWebhook },
	{ method: 'PUT', path: `${A}/webhooks/:webhook_id`, handler: updateWebhook },
	{ method: 'DELETE', path: `${A}/webhooks/:webhook_id`, handler: deleteWebhook },
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
