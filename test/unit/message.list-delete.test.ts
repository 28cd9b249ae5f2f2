import { json } from '../helpers/context';
import { runChatwoot } from '../helpers/run';

/** Messages 1..total, served like Chatwoot: latest 20 without a cursor, 20 older with `before`. */
function conversationWith(total: number) {
	return (request: { url: string; qs?: Record<string, unknown> }) => {
		const before = request.qs?.before === undefined ? total + 1 : Number(request.qs.before);
		const ids = [];
		for (let id = Math.max(1, before - 20); id < before; id++) ids.push(id);
		return json({ meta: {}, payload: ids.map((id) => ({ id, content: `m${id}` })) });
	};
}

const listParameters = (extra: Record<string, unknown>) => ({
	resource: 'message',
	operation: 'getAll',
	conversationId: { mode: 'id', value: '7' },
	...extra,
});

describe('Message → Get Many', () => {
	it('with Return All walks the before cursor across pages and outputs oldest first', async () => {
		const run = await runChatwoot({
			parameters: listParameters({ returnAll: true }),
			http: conversationWith(45),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => [request.method, request.url, request.qs])).toEqual([
			['GET', 'https://chat.example.com/api/v1/accounts/1/conversations/7/messages', undefined],
			[
				'GET',
				'https://chat.example.com/api/v1/accounts/1/conversations/7/messages',
				{ before: 26 },
			],
			['GET', 'https://chat.example.com/api/v1/accounts/1/conversations/7/messages', { before: 6 }],
		]);
		expect(run.output?.map((item) => item.json.id)).toEqual(
			Array.from({ length: 45 }, (_, i) => i + 1),
		);
		expect(run.output?.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	it('with a limit returns the most recent messages, oldest first, without extra pages', async () => {
		const run = await runChatwoot({
			parameters: listParameters({ returnAll: false, limit: 25 }),
			http: conversationWith(45),
		});
		expect(run.requests).toHaveLength(2);
		expect(run.output?.map((item) => item.json.id)).toEqual(
			Array.from({ length: 25 }, (_, i) => i + 21),
		);
	});

	it('stops on a short page and returns nothing for an empty conversation', async () => {
		const short = await runChatwoot({
			parameters: listParameters({ returnAll: true }),
			http: conversationWith(12),
		});
		expect(short.requests).toHaveLength(1);
		expect(short.output).toHaveLength(12);
		const empty = await runChatwoot({
			parameters: listParameters({ returnAll: true }),
			http: conversationWith(0),
		});
		expect(empty.output).toEqual([]);
	});
});

describe('Message → Delete', () => {
	it('sends DELETE to the message and outputs what was deleted', async () => {
		const run = await runChatwoot({
			parameters: {
				resource: 'message',
				operation: 'delete',
				conversationId: { mode: 'id', value: '7' },
				messageId: '31',
			},
			http: () =>
				json({
					id: 31,
					content: 'This message was deleted',
					content_attributes: { deleted: true },
				}),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => [request.method, request.url, request.body])).toEqual([
			[
				'DELETE',
				'https://chat.example.com/api/v1/accounts/1/conversations/7/messages/31',
				undefined,
			],
		]);
		expect(run.output).toEqual([
			{
				json: {
					id: 31,
					content: 'This message was deleted',
					content_attributes: { deleted: true },
					conversation_id: 7,
					deleted: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('outputs a confirmation when Chatwoot answers with an empty body', async () => {
		const run = await runChatwoot({
			parameters: {
				resource: 'message',
				operation: 'delete',
				conversationId: { mode: 'id', value: '7' },
				messageId: '31',
			},
			http: () => json(undefined),
		});
		expect(run.output?.[0].json).toEqual({ id: 31, conversation_id: 7, deleted: true });
	});
});
