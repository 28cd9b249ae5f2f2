/**
 * The node against servers that are not (or not only) Chatwoot: redirects, captive portals,
 * proxies that echo headers, huge bodies, silence and resets. Requests go through n8n's own
 * request helper (`n8nHttp`), so redirect handling, timeouts and JSON parsing are n8n's.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chatwootApiRequest, getConnection } from '../../nodes/Chatwoot/transport';
import { createContext, TEST_TOKEN } from '../helpers/context';
import {
	bigBody,
	echoHeaders,
	redirect,
	reply,
	resetAfterRequest,
	silence,
	startHostile,
	type HostileServer,
} from '../helpers/hostile';
import { n8nHttp } from '../helpers/realHttp';
import { runChatwoot, sendParameters } from '../helpers/run';
import { findSecret } from '../helpers/secrets';

jest.setTimeout(30_000);

const MESSAGES = '/api/v1/accounts/1/conversations/42/messages';
const CONVERSATION = '/api/v1/accounts/1/conversations/42';

let chatwoot: HostileServer;
let elsewhere: HostileServer;

beforeEach(async () => {
	chatwoot = await startHostile();
	elsewhere = await startHostile({ '*': reply(200, { id: 666, content: 'Hello' }) });
});
afterEach(async () => {
	await chatwoot.close();
	await elsewhere.close();
});

async function run(parameters: Record<string, unknown>, credentials: Record<string, unknown> = {}) {
	return await runChatwoot({
		parameters,
		credentials: { baseUrl: chatwoot.origin, ...credentials },
		http: n8nHttp,
	});
}

const once = (extra: Record<string, unknown> = {}) =>
	sendParameters({ options: { retryAttempts: 1, ...extra } });
const getConversation = { resource: 'conversation', operation: 'get', conversationId: '42' };

/** Every header any request to `server` carried, as one text. */
const headersSeenBy = (server: HostileServer) =>
	JSON.stringify(server.requests.map((request) => request.headers));

describe('redirects are never followed', () => {
	it.each([301, 302, 303, 307, 308] as const)(
		'a %i to another host on a send becomes an error naming the new address',
		async (status) => {
			chatwoot.on(MESSAGES, redirect(status, `${elsewhere.origin}${MESSAGES}`));
			const result = await run(once());
			const error = result.error as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				`Chatwoot answered ${status} → ${elsewhere.origin}: use that address as the Base URL`,
			);
			expect(error.description).toContain('never follows redirects');
			expect(chatwoot.requests).toHaveLength(1);
			expect(elsewhere.requests).toHaveLength(0);
		},
	);

	it('a redirect to an unrelated page names that page', async () => {
		chatwoot.on(CONVERSATION, redirect(302, '/login'));
		const result = await run(getConversation);
		expect((result.error as NodeApiError).message).toBe(
			`Chatwoot answered 302 → ${chatwoot.origin}/login: use that address as the Base URL`,
		);
		expect(chatwoot.requests.map((request) => request.path)).toEqual([CONVERSATION]);
	});

	it('the token never reaches another host, even on a 307 that keeps the method and body', async () => {
		chatwoot.on(MESSAGES, redirect(307, `${elsewhere.origin}${MESSAGES}`));
		await run(sendParameters());
		expect(headersSeenBy(chatwoot)).toContain(TEST_TOKEN);
		expect(elsewhere.requests).toHaveLength(0);
	});
});

describe('answers that are not Chatwoot’s', () => {
	const notChatwoot = (what: string) =>
		`${chatwoot.origin} did not answer like Chatwoot (HTTP 200 with ${what})`;

	it.each([
		[
			'an HTML captive portal',
			reply(200, '<html><body>Sign in to the Wi-Fi</body></html>'),
			'an HTML page',
		],
		[
			'invalid JSON',
			reply(200, '{"id": 1,', { 'content-type': 'application/json' }),
			'a body that is not JSON',
		],
		['an array', reply(200, [{ id: 1 }]), 'a JSON array where an object was expected'],
	])('%s on a GET is an error, not an output item', async (_name, behaviour, what) => {
		chatwoot.on(CONVERSATION, behaviour);
		const result = await run(getConversation);
		expect(result.output).toBeUndefined();
		const error = result.error as NodeApiError;
		expect(error.message).toBe(notChatwoot(what));
		expect(error.description).toContain('Check the Base URL');
	});

	it('on a send it also says the message may have been sent', async () => {
		chatwoot.on(MESSAGES, reply(200, '<html>Welcome</html>'));
		const result = await run(once());
		const error = result.error as NodeApiError;
		expect(error.message).toContain(notChatwoot('an HTML page'));
		expect(error.message).toContain('may have been sent');
		expect(error.message).toContain('conversation 42');
	});
});

