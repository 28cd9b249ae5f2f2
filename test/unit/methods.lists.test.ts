import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { getLabels, getTemplates } from '../../nodes/Chatwoot/methods/loadOptions';
import {
	searchAccounts,
	searchAgents,
	searchContacts,
	searchConversations,
	searchInboxes,
	searchTeams,
	searchTemplateInboxes,
} from '../../nodes/Chatwoot/methods/listSearch';
import { getTemplateVariables } from '../../nodes/Chatwoot/methods/resourceMapping';
import { json, type SentRequest } from '../helpers/context';
import { createLoadOptionsContext } from '../helpers/loadOptions';
import { runChatwoot, sendParameters } from '../helpers/run';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildSeed } = require('../../sandbox/chatwoot/seed') as {
	buildSeed(): { inboxes: IDataObject[] };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inboxJson } = require('../../sandbox/chatwoot/serializers') as {
	inboxJson(inbox: IDataObject): IDataObject;
};

const BASE = 'https://chat.example.com/api/v1/accounts/1';
const inboxes = () => buildSeed().inboxes.map(inboxJson);
const path = (request: SentRequest) => request.url.replace('https://chat.example.com', '');

type Routes = Record<string, (request: SentRequest) => ReturnType<typeof json>>;
function router(routes: Routes) {
	return (request: SentRequest) => {
		const handler = routes[path(request)];
		return handler ? handler(request) : json({ error: 'Resource could not be found' }, 404);
	};
}

const BOT_401 = () => json({ error: 'Access to this endpoint is not authorized for bots' }, 401);
const BOT_MESSAGE = 'This operation needs a user access token: agent-bot tokens cannot call it';

function conversation(id: number, extra: IDataObject = {}): IDataObject {
	return {
		id,
		inbox_id: 1,
		status: 'open',
		meta: { sender: { id: 100 + id, name: `Customer ${id}` }, channel: 'Channel::Api' },
		...extra,
	};
}

async function rejects(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}

describe('node wiring', () => {
	it('exposes every list method the description names', () => {
		const node = new Chatwoot();
		const text = JSON.stringify(node.description.properties);
		for (const [, method] of text.matchAll(/"searchListMethod":"(\w+)"/g)) {
			expect(node.methods.listSearch).toHaveProperty(method);
		}
		for (const [, method] of text.matchAll(/"loadOptionsMethod":"(\w+)"/g)) {
			expect(node.methods.loadOptions).toHaveProperty(method);
		}
		for (const [, method] of text.matchAll(/"resourceMapperMethod":"(\w+)"/g)) {
			expect(node.methods.resourceMapping).toHaveProperty(method);
		}
		expect(text).toContain('"searchListMethod":"searchConversations"');
		expect(text).toContain('"searchListMethod":"searchAccounts"');
	});
});

describe('searchAccounts', () => {
	const profile = {
		name: 'Ann',
		accounts: [
			{ id: 1, name: 'Acme Support', role: 'administrator' },
			{ id: 7, name: 'Beta Corp', role: 'agent' },
		],
	};

	it("lists the profile's accounts and marks the credential's", async () => {
		const { context, requests } = createLoadOptionsContext({ http: () => json(profile) });
		const result = await searchAccounts.call(context);
		expect(requests[0].url).toBe('https://chat.example.com/api/v1/profile');
		expect(result.results).toEqual([
			{
				name: 'Acme Support · #1 · administrator · account of the credential',
				value: '1',
				url: 'https://chat.example.com/app/accounts/1/dashboard',
			},
			{
				name: 'Beta Corp · #7 · agent',
				value: '7',
				url: 'https://chat.example.com/app/accounts/7/dashboard',
			},
		]);
		expect(result.paginationToken).toBeUndefined();
	});

	it('filters by name or number', async () => {
		const { context } = createLoadOptionsContext({ http: () => json(profile) });
		expect((await searchAccounts.call(context, 'beta')).results.map((r) => r.value)).toEqual(['7']);
		expect((await searchAccounts.call(context, '1')).results.map((r) => r.value)).toEqual(['1']);
		expect((await searchAccounts.call(context, 'nothing')).results).toEqual([]);
	});

	it('gives an empty list for a user without accounts', async () => {
		const { context } = createLoadOptionsContext({ http: () => json({ name: 'x', accounts: [] }) });
		expect((await searchAccounts.call(context)).results).toEqual([]);
	});

	it('explains a 401 for a bot token', async () => {
		const { context } = createLoadOptionsContext({ http: BOT_401 });
		const error = await rejects(searchAccounts.call(context));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(BOT_MESSAGE);
	});
});

