/**
 * Hardening of what the node reads and walks: list cursors and page caps, Limit, pasted URLs,
 * id normalisation and ordering, ids n8n cannot carry exactly, nested JSON, and what an error
 * says about the items already carried out. Each case was observed to go wrong.
 */
import { json, type SentRequest } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

const BASE = 'https://chat.example.com/api/v1/accounts/1';
const id = (value: string) => ({ __rl: true, mode: 'id', value });
const url = (value: string) => ({ __rl: true, mode: 'url', value });
const errorText = (error: unknown) => {
	const { message, description } = error as { message?: string; description?: string };
	return `${message ?? ''}\n${description ?? ''}`;
};

const messagesParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'getAll',
	conversationId: id('7'),
	returnAll: true,
	...extra,
});

/** Messages 1..total, served like Chatwoot: latest 20 without a cursor, 20 older with `before`. */
function conversationWith(total: number) {
	return (request: SentRequest) => {
		const before = request.qs?.before === undefined ? total + 1 : Number(request.qs.before);
		const ids = [];
		for (let n = Math.max(1, before - 20); n < before; n++) ids.push(n);
		return json({ meta: {}, payload: ids.map((n) => ({ id: n })) });
	};
}

describe('Lists: Return All', () => {
	it('Message → Get Many stops with an error when the server ignores the before cursor', async () => {
		const page = Array.from({ length: 20 }, (_, i) => ({ id: 26 + i }));
		const run = await runChatwoot({
			parameters: messagesParameters(),
			http: () => json({ payload: page }),
		});
		expect(run.requests.length).toBeLessThanOrEqual(2);
		expect(run.error).toBeDefined();
		expect(errorText(run.error)).toMatch(/before=26/);
		expect(errorText(run.error)).toMatch(/did not move/);
	});

	it('Message → Get Many stops with an error when message ids are not numeric (before=NaN)', async () => {
		const page = Array.from({ length: 20 }, (_, i) => ({ id: `m${i}` }));
		const run = await runChatwoot({
			parameters: messagesParameters(),
			http: () => json({ payload: page }),
		});
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].qs).toBeUndefined();
		expect(errorText(run.error)).toMatch(/not a message id|did not answer like Chatwoot/);
	});

	it('Message → Get Many with Return All is bounded: 100,000 messages, then an error that the list was cut', async () => {
		const run = await runChatwoot({
			parameters: messagesParameters(),
			http: conversationWith(150_000),
		});
		expect(run.requests).toHaveLength(5000);
		expect(run.output).toBeUndefined();
		expect(errorText(run.error)).toMatch(/cut/);
		expect(errorText(run.error)).toMatch(/100,000 messages/);
		expect(errorText(run.error)).toMatch(/Limit/);
	});

	it('Contact → Get Many with Return All walks past 15,000 contacts to the end (20,000)', async () => {
		const total = 20_000;
		const run = await runChatwoot({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
			http: (request) => {
				const page = Number(request.qs?.page);
				const first = (page - 1) * 15 + 1;
				const ids = [];
				for (let n = first; n < first + 15 && n <= total; n++) ids.push(n);
				return json({
					meta: { count: total, current_page: page },
					payload: ids.map((n) => ({ id: n })),
				});
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.output).toHaveLength(total);
		expect(run.requests).toHaveLength(Math.ceil(total / 15));
	});

	it('Conversation → Get Many against a list that never ends stops with an error that says it was cut and how to narrow it', async () => {
		const run = await runChatwoot({
			parameters: { resource: 'conversation', operation: 'getAll', returnAll: true },
			http: (request) => {
				const page = Number(request.qs?.page);
				const payload = Array.from({ length: 25 }, (_, i) => ({ id: (page - 1) * 25 + i + 1 }));
				return json({ data: { meta: {}, payload } });
			},
		});
		expect(run.output).toBeUndefined();
		expect(run.requests).toHaveLength(4000);
		expect(errorText(run.error)).toMatch(/cut/);
		expect(errorText(run.error)).toMatch(/100,000 conversations/);
		expect(errorText(run.error)).toMatch(/Filters|Limit/);
	});

	it('Return All stops with an error when the server repeats the same page (ignores page=)', async () => {
		const payload = Array.from({ length: 15 }, (_, i) => ({ id: i + 1 }));
		const run = await runChatwoot({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
			http: () => json({ meta: {}, payload }),
		});
		expect(run.requests).toHaveLength(2);
		expect(errorText(run.error)).toMatch(/same page/);
	});

	it.each([
		['contacts', { resource: 'contact', operation: 'getAll' }, 30, 15],
		['conversations', { resource: 'conversation', operation: 'getAll' }, 50, 25],
	])(
		'Return All makes no extra empty request when the %s count is a multiple of the page size',
		async (_name, parameters, total, pageSize) => {
			const run = await runChatwoot({
				parameters: { ...parameters, returnAll: true },
				http: (request) => {
					const page = Number(request.qs?.page);
					const ids = [];
					for (let n = (page - 1) * pageSize + 1; n <= Math.min(total, page * pageSize); n++)
						ids.push({ id: n });
					return parameters.resource === 'contact'
						? json({ meta: { count: total, current_page: page }, payload: ids })
						: json({
								data: {
									meta: { all_count: total, mine_count: 0, unassigned_count: total },
									payload: ids,
								},
							});
				},
			});
			expect(run.error).toBeUndefined();
			expect(run.output).toHaveLength(total);
			expect(run.requests).toHaveLength(total / pageSize);
		},
	);
});