describe('reflected secrets and huge bodies', () => {
	it.each([
		['a plain-text 403', echoHeaders(403)],
		['a JSON 500', echoHeaders(500, { asJson: true })],
		['a JSON 422', echoHeaders(422, { asJson: true })],
		['a JSON 404', echoHeaders(404, { asJson: true })],
		['a JSON 401', echoHeaders(401, { asJson: true })],
	])(
		'%s that echoes the request headers leaves no token in the error',
		async (_name, behaviour) => {
			chatwoot.on(MESSAGES, behaviour);
			const result = await run(once());
			expect(result.error).toBeInstanceOf(NodeApiError);
			// runChatwoot fails the test if the token is anywhere in the error; look at the text too.
			const error = result.error as NodeApiError;
			expect(findSecret(TEST_TOKEN, error)).toBeUndefined();
			expect(`${error.message} ${error.description}`).toContain('[redacted]');
		},
	);

	it.each([
		['plain-text', bigBody(500, 2_000_000)],
		['JSON', bigBody(422, 2_000_000, { asJson: true })],
	])('a 2 MB %s body is cut to a short text in the error', async (_name, behaviour) => {
		chatwoot.on(MESSAGES, behaviour);
		const result = await run(once());
		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message.length).toBeLessThan(1_000);
		expect(String(error.description ?? '').length).toBeLessThan(1_000);
		expect(JSON.stringify(error).length).toBeLessThan(10_000);
		expect(String(error.stack).length).toBeLessThan(10_000);
	});
});

describe('timeouts', () => {
	it('every request carries a 30 s timeout by default, and never follows redirects', async () => {
		const result = await runChatwoot({ parameters: getConversation });
		expect(result.requests[0].options).toMatchObject({
			timeout: 30_000,
			disableFollowRedirect: true,
		});
	});

	it('a send that gets no answer within Request Timeout says so, and that it may have been sent', async () => {
		chatwoot.on(MESSAGES, silence());
		const started = Date.now();
		const result = await run(once({ requestTimeoutMs: 1000 }));
		expect(Date.now() - started).toBeLessThan(5_000);
		const error = result.error as NodeApiError;
		expect(error.message).toContain('did not answer within 1 s');
		expect(error.message).toContain('may have been sent');
	});
});

describe('what failed, and whether anything was sent', () => {
	it('a reset after the request was read: a send may have been carried out', async () => {
		chatwoot.on(MESSAGES, resetAfterRequest());
		const result = await run(once());
		expect((result.error as NodeApiError).message).toContain('may have been sent');
	});

	it('a reset on a GET is retried (nothing can be sent twice)', async () => {
		chatwoot.on(CONVERSATION, resetAfterRequest());
		const result = await run(getConversation);
		expect(chatwoot.requests.length).toBeGreaterThan(1);
		expect((result.error as NodeApiError).message).not.toContain('may');
	});

	it('a body too deep for JSON is refused by n8n before sending, and said so', async () => {
		const { context } = createContext({
			parameters: {},
			credentials: { baseUrl: chatwoot.origin },
			http: n8nHttp,
		});
		const connection = await getConnection.call(context);
		let body: IDataObject = {};
		for (let depth = 0; depth < 20_000; depth++) body = { nested: body };
		const error = await chatwootApiRequest
			.call(context, connection, { method: 'POST', path: 'contacts', body })
			.catch((caught: unknown) => caught as NodeApiError);
		expect((error as NodeApiError).message).toBe(
			`The request to Chatwoot at ${chatwoot.origin} could not be made: its body could not be encoded as JSON`,
		);
		expect(chatwoot.requests).toHaveLength(0);
	});

	it('https to a plain-http server is a TLS failure, and nothing was sent', async () => {
		const result = await run(once(), { baseUrl: chatwoot.origin.replace('http:', 'https:') });
		const error = result.error as NodeApiError;
		expect(error.message).toMatch(
			/^TLS handshake with Chatwoot at https:\/\/127\.0\.0\.1:\d+ failed/,
		);
		expect(error.message).not.toContain('may');
		expect(chatwoot.requests).toHaveLength(0);
	});
});

describe('the Base URL and the Account ID are checked before any request', () => {
	it.each([
		[
			'a query string',
			`https://chat.example.com/?api_access_token=${TEST_TOKEN}`,
			'a query string (?…)',
		],
		['a fragment', 'https://chat.example.com/#/app', 'a fragment (#…)'],
		[
			'a user and password',
			'https://admin:hunter2@chat.example.com',
			'a user name or password (…@)',
		],
		[
			'a host hidden behind userinfo',
			'https://chat.example.com@127.0.0.1',
			'a user name or password (…@)',
		],
		['a backslash', 'https://chat.example.com\\@127.0.0.1', 'a backslash'],
		['an invalid port', 'https://chat.example.com:99999', 'an invalid port'],
		['port 0', 'https://chat.example.com:0', 'an invalid port'],
	])('%s', async (_name, baseUrl, problem) => {
		const result = await runChatwoot({ parameters: sendParameters(), credentials: { baseUrl } });
		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(`Base URL in the Chatwoot credential must not contain ${problem}`);
		expect(result.requests).toHaveLength(0);
		for (const secret of ['hunter2', TEST_TOKEN]) expect(findSecret(secret, error)).toBeUndefined();
	});

	it.each([['1/../2'], [-3], [1.5], [0], [''], ['  '], ['1e3'], ['99999999999999999999']])(
		'Account ID %p',
		async (accountId) => {
			const result = await runChatwoot({
				parameters: sendParameters(),
				credentials: { accountId },
			});
			const error = result.error as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				`Account ID in the Chatwoot credential must be a positive whole number such as 1 (got ${JSON.stringify(accountId)})`,
			);
			expect(result.requests).toHaveLength(0);
		},
	);
});
