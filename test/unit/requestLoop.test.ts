import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INode,
} from 'n8n-workflow';

import {
	sendWithRetries,
	statusRetryWait,
	type Confirmation,
	type LoopConnection,
	type LoopRequest,
	type ServiceTransport,
} from '../../nodes/shared/requestLoop';
import { DEFAULT_RETRY } from '../../nodes/shared/retry';

/** The shared request loop under a made-up service: what each hook is asked, and what is sent. */

const NODE: INode = {
	id: 'node',
	name: 'Service',
	type: 'test.service',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const SECRET = 'secret-token-123';

interface TestRequest extends LoopRequest {
	path: string;
}

type Answer = Partial<IN8nHttpFullResponse> | Error;

const answer = (
	statusCode: number,
	body: IN8nHttpFullResponse['body'] = {},
	headers = {},
): IN8nHttpFullResponse => ({
	statusCode,
	body,
	headers,
});
const socketError = (code: string, message = `socket ${code}`) =>
	Object.assign(new Error(message), { code });

function makeError(label: string, message: string): NodeApiError {
	return new NodeApiError(NODE, { message }, { message: `${label}: ${message}` });
}

/** Every hook records its call and answers with an error naming the hook. */
function makeTransport(overrides: Partial<ServiceTransport<LoopConnection, TestRequest>> = {}) {
	const calls: string[] = [];
	const transport: ServiceTransport<LoopConnection, TestRequest> = {
		credentialType: 'testApi',
		url: (_connection, request) => `https://api.example.com${request.path}`,
		networkError: (error, _node, _request, _connection, attempts) => {
			calls.push(`network ${String(error.code)} after ${attempts}`);
			// Not the socket's text: n8n's NodeApiError rewrites messages that name a socket error.
			return makeError('network', `lost after ${attempts}`);
		},
		redirectError: (_node, response, _request, _connection, url) => {
			calls.push(`redirect ${response.statusCode} from ${url}`);
			return makeError('redirect', String(response.statusCode));
		},
		notServiceError: (_node, response) => {
			calls.push(`not the service ${response.statusCode}`);
			return makeError('not the service', String(response.statusCode));
		},
		statusError: (_node, response, _request, _connection, url, attempts) => {
			calls.push(`status ${response.statusCode} from ${url} after ${attempts}`);
			return makeError('status', JSON.stringify(response.body));
		},
		retryWait: (response, request, attempts, policy) => {
			calls.push(`retryWait ${response.statusCode} after ${attempts}`);
			return statusRetryWait(response, request, attempts, policy);
		},
		...overrides,
	};
	return { transport, calls };
}

function makeConnection(overrides: Partial<LoopConnection> = {}): LoopConnection {
	return {
		retry: { ...DEFAULT_RETRY, backoffMs: 0 },
		timeoutMs: 5000,
		redact: (text) => text.split(SECRET).join('[redacted]'),
		...overrides,
	};
}

/** A context whose n8n request helper answers `answers` in turn (the last one repeated). */
function makeContext(answers: Answer[], signal?: AbortSignal) {
	const sent: IHttpRequestOptions[] = [];
	const context = {
		getNode: () => NODE,
		getExecutionCancelSignal: () => signal,
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				expect(type).toBe('testApi');
				sent.push({ ...options });
				const next = answers[Math.min(sent.length - 1, answers.length - 1)];
				if (next instanceof Error) throw next;
				return next;
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, sent };
}

async function run(
	answers: Answer[],
	request: Partial<TestRequest> = {},
	options: {
		transport?: ServiceTransport<LoopConnection, TestRequest>;
		connection?: LoopConnection;
		signal?: AbortSignal;
	} = {},
) {
	const { context, sent } = makeContext(answers, options.signal);
	const transport = options.transport ?? makeTransport().transport;
	const fullRequest: TestRequest = { method: 'POST', path: '/things', itemIndex: 2, ...request };
	try {
		const body = await sendWithRetries.call(
			context,
			transport,
			options.connection ?? makeConnection(),
			fullRequest,
		);
		return { body, error: undefined, sent };
	} catch (error) {
		return { body: undefined, error: error as Error, sent };
	}
}

describe('shared request loop: one attempt', () => {
	it('sends through n8n with its answer read, not thrown, and redirects not followed', async () => {
		const result = await run([answer(200, { id: 7 })], {
			body: { name: 'x' },
			qs: { page: 2 },
		});
		expect(result.body).toEqual({ id: 7 });
		expect(result.sent).toEqual([
			{
				method: 'POST',
				url: 'https://api.example.com/things',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: 5000,
				qs: { page: 2 },
				body: { name: 'x' },
			},
		]);
	});

	it('writes query arrays in the form the transport names, and leaves an empty query out', async () => {
		const { transport } = makeTransport({ arrayFormat: 'brackets' });
		const withQuery = await run([answer(200)], { qs: { labels: ['a'] } }, { transport });
		expect(withQuery.sent[0].qs).toEqual({ labels: ['a'] });
		expect(withQuery.sent[0].arrayFormat).toBe('brackets');
		const empty = await run([answer(200)], { qs: {} }, { transport });
		expect(empty.sent[0]).not.toHaveProperty('qs');
		expect(empty.sent[0]).not.toHaveProperty('arrayFormat');
	});

	it('answers an empty 2xx body with an empty object', async () => {
		expect((await run([answer(204, '')])).body).toEqual({});
	});

	it('takes a bare list only from a request that expects one', async () => {
		const { transport, calls } = makeTransport();
		const list = await run([answer(200, [{ id: 1 }])], { answer: 'objectOrList' }, { transport });
		expect(list.body).toEqual([{ id: 1 }]);
		const object = await run([answer(200, [{ id: 1 }])], { method: 'GET' }, { transport });
		expect(object.error?.message).toBe('not the service: 200');
		expect(calls).toEqual(['not the service 200']);
	});

	it('reports a 2xx HTML page through notServiceError, once', async () => {
		const { transport, calls } = makeTransport();
		const result = await run([answer(200, '<html>portal</html>')], {}, { transport });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('not the service: 200');
		expect(result.sent).toHaveLength(1);
		expect(calls).toEqual(['not the service 200']);
	});

	it('reports a redirect through redirectError with the address asked for, never retried', async () => {
		const { transport, calls } = makeTransport();
		const result = await run(
			[answer(307, '', { location: 'https://elsewhere.example.com/' })],
			{ method: 'GET' },
			{ transport },
		);
		expect(result.error?.message).toBe('redirect: 307');
		expect(result.sent).toHaveLength(1);
		expect(calls).toEqual(['redirect 307 from https://api.example.com/things']);
	});

	it('waits for the item’s turn before sending', async () => {
		let open = () => {};
		const turn = new Promise<void>((resolve) => (open = resolve));
		const { context, sent } = makeContext([answer(200)]);
		const request: TestRequest = { method: 'GET', path: '/x' };
		const connection = { ...makeConnection(), turn };
		const pending = sendWithRetries.call(context, makeTransport().transport, connection, request);
		await new Promise((resolve) => setImmediate(resolve));
		expect(sent).toHaveLength(0);
		open();
		await pending;
		expect(sent).toHaveLength(1);
	});

	it('builds a multipart body once and sends the same bytes again on a retry', async () => {
		let builds = 0;
		const bytes = Buffer.from('file');
		const multipart = {
			build: async () => {
				builds++;
				return { body: bytes, headers: { 'content-type': 'multipart/form-data; boundary=b' } };
			},
		} as unknown as TestRequest['multipart'];
		const result = await run([answer(503), answer(200)], { multipart });
		expect(result.error).toBeUndefined();
		expect(result.sent.map((options) => options.body)).toEqual([bytes, bytes]);
		expect(result.sent[1].headers).toEqual({
			'content-type': 'multipart/form-data; boundary=b',
		});
		expect(builds).toBe(2);
	});
});

describe('shared request loop: what is sent again', () => {
	it('asks retryWait about every refusal and stops after the policy’s attempts', async () => {
		const { transport, calls } = makeTransport();
		const result = await run([answer(429, { error: 'slow down' })], {}, { transport });
		expect(result.sent).toHaveLength(3);
		expect(result.error?.message).toBe('status: {"error":"slow down"}');
		expect(calls).toEqual([
			'status 429 from https://api.example.com/things after 1',
			'retryWait 429 after 1',
			'status 429 from https://api.example.com/things after 2',
			'retryWait 429 after 2',
			'status 429 from https://api.example.com/things after 3',
			'retryWait 429 after 3',
		]);
	});

	it('repeats what the service’s own rule allows (a 409 here) and nothing else', async () => {
		const { transport } = makeTransport({
			retryWait: (response) => (response.statusCode === 409 ? 1 : undefined),
		});
		const conflict = await run([answer(409), answer(200, { id: 1 })], {}, { transport });
		expect(conflict.body).toEqual({ id: 1 });
		expect(conflict.sent).toHaveLength(2);
		const refused = await run([answer(429), answer(200)], {}, { transport });
		expect(refused.sent).toHaveLength(1);
		expect(refused.error?.message).toBe('status: {}');
	});

	it('retries a failure before sending, and never a POST whose connection broke after sending', async () => {
		const { transport, calls } = makeTransport();
		const notSent = await run(
			[socketError('ECONNREFUSED'), answer(201, { id: 3 })],
			{},
			{ transport },
		);
		expect(notSent.body).toEqual({ id: 3 });
		expect(notSent.sent).toHaveLength(2);
		const broken = await run([socketError('ECONNRESET')], {}, { transport });
		expect(broken.sent).toHaveLength(1);
		expect(broken.error?.message).toBe('network: lost after 1');
		expect(calls).toEqual(['network ECONNREFUSED after 1', 'network ECONNRESET after 1']);
	});

	it('retries an idempotent request whose connection broke after sending', async () => {
		const result = await run([socketError('ECONNRESET'), answer(200, { ok: 1 })], {
			method: 'GET',
		});
		expect(result.body).toEqual({ ok: 1 });
		expect(result.sent).toHaveLength(2);
	});

	it('waits at most 60 s before a retry, whatever the service asks for', async () => {
		jest.useFakeTimers();
		try {
			const { transport } = makeTransport({ retryWait: () => 120_000 });
			const { context, sent } = makeContext([answer(429), answer(200, { id: 1 })]);
			const request: TestRequest = { method: 'POST', path: '/things' };
			const pending = sendWithRetries.call(context, transport, makeConnection(), request);
			await jest.advanceTimersByTimeAsync(59_999);
			expect(sent).toHaveLength(1);
			await jest.advanceTimersByTimeAsync(1);
			expect(await pending).toEqual({ id: 1 });
			expect(sent).toHaveLength(2);
		} finally {
			jest.useRealTimers();
		}
	});

	it('stops waiting at once when the execution is cancelled, and does not send again', async () => {
		const controller = new AbortController();
		const { transport } = makeTransport({ retryWait: () => 500 });
		const pending = run([answer(429)], {}, { transport, signal: controller.signal });
		await new Promise((resolve) => setTimeout(resolve, 20));
		controller.abort();
		const result = await pending;
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'The execution was cancelled while waiting to retry: the request was not sent again',
		);
		expect(result.sent).toHaveLength(1);
		expect(result.sent[0].abortSignal).toBe(controller.signal);
	});

	it('scrubs the credential’s secret from whatever error leaves', async () => {
		const result = await run([answer(400, { error: `bad token ${SECRET}` })]);
		expect(result.error?.message).toBe('status: {"error":"bad token [redacted]"}');
		expect(JSON.stringify(result.error)).not.toContain(SECRET);
	});
});