describe('searchInboxes and searchTemplateInboxes', () => {
	const http = router({ '/api/v1/accounts/1/inboxes': () => json({ payload: inboxes() }) });

	it('lists every inbox with its channel type and settings address', async () => {
		const { context, requests } = createLoadOptionsContext({ http });
		const result = await searchInboxes.call(context);
		expect(requests[0].url).toBe(`${BASE}/inboxes`);
		expect(result.results.map((r) => r.name)).toEqual([
			'API Inbox · API',
			'WhatsApp Support · WhatsApp (Cloud)',
			'Twilio WhatsApp · Twilio WhatsApp',
			'Website · Website',
			'Email · Email',
		]);
		expect(result.results[1]).toMatchObject({
			value: '2',
			url: 'https://chat.example.com/app/accounts/1/settings/inboxes/2',
		});
	});

	it('searches by name, channel or number; empty when nothing matches', async () => {
		const { context } = createLoadOptionsContext({ http });
		expect((await searchInboxes.call(context, 'whatsapp')).results.map((r) => r.value)).toEqual([
			'2',
			'3',
		]);
		expect((await searchInboxes.call(context, 'website')).results.map((r) => r.value)).toEqual([
			'4',
		]);
		expect((await searchInboxes.call(context, 'zzz')).results).toEqual([]);
	});

	it('lists only WhatsApp inboxes for templates, with their approved count', async () => {
		const { context } = createLoadOptionsContext({ http });
		expect((await searchTemplateInboxes.call(context)).results.map((r) => r.name)).toEqual([
			'WhatsApp Support · WhatsApp (Cloud) · 4 approved templates',
			'Twilio WhatsApp · Twilio WhatsApp · 2 approved templates',
		]);
	});

	it('gives empty results for an account without inboxes', async () => {
		const { context } = createLoadOptionsContext({ http: () => json({ payload: [] }) });
		expect((await searchInboxes.call(context)).results).toEqual([]);
		expect((await searchTemplateInboxes.call(context)).results).toEqual([]);
	});

	it('explains a 401', async () => {
		const { context } = createLoadOptionsContext({ http: BOT_401 });
		expect((await rejects(searchInboxes.call(context))).message).toBe(BOT_MESSAGE);
		expect((await rejects(searchTemplateInboxes.call(context))).message).toBe(BOT_MESSAGE);
	});
});