describe('Lists: Limit', () => {
	it.each([
		['"abc"', 'abc'],
		['0', 0],
		['-5', -5],
		['1.5', 1.5],
	])('Limit %s is refused before any request', async (_label, limit) => {
		for (const parameters of [
			{ resource: 'contact', operation: 'getAll' },
			{ resource: 'conversation', operation: 'getAll' },
			messagesParameters(),
		]) {
			const run = await runChatwoot({
				parameters: { ...parameters, returnAll: false, limit },
			});
			expect(run.requests).toHaveLength(0);
			expect((run.error as Error).message).toBe(
				`Limit: must be a whole number of 1 or more (got ${JSON.stringify(limit)}) [item 0]`,
			);
		}
	});

	it('the Limit field has a minimum of 1 in the editor', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Chatwoot } = require('../../nodes/Chatwoot/Chatwoot.node') as {
			Chatwoot: new () => { description: { properties: Array<Record<string, unknown>> } };
		};
		const limits = new Chatwoot().description.properties.filter(
			(property) => property.name === 'limit',
		);
		expect(limits.length).toBeGreaterThan(0);
		for (const limit of limits) expect(limit.typeOptions).toMatchObject({ minValue: 1 });
	});
});

describe('Identifiers: pasted URLs must belong to the credential', () => {
	it.each([
		[
			'another account',
			'https://chat.example.com/app/accounts/2/conversations/1',
			/account 2.*account 1|account 1.*account 2/s,
		],
		[
			'another host',
			'https://other.example.com/app/accounts/1/conversations/1',
			/other\.example\.com/,
		],
		['no account in it', 'https://chat.example.com/conversations/1', /accounts/],
	])('a conversation URL of %s is refused before any request', async (_label, value, pattern) => {
		const run = await runChatwoot({ parameters: sendParameters({ conversationId: url(value) }) });
		expect(run.requests).toHaveLength(0);
		expect(errorText(run.error)).toMatch(/^Conversation: /);
		expect(errorText(run.error)).toMatch(pattern);
	});

	it('a conversation URL of the credential’s host and account is used', async () => {
		const run = await runChatwoot({
			parameters: sendParameters({
				conversationId: url('https://CHAT.example.com/app/accounts/1/conversations/9?x=1'),
				options: { checkReplyWindow: false },
			}),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`POST ${BASE}/conversations/9/messages`,
		]);
	});

	it('a contact URL of another account is refused (Contact → Get)', async () => {
		const run = await runChatwoot({
			parameters: {
				resource: 'contact',
				operation: 'get',
				contactId: url('https://chat.example.com/app/accounts/3/contacts/17'),
			},
		});
		expect(run.requests).toHaveLength(0);
		expect(errorText(run.error)).toMatch(/^Contact: .*account 3/);
	});

	it('an inbox URL of another account is refused (Send to Contact)', async () => {
		const run = await runChatwoot({
			parameters: {
				resource: 'message',
				operation: 'sendToContact',
				inboxId: url('https://chat.example.com/app/accounts/2/settings/inboxes/1'),
				identifyBy: 'phone',
				phoneNumber: '+15551234567',
				contentType: 'text',
				content: 'Hi',
			},
		});
		expect(run.requests).toHaveLength(0);
		expect(errorText(run.error)).toMatch(/^Inbox: .*account 2/);
	});
});

