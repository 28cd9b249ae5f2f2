import { NodeApiError } from 'n8n-workflow';

import { retryOptionFields } from '../../nodes/Chatwoot/actions/descriptions';
import { inspect } from 'util';

import { DEFAULT_RETRY, getConnection, normalizeBaseUrl } from '../../nodes/Chatwoot/transport';
import { runItems } from '../../nodes/shared/scheduler';
import { createContext, json, TEST_TOKEN } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

describe('normalizeBaseUrl', () => {
	it.each([
		['https://app.chatwoot.com', 'https://app.chatwoot.com'],
		['https://app.chatwoot.com/', 'https://app.chatwoot.com'],
		['https://chat.example.com/api/v1', 'https://chat.example.com'],
		['https://chat.example.com/api/v1/', 'https://chat.example.com'],
		['https://chat.example.com/app/accounts/3/dashboard', 'https://chat.example.com'],
		['  https://example.com/support/chatwoot//  ', 'https://example.com/support/chatwoot'],
		['https://example.com/support/api/v1/accounts/1', 'https://example.com/support'],
	])('%s → %s', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});

	it('is applied to every request', async () => {
		const run = await runChatwoot({
			credentials: { baseUrl: 'https://chat.example.com/api/v1/' },
			parameters: sendParameters(),
			http: () => json({ id: 1 }),
		});
		expect(run.requests[0].url).toBe(
			'https://chat.example.com/api/v1/accounts/1/conversations/42/messages',
		);
	});
});

describe('credential', () => {
	it('is read once per execution and handed to n8n with every request', async () => {
		const run = await runChatwoot({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: sendParameters(),
			http: () => json({ id: 1 }),
		});
		expect(run.error).toBeUndefined();
		expect(run.context.getCredentials).toHaveBeenCalledTimes(1);
		expect(run.httpRequestWithAuthentication.mock.calls.map((call) => call[2])).toEqual(
			Array(3).fill({
				credentialsDecrypted: expect.objectContaining({
					type: 'chatwootAccessTokenApi',
					data: expect.objectContaining({ accessToken: TEST_TOKEN }),
				}),
			}),
		);
		expect(run.requests.map((request) => request.headers['Api-Access-Token'])).toEqual(
			Array(3).fill(TEST_TOKEN),
		);
	});

	it('is not part of the connection when it is printed or serialised', async () => {
		const connection = await getConnection.call(createContext({ parameters: {} }).context);
		expect(connection.authentication?.credentialsDecrypted?.data?.accessToken).toBe(TEST_TOKEN);
		expect(JSON.stringify(connection)).not.toContain(TEST_TOKEN);
		expect(inspect(connection, { depth: 10 })).not.toContain(TEST_TOKEN);
	});
});

