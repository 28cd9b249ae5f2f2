import { NodeOperationError } from 'n8n-workflow';

import { json, type SentRequest } from '../helpers/context';
import { runChatwoot } from '../helpers/run';

const BASE = 'https://chat.example.com/api/v1/accounts/1';
const contactParameters = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation,
	...extra,
});
const id = (value: string) => ({ __rl: true, mode: 'id', value });
const sent = (requests: SentRequest[]) =>
	requests.map((request) => [request.method, request.url, request.qs, request.body]);

const ANA = {
	id: 7,
	name: 'Ana',
	email: 'ana@example.com',
	phone_number: '+14155550123',
	contact_inboxes: [],
};

describe('Contact → Create', () => {
	it('creates with an inbox, checks and normalises phone and email, and outputs the contact with its source_id', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('create', {
				inboxId: id('1'),
				contactFields: {
					name: ' Ana ',
					email: 'ana@example.com',
					phoneNumber: '+1 (415) 555-0123',
					identifier: 'crm-7',
					customAttributes: '{"plan":"pro"}',
				},
			}),
			http: () =>
				json({
					payload: { contact: ANA, contact_inbox: { source_id: 'uuid-1', inbox: { id: 1 } } },
				}),
		});
		expect(run.error).toBeUndefined();
		expect(sent(run.requests)).toEqual([
			[
				'POST',
				`${BASE}/contacts`,
				undefined,
				{
					name: 'Ana',
					email: 'ana@example.com',
					phone_number: '+14155550123',
					identifier: 'crm-7',
					custom_attributes: { plan: 'pro' },
					inbox_id: 1,
				},
			],
		]);
		expect(run.output?.[0].json).toEqual({
			...ANA,
			contact_inbox: { source_id: 'uuid-1', inbox: { id: 1 } },
		});
	});

	it('creates without an inbox when none is given', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('create', {
				inboxId: { mode: 'list', value: '' },
				contactFields: { name: 'Ana' },
			}),
			http: () => json({ payload: { contact: ANA, contact_inbox: null } }),
		});
		expect(sent(run.requests)).toEqual([['POST', `${BASE}/contacts`, undefined, { name: 'Ana' }]]);
		expect(run.output?.[0].json).toEqual(ANA);
	});

	it.each([
		[
			{ phoneNumber: '4155550123' },
			'Phone Number: must start with + and the country code (got "4155550123") [item 0]',
		],
		[
			{ email: 'ana@' },
			'Email: is not a valid email address (got "ana@"); expected something like ana@example.com [item 0]',
		],
		[{ name: 'A', customAttributes: '{plan' }, 'Custom Attributes (JSON): is not valid JSON'],
		[
			{ name: 'A', customAttributes: '[1]' },
			'Custom Attributes (JSON): must be a JSON object such as {"plan": "pro"} [item 0]',
		],
		[
			{ name: 'A', avatarUrl: 'ftp://x/y.png' },
			'Avatar URL: must be an http:// or https:// URL (got "ftp://x/y.png") [item 0]',
		],
		[{}, 'Contact Fields: give at least a Name, Email, Phone Number or Identifier [item 0]'],
	])('refuses %j before any request', async (contactFields, message) => {
		const run = await runChatwoot({ parameters: contactParameters('create', { contactFields }) });
		expect(run.requests).toEqual([]);
		expect(run.error).toBeInstanceOf(NodeOperationError);
		expect((run.error as Error).message).toContain(message);
	});
});

