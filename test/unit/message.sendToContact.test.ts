import { NodeOperationError } from 'n8n-workflow';

import {
	REUSABLE_STATUSES,
	pickReusableConversation,
} from '../../nodes/Chatwoot/actions/message/sendToContact.lookup';
import { json, parseMultipart, type SentRequest } from '../helpers/context';
import { runChatwoot } from '../helpers/run';

const BASE = 'https://chat.example.com/api/v1/accounts/1';
const id = (value: string) => ({ __rl: true, mode: 'id', value });

type Row = Record<string, unknown>;

/** A tiny stateful Chatwoot: fuzzy search, contact create with inbox, contact inboxes, conversations, messages. */
function fakeChatwoot(seed: { contacts?: Row[]; conversations?: Row[] } = {}) {
	const contacts: Row[] = seed.contacts ?? [];
	const conversations: Row[] = seed.conversations ?? [];
	const messages: Row[] = [];
	const handler = (request: SentRequest) => {
		const path = request.url.replace(BASE, '');
		const body = (request.body ?? {}) as Row;
		if (request.method === 'GET' && path === '/contacts/search') {
			const q = String(request.qs?.q).toLowerCase();
			const hits = contacts.filter((c) =>
				['name', 'email', 'phone_number', 'identifier'].some((k) =>
					String(c[k] ?? '')
						.toLowerCase()
						.includes(q),
				),
			);
			const page = Number(request.qs?.page ?? 1);
			return json({
				meta: { count: hits.length, current_page: page },
				payload: hits.slice((page - 1) * 15, page * 15),
			});
		}
		if (request.method === 'POST' && path === '/contacts') {
			const contact: Row = {
				id: 100 + contacts.length,
				name: body.name ?? '',
				email: body.email ?? null,
				phone_number: body.phone_number ?? null,
				identifier: body.identifier ?? null,
			};
			const contactInbox = { source_id: `src-${String(contact.id)}`, inbox: { id: body.inbox_id } };
			contact.contact_inboxes = [contactInbox];
			contacts.push(contact);
			return json({ payload: { contact, contact_inbox: contactInbox } });
		}
		let match = /^\/contacts\/(\d+)\/contactable_inboxes$/.exec(path);
		if (match)
			return json({
				payload: [
					{ source_id: 'wa-digits', inbox: { id: 2 } },
					{ source_id: 'api-uuid', inbox: { id: 1 } },
				],
			});
		match = /^\/contacts\/(\d+)\/contact_inboxes$/.exec(path);
		if (match) {
			const contact = contacts.find((c) => c.id === Number(match?.[1])) as Row;
			const contactInbox = { source_id: body.source_id, inbox: { id: body.inbox_id } };
			(contact.contact_inboxes as Row[]).push(contactInbox);
			return json({
				id: 1,
				contact_id: contact.id,
				inbox_id: body.inbox_id,
				source_id: body.source_id,
			});
		}
		match = /^\/contacts\/(\d+)\/conversations$/.exec(path);
		if (match)
			return json({ payload: conversations.filter((c) => c.contact_id === Number(match?.[1])) });
		if (request.method === 'POST' && path === '/conversations') {
			const conversation = {
				id: 500 + conversations.length,
				inbox_id: body.inbox_id,
				contact_id: body.contact_id,
				status: 'open',
				last_activity_at: 2_000_000_000,
			};
			conversations.push(conversation);
			return json(conversation);
		}
		match = /^\/conversations\/(\d+)\/messages$/.exec(path);
		if (match) {
			const message = {
				id: 900 + messages.length,
				conversation_id: Number(match[1]),
				content: body.content,
			};
			messages.push(message);
			return json(message);
		}
		return json({ error: `unexpected ${request.method} ${path}` }, 404);
	};
	return { contacts, conversations, messages, handler };
}