describe('searchConversations', () => {
	const page = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => conversation(from + i));
	const inboxList = () =>
		json({ payload: [{ id: 1, name: 'API Inbox', channel_type: 'Channel::Api' }] });

	it('shows "#id · contact · inbox · status", all statuses, and pages 25 at a time', async () => {
		const { context, requests } = createLoadOptionsContext({
			http: router({
				'/api/v1/accounts/1/conversations': (request) =>
					json({ data: { meta: {}, payload: request.qs?.page === 1 ? page(1, 25) : page(26, 3) } }),
				'/api/v1/accounts/1/inboxes': inboxList,
			}),
		});
		const first = await searchConversations.call(context);
		expect(requests[0].qs).toEqual({ status: 'all', page: 1 });
		expect(first.results).toHaveLength(25);
		expect(first.results[0]).toEqual({
			name: '#1 · Customer 1 · API Inbox · open',
			value: '1',
			url: 'https://chat.example.com/app/accounts/1/conversations/1',
		});
		expect(first.paginationToken).toBe('2');
		const second = await searchConversations.call(context, undefined, first.paginationToken);
		expect(requests.find((r) => r.qs?.page === 2)?.qs).toEqual({ status: 'all', page: 2 });
		expect(second.results.map((r) => r.value)).toEqual(['26', '27', '28']);
		expect(second.paginationToken).toBeUndefined();
	});

	it("searches text with Chatwoot's q", async () => {
		const { context, requests } = createLoadOptionsContext({
			http: router({
				'/api/v1/accounts/1/conversations': () =>
					json({ data: { meta: {}, payload: [conversation(9, { status: 'resolved' })] } }),
				'/api/v1/accounts/1/inboxes': inboxList,
			}),
		});
		const result = await searchConversations.call(context, ' refund ');
		expect(requests[0].qs).toEqual({ status: 'all', page: 1, q: 'refund' });
		expect(result.results.map((r) => r.name)).toEqual(['#9 · Customer 9 · API Inbox · resolved']);
	});

	it('finds a conversation by its number (42 or #42), and nothing for an unknown number', async () => {
		const { context, requests } = createLoadOptionsContext({
			http: router({
				'/api/v1/accounts/1/conversations/42': () => json(conversation(42)),
				'/api/v1/accounts/1/inboxes': inboxList,
			}),
		});
		expect((await searchConversations.call(context, '#42')).results.map((r) => r.value)).toEqual([
			'42',
		]);
		expect(requests[0].url).toBe(`${BASE}/conversations/42`);
		expect((await searchConversations.call(context, '43')).results).toEqual([]);
	});

	it('gives empty results without asking for inbox names', async () => {
		const { context, requests } = createLoadOptionsContext({
			http: () => json({ data: { meta: {}, payload: [] } }),
		});
		expect(await searchConversations.call(context, 'nothing')).toEqual({
			results: [],
			paginationToken: undefined,
		});
		expect(requests).toHaveLength(1);
	});

	it('still lists conversations when inbox names cannot be read', async () => {
		const { context } = createLoadOptionsContext({
			http: router({
				'/api/v1/accounts/1/conversations': () =>
					json({ data: { payload: [conversation(5, { inbox_id: 3 })] } }),
			}),
		});
		expect((await searchConversations.call(context)).results[0].name).toBe(
			'#5 · Customer 5 · inbox 3 · open',
		);
	});

	it('explains a 401', async () => {
		const { context } = createLoadOptionsContext({
			http: () => json({ error: 'Invalid Access Token' }, 401),
		});
		expect((await rejects(searchConversations.call(context))).message).toBe(
			'Chatwoot rejected the API access token',
		);
	});
});

describe('searchContacts', () => {
	const contacts = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({
			id: from + i,
			name: `Person ${from + i}`,
			email: `p${from + i}@example.com`,
			phone_number: null,
		}));

	it('pages the contact list 15 at a time', async () => {
		const { context, requests } = createLoadOptionsContext({
			http: (request) =>
				json({
					meta: { count: 20 },
					payload: request.qs?.page === 1 ? contacts(1, 15) : contacts(16, 5),
				}),
		});
		const first = await searchContacts.call(context);
		expect(requests[0].url).toBe(`${BASE}/contacts`);
		expect(requests[0].qs).toEqual({ page: 1 });
		expect(first.results[0]).toEqual({
			name: 'Person 1 · p1@example.com',
			value: '1',
			url: 'https://chat.example.com/app/accounts/1/contacts/1',
		});
		expect(first.paginationToken).toBe('2');
		const second = await searchContacts.call(context, '', '2');
		expect(requests[1].qs).toEqual({ page: 2 });
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
	});

	it("searches with Chatwoot's contact search", async () => {
		const { context, requests } = createLoadOptionsContext({
			http: () =>
				json({
					meta: { count: 1 },
					payload: [{ id: 2, name: 'Bruno Costa', email: null, phone_number: '+15551234567' }],
				}),
		});
		const result = await searchContacts.call(context, 'bruno');
		expect(requests[0].url).toBe(`${BASE}/contacts/search`);
		expect(requests[0].qs).toEqual({ q: 'bruno', page: 1 });
		expect(result.results[0].name).toBe('Bruno Costa · +15551234567');
	});

	it('gives empty results', async () => {
		const { context } = createLoadOptionsContext({
			http: () => json({ meta: { count: 0 }, payload: [] }),
		});
		expect(await searchContacts.call(context, 'nobody')).toEqual({
			results: [],
			paginationToken: undefined,
		});
	});

	it('explains a 401', async () => {
		const { context } = createLoadOptionsContext({ http: BOT_401 });
		expect((await rejects(searchContacts.call(context, 'x'))).message).toBe(BOT_MESSAGE);
	});
});