describe('Contact → Get, Update, Delete, Get Conversations', () => {
	it('Get unwraps the payload', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('get', { contactId: id('7') }),
			http: () => json({ payload: ANA }),
		});
		expect(sent(run.requests)).toEqual([['GET', `${BASE}/contacts/7`, undefined, undefined]]);
		expect(run.output?.[0].json).toEqual(ANA);
	});

	it('Update sends only the given fields with PUT', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('update', {
				contactId: id('7'),
				updateFields: { phoneNumber: '+44 20 7946 0958', customAttributes: { vip: true } },
			}),
			http: () => json({ payload: { ...ANA, phone_number: '+442079460958' } }),
		});
		expect(sent(run.requests)).toEqual([
			[
				'PUT',
				`${BASE}/contacts/7`,
				undefined,
				{ phone_number: '+442079460958', custom_attributes: { vip: true } },
			],
		]);
		expect(run.output?.[0].json.phone_number).toBe('+442079460958');
	});

	it('Update with nothing to change fails before any request', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('update', { contactId: id('7'), updateFields: {} }),
		});
		expect(run.requests).toEqual([]);
		expect((run.error as Error).message).toBe(
			'Update Fields: add at least one field to change [item 0]',
		);
	});

	it('Delete outputs what was deleted', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('delete', { contactId: id('7') }),
			http: () => json(''),
		});
		expect(sent(run.requests)).toEqual([['DELETE', `${BASE}/contacts/7`, undefined, undefined]]);
		expect(run.output?.[0].json).toEqual({ id: 7, deleted: true });
	});

	it('Get Conversations outputs one item per conversation', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('getConversations', { contactId: id('7') }),
			http: () => json({ payload: [{ id: 3 }, { id: 2 }] }),
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/contacts/7/conversations`, undefined, undefined],
		]);
		expect(run.output?.map((item) => item.json.id)).toEqual([3, 2]);
	});

	it('a contact ID that is not a number fails before any request', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('get', { contactId: id('ana') }),
		});
		expect(run.requests).toEqual([]);
		expect((run.error as Error).message).toBe(
			'Contact: must be a positive whole number such as 42 (got "ana") [item 0]',
		);
	});
});

/** Contacts 1..total, 15 a page, like Chatwoot's list and search. */
function contactPages(total: number) {
	return (request: SentRequest) => {
		const page = Number(request.qs?.page ?? 1);
		const payload = [];
		for (let n = (page - 1) * 15 + 1; n <= Math.min(total, page * 15); n++) payload.push({ id: n });
		return json({ meta: { count: total, current_page: page }, payload });
	};
}

describe('Contact → Search and Get Many walk 15-per-page pages', () => {
	it('Search with Return All reads every page', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('search', { query: ' ana ', returnAll: true }),
			http: contactPages(31),
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/contacts/search`, { q: 'ana', page: 1 }, undefined],
			['GET', `${BASE}/contacts/search`, { q: 'ana', page: 2 }, undefined],
			['GET', `${BASE}/contacts/search`, { q: 'ana', page: 3 }, undefined],
		]);
		expect(run.output).toHaveLength(31);
	});

	it('Search with a limit stops at the page that fills it', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('search', { query: 'ana', returnAll: false, limit: 16 }),
			http: contactPages(100),
		});
		expect(run.requests).toHaveLength(2);
		expect(run.output?.map((item) => item.json.id)).toEqual(
			Array.from({ length: 16 }, (_, i) => i + 1),
		);
	});

	it('Search needs a term', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('search', { query: ' ', returnAll: true }),
		});
		expect(run.requests).toEqual([]);
		expect((run.error as Error).message).toBe(
			'Search Term: is empty; Chatwoot needs something to search for [item 0]',
		);
	});

	it('Get Many sends the sort and pages, and stops at the count Chatwoot reports', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('getAll', { returnAll: true, sort: 'name' }),
			http: contactPages(15),
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/contacts`, { sort: 'name', page: 1 }, undefined],
		]);
		expect(run.output).toHaveLength(15);
	});
});

describe('Contact → Add to Inbox', () => {
	it('returns the existing contact inbox without creating another', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('addToInbox', {
				contactId: id('7'),
				inboxId: id('2'),
				sourceId: '',
			}),
			http: () =>
				json({
					payload: {
						...ANA,
						contact_inboxes: [{ source_id: '14155550123', inbox: { id: 2, name: 'WhatsApp' } }],
					},
				}),
		});
		expect(sent(run.requests)).toEqual([['GET', `${BASE}/contacts/7`, undefined, undefined]]);
		expect(run.output?.[0].json).toEqual({
			contact_id: 7,
			inbox_id: 2,
			source_id: '14155550123',
			inbox: { id: 2, name: 'WhatsApp' },
			created: false,
		});
	});

	it('creates it with the source_id Chatwoot proposes for the inbox (phone digits for WhatsApp)', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('addToInbox', {
				contactId: id('7'),
				inboxId: id('2'),
				sourceId: '',
			}),
			http: (request) => {
				if (request.url.endsWith('/contacts/7')) return json({ payload: ANA });
				if (request.url.endsWith('/contactable_inboxes')) {
					return json({
						payload: [
							{ source_id: 'x-uuid', inbox: { id: 1 } },
							{ source_id: '14155550123', inbox: { id: 2 } },
						],
					});
				}
				return json({ id: 9, contact_id: 7, inbox_id: 2, source_id: '14155550123' });
			},
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/contacts/7`, undefined, undefined],
			['GET', `${BASE}/contacts/7/contactable_inboxes`, undefined, undefined],
			[
				'POST',
				`${BASE}/contacts/7/contact_inboxes`,
				undefined,
				{ inbox_id: 2, source_id: '14155550123' },
			],
		]);
		expect(run.output?.[0].json).toMatchObject({
			contact_id: 7,
			inbox_id: 2,
			source_id: '14155550123',
			created: true,
		});
	});

	it('with a Source ID creates it directly', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('addToInbox', {
				contactId: id('7'),
				inboxId: id('1'),
				sourceId: 'crm-7',
			}),
			http: () => json({ id: 9, source_id: 'crm-7' }),
		});
		expect(sent(run.requests)).toEqual([
			[
				'POST',
				`${BASE}/contacts/7/contact_inboxes`,
				undefined,
				{ inbox_id: 1, source_id: 'crm-7' },
			],
		]);
	});

	it('says clearly when the contact cannot be reached in the inbox', async () => {
		const run = await runChatwoot({
			parameters: contactParameters('addToInbox', {
				contactId: id('7'),
				inboxId: id('2'),
				sourceId: '',
			}),
			http: (request) =>
				request.url.endsWith('/contactable_inboxes')
					? json({ payload: [] })
					: json({ payload: { ...ANA, phone_number: null } }),
		});
		expect((run.error as Error).message).toBe('Contact 7 cannot be reached in inbox 2');
		expect(run.requests).toHaveLength(2);
	});
});