const parameters = (extra: Row = {}) => ({
	resource: 'message',
	operation: 'sendToContact',
	inboxId: id('1'),
	identifyBy: 'phone',
	phoneNumber: '+1 (415) 555-0123',
	contactName: 'Ana',
	contentType: 'text',
	content: 'Hello Ana',
	...extra,
});
const calls = (requests: SentRequest[]) =>
	requests.map((request) => `${request.method} ${request.url.replace(BASE, '')}`);

const ANA = {
	id: 7,
	name: 'Ana',
	phone_number: '+14155550123',
	email: 'ana@example.com',
	identifier: 'crm-7',
	contact_inboxes: [{ source_id: 'ana-api', inbox: { id: 1 } }],
};

describe('Message → Send to Contact: find-or-create decisions', () => {
	it('new person: creates the contact in the inbox, a conversation with its source_id, then sends', async () => {
		const chatwoot = fakeChatwoot();
		const run = await runChatwoot({ parameters: parameters(), http: chatwoot.handler });
		expect(run.error).toBeUndefined();
		expect(calls(run.requests)).toEqual([
			'GET /contacts/search',
			'POST /contacts',
			'POST /conversations',
			'GET /contacts/100/conversations',
			'POST /conversations/500/messages',
		]);
		expect(run.requests[0].qs).toEqual({ q: '+14155550123', page: 1 });
		expect(run.requests[1].body).toEqual({
			inbox_id: 1,
			name: 'Ana',
			phone_number: '+14155550123',
		});
		expect(run.requests[2].body).toEqual({ source_id: 'src-100', inbox_id: 1, contact_id: 100 });
		expect(run.requests[4].body).toEqual({
			content: 'Hello Ana',
			message_type: 'outgoing',
			private: false,
			content_type: 'text',
		});
		expect(run.output?.[0].json).toMatchObject({
			contact: { id: 100, phone_number: '+14155550123' },
			conversation: { id: 500 },
			message: { id: 900, conversation_id: 500 },
			contactCreated: true,
			contactInboxCreated: true,
			conversationCreated: true,
		});
	});

	it('found with an open conversation in the inbox: reuses it, creates nothing', async () => {
		const chatwoot = fakeChatwoot({
			contacts: [{ ...ANA }],
			conversations: [
				{ id: 41, inbox_id: 1, contact_id: 7, status: 'open', last_activity_at: 100 },
				{ id: 42, inbox_id: 1, contact_id: 7, status: 'open', last_activity_at: 300 },
				{ id: 43, inbox_id: 2, contact_id: 7, status: 'open', last_activity_at: 900 },
			],
		});
		const run = await runChatwoot({ parameters: parameters(), http: chatwoot.handler });
		expect(calls(run.requests)).toEqual([
			'GET /contacts/search',
			'GET /contacts/7/conversations',
			'POST /conversations/42/messages',
		]);
		expect(run.output?.[0].json).toMatchObject({
			contactCreated: false,
			contactInboxCreated: false,
			conversationCreated: false,
			conversation: { id: 42 },
		});
	});

	it('found with only resolved and snoozed conversations there: starts a new one with the existing source_id', async () => {
		const chatwoot = fakeChatwoot({
			contacts: [{ ...ANA }],
			conversations: [
				{ id: 41, inbox_id: 1, contact_id: 7, status: 'resolved', last_activity_at: 100 },
				{ id: 44, inbox_id: 1, contact_id: 7, status: 'snoozed', last_activity_at: 200 },
			],
		});
		const run = await runChatwoot({ parameters: parameters(), http: chatwoot.handler });
		expect(calls(run.requests)).toEqual([
			'GET /contacts/search',
			'GET /contacts/7/conversations',
			'POST /conversations',
			'GET /contacts/7/conversations',
			'POST /conversations/502/messages',
		]);
		expect(run.requests[2].body).toEqual({ source_id: 'ana-api', inbox_id: 1, contact_id: 7 });
		expect(run.output?.[0].json).toMatchObject({
			contactCreated: false,
			contactInboxCreated: false,
			conversationCreated: true,
		});
	});

	it('found but without a contact inbox there: adds one with the source_id Chatwoot proposes (WhatsApp digits)', async () => {
		const chatwoot = fakeChatwoot({
			contacts: [{ ...ANA, contact_inboxes: [{ source_id: 'ana-api', inbox: { id: 1 } }] }],
		});
		const run = await runChatwoot({
			parameters: parameters({ inboxId: id('2') }),
			http: chatwoot.handler,
		});
		expect(calls(run.requests)).toEqual([
			'GET /contacts/search',
			'GET /contacts/7/contactable_inboxes',
			'POST /contacts/7/contact_inboxes',
			'POST /conversations',
			'GET /contacts/7/conversations',
			'POST /conversations/500/messages',
		]);
		expect(run.requests[2].body).toEqual({ inbox_id: 2, source_id: 'wa-digits' });
		expect(run.requests[3].body).toEqual({ source_id: 'wa-digits', inbox_id: 2, contact_id: 7 });
		expect(run.output?.[0].json).toMatchObject({
			contactCreated: false,
			contactInboxCreated: true,
			conversationCreated: true,
		});
	});

	it('a pending conversation counts as reusable; Always Start a New Conversation skips the lookup', async () => {
		expect(REUSABLE_STATUSES).toEqual(['open', 'pending']);
		const seed = () =>
			fakeChatwoot({
				contacts: [{ ...ANA }],
				conversations: [
					{ id: 45, inbox_id: 1, contact_id: 7, status: 'pending', last_activity_at: 1 },
				],
			});
		const reused = await runChatwoot({ parameters: parameters(), http: seed().handler });
		expect(reused.output?.[0].json).toMatchObject({
			conversation: { id: 45 },
			conversationCreated: false,
		});
		const fresh = await runChatwoot({
			parameters: parameters({ options: { newConversation: true } }),
			http: seed().handler,
		});
		expect(calls(fresh.requests)).toEqual([
			'GET /contacts/search',
			'POST /conversations',
			'POST /conversations/501/messages',
		]);
		expect(fresh.output?.[0].json).toMatchObject({ conversationCreated: true });
	});

	it('matches exactly: fuzzy hits with longer numbers, other emails or similar identifiers are not the person', async () => {
		const chatwoot = fakeChatwoot({
			contacts: [
				{ id: 1, name: 'Other', phone_number: '+141555501234', contact_inboxes: [] },
				{
					id: 2,
					name: 'Joana',
					email: 'joana@example.com',
					identifier: 'crm-70',
					contact_inboxes: [],
				},
			],
		});
		const byPhone = await runChatwoot({ parameters: parameters(), http: chatwoot.handler });
		expect(byPhone.output?.[0].json).toMatchObject({ contactCreated: true });
		const byEmail = await runChatwoot({
			parameters: parameters({ identifyBy: 'email', email: 'ANA@example.com' }),
			http: chatwoot.handler,
		});
		expect(byEmail.requests[0].qs).toEqual({ q: 'ANA@example.com', page: 1 });
		expect(byEmail.requests[1].body).toEqual({
			inbox_id: 1,
			name: 'Ana',
			email: 'ANA@example.com',
		});
		const byIdentifier = await runChatwoot({
			parameters: parameters({ identifyBy: 'identifier', identifier: 'crm-7' }),
			http: chatwoot.handler,
		});
		expect(byIdentifier.requests[1].body).toEqual({
			inbox_id: 1,
			name: 'Ana',
			identifier: 'crm-7',
		});
	});

	it('finds by email case-insensitively and by identifier exactly', async () => {
		const chatwoot = fakeChatwoot({
			contacts: [{ ...ANA }],
			conversations: [{ id: 42, inbox_id: 1, contact_id: 7, status: 'open' }],
		});
		const byEmail = await runChatwoot({
			parameters: parameters({ identifyBy: 'email', email: ' Ana@Example.com ' }),
			http: chatwoot.handler,
		});
		expect(byEmail.output?.[0].json).toMatchObject({
			contact: { id: 7 },
			contactCreated: false,
			conversationCreated: false,
		});
		const byIdentifier = await runChatwoot({
			parameters: parameters({ identifyBy: 'identifier', identifier: 'crm-7' }),
			http: chatwoot.handler,
		});
		expect(byIdentifier.output?.[0].json).toMatchObject({
			contact: { id: 7 },
			contactCreated: false,
		});
	});

	it('when the create says the phone is already taken (created meanwhile), it uses that contact', async () => {
		const chatwoot = fakeChatwoot();
		let searches = 0;
		const run = await runChatwoot({
			parameters: parameters(),
			http: (request) => {
				if (request.url.endsWith('/contacts/search')) {
					searches++;
					return searches === 1
						? json({ meta: {}, payload: [] })
						: json({ meta: {}, payload: [{ ...ANA }] });
				}
				if (request.method === 'POST' && request.url.endsWith('/contacts')) {
					return json(
						{ message: 'Phone number has already been taken', attributes: ['phone_number'] },
						422,
					);
				}
				return chatwoot.handler(request);
			},
		});
		expect(run.error).toBeUndefined();
		expect(calls(run.requests)).toEqual([
			'GET /contacts/search',
			'POST /contacts',
			'GET /contacts/search',
			'GET /contacts/7/conversations',
			'POST /conversations',
			'GET /contacts/7/conversations',
			'POST /conversations/500/messages',
		]);
		expect(run.output?.[0].json).toMatchObject({ contact: { id: 7 }, contactCreated: false });
	});

	it('two items for the same new person run in order: one contact, one conversation, two messages', async () => {
		const chatwoot = fakeChatwoot();
		const run = await runChatwoot({
			parameters: (itemIndex) =>
				parameters({
					phoneNumber: itemIndex === 0 ? '+14155550123' : '+1 415-555-0123',
					content: `m${itemIndex}`,
				}),
			items: [{ json: {} }, { json: {} }],
			http: chatwoot.handler,
		});
		expect(run.error).toBeUndefined();
		expect(chatwoot.contacts).toHaveLength(1);
		expect(chatwoot.conversations).toHaveLength(1);
		expect(chatwoot.messages.map((message) => message.content)).toEqual(['m0', 'm1']);
		expect(run.output?.map((item) => item.json.contactCreated)).toEqual([true, false]);
	});

	it('different people run side by side and each gets their own contact', async () => {
		const chatwoot = fakeChatwoot();
		const phones = ['+14155550101', '+14155550102', '+14155550103'];
		const run = await runChatwoot({
			parameters: (itemIndex) => parameters({ phoneNumber: phones[itemIndex] }),
			items: phones.map(() => ({ json: {} })),
			http: chatwoot.handler,
		});
		expect(run.error).toBeUndefined();
		expect(chatwoot.contacts.map((contact) => contact.phone_number).sort()).toEqual(phones);
		expect(run.output?.map((item) => (item.json.contact as Row).phone_number)).toEqual(phones);
	});
});