describe('searchAgents, searchTeams and getLabels', () => {
	const http = router({
		'/api/v1/accounts/1/agents': () =>
			json([
				{
					id: 1,
					name: 'Sandbox Admin',
					available_name: 'Sandbox Admin',
					email: 'admin@acme.example',
					role: 'administrator',
				},
				{
					id: 2,
					name: 'Alice Agent',
					available_name: 'Alice',
					email: 'alice@acme.example',
					role: 'agent',
				},
			]),
		'/api/v1/accounts/1/teams': () =>
			json([
				{ id: 1, name: 'sales', description: 'Sales team' },
				{ id: 2, name: 'support', description: '' },
			]),
		'/api/v1/accounts/1/labels': () =>
			json({
				payload: [
					{ id: 3, title: 'vip', description: 'VIP customers' },
					{ id: 1, title: 'billing', description: '' },
				],
			}),
	});

	it('lists agents and searches name or email', async () => {
		const { context } = createLoadOptionsContext({ http });
		expect((await searchAgents.call(context)).results).toEqual([
			{ name: 'Sandbox Admin · admin@acme.example · administrator', value: '1' },
			{ name: 'Alice · alice@acme.example · agent', value: '2' },
		]);
		expect((await searchAgents.call(context, 'ALICE@')).results.map((r) => r.value)).toEqual(['2']);
		expect((await searchAgents.call(context, 'nobody')).results).toEqual([]);
	});

	it('lists teams and searches them', async () => {
		const { context } = createLoadOptionsContext({ http });
		expect((await searchTeams.call(context)).results).toEqual([
			{
				name: 'sales · Sales team',
				value: '1',
				url: 'https://chat.example.com/app/accounts/1/settings/teams/1/edit',
			},
			{
				name: 'support',
				value: '2',
				url: 'https://chat.example.com/app/accounts/1/settings/teams/2/edit',
			},
		]);
		expect((await searchTeams.call(context, 'supp')).results.map((r) => r.value)).toEqual(['2']);
	});

	it('lists labels by title, alphabetically', async () => {
		const { context } = createLoadOptionsContext({ http });
		expect(await getLabels.call(context)).toEqual([
			{ name: 'billing', value: 'billing', description: undefined },
			{ name: 'vip', value: 'vip', description: 'VIP customers' },
		]);
	});

	it('gives empty results', async () => {
		const { context } = createLoadOptionsContext({
			http: (request) => (request.url.endsWith('labels') ? json({ payload: [] }) : json([])),
		});
		expect((await searchAgents.call(context)).results).toEqual([]);
		expect((await searchTeams.call(context)).results).toEqual([]);
		expect(await getLabels.call(context)).toEqual([]);
	});

	it('explains a 401', async () => {
		const { context } = createLoadOptionsContext({
			http: () => json({ error: 'You are not authorized to access this account' }, 401),
		});
		for (const call of [
			searchAgents.call(context),
			searchTeams.call(context),
			getLabels.call(context),
		]) {
			const error = await rejects(call);
			expect(error.message).toBe('The access token has no access to account 1');
		}
	});
});

