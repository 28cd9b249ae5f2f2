// @ts-check
'use strict';

/**
 * The route table of all three surfaces and its matcher. `surface` decides the auth rules and
 * the error shape (meta | platform | legacy); `open` routes need no key (the signed media URL).
 * Literal segments are listed before `:id` ones so `/conversations/x` is not read as a media id.
 */

const meta = require('./metaRoutes');
const platform = require('./platformRoutes');
const legacy = require('./legacyRoutes');

const M = '/meta/whatsapp/:version';
const P = '/platform/v1/whatsapp';
const L = '/api/v1';

/** @type {Array<[string, string, 'meta'|'platform'|'legacy', Function, boolean?]>} */
const TABLE = [
	['GET', '/media/:id/download', 'meta', meta.downloadMedia, true],
	['GET', `${M}/conversations/:id`, 'meta', meta.getConversation],
	['PATCH', `${M}/conversations/:id`, 'meta', meta.patchConversation],
	['POST', `${M}/:phone_number_id/messages`, 'meta', meta.postMessages],
	['GET', `${M}/:phone_number_id/messages`, 'meta', meta.listMessages],
	['POST', `${M}/:phone_number_id/media`, 'meta', meta.uploadMedia],
	['GET', `${M}/:business_account_id/message_templates`, 'meta', meta.listTemplates],
	['GET', `${M}/:phone_number_id/conversations`, 'meta', meta.listConversations],
	['GET', `${M}/:phone_number_id/conversations/:id`, 'meta', meta.getConversation],
	['PATCH', `${M}/:phone_number_id/conversations/:id`, 'meta', meta.patchConversation],
	['GET', `${M}/:phone_number_id/contacts`, 'meta', meta.listContacts],
	['GET', `${M}/:phone_number_id/contacts/:wa_id`, 'meta', meta.getContact],
	['PATCH', `${M}/:phone_number_id/contacts/:wa_id`, 'meta', meta.patchContact],
	['GET', `${M}/:id`, 'meta', meta.getMedia],
	['DELETE', `${M}/:id`, 'meta', meta.deleteMedia],

	['GET', `${P}/phone_numbers`, 'platform', platform.listPhoneNumbers],
	['GET', `${P}/phone_numbers/:phone_number_id`, 'platform', platform.getPhoneNumber],
	['GET', `${P}/phone_numbers/:phone_number_id/webhooks`, 'platform', platform.listPhoneWebhooks],
	['POST', `${P}/phone_numbers/:phone_number_id/webhooks`, 'platform', platform.createPhoneWebhook],
	['GET', `${P}/conversations`, 'platform', platform.listConversations],
	['GET', `${P}/conversations/:id`, 'platform', platform.getConversation],
	['GET', `${P}/messages`, 'platform', platform.listMessages],
	['GET', `${P}/messages/:id`, 'platform', platform.getMessage],
	['GET', `${P}/webhooks`, 'platform', platform.listProjectWebhooks],
	['POST', `${P}/webhooks`, 'platform', platform.createProjectWebhook],
	['GET', `${P}/webhooks/:id`, 'platform', platform.getWebhook],
	['PATCH', `${P}/webhooks/:id`, 'platform', platform.updateWebhook],
	['DELETE', `${P}/webhooks/:id`, 'platform', platform.deleteWebhook],
	['POST', `${P}/webhooks/:id/test`, 'platform', platform.testWebhook],

	['GET', `${L}/whatsapp_configs`, 'legacy', legacy.listConfigs],
	['GET', `${L}/whatsapp_conversations`, 'legacy', legacy.listConversations],
	['GET', `${L}/whatsapp_conversations/:id`, 'legacy', legacy.getConversation],
	['PATCH', `${L}/whatsapp_conversations/:id`, 'legacy', legacy.patchConversation],
	[
		'GET',
		`${L}/whatsapp_conversations/:id/whatsapp_messages`,
		'legacy',
		legacy.listConversationMessages,
	],
	[
		'POST',
		`${L}/whatsapp_conversations/:id/whatsapp_messages`,
		'legacy',
		legacy.postConversationMessage,
	],
	['POST', `${L}/whatsapp_messages`, 'legacy', legacy.postStandaloneMessage],
	['PATCH', `${L}/whatsapp_messages/:id/mark_as_read`, 'legacy', legacy.markAsRead],
	['DELETE', `${L}/whatsapp_messages/:id`, 'legacy', legacy.deleteMessage],
	['GET', `${L}/whatsapp_templates`, 'legacy', legacy.listTemplates],
	['GET', `${L}/whatsapp_templates/:id`, 'legacy', legacy.getTemplate],
	['POST', `${L}/whatsapp_templates/:id/send_template`, 'legacy', legacy.sendTemplate],
	['GET', `${L}/whatsapp_contacts`, 'legacy', legacy.listContacts],
	['POST', `${L}/whatsapp_contacts`, 'legacy', legacy.createContact],
	['GET', `${L}/whatsapp_contacts/:id`, 'legacy', legacy.getContact],
	['PATCH', `${L}/whatsapp_contacts/:id`, 'legacy', legacy.patchContact],
];

const ROUTES = TABLE.map(([method, path, surface, handler, open]) => {
	/** @type {string[]} */
	const names = [];
	const re = new RegExp(
		`^${path.replace(/:([a-z_]+)/g, (_, n) => {
			names.push(n);
			return '([^/]+)';
		})}/?$`,
	);
	return { method, path, surface, handler, open: !!open, re, names };
});

/** Which surface a path belongs to (for auth and error shapes of unknown routes). @param {string} path */
function surfaceOf(path) {
	if (path.startsWith('/meta/') || path.startsWith('/media/')) return 'meta';
	if (path.startsWith('/platform/')) return 'platform';
	if (path.startsWith('/api/')) return 'legacy';
	return null;
}

/**
 * @param {string} method @param {string} path
 * @returns {{route: typeof ROUTES[number], params: Record<string,string>} | {methodMismatch: true} | null}
 */
function matchRoute(method, path) {
	let pathMatched = false;
	for (const r of ROUTES) {
		const m = r.re.exec(path);
		if (!m) continue;
		pathMatched = true;
		if (r.method !== method) continue;
		/** @type {Record<string,string>} */
		const params = {};
		r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
		return { route: r, params };
	}
	return pathMatched ? { methodMismatch: true } : null;
}

module.exports = { ROUTES, matchRoute, surfaceOf };
