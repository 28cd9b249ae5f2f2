import { NodeOperationError } from 'n8n-workflow';

import { json, type SentRequest } from '../helpers/context';
import { runChatwoot } from '../helpers/run';

const BASE = 'https://chat.example.com/api/v1/accounts/1';
const id = (value: string) => ({ __rl: true, mode: 'id', value });
const params = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'conversation',
	operation,
	...extra,
});
const sent = (requests: SentRequest[]) =>
	requests.map((request) => [request.method, request.url, request.qs, request.body]);

describe('Conversation → Create', () => {
	it('by inbox and contact with status, agent, team and custom attributes', async () => {
		const run = await runChatwoot({
			parameters: params('create', {
				createBy: 'contact',
				inboxId: id('1'),
				contactId: id('7'),
				status: 'pending',
				additionalFields: {
					assigneeId: id('2'),
					teamId: id('1'),
					customAttributes: '{"order_id":"1042"}',
				},
				sendMessage: false,
			}),
			http: () => json({ id: 35, status: 'pending' }),
		});
		expect(run.error).toBeUndefined();
		expect(sent(run.requests)).toEqual([
			[
				'POST',
				`${BASE}/conversations`,
				undefined,
				{
					inbox_id: 1,
					contact_id: 7,
					status: 'pending',
					assignee_id: 2,
					team_id: 1,
					custom_attributes: { order_id: '1042' },
				},
			],
		]);
		expect(run.output?.[0].json).toEqual({ id: 35, status: 'pending' });
	});

	it('by source_id with a first text message (content only)', async () => {
		const run = await runChatwoot({
			parameters: params('create', {
				createBy: 'sourceId',
				inboxId: id('1'),
				sourceId: ' uuid-1 ',
				status: 'open',
				sendMessage: true,
				contentType: 'text',
				content: 'Welcome!',
			}),
			http: () => json({ id: 36 }),
		});
		expect(sent(run.requests)).toEqual([
			[
				'POST',
				`${BASE}/conversations`,
				undefined,
				{ inbox_id: 1, source_id: 'uuid-1', status: 'open', message: { content: 'Welcome!' } },
			],
		]);
	});

	it('with a WhatsApp template as first message (content + template_params), snoozed until a time', async () => {
		const run = await runChatwoot({
			parameters: params('create', {
				createBy: 'contact',
				inboxId: id('2'),
				contactId: id('2'),
				status: 'snoozed',
				snoozedUntil: '2030-07-21T17:32:28Z',
				sendMessage: true,
				contentType: 'template',
				templateSource: 'manual',
				templateName: 'order_confirmation',
				templateLanguage: 'en_US',
				templateCategory: 'UTILITY',
				templateBodyParameters: {
					parameter: [
						{ name: '1', value: 'Bill' },
						{ name: '2', value: '121212' },
					],
				},
			}),
			http: () => json({ id: 37 }),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({
			inbox_id: 2,
			contact_id: 2,
			status: 'snoozed',
			snoozed_until: '2030-07-21T17:32:28.000Z',
			message: {
				content: 'Template order_confirmation (1: Bill, 2: 121212)',
				template_params: {
					name: 'order_confirmation',
					language: 'en_US',
					category: 'UTILITY',
					processed_params: { body: { '1': 'Bill', '2': '121212' } },
				},
			},
		});
	});

	it.each([
		[
			{ createBy: 'sourceId', inboxId: id('1'), sourceId: '' },
			'Source ID: is empty; use contact_inbox.source_id from Contact → Create [item 0]',
		],
		[
			{ createBy: 'contact', inboxId: id('1'), contactId: id('') },
			'Contact: must be a positive whole number such as 42 (got "") [item 0]',
		],
		[
			{
				createBy: 'contact',
				inboxId: id('1'),
				contactId: id('7'),
				sendMessage: true,
				contentType: 'text',
				content: '',
			},
			'Content: is empty; write the first message or turn off "Send a First Message" [item 0]',
		],
		[
			{
				createBy: 'contact',
				inboxId: id('1'),
				contactId: id('7'),
				additionalFields: { customAttributes: '{x' },
			},
			'Custom Attributes (JSON): is not valid JSON',
		],
	])('refuses bad input before any request: %j', async (extra, message) => {
		const run = await runChatwoot({ parameters: params('create', { status: 'open', ...extra }) });
		expect(run.requests).toEqual([]);
		expect(run.error).toBeInstanceOf(NodeOperationError);
		expect((run.error as Error).message).toContain(message);
	});
});

describe('Conversation → Get, Set Status', () => {
	it('Get', async () => {
		const run = await runChatwoot({
			parameters: params('get', { conversationId: id('42') }),
			http: () => json({ id: 42 }),
		});
		expect(sent(run.requests)).toEqual([['GET', `${BASE}/conversations/42`, undefined, undefined]]);
		expect(run.output?.[0].json).toEqual({ id: 42 });
	});

	it.each(['open', 'resolved', 'pending'])('Set Status %s', async (status) => {
		const run = await runChatwoot({
			parameters: params('setStatus', { conversationId: id('42'), status }),
			http: () =>
				json({ meta: {}, payload: { success: true, current_status: status, conversation_id: 42 } }),
		});
		expect(sent(run.requests)).toEqual([
			['POST', `${BASE}/conversations/42/toggle_status`, undefined, { status }],
		]);
		expect(run.output?.[0].json).toEqual({
			success: true,
			current_status: status,
			conversation_id: 42,
		});
	});

	it('Set Status snoozed sends snoozed_until as Unix seconds', async () => {
		const run = await runChatwoot({
			parameters: params('setStatus', {
				conversationId: id('42'),
				status: 'snoozed',
				snoozedUntil: '2030-01-01T00:00:00Z',
			}),
			http: () => json({ payload: { success: true } }),
		});
		expect(run.requests[0].body).toEqual({ status: 'snoozed', snoozed_until: 1893456000 });
	});
});

describe('Conversation → Assign', () => {
	it('assigns the team first, then the agent, in two requests (Chatwoot ignores team_id next to assignee_id)', async () => {
		const run = await runChatwoot({
			parameters: params('assign', {
				conversationId: id('42'),
				assigneeId: id('2'),
				teamId: id('1'),
			}),
			http: (request) =>
				json(
					(request.body as { team_id?: number }).team_id
						? { id: 1, name: 'sales' }
						: { id: 2, name: 'Alice' },
				),
		});
		expect(sent(run.requests)).toEqual([
			['POST', `${BASE}/conversations/42/assignments`, undefined, { team_id: 1 }],
			['POST', `${BASE}/conversations/42/assignments`, undefined, { assignee_id: 2 }],
		]);
		expect(run.output?.[0].json).toEqual({
			conversation_id: 42,
			team: { id: 1, name: 'sales' },
			assignee: { id: 2, name: 'Alice' },
		});
	});

	it('agent only', async () => {
		const run = await runChatwoot({
			parameters: params('assign', {
				conversationId: id('42'),
				assigneeId: id('3'),
				teamId: { mode: 'list', value: '' },
			}),
			http: () => json({ id: 3 }),
		});
		expect(sent(run.requests)).toEqual([
			['POST', `${BASE}/conversations/42/assignments`, undefined, { assignee_id: 3 }],
		]);
	});

	it('needs an agent or a team', async () => {
		const run = await runChatwoot({
			parameters: params('assign', {
				conversationId: id('42'),
				assigneeId: { mode: 'list', value: '' },
				teamId: { mode: 'list', value: '' },
			}),
		});
		expect(run.requests).toEqual([]);
		expect((run.error as Error).message).toBe(
			'Agent: choose an agent, a team or both to assign [item 0]',
		);
	});
});

describe('Conversation → labels and custom attributes', () => {
	it('Add Labels keeps the existing labels (Chatwoot replaces the list)', async () => {
		const run = await runChatwoot({
			parameters: params('addLabels', {
				conversationId: id('42'),
				labels: [' vip ', 'billing', 'vip', ''],
			}),
			http: (request) =>
				request.method === 'GET'
					? json({ payload: ['support', 'billing'] })
					: json({ payload: (request.body as { labels: string[] }).labels }),
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/conversations/42/labels`, undefined, undefined],
			[
				'POST',
				`${BASE}/conversations/42/labels`,
				undefined,
				{ labels: ['support', 'billing', 'vip'] },
			],
		]);
		expect(run.output?.[0].json).toEqual({
			conversation_id: 42,
			labels: ['support', 'billing', 'vip'],
		});
	});

	it('Add Labels accepts a comma-separated string from an expression, and needs one label', async () => {
		const run = await runChatwoot({
			parameters: params('addLabels', { conversationId: id('42'), labels: 'vip, billing' }),
			http: (request) =>
				request.method === 'GET' ? json({ payload: [] }) : json({ payload: ['vip', 'billing'] }),
		});
		expect(run.requests[1].body).toEqual({ labels: ['vip', 'billing'] });
		const empty = await runChatwoot({
			parameters: params('addLabels', { conversationId: id('42'), labels: [] }),
		});
		expect(empty.requests).toEqual([]);
		expect((empty.error as Error).message).toBe('Labels: add at least one label [item 0]');
	});

	it('Get Labels', async () => {
		const run = await runChatwoot({
			parameters: params('getLabels', { conversationId: id('42') }),
			http: () => json({ payload: ['vip'] }),
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/conversations/42/labels`, undefined, undefined],
		]);
		expect(run.output?.[0].json).toEqual({ conversation_id: 42, labels: ['vip'] });
	});

	it('Set Custom Attributes merges into the existing ones by default', async () => {
		const run = await runChatwoot({
			parameters: params('setCustomAttributes', {
				conversationId: id('42'),
				customAttributes: '{"plan":"pro"}',
				keepOtherAttributes: true,
			}),
			http: (request) =>
				request.method === 'GET'
					? json({ id: 42, custom_attributes: { order_id: '1', plan: 'free' } })
					: json({
							custom_attributes: (request.body as { custom_attributes: object }).custom_attributes,
						}),
		});
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/conversations/42`, undefined, undefined],
			[
				'POST',
				`${BASE}/conversations/42/custom_attributes`,
				undefined,
				{ custom_attributes: { order_id: '1', plan: 'pro' } },
			],
		]);
		expect(run.output?.[0].json).toEqual({
			conversation_id: 42,
			custom_attributes: { order_id: '1', plan: 'pro' },
		});
	});

	it('Set Custom Attributes without keeping the others sends exactly the given ones', async () => {
		const run = await runChatwoot({
			parameters: params('setCustomAttributes', {
				conversationId: id('42'),
				customAttributes: { plan: 'pro' },
				keepOtherAttributes: false,
			}),
			http: () => json({ custom_attributes: { plan: 'pro' } }),
		});
		expect(sent(run.requests)).toEqual([
			[
				'POST',
				`${BASE}/conversations/42/custom_attributes`,
				undefined,
				{ custom_attributes: { plan: 'pro' } },
			],
		]);
	});
});

/** Conversations 1..total, 25 a page, like Chatwoot's list. */
function conversationPages(total: number) {
	return (request: SentRequest) => {
		const page = Number(request.qs?.page ?? 1);
		const payload = [];
		for (let n = (page - 1) * 25 + 1; n <= Math.min(total, page * 25); n++) payload.push({ id: n });
		return json({ data: { meta: { all_count: total }, payload } });
	};
}

describe('Conversation → Get Many walks 25-per-page pages', () => {
	it('sends every filter and reads all pages', async () => {
		const run = await runChatwoot({
			parameters: params('getAll', {
				returnAll: true,
				inboxId: id('1'),
				filters: {
					status: 'all',
					assigneeType: 'unassigned',
					teamId: id('2'),
					labels: ['vip', 'billing'],
					query: ' refund ',
				},
			}),
			http: conversationPages(60),
		});
		const qs = {
			status: 'all',
			assignee_type: 'unassigned',
			inbox_id: 1,
			team_id: 2,
			labels: ['vip', 'billing'],
			q: 'refund',
		};
		expect(sent(run.requests)).toEqual([
			['GET', `${BASE}/conversations`, { ...qs, page: 1 }, undefined],
			['GET', `${BASE}/conversations`, { ...qs, page: 2 }, undefined],
			['GET', `${BASE}/conversations`, { ...qs, page: 3 }, undefined],
		]);
		expect(run.requests[0].options.arrayFormat).toBe('brackets');
		expect(run.output).toHaveLength(60);
	});

	it('defaults to open conversations of all inboxes and stops at the limit', async () => {
		const run = await runChatwoot({
			parameters: params('getAll', {
				returnAll: false,
				limit: 30,
				inboxId: { mode: 'list', value: '' },
				filters: {},
			}),
			http: conversationPages(100),
		});
		expect(sent(run.requests)).toEqual([
			[
				'GET',
				`${BASE}/conversations`,
				{ status: 'open', assignee_type: 'all', page: 1 },
				undefined,
			],
			[
				'GET',
				`${BASE}/conversations`,
				{ status: 'open', assignee_type: 'all', page: 2 },
				undefined,
			],
		]);
		expect(run.output?.map((item) => item.json.id)).toEqual(
			Array.from({ length: 30 }, (_, i) => i + 1),
		);
	});
});