describe('the Account field', () => {
	it('points every list at the chosen account, by list value, ID or URL', async () => {
		for (const accountId of [
			{ __rl: true, mode: 'list', value: '7' },
			{ __rl: true, mode: 'id', value: ' 7 ' },
			{ __rl: true, mode: 'url', value: 'https://chat.example.com/app/accounts/7/dashboard' },
		]) {
			const { context, requests } = createLoadOptionsContext({
				parameters: { accountId },
				http: () => json({ payload: [] }),
			});
			await searchInboxes.call(context);
			expect(requests[0].url).toBe('https://chat.example.com/api/v1/accounts/7/inboxes');
		}
	});

	it("uses the credential's account when empty, in any mode", async () => {
		for (const mode of ['list', 'id', 'url']) {
			const { context, requests } = createLoadOptionsContext({
				parameters: { accountId: { __rl: true, mode, value: '' } },
				http: () => json({ payload: [] }),
			});
			const result = await searchContacts.call(context);
			expect(requests[0].url).toBe(`${BASE}/contacts`);
			expect(result.results).toEqual([]);
		}
	});

	it('sends every item of an execution to the chosen account', async () => {
		const run = await runChatwoot({
			items: [{ json: {} }, { json: {} }],
			parameters: sendParameters({
				accountId: {
					__rl: true,
					mode: 'url',
					value: 'https://chat.example.com/app/accounts/7/dashboard',
				},
			}),
		});
		expect(run.requests.map((request) => request.url)).toEqual([
			'https://chat.example.com/api/v1/accounts/7/conversations/42/messages',
			'https://chat.example.com/api/v1/accounts/7/conversations/42/messages',
		]);
	});

	it('rejects an account that is not a number', async () => {
		const { context, requests } = createLoadOptionsContext({
			parameters: { accountId: { __rl: true, mode: 'id', value: 'acme' } },
		});
		const error = await rejects(searchTeams.call(context));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Account: must be a positive whole number such as 1 (got "acme")');
		expect(requests).toHaveLength(0);
	});
});

describe('getTemplates', () => {
	const http = router(
		Object.fromEntries(
			inboxes().map((inbox) => [
				`/api/v1/accounts/1/inboxes/${String(inbox.id)}`,
				() => json(inbox),
			]),
		),
	);
	const withInbox = (value: string) => ({ templateInboxId: { __rl: true, mode: 'list', value } });

	it("lists the WhatsApp inbox's approved templates as name · language · category, value name|language", async () => {
		const { context, requests } = createLoadOptionsContext({ parameters: withInbox('2'), http });
		const options = await getTemplates.call(context);
		expect(requests[0].url).toBe(`${BASE}/inboxes/2`);
		expect(options.map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'appointment_reminder · en · Utility', value: 'appointment_reminder|en' },
			{ name: 'order_confirmation · en_US · Utility', value: 'order_confirmation|en_US' },
			{ name: 'plain_notice · en · Utility', value: 'plain_notice|en' },
			{ name: 'summer_promo · pt_BR · Marketing', value: 'summer_promo|pt_BR' },
		]);
		// n8n's resource mapper shows no field descriptions: the list says which button each field fills
		expect(options[1].description).toBe(
			'Hi {{1}}, your order {{2}} is confirmed. · Button 1 · URL suffix ("Track order"), Button 2 · Copy code ("Copy code")',
		);
	});

	it("lists a Twilio WhatsApp inbox's content templates", async () => {
		const { context } = createLoadOptionsContext({ parameters: withInbox('3'), http });
		expect((await getTemplates.call(context)).map((option) => option.value)).toEqual([
			'order_update|en',
			'promo_image|en',
		]);
	});

	it('is empty until an inbox is chosen', async () => {
		const { context, requests } = createLoadOptionsContext({ parameters: withInbox(''), http });
		expect(await getTemplates.call(context)).toEqual([]);
		expect(requests).toHaveLength(0);
	});

	it("Template Inbox left empty: lists the templates of the conversation's inbox", async () => {
		const { context, requests } = createLoadOptionsContext({
			parameters: {
				...withInbox(''),
				conversationId: { __rl: true, mode: 'list', value: '42' },
			},
			http: router({
				'/api/v1/accounts/1/conversations/42': () => json({ id: 42, inbox_id: 2 }),
				'/api/v1/accounts/1/inboxes/2': () => json(inboxes().find((inbox) => inbox.id === 2)),
			}),
		});
		const options = await getTemplates.call(context);
		expect(requests.map((request) => request.url)).toEqual([
			`${BASE}/conversations/42`,
			`${BASE}/inboxes/2`,
		]);
		expect(options.map((option) => option.value)).toContain('order_confirmation|en_US');
	});

	it('is empty for an inbox without approved templates', async () => {
		const { context } = createLoadOptionsContext({
			parameters: withInbox('9'),
			http: () =>
				json({ id: 9, name: 'New', channel_type: 'Channel::Whatsapp', message_templates: [] }),
		});
		expect(await getTemplates.call(context)).toEqual([]);
	});

	it('says why a non-WhatsApp inbox has no templates', async () => {
		const { context } = createLoadOptionsContext({ parameters: withInbox('4'), http });
		const error = await rejects(getTemplates.call(context));
		expect(error.message).toBe(
			'Inbox 4 "Website" is a Website inbox: templates are sent from WhatsApp inboxes (WhatsApp Cloud, 360dialog or Twilio WhatsApp)',
		);
	});

	it('explains a 401', async () => {
		const { context } = createLoadOptionsContext({ parameters: withInbox('2'), http: BOT_401 });
		expect((await rejects(getTemplates.call(context))).message).toBe(BOT_MESSAGE);
	});
});

