import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	parallelConversationsField,
	requestTimeoutField,
	retryOptionFields,
} from '../../nodes/Chatwoot/actions/descriptions';
import { DEFAULT_TIMEOUT_MS } from '../../nodes/Chatwoot/transport';
import { json, type HttpHandler } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

const MESSAGES = 'https://chat.example.com/api/v1/accounts/1/conversations/42/messages';

describe('Retry-After', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
	afterEach(() => jest.useRealTimers());

	/** Sends once, answered 429 with this Retry-After, then 200; returns the wait between the two. */
	async function waitFor(retryAfter: (now: number) => string | undefined): Promise<number> {
		const at: number[] = [];
		const promise = runChatwoot({
			parameters: sendParameters(),
			http: () => {
				at.push(Date.now());
				if (at.length > 1) return json({ id: 5 });
				const value = retryAfter(Date.now());
				return json('Retry later', 429, value === undefined ? {} : { 'retry-after': value });
			},
		});
		for (let i = 0; i < 40; i++) await jest.advanceTimersByTimeAsync(500);
		const run = await promise;
		expect(run.error).toBeUndefined();
		expect(at).toHaveLength(2);
		return at[1] - at[0];
	}

	it('as an HTTP date: waits until then', async () => {
		const wait = await waitFor((now) => new Date(now + 6_000).toUTCString());
		expect(wait).toBeGreaterThanOrEqual(5_000);
		expect(wait).toBeLessThanOrEqual(6_500);
	});

	it('as seconds: waits that long', async () => {
		expect(await waitFor(() => '4')).toBe(4_000);
	});

	it.each([
		['empty', ''],
		['unreadable', 'soon'],
		['absent', undefined],
		['a date in the past', 'Tue, 01 Jan 2019 00:00:00 GMT'],
	])(
		'%s: falls back to the backoff (1 s for the first retry), never to no wait',
		async (_name, value) => {
			expect(await waitFor(() => value)).toBe(1_000);
		},
	);
});

describe('cancelling the execution', () => {
	it('stops a retry wait at once, and says nothing was sent again', async () => {
		const controller = new AbortController();
		const http: HttpHandler = () => {
			setTimeout(() => controller.abort(), 50);
			return json('Retry later', 429, { 'retry-after': '10' });
		};
		const started = Date.now();
		const run = await runChatwoot({
			parameters: sendParameters(),
			http,
			cancelSignal: controller.signal,
		});
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(run.requests).toHaveLength(1);
		const error = run.error as NodeOperationError;
		expect(error.message).toBe(
			'The execution was cancelled while waiting to retry: the request was not sent again',
		);
		expect(error.message).not.toContain('may');
	});

	it('hands n8n’s cancel signal to every request', async () => {
		const controller = new AbortController();
		const run = await runChatwoot({
			parameters: sendParameters(),
			cancelSignal: controller.signal,
		});
		expect(run.requests[0].options.abortSignal).toBe(controller.signal);
	});
});

describe('numeric options are bounded', () => {
	it('in the field definitions', () => {
		const bounds = [...retryOptionFields, requestTimeoutField, parallelConversationsField].map(
			(field) => [
				field.name,
				field.default,
				field.typeOptions?.minValue,
				field.typeOptions?.maxValue,
			],
		);
		expect(bounds).toEqual([
			['retryAttempts', 3, 1, 10],
			['retryBackoffMs', 1000, 0, 60_000],
			['requestTimeoutMs', 30_000, 1_000, 300_000],
			['parallelConversations', 20, 1, 100],
		]);
		expect(requestTimeoutField.displayName).toBe('Request Timeout (Ms)');
		expect(requestTimeoutField.default).toBe(DEFAULT_TIMEOUT_MS);
	});

	it.each([
		['Retry Attempts', { retryAttempts: 0 }, '1 to 10', 0],
		['Retry Attempts', { retryAttempts: 50 }, '1 to 10', 50],
		['Retry Attempts', { retryAttempts: 2.5 }, '1 to 10', 2.5],
		['Retry Attempts', { retryAttempts: 'abc' }, '1 to 10', 'abc'],
		['Retry Backoff (Ms)', { retryBackoffMs: -1000 }, '0 to 60000', -1000],
		['Retry Backoff (Ms)', { retryBackoffMs: 600_000 }, '0 to 60000', 600_000],
		['Request Timeout (Ms)', { requestTimeoutMs: 0 }, '1000 to 300000', 0],
		['Parallel Conversations', { parallelConversations: 0 }, '1 to 100', 0],
		['Parallel Conversations', { parallelConversations: -5 }, '1 to 100', -5],
	])('%s %j is refused at run time before any request', async (field, options, range, got) => {
		const run = await runChatwoot({ parameters: sendParameters({ options }) });
		const error = run.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`${field}: must be a whole number from ${range} (got ${JSON.stringify(got)})`,
		);
		expect(run.requests).toHaveLength(0);
	});

	it('Request Timeout is handed to n8n’s request helper', async () => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { requestTimeoutMs: 5_000 } }),
		});
		expect(run.requests[0].options.timeout).toBe(5_000);
	});
});