describe('Message → Send to Contact: every send option, never source_id on the message', () => {
	const existing = () =>
		fakeChatwoot({
			contacts: [{ ...ANA }],
			conversations: [{ id: 42, inbox_id: 1, contact_id: 7, status: 'open' }],
		});

	it('private note with echo id and reply-to', async () => {
		const run = await runChatwoot({
			parameters: parameters({ private: true, options: { echoId: 'crm-1', inReplyTo: 5 } }),
			http: existing().handler,
		});
		expect(run.requests[2].body).toEqual({
			content: 'Hello Ana',
			message_type: 'outgoing',
			private: true,
			content_type: 'text',
			content_attributes: { in_reply_to: 5 },
			echo_id: 'crm-1',
		});
	});

	it('options (input_select)', async () => {
		const run = await runChatwoot({
			parameters: parameters({
				contentType: 'input_select',
				selectOptions: { option: [{ title: 'Yes', value: 'y' }] },
			}),
			http: existing().handler,
		});
		expect(run.requests[2].body).toMatchObject({
			content_type: 'input_select',
			content_attributes: { items: [{ title: 'Yes', value: 'y' }] },
		});
	});

	it('WhatsApp template', async () => {
		const run = await runChatwoot({
			parameters: parameters({
				contentType: 'template',
				templateSource: 'manual',
				templateName: 'order_confirmation',
				templateLanguage: 'en_US',
				templateCategory: 'UTILITY',
				templateBodyParameters: {
					parameter: [
						{ name: '1', value: 'Ana' },
						{ name: '2', value: '1042' },
					],
				},
			}),
			http: existing().handler,
		});
		expect(run.requests[2].body).toMatchObject({
			content: 'Template order_confirmation (1: Ana, 2: 1042)',
			message_type: 'outgoing',
			content_type: 'text',
			template_params: {
				name: 'order_confirmation',
				language: 'en_US',
				category: 'UTILITY',
				processed_params: { body: { '1': 'Ana', '2': '1042' } },
			},
		});
		expect(run.requests[2].body).not.toHaveProperty('source_id');
	});

	it('attachments go as multipart', async () => {
		const run = await runChatwoot({
			parameters: parameters({ options: { binaryProperties: 'data' } }),
			items: [
				{
					json: {},
					binary: {
						data: {
							data: Buffer.from('%PDF').toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'x.pdf',
						},
					},
				},
			],
			http: existing().handler,
		});
		const { fields, files } = parseMultipart(run.requests[2]);
		expect(fields).toEqual(expect.arrayContaining([['content', 'Hello Ana']]));
		expect(fields.map(([name]) => name)).not.toContain('source_id');
		expect(files).toEqual([expect.objectContaining({ field: 'attachments[]', fileName: 'x.pdf' })]);
	});
});

