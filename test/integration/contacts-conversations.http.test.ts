/**
 * Contact, Conversation and Send to Contact against the Chatwoot sandbox over real HTTP: every
 * request is checked against Chatwoot's OpenAPI spec and the NOTES rules (zero violations).
 */
import { existsSync } from 'fs';
import { join } from 'path';

import { runChatwoot } from '../helpers/run';
import { realHttp } from '../helpers/realHttp';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

it('the sandbox validates against Chatwoot’s spec when ../shared/chatwoot is present', () => {
	const specPresent = existsSync(join(__dirname, '../../../shared/chatwoot/swagger.json'));
	expect((sandbox as unknown as { specLoaded: boolean }).specLoaded).toBe(specPresent);
});

const id = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(
	parameters: Parameters<typeof runChatwoot>[0]['parameters'],
	extra: Partial<Parameters<typeof runChatwoot>[0]> = {},
) {
	const result = await runChatwoot({
		parameters,
		credentials: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 },
		http: realHttp,
		...extra,
	});
	if (result.error) throw result.error;
	return (result.output ?? []).map((item) => item.json);
}

const sendToContact = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendToContact',
	inboxId: id('1'),
	identifyBy: 'phone',
	phoneNumber: '+1 (555) 765-4321',
	contactName: 'New Lead',
	contentType: 'text',
	content: 'Thanks for your interest!',
	...extra,
});