describe('shared request loop: a create whose outcome is unknown', () => {
	const finding = (outcome: 'not-stored' | 'unknown'): Confirmation => ({
		outcome,
		note: `look: ${outcome}`,
		description: `described: ${outcome}`,
	});

	function confirmer(findings: Confirmation[]) {
		const asked: number[] = [];
		const confirm = async (startedAt: number) => {
			asked.push(startedAt);
			return findings[Math.min(asked.length - 1, findings.length - 1)];
		};
		return { confirm, asked };
	}

	const withFinding: ServiceTransport<LoopConnection, TestRequest>['withFinding'] = (
		error,
		found,
	) => {
		error.message = `${error.message} / ${found.note}`;
		return error;
	};

	it('fails a 500 on a POST without a look when the request has no confirm', async () => {
		const result = await run([answer(500)]);
		expect(result.sent).toHaveLength(1);
		expect(result.error?.message).toBe('status: {}');
	});

	it('returns what the look found stored, without sending again', async () => {
		const before = Date.now();
		const { confirm, asked } = confirmer([{ outcome: 'stored', result: { id: 9 } }]);
		const result = await run([answer(500)], { confirm });
		expect(result.body).toEqual({ id: 9 });
		expect(result.sent).toHaveLength(1);
		expect(asked).toHaveLength(1);
		expect(asked[0]).toBeGreaterThanOrEqual(before);
	});

	it('sends again once the look found it was not stored', async () => {
		const { confirm, asked } = confirmer([finding('not-stored')]);
		const result = await run([socketError('ECONNRESET'), answer(201, { id: 4 })], { confirm });
		expect(result.body).toEqual({ id: 4 });
		expect(result.sent).toHaveLength(2);
		expect(asked).toHaveLength(1);
	});

	it('fails with the finding when the look cannot tell, or no attempts are left', async () => {
		const { transport } = makeTransport({ withFinding });
		const unknown = confirmer([finding('unknown')]);
		const cannotTell = await run([answer(502)], { confirm: unknown.confirm }, { transport });
		expect(cannotTell.sent).toHaveLength(1);
		expect(cannotTell.error?.message).toBe('status: {} / look: unknown');

		const notStored = confirmer([finding('not-stored')]);
		const exhausted = await run(
			[socketError('ETIMEDOUT', 'timeout of 5000ms exceeded')],
			{ confirm: notStored.confirm },
			{ transport, connection: makeConnection({ retry: { maxAttempts: 2, backoffMs: 0 } }) },
		);
		expect(exhausted.sent).toHaveLength(2);
		expect(notStored.asked).toHaveLength(2);
		expect(exhausted.error?.message).toBe('network: lost after 2 / look: not-stored');
	});

	it('treats an unreadable 2xx to a POST as unknown, and to a GET as plainly wrong', async () => {
		const post = confirmer([{ outcome: 'stored', result: { id: 5 } }]);
		const result = await run([answer(200, '<html/>')], { confirm: post.confirm });
		expect(result.body).toEqual({ id: 5 });
		const get = confirmer([{ outcome: 'stored', result: { id: 5 } }]);
		const read = await run([answer(200, '<html/>')], { method: 'GET', confirm: get.confirm });
		expect(read.error?.message).toBe('not the service: 200');
		expect(get.asked).toHaveLength(0);
	});

	it('never looks after a refusal the service may repeat (429) or a redirect', async () => {
		const { confirm, asked } = confirmer([{ outcome: 'stored', result: {} }]);
		await run([answer(429), answer(201, { id: 1 })], { confirm });
		await run([answer(301, '', { location: 'https://x.example.com' })], { confirm });
		expect(asked).toHaveLength(0);
	});
});