describe('retries', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
	afterEach(() => jest.useRealTimers());

	async function settle<T>(promise: Promise<T>): Promise<T> {
		for (let i = 0; i < 20; i++) await jest.advanceTimersByTimeAsync(1000);
		return await promise;
	}

	it('retries a 429 after Retry-After and succeeds without sending twice', async () => {
		let calls = 0;
		const run = await settle(
			runChatwoot({
				parameters: sendParameters(),
				http: () =>
					++calls === 1 ? json('Retry later', 429, { 'retry-after': '2' }) : json({ id: 5 }),
			}),
		);
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
		expect(run.output?.[0].json).toEqual({ id: 5 });
	});

	it('gives up after the attempts with a clear rate-limit error', async () => {
		const run = await settle(
			runChatwoot({ parameters: sendParameters(), http: () => json('Retry later', 429) }),
		);
		expect(run.requests).toHaveLength(3);
		expect((run.error as NodeApiError).message).toBe(
			"Chatwoot's rate limit stopped the request after 3 attempts (HTTP 429: Retry later)",
		);
	});

	it('does not resend a POST after a 500 blindly: it looks in the conversation first', async () => {
		const run = await settle(
			runChatwoot({ parameters: sendParameters(), http: () => json({ error: 'boom' }, 500) }),
		);
		expect(run.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
		expect((run.error as NodeApiError).message).toBe(
			'Chatwoot server error (HTTP 500): boom. The message may have been sent: check conversation 42 before running this item again',
		);
	});

	it('retries a refused connection (nothing was sent) but not a reset after sending a POST', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), {
			code: 'ECONNREFUSED',
		});
		let calls = 0;
		const retried = await settle(
			runChatwoot({
				parameters: sendParameters(),
				http: () => {
					if (++calls === 1) throw refused;
					return json({ id: 9 });
				},
			}),
		);
		expect(retried.requests).toHaveLength(2);
		expect(retried.output?.[0].json).toEqual({ id: 9 });

		const reset = Object.assign(new Error('socket hang up'), {
			code: 'ECONNRESET',
			config: { headers: { 'Api-Access-Token': TEST_TOKEN } },
		});
		const notRetried = await settle(
			runChatwoot({
				parameters: sendParameters(),
				http: () => {
					throw reset;
				},
			}),
		);
		// The POST is not resent; the look into the conversation (a GET) is retried, and fails too.
		expect(notRetried.requests.map((request) => request.method)).toEqual([
			'POST',
			'GET',
			'GET',
			'GET',
		]);
		const error = notRetried.error as NodeApiError;
		expect(error.message).toBe(
			'The connection to Chatwoot at https://chat.example.com failed after the request was sent (ECONNRESET). The message may have been sent: check conversation 42 before running this item again',
		);
		expect(JSON.stringify(error)).not.toContain(TEST_TOKEN);
		expect(String(error.description)).not.toContain(TEST_TOKEN);
	});
});