describe('getTemplateVariables', () => {
	const http = router(
		Object.fromEntries(
			inboxes().map((inbox) => [
				`/api/v1/accounts/1/inboxes/${String(inbox.id)}`,
				() => json(inbox),
			]),
		),
	);
	const fieldsOf = async (templateId: string, inbox = '2') => {
		const { context } = createLoadOptionsContext({
			parameters: { templateInboxId: { __rl: true, mode: 'id', value: inbox }, templateId },
			http,
		});
		return await getTemplateVariables.call(context);
	};
	const summary = (result: Awaited<ReturnType<typeof fieldsOf>>) =>
		result.fields.map((field) => [field.id, field.displayName, field.required]);

	it('positional template with a document header and URL + copy-code buttons', async () => {
		const result = await fieldsOf('order_confirmation|en_US');
		expect(summary(result)).toEqual([
			['header.media_url', 'Header · Document URL', true],
			['header.media_name', 'Header · File name', false],
			['body.1', 'Body · {{1}}', true],
			['body.2', 'Body · {{2}}', true],
			['button.0', 'Button 1 · URL suffix', true],
			['button.1', 'Button 2 · Copy code', true],
		]);
		expect(result.fields[0]).toMatchObject({
			type: 'string',
			display: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
		});
	});

	it('NAMED template with a text header variable and a quick reply (no field)', async () => {
		expect(summary(await fieldsOf('appointment_reminder|en'))).toEqual([
			['header.text', 'Header · {{customer_name}}', true],
			['body.doctor', 'Body · {{doctor}}', true],
			['body.date', 'Body · {{date}}', true],
		]);
	});

	it('image header and copy code', async () => {
		expect(summary(await fieldsOf('summer_promo|pt_BR'))).toEqual([
			['header.media_url', 'Header · Image URL', true],
			['body.1', 'Body · {{1}}', true],
			['button.0', 'Button 1 · Copy code', true],
		]);
	});

	it('Twilio content template variables', async () => {
		expect(summary(await fieldsOf('order_update|en', '3'))).toEqual([
			['body.1', 'Body · {{1}}', true],
			['body.2', 'Body · {{2}}', true],
		]);
	});

	it('a template without variables has no fields and says so', async () => {
		expect(await fieldsOf('plain_notice|en')).toEqual({
			fields: [],
			emptyFieldsNotice: 'plain_notice has no variables: nothing to fill in',
		});
	});

	it('asks for the inbox and template first', async () => {
		expect((await fieldsOf('', '2')).fields).toEqual([]);
		expect((await fieldsOf('order_confirmation|en_US', '')).emptyFieldsNotice).toBe(
			'Choose the template first (and the Template Inbox when the conversation is an expression)',
		);
	});

	it('refuses a template that is not approved or not in the inbox', async () => {
		expect((await rejects(fieldsOf('pending_template|en'))).message).toBe(
			'Template: "pending_template" (en) is PENDING, not approved: Chatwoot only sends approved templates',
		);
		expect((await rejects(fieldsOf('nope|en'))).message).toBe(
			'Template: no template "nope" (en) in this inbox. Approved templates: order_confirmation (en_US), appointment_reminder (en), summer_promo (pt_BR), plain_notice (en)',
		);
	});
});