describe('Message → Send to Contact: input is checked before any request', () => {
	it.each([
		[
			{ phoneNumber: '415 555 0123' },
			'Phone Number: must start with + and the country code (got "415 555 0123") [item 0]',
		],
		[{ phoneNumber: '' }, 'Phone Number: is empty'],
		[
			{ identifyBy: 'email', email: 'ana@example' },
			'Email: is not a valid email address (got "ana@example"); expected something like ana@example.com [item 0]',
		],
		[{ identifyBy: 'identifier', identifier: '  ' }, 'Identifier: is empty'],
		[
			{ inboxId: id('whatsapp') },
			'Inbox: must be a positive whole number such as 42 (got "whatsapp") [item 0]',
		],
		[{ contentType: 'input_select', selectOptions: {} }, 'Options'],
		[
			{ options: { binaryProperties: 'missing' } },
			'Attachments (Binary Properties): the item has no binary property "missing" [item 0]',
		],
	])('%j', async (extra, message) => {
		const run = await runChatwoot({ parameters: parameters(extra), http: fakeChatwoot().handler });
		expect(run.requests).toEqual([]);
		expect(run.error).toBeInstanceOf(NodeOperationError);
		expect((run.error as Error).message).toContain(message);
	});
});

describe('pickReusableConversation', () => {
	it('picks the most recently active open or pending conversation of the inbox, the older on ties', () => {
		const list = [
			{ id: 1, inbox_id: 1, status: 'open', last_activity_at: 10 },
			{ id: 2, inbox_id: 1, status: 'pending', last_activity_at: 20 },
			{ id: 3, inbox_id: 1, status: 'resolved', last_activity_at: 99 },
			{ id: 4, inbox_id: 2, status: 'open', last_activity_at: 99 },
			{ id: 5, inbox_id: 1, status: 'open', last_activity_at: 20 },
		];
		expect(pickReusableConversation(list, 1)?.id).toBe(2);
		expect(pickReusableConversation(list, 3)).toBeUndefined();
		expect(
			pickReusableConversation([{ id: 6, inbox_id: 1, status: 'snoozed' }], 1),
		).toBeUndefined();
	});
});