describe('Identifiers: normalised ids, exact ids, checked options', () => {
	it('"7", "#7", " 7" and "007" are one conversation: sent one after another, in item order', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const values = ['7', '#7', ' 7', '007', '7'];
		const run = await runChatwoot({
			items: values.map(() => ({ json: {} })),
			parameters: (itemIndex) =>
				sendParameters({
					conversationId: id(values[itemIndex]),
					content: `m${itemIndex}`,
					options: { checkReplyWindow: false },
				}),
			http: async (request) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				// Earlier items answer later: only strict ordering keeps them in order.
				await new Promise((resolve) => setTimeout(resolve, 5 * (5 - itemOf(request))));
				inFlight--;
				return json({ id: 1 });
			},
		});
		expect(run.error).toBeUndefined();
		expect(maxInFlight).toBe(1);
		expect(run.requests.map((request) => (request.body as { content: string }).content)).toEqual([
			'm0',
			'm1',
			'm2',
			'm3',
			'm4',
		]);
		expect(new Set(run.requests.map((request) => request.url))).toEqual(
			new Set([`${BASE}/conversations/7/messages`]),
		);
	});

	it.each([
		['9007199254740993', '2^53 + 1'],
		['123456789012345678901234567890', '30 digits'],
	])('conversation id %s (%s) is refused, not silently changed', async (value) => {
		const run = await runChatwoot({ parameters: sendParameters({ conversationId: id(value) }) });
		expect(run.requests).toHaveLength(0);
		expect((run.error as Error).message).toBe(
			`Conversation: ${value} is larger than any id n8n can pass on exactly (at most 9007199254740991) [item 0]`,
		);
	});

	it.each([
		['inReplyTo', 'Reply To Message ID', 'abc'],
		['inReplyTo', 'Reply To Message ID', -4],
		['campaignId', 'Campaign ID', 'drop table'],
		['campaignId', 'Campaign ID', 2.5],
	])('option %s (%s) = %p is refused before any request', async (option, label, value) => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { [option]: value, checkReplyWindow: false } }),
		});
		expect(run.requests).toHaveLength(0);
		expect((run.error as Error).message).toBe(
			`${label}: must be a positive whole number such as 42 (got ${JSON.stringify(value)}) [item 0]`,
		);
	});

	it('in_reply_to and campaign_id given as text digits are sent as numbers', async () => {
		const run = await runChatwoot({
			parameters: sendParameters({
				options: { inReplyTo: ' 0012 ', campaignId: '#3', checkReplyWindow: false },
			}),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toMatchObject({
			content_attributes: { in_reply_to: 12 },
			campaign_id: 3,
		});
	});

	it.each([
		[
			'Content Attributes (JSON)',
			sendParameters({
				contentType: 'input_select',
				attributesMode: 'json',
				contentAttributesJson: `{"items":[{"title":"a","value":${'['.repeat(5000)}1${']'.repeat(5000)}}]}`,
			}),
		],
		[
			'Custom Attributes (JSON)',
			{
				resource: 'conversation',
				operation: 'setCustomAttributes',
				conversationId: id('7'),
				customAttributes: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
			},
		],
	])('%s nested thousands deep gives an error naming the field', async (field, parameters) => {
		const run = await runChatwoot({ parameters });
		expect(run.requests).toHaveLength(0);
		expect((run.error as Error).message).toMatch(
			new RegExp(
				`^${field.replace(/[()]/g, '\\$&')}: is nested more than 100 levels deep \\[item 0\\]$`,
			),
		);
	});
});

/** The index of the item a request belongs to, from its content `m<i>`. */
function itemOf(request: SentRequest): number {
	return Number(/m(\d+)/.exec(String((request.body as { content?: string })?.content))?.[1] ?? 0);
}

describe('Partial failure without Continue On Fail', () => {
	it('the error lists the items already sent, with their message ids', async () => {
		const count = 40;
		const sent = new Map<number, number>();
		const run = await runChatwoot({
			items: Array.from({ length: count }, () => ({ json: {} })),
			parameters: (itemIndex) =>
				sendParameters({
					conversationId: id(String(100 + itemIndex)),
					content: `m${itemIndex}`,
					options: { checkReplyWindow: false },
				}),
			http: async (request) => {
				const index = itemOf(request);
				await new Promise((resolve) => setTimeout(resolve, index === 10 ? 20 : 1));
				if (index === 10) return json({ error: 'Too many messages' }, 422);
				sent.set(index, 5000 + index);
				return json({ id: 5000 + index });
			},
		});
		expect(sent.size).toBeGreaterThan(0);
		const text = errorText(run.error);
		expect(text).toMatch(/Too many messages/);
		expect(text).toMatch(new RegExp(`${sent.size} other items? (was|were) carried out`));
		for (const [index, messageId] of sent) expect(text).toContain(`${index} (${messageId})`);
		expect((run.error as { context: { itemIndex?: number } }).context.itemIndex).toBe(10);
	});
});