describe('error texts', () => {
	it('a 422 shows Chatwoot’s text once (in the message, not again in the description)', async () => {
		const run = await runChatwoot({
			parameters: sendParameters(),
			http: () => json({ error: 'Validation failed: Content is too long' }, 422),
		});
		const error = run.error as NodeApiError;
		expect(error.message).toBe(
			'Chatwoot rejected the request: Validation failed: Content is too long',
		);
		expect(String(error.description ?? '')).not.toContain('Content is too long');
	});

	const throwing = (error: Error) => () => {
		throw error;
	};

	it.each([
		[
			'an invalid URL',
			Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
			'The request to Chatwoot at https://chat.example.com could not be made: invalid URL (ERR_INVALID_URL)',
		],
		[
			'a TLS protocol mismatch',
			Object.assign(
				new Error('write EPROTO 00C8:error:0A00010B:SSL routines:wrong version number'),
				{
					code: 'EPROTO',
				},
			),
			'TLS handshake with Chatwoot at https://chat.example.com failed (EPROTO)',
		],
		[
			'a body too deep to encode as JSON',
			new RangeError('Maximum call stack size exceeded'),
			'The request to Chatwoot at https://chat.example.com could not be made: its body could not be encoded as JSON',
		],
		[
			'a connect timeout',
			Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), {
				code: 'ETIMEDOUT',
				syscall: 'connect',
			}),
			'Could not connect to Chatwoot at https://chat.example.com: no answer to the connection (ETIMEDOUT)',
		],
	])('%s: says what failed, not that it may have been sent', async (_name, error, message) => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { retryAttempts: 1 } }),
			http: throwing(error),
		});
		expect((run.error as NodeApiError).message).toBe(message);
		expect(String((run.error as NodeApiError).description)).not.toContain('may');
	});

	it('a response timeout on a send says so in words', async () => {
		const timeout = Object.assign(new Error('timeout of 30000ms exceeded'), {
			code: 'ECONNABORTED',
		});
		const run = await runChatwoot({
			parameters: sendParameters({ options: { retryAttempts: 1 } }),
			http: (request) => {
				if (request.method === 'GET') return json('down', 502);
				throw timeout;
			},
		});
		const error = run.error as NodeApiError;
		expect(error.message).toContain(
			'Chatwoot at https://chat.example.com did not answer within 30 s',
		);
		expect(error.message).toContain('conversation 42');
	});
});

describe('a send whose outcome is unknown is looked up in the conversation', () => {
	const now = () => Math.floor(Date.now() / 1000);
	const stored = (id: number, content = 'Hello', created_at = now()) => ({
		id,
		content,
		message_type: 1,
		private: false,
		content_type: 'text',
		created_at,
		sender: { id: 1, type: 'user' },
	});

	/** POSTs answer from `posts` in turn; the lookup GET answers with `messages` (or fails). */
	function chatwoot(
		posts: Array<() => ReturnType<typeof json>>,
		messages: () => ReturnType<typeof json>,
	) {
		let post = 0;
		return ((request) => {
			if (request.method === 'GET') return messages();
			return posts[Math.min(post++, posts.length - 1)]();
		}) as HttpHandler;
	}

	it('stored despite the 500: reported as sent, with its id, and not sent again', async () => {
		const run = await runChatwoot({
			parameters: sendParameters(),
			http: chatwoot([() => json({ error: 'Internal Server Error' }, 500)], () =>
				json({ meta: {}, payload: [stored(70, 'Hello', now() - 3600), stored(77)] }),
			),
		});
		expect(run.error).toBeUndefined();
		expect(run.output?.[0].json).toMatchObject({ id: 77, content: 'Hello' });
		expect(run.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`POST ${MESSAGES}`,
			`GET ${MESSAGES}`,
		]);
	});

	it('not stored: sent again when retries are allowed', async () => {
		const run = await runChatwoot({
			parameters: sendParameters(),
			http: chatwoot(
				[
					() => json({ error: 'Internal Server Error' }, 500),
					() => json({ id: 78, content: 'Hello' }),
				],
				() => json({ meta: {}, payload: [stored(70, 'Hello', now() - 3600), stored(71, 'Other')] }),
			),
		});
		expect(run.error).toBeUndefined();
		expect(run.output?.[0].json).toEqual({ id: 78, content: 'Hello' });
		expect(run.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
	});

	it('not stored and no retry left: says it was not sent', async () => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { retryAttempts: 1 } }),
			http: chatwoot([() => json({ error: 'Internal Server Error' }, 500)], () =>
				json({ meta: {}, payload: [] }),
			),
		});
		const error = run.error as NodeApiError;
		expect(error.message).toBe(
			'Chatwoot server error (HTTP 500): Internal Server Error. The message was not stored in conversation 42 (checked): running this item again is safe',
		);
	});

	it('looking fails too: says it may have been sent, naming the conversation', async () => {
		const run = await runChatwoot({
			parameters: sendParameters(),
			http: chatwoot([() => json({ error: 'Internal Server Error' }, 500)], () =>
				json('down', 502),
			),
		});
		const error = run.error as NodeApiError;
		expect(error.message).toBe(
			'Chatwoot server error (HTTP 500): Internal Server Error. The message may have been sent: check conversation 42 before running this item again',
		);
		expect(run.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
	});
});