describe('runItems', () => {
	const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	it('keeps one key in item order while other keys run in parallel, up to the limit', async () => {
		const keys = ['a', 'b', 'a', 'c', 'b', 'a'];
		const sent: number[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const outcomes = await runItems(
			keys.length,
			2,
			(index) => keys[index],
			async (index, turn) => {
				await turn;
				sent.push(index);
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				await tick((6 - index) * 2);
				inFlight--;
				return index;
			},
			false,
		);
		expect(outcomes.map((outcome) => outcome.ok && outcome.value)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(maxInFlight).toBe(2);
		for (const key of ['a', 'b']) {
			const order = sent.filter((index) => keys[index] === key);
			expect(order).toEqual([...order].sort((x, y) => x - y));
		}
	});

	it('reads the next item of a key while the one before it is in flight, and sends it after', async () => {
		const events: string[] = [];
		await runItems(
			3,
			1,
			() => 'one conversation',
			async (index, turn) => {
				events.push(`read ${index}`);
				await turn;
				events.push(`send ${index}`);
				await tick(30);
				events.push(`done ${index}`);
			},
			false,
		);
		const at = (event: string) => events.indexOf(event);
		expect(events).toHaveLength(9);
		for (const k of [0, 1]) {
			expect(at(`read ${k + 1}`)).toBeLessThan(at(`done ${k}`)); // read while k is in flight
			expect(at(`send ${k + 1}`)).toBeGreaterThan(at(`done ${k}`)); // sent after k
		}
		expect(at('read 2')).toBeGreaterThan(at('done 0')); // at most one item ahead
	});

	it('reads the next item once the request before it is on the wire, not while it is being built', async () => {
		const events: string[] = [];
		await runItems(
			3,
			1,
			(index) => {
				events.push(`key ${index}`);
				return 'one conversation';
			},
			async (index, turn) => {
				events.push(`read ${index}`);
				await turn;
				events.push(`send ${index}`);
				// n8n builds a request in promise callbacks before Node's HTTP client writes it
				for (let hop = 0; hop < 50; hop++) await Promise.resolve();
				events.push(`written ${index}`);
				await tick(30);
				events.push(`done ${index}`);
			},
			false,
		);
		const at = (event: string) => events.indexOf(event);
		expect(at('key 0')).toBe(0);
		for (const k of [0, 1]) {
			// the next key and parameters are read after this request was written, before its answer
			expect(at(`key ${k + 1}`)).toBeGreaterThan(at(`written ${k}`));
			expect(at(`read ${k + 1}`)).toBeGreaterThan(at(`written ${k}`));
			expect(at(`read ${k + 1}`)).toBeLessThan(at(`done ${k}`));
		}
	});

	it('reads keys as the work reaches them, and runs new keys side by side as they appear', async () => {
		const keys = ['a', 'a', 'b', 'a', 'c'];
		const events: string[] = [];
		const outcomes = await runItems(
			keys.length,
			2,
			(index) => {
				events.push(`key ${index}`);
				return keys[index];
			},
			async (index, turn) => {
				await turn;
				events.push(`send ${index}`);
				await tick(30);
				events.push(`done ${index}`);
				return index;
			},
			false,
		);
		const at = (event: string) => events.indexOf(event);
		expect(outcomes.map((outcome) => outcome.ok && outcome.value)).toEqual([0, 1, 2, 3, 4]);
		expect(at('key 1')).toBeGreaterThan(at('send 0')); // not every key before the first send
		expect(at('send 2')).toBeLessThan(at('done 0')); // b found while a's first item is in flight
		expect(at('send 4')).toBeGreaterThan(at('done 2')); // c waits for a free worker (limit 2)
		expect(at('send 3')).toBeGreaterThan(at('done 1')); // a in item order
	});

	it('in the node: one conversation, the next message read during the request before it', async () => {
		const events: string[] = [];
		const run = await runChatwoot({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: (index) => {
				if (!events.includes(`read ${index}`)) events.push(`read ${index}`);
				return sendParameters({ content: `Hello ${index}` });
			},
			http: async (request) => {
				const index = String((request.body as { content: string }).content).slice(-1);
				events.push(`send ${index}`);
				await tick(30);
				events.push(`done ${index}`);
				return json({ id: Number(index) });
			},
		});
		expect(run.error).toBeUndefined();
		const at = (event: string) => events.indexOf(event);
		for (const k of [0, 1]) {
			expect(at(`read ${k + 1}`)).toBeLessThan(at(`done ${k}`));
			expect(at(`send ${k + 1}`)).toBeGreaterThan(at(`done ${k}`));
		}
		expect(run.output?.map((item) => item.json.id)).toEqual([0, 1, 2]);
	});

	it('sends nothing after a failure unless continueOnFail', async () => {
		const sent: number[] = [];
		await expect(
			runItems(
				5,
				1,
				() => 'one conversation',
				async (index, turn) => {
					await turn;
					sent.push(index);
					await tick(1);
					if (index === 1) throw new Error('fail 1');
					return index;
				},
				false,
			),
		).rejects.toThrow('fail 1');
		expect(sent).toEqual([0, 1]);
	});

	it('stops starting new items after a failure unless continueOnFail', async () => {
		const ran: number[] = [];
		await expect(
			runItems(
				5,
				1,
				String,
				async (index) => {
					ran.push(index);
					if (index === 1) throw new Error('fail 1');
					return index;
				},
				false,
			),
		).rejects.toThrow('fail 1');
		expect(ran).toEqual([0, 1]);
	});

	it('with continueOnFail, sends the items after a failure in order', async () => {
		const sent: number[] = [];
		const outcomes = await runItems(
			3,
			1,
			() => 'one conversation',
			async (index, turn) => {
				await turn;
				sent.push(index);
				if (index === 0) throw new Error('fail 0');
				return index;
			},
			true,
		);
		expect(sent).toEqual([0, 1, 2]);
		expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, true]);
	});
});

describe('retry options', () => {
	it('default to the transport’s retry policy', () => {
		expect(retryOptionFields.map((field) => [field.name, field.default])).toEqual([
			['retryAttempts', DEFAULT_RETRY.maxAttempts],
			['retryBackoffMs', DEFAULT_RETRY.backoffMs],
		]);
	});

	it('are honoured: one attempt means no retry', async () => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { retryAttempts: 1 } }),
			http: () => json('Retry later', 429),
		});
		expect(run.requests).toHaveLength(1);
		expect((run.error as NodeApiError).message).toBe(
			"Chatwoot's rate limit stopped the request (HTTP 429: Retry later)",
		);
	});
});
