import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { asNodeError } from '../../shared/nodeError';
import { inboxTemplates } from '../composer/templateDefinitions';
import { channelLabel, templateInboxKind } from '../helpers/channels';
import { CONTACTS_PAGE_SIZE, CONVERSATIONS_PAGE_SIZE, CREDENTIAL_TYPE } from '../transport';
import { isNotFound, listContext, matchesFilter, payloadOf } from './shared';

/** A listSearch method, as n8n calls it: `this` is the editor's context. */
type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A list Chatwoot returns whole, filtered here on the texts `searchable` gives for each entry. */
function filtered(
	filter: string | undefined,
	entries: IDataObject[],
	searchable: (entry: IDataObject) => unknown[],
	item: (entry: IDataObject) => INodeListSearchItems,
): INodeListSearchResult {
	return {
		results: entries.filter((entry) => matchesFilter(filter, ...searchable(entry))).map(item),
	};
}

const inboxTexts = (inbox: IDataObject) => [inbox.name, inbox.id, channelLabel(inbox)];

function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

const join = (...parts: unknown[]) =>
	parts
		.filter((part) => part !== undefined && part !== null && String(part).trim() !== '')
		.join(' · ');

/** The accounts of the token's user (`GET /api/v1/profile`), the credential's one marked. */
export const searchAccounts: ListSearch = async function (filter) {
	const { connection, get } = await listContext.call(this);
	const credentials = await this.getCredentials<{ accountId: number | string }>(CREDENTIAL_TYPE);
	const profile = await get('/api/v1/profile', undefined, 'the profile');
	const accounts = Array.isArray(profile.accounts) ? (profile.accounts as IDataObject[]) : [];
	const ofCredential = (account: IDataObject) =>
		Number(account.id) === Number(credentials.accountId) ? 'account of the credential' : undefined;
	return filtered(
		filter,
		accounts,
		(account) => [account.name, account.id],
		(account) => ({
			name: join(account.name, `#${String(account.id)}`, account.role, ofCredential(account)),
			value: String(account.id),
			url: `${connection.baseUrl}/app/accounts/${String(account.id)}/dashboard`,
		}),
	);
};

function inboxItem(inbox: IDataObject, url: string, extra?: string): INodeListSearchItems {
	return { name: join(inbox.name, channelLabel(inbox), extra), value: String(inbox.id), url };
}

/** Every inbox of the account, with its channel type. */
export const searchInboxes: ListSearch = async function (filter) {
	const { get, appUrl } = await listContext.call(this);
	const inboxes = payloadOf(await get('inboxes', undefined, 'the inboxes'));
	return filtered(filter, inboxes, inboxTexts, (inbox) =>
		inboxItem(inbox, appUrl(`settings/inboxes/${String(inbox.id)}`)),
	);
};

/** Inboxes that carry WhatsApp templates (WhatsApp Cloud / 360dialog, Twilio WhatsApp), with their approved count. */
export const searchTemplateInboxes: ListSearch = async function (filter) {
	const { get, appUrl } = await listContext.call(this);
	const inboxes = payloadOf(await get('inboxes', undefined, 'the inboxes')).filter((inbox) =>
		templateInboxKind(inbox),
	);
	return filtered(filter, inboxes, inboxTexts, (inbox) => {
		const approved = inboxTemplates(inbox).filter((template) => template.approved).length;
		const count = `${approved} approved template${approved === 1 ? '' : 's'}`;
		return inboxItem(inbox, appUrl(`settings/inboxes/${String(inbox.id)}`), count);
	});
};

/**
 * Conversations as "#42 · contact · inbox · status", newest activity first, all statuses.
 * A number (`42`, `#42`) finds that conversation; other text uses Chatwoot's `q`, which matches
 * message text (and, depending on the Chatwoot version, the contact).
 */
export const searchConversations: ListSearch = async function (filter, paginationToken) {
	const { get, appUrl } = await listContext.call(this);
	const text = (filter ?? '').trim();
	const page = pageOf(paginationToken);
	let conversations: IDataObject[];
	let hasMore = false;
	const number = /^#?\s*(\d+)$/.exec(text)?.[1];
	if (number) {
		try {
			conversations = [await get(`conversations/${number}`, undefined, `conversation ${number}`)];
		} catch (error) {
			if (!isNotFound(error)) throw asNodeError(this.getNode(), error);
			conversations = [];
		}
	} else {
		const qs: IDataObject = { status: 'all', page };
		if (text) qs.q = text;
		const body = await get('conversations', qs, 'the conversations');
		conversations = payloadOf((body.data ?? {}) as IDataObject);
		hasMore = conversations.length >= CONVERSATIONS_PAGE_SIZE;
	}
	const inboxNames =
		conversations.length > 0 ? await inboxNamesOf.call(this) : new Map<string, string>();
	return {
		results: conversations.map((conversation) => {
			const meta = (conversation.meta ?? {}) as IDataObject;
			const sender = (meta.sender ?? {}) as IDataObject;
			const inbox =
				inboxNames.get(String(conversation.inbox_id)) ?? `inbox ${String(conversation.inbox_id)}`;
			return {
				name: join(
					`#${String(conversation.id)}`,
					sender.name || sender.email || sender.phone_number,
					inbox,
					conversation.status,
				),
				value: String(conversation.id),
				url: appUrl(`conversations/${String(conversation.id)}`),
			};
		}),
		paginationToken: hasMore ? String(page + 1) : undefined,
	};
};

/** Inbox names for labels; a user who may not list inboxes still gets the conversations. */
async function inboxNamesOf(this: ILoadOptionsFunctions): Promise<Map<string, string>> {
	const { get } = await listContext.call(this);
	try {
		return new Map(
			payloadOf(await get('inboxes')).map((inbox) => [String(inbox.id), String(inbox.name)]),
		);
	} catch {
		return new Map();
	}
}

/** Contacts as "name · email · phone"; a filter uses Chatwoot's contact search (name, email, phone, identifier). */
export const searchContacts: ListSearch = async function (filter, paginationToken) {
	const { get, appUrl } = await listContext.call(this);
	const text = (filter ?? '').trim();
	const page = pageOf(paginationToken);
	const body = text
		? await get('contacts/search', { q: text, page }, 'the contacts')
		: await get('contacts', { page }, 'the contacts');
	const contacts = payloadOf(body);
	return {
		results: contacts.map((contact) => ({
			name: join(
				contact.name || `Contact ${String(contact.id)}`,
				contact.email,
				contact.phone_number,
			),
			value: String(contact.id),
			url: appUrl(`contacts/${String(contact.id)}`),
		})),
		paginationToken: contacts.length >= CONTACTS_PAGE_SIZE ? String(page + 1) : undefined,
	};
};

/** The account's agents as "name · email · role". */
export const searchAgents: ListSearch = async function (filter) {
	const { get } = await listContext.call(this);
	return filtered(
		filter,
		payloadOf(await get('agents', undefined, 'the agents')),
		(agent) => [agent.available_name, agent.name, agent.email, agent.id],
		(agent) => ({
			name: join(agent.available_name || agent.name, agent.email, agent.role),
			value: String(agent.id),
		}),
	);
};

/** The account's teams. */
export const searchTeams: ListSearch = async function (filter) {
	const { get, appUrl } = await listContext.call(this);
	return filtered(
		filter,
		payloadOf(await get('teams', undefined, 'the teams')),
		(team) => [team.name, team.description, team.id],
		(team) => ({
			name: join(team.name, team.description),
			value: String(team.id),
			url: appUrl(`settings/teams/${String(team.id)}/edit`),
		}),
	);
};