describe('Send to Contact against the sandbox', () => {
	it('two runs for a new phone number: one contact, one conversation, two messages, zero violations', async () => {
		const contactsBefore = sandbox.state.contacts.length;
		const conversationsBefore = sandbox.state.conversations.length;

		const [first] = await run(sendToContact());
		const [second] = await run(sendToContact({ content: 'Following up' }));

		expect(first).toMatchObject({
			contactCreated: true,
			contactInboxCreated: true,
			conversationCreated: true,
		});
		expect(second).toMatchObject({
			contactCreated: false,
			contactInboxCreated: false,
			conversationCreated: false,
		});
		expect(second.contact).toMatchObject({
			id: (first.contact as { id: number }).id,
			phone_number: '+15557654321',
			name: 'New Lead',
		});
		expect((second.conversation as { id: number }).id).toBe(
			(first.conversation as { id: number }).id,
		);

		expect(sandbox.state.contacts.length).toBe(contactsBefore + 1);
		expect(sandbox.state.conversations.length).toBe(conversationsBefore + 1);
		const conversation = sandbox.state.conversations.find(
			(c: { display_id: number }) => c.display_id === (first.conversation as { id: number }).id,
		);
		const contents = conversation.message_ids.map(
			(messageId: number) => sandbox.state.messages.get(messageId).content,
		);
		expect(contents).toEqual(['Thanks for your interest!', 'Following up']);
		expect(
			sandbox.requests.every(
				(request) => request.body?.source_id === undefined || !request.path.endsWith('/messages'),
			),
		).toBe(true);
		expect(sandbox.violations).toEqual([]);
	});

	it('two items for the same new person in one execution: one contact, one conversation', async () => {
		const contactsBefore = sandbox.state.contacts.length;
		const output = await run(
			(itemIndex: number) =>
				sendToContact({
					content: `item ${itemIndex}`,
					phoneNumber: itemIndex === 0 ? '+15557654321' : '+1 555 765 4321',
				}),
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(output.map((item) => item.contactCreated)).toEqual([true, false]);
		expect(sandbox.state.contacts.length).toBe(contactsBefore + 1);
		expect(sandbox.violations).toEqual([]);
	});

	it('existing contact without a WhatsApp contact inbox gets one with the phone digits, then a template', async () => {
		const [result] = await run(
			sendToContact({
				inboxId: id('2'),
				phoneNumber: '+15551000005',
				contentType: 'template',
				templateSource: 'manual',
				templateName: 'order_confirmation',
				templateLanguage: 'en_US',
				templateCategory: 'UTILITY',
				templateBodyParameters: {
					parameter: [
						{ name: '1', value: 'Eva' },
						{ name: '2', value: '1042' },
					],
				},
				templateHeaderType: 'document',
				templateHeaderMediaUrl: 'https://files.example.com/invoice.pdf',
				templateHeaderFileName: 'invoice.pdf',
				templateButtons: {
					button: [
						{ type: 'url', parameter: '1042' },
						{ type: 'copy_code', parameter: 'SAVE20' },
					],
				},
			}),
		);
		expect(result).toMatchObject({
			contactCreated: false,
			contactInboxCreated: true,
			conversationCreated: true,
			contact: { id: 5 },
		});
		expect(
			sandbox.state.contactInboxes.find(
				(ci: { contact_id: number; inbox_id: number }) => ci.contact_id === 5 && ci.inbox_id === 2,
			).source_id,
		).toBe('15551000005');
		expect(sandbox.violations).toEqual([]);
	});

	it('reuses an open conversation of an existing contact; a resolved one is not reused', async () => {
		// contact 3 (Email inbox 5, conversation 6 open): by email
		const [open] = await run(
			sendToContact({
				inboxId: id('5'),
				identifyBy: 'email',
				email: sandbox.state.contacts[2].email.toUpperCase(),
			}),
		);
		expect(open).toMatchObject({
			contactCreated: false,
			conversationCreated: false,
			conversation: { id: 6 },
		});
		sandbox.state.conversations.find((c: { display_id: number }) => c.display_id === 6).status =
			'resolved';
		const [resolved] = await run(
			sendToContact({
				inboxId: id('5'),
				identifyBy: 'email',
				email: sandbox.state.contacts[2].email,
			}),
		);
		expect(resolved).toMatchObject({ contactCreated: false, conversationCreated: true });
		expect(sandbox.violations).toEqual([]);
	});
});

describe('Contact operations against the sandbox', () => {
	it('create with an inbox, get, update, search, list, add to inbox, conversations, delete: zero violations', async () => {
		const [created] = await run({
			resource: 'contact',
			operation: 'create',
			inboxId: id('2'),
			contactFields: {
				name: 'Zoe',
				phoneNumber: '+44 20 7946 0958',
				email: 'zoe@example.com',
				identifier: 'crm-zoe',
				customAttributes: '{}',
			},
		});
		expect(created).toMatchObject({
			name: 'Zoe',
			phone_number: '+442079460958',
			contact_inbox: { source_id: '442079460958', inbox: { id: 2 } },
		});
		const contactId = String(created.id);

		expect(
			(await run({ resource: 'contact', operation: 'get', contactId: id(contactId) }))[0],
		).toMatchObject({ id: created.id });
		const [updated] = await run({
			resource: 'contact',
			operation: 'update',
			contactId: id(contactId),
			updateFields: { name: 'Zoe Z', customAttributes: { vip: true } },
		});
		expect(updated).toMatchObject({ name: 'Zoe Z', custom_attributes: { vip: true } });

		const found = await run({
			resource: 'contact',
			operation: 'search',
			query: '+1555100',
			returnAll: true,
		});
		expect(found.length).toBeGreaterThan(15); // 24 seeded numbers, two pages
		const limited = await run({
			resource: 'contact',
			operation: 'search',
			query: '+1555100',
			returnAll: false,
			limit: 3,
		});
		expect(limited).toHaveLength(3);
		const all = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			sort: 'name',
		});
		expect(all).toHaveLength(26);

		const [added] = await run({
			resource: 'contact',
			operation: 'addToInbox',
			contactId: id(contactId),
			inboxId: id('1'),
			sourceId: '',
		});
		expect(added).toMatchObject({ created: true, inbox_id: 1 });
		const [again] = await run({
			resource: 'contact',
			operation: 'addToInbox',
			contactId: id(contactId),
			inboxId: id('1'),
			sourceId: '',
		});
		expect(again).toMatchObject({ created: false, source_id: added.source_id });

		const conversations = await run({
			resource: 'contact',
			operation: 'getConversations',
			contactId: id('1'),
		});
		expect(conversations.length).toBeGreaterThan(0);
		expect(
			(await run({ resource: 'contact', operation: 'delete', contactId: id(contactId) }))[0],
		).toEqual({ id: created.id, deleted: true });
		expect(sandbox.violations).toEqual([]);
	});
});

describe('Conversation operations against the sandbox', () => {
	it('create (both ways, with a first message and a template), get, list, status, assign, labels, attributes: zero violations', async () => {
		const [byContact] = await run({
			resource: 'conversation',
			operation: 'create',
			createBy: 'contact',
			inboxId: id('1'),
			contactId: id('7'),
			status: 'pending',
			additionalFields: {
				assigneeId: id('2'),
				teamId: id('1'),
				customAttributes: '{"order_id":"1042"}',
			},
			sendMessage: true,
			contentType: 'text',
			content: 'Welcome!',
		});
		expect(byContact).toMatchObject({
			status: 'pending',
			custom_attributes: { order_id: '1042' },
			meta: { assignee: { id: 2 }, team: { id: 1 } },
		});

		const [bySource] = await run({
			resource: 'conversation',
			operation: 'create',
			createBy: 'sourceId',
			inboxId: id('2'),
			sourceId: '15551234567',
			status: 'open',
			sendMessage: true,
			contentType: 'template',
			templateSource: 'manual',
			templateName: 'appointment_reminder',
			templateLanguage: 'en',
			templateCategory: 'UTILITY',
			templateBodyParameters: {
				parameter: [
					{ name: 'doctor', value: 'Dr. Who' },
					{ name: 'date', value: 'Monday' },
				],
			},
			templateHeaderType: 'text',
			templateHeaderParameterName: 'customer_name',
			templateHeaderText: 'Bruno',
		});
		expect(bySource).toMatchObject({ inbox_id: 2 });
		const conversationId = id(String(byContact.id));

		expect(
			(await run({ resource: 'conversation', operation: 'get', conversationId }))[0],
		).toMatchObject({ id: byContact.id });
		const open = await run({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			inboxId: { mode: 'list', value: '' },
			filters: {},
		});
		expect(open.length).toBeGreaterThan(25);
		const filtered = await run({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			inboxId: id('1'),
			filters: {
				status: 'all',
				assigneeType: 'assigned',
				teamId: id('1'),
				labels: ['billing'],
				query: 'a',
			},
		});
		expect(Array.isArray(filtered)).toBe(true);

		expect(
			(
				await run({
					resource: 'conversation',
					operation: 'setStatus',
					conversationId,
					status: 'resolved',
				})
			)[0],
		).toMatchObject({ current_status: 'resolved' });
		await run({
			resource: 'conversation',
			operation: 'setStatus',
			conversationId,
			status: 'snoozed',
			snoozedUntil: '2030-01-01T00:00:00Z',
		});
		const [assigned] = await run({
			resource: 'conversation',
			operation: 'assign',
			conversationId,
			assigneeId: id('3'),
			teamId: id('2'),
		});
		expect(assigned).toMatchObject({ team: { id: 2 }, assignee: { id: 3 } });
		const [labelled] = await run({
			resource: 'conversation',
			operation: 'addLabels',
			conversationId: id('1'),
			labels: ['vip'],
		});
		expect(labelled.labels).toEqual(['support', 'vip']);
		expect(
			(await run({ resource: 'conversation', operation: 'getLabels', conversationId: id('1') }))[0],
		).toEqual({ conversation_id: 1, labels: ['support', 'vip'] });
		const [attributes] = await run({
			resource: 'conversation',
			operation: 'setCustomAttributes',
			conversationId: id('1'),
			customAttributes: '{"plan":"pro"}',
			keepOtherAttributes: true,
		});
		expect(attributes).toEqual({
			conversation_id: 1,
			custom_attributes: { order_id: 'ORD-1', plan: 'pro' },
		});
		expect(sandbox.violations).toEqual([]);
	});
});

describe('Send to Contact with a template from its own inbox', () => {
	it('takes the template from the Inbox field (no second inbox field) and delivers it, zero violations', async () => {
		const [result] = await run(
			sendToContact({
				inboxId: id('2'),
				phoneNumber: '+15557654321',
				contentType: 'template',
				templateSource: 'inbox',
				templateId: 'order_confirmation|en_US',
				templateVariables: {
					mappingMode: 'defineBelow',
					value: {
						'header.media_url': 'https://files.example.com/invoice.pdf',
						'header.media_name': 'invoice.pdf',
						'body.1': 'Ann',
						'body.2': 'A-100',
						'button.0': 'A-100',
						'button.1': 'SAVE20',
					},
				},
			}),
		);
		expect(result).toMatchObject({ contactCreated: true, conversationCreated: true });
		const sent = sandbox.requests.find(
			(request) => request.method === 'POST' && request.path.endsWith('/messages'),
		);
		expect(sent?.body.template_params).toMatchObject({
			name: 'order_confirmation',
			language: 'en_US',
		});
		expect(sent?.body.content).toBe('Hi Ann, your order A-100 is confirmed.');
		const delivery = sandbox.state.deliveries.at(-1) as {
			delivered: boolean;
			reason: string | null;
		};
		expect(delivery).toMatchObject({ delivered: true, reason: null });
		expect(sandbox.violations).toEqual([]);
	});
});
