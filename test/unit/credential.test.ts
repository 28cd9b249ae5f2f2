import type { ICredentialTestFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { ChatwootAccessTokenApi } from '../../credentials/ChatwootAccessTokenApi.credentials';
import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { chatwootAccessTokenApiTest } from '../../nodes/Chatwoot/methods/credentialTest';
import { CREDENTIAL_TYPE } from '../../nodes/Chatwoot/transport';
import { TEST_TOKEN } from '../helpers/context';
import { echoHeaders, redirect, reply, startHostile, type HostileServer } from '../helpers/hostile';
import { n8nLegacyRequest } from '../helpers/realHttp';

type Reply = { statusCode: number; body: unknown } | Error;

function tester(replies: Record<string, Reply>) {
	const calls: Array<{ uri: string; headers: Record<string, string> }> = [];
	const context = {
		logger: {},
		helpers: {
			request: jest.fn(async (options: { uri: string; headers: Record<string, string> }) => {
				calls.push({ uri: options.uri, headers: options.headers });
				const path = new URL(options.uri).pathname;
				const reply = replies[path] ?? { statusCode: 404, body: '<html>Not Found</html>' };
				if (reply instanceof Error) throw reply;
				return reply;
			}),
		},
	} as unknown as ICredentialTestFunctions;
	return { context, calls };
}

const credential = (data: Record<string, unknown> = {}) => ({
	id: '1',
	name: 'Chatwoot',
	type: 'chatwootAccessTokenApi',
	data: {
		baseUrl: 'https://chat.example.com/api/v1/',
		accessToken: TEST_TOKEN,
		accountId: 1,
		...data,
	},
});

const profile = {
	statusCode: 200,
	body: {
		id: 1,
		name: 'Ann Admin',
		email: 'ann@example.com',
		accounts: [{ id: 1, name: 'Acme Support', role: 'administrator' }],
	},
};

describe('credential type', () => {
	it('has a distinct name and sends the token in the hyphen header', async () => {
		const type = new ChatwootAccessTokenApi();
		expect(type.name).toBe('chatwootAccessTokenApi');
		const options = { url: 'https://chat.example.com/api/v1/profile', headers: { Accept: 'x' } };
		const credentials = { baseUrl: 'https://chat.example.com/api/v1', accessToken: TEST_TOKEN };
		await expect(
			type.authenticate(credentials, { ...options, headers: { ...options.headers } }),
		).resolves.toEqual({ ...options, headers: { Accept: 'x', 'Api-Access-Token': TEST_TOKEN } });
		expect(type.properties.map((property) => [property.name, property.default])).toEqual([
			['baseUrl', 'https://app.chatwoot.com'],
			['accessToken', ''],
			['agentBotNotice', ''],
			['accountId', 1],
		]);
		expect(type.properties[1].typeOptions).toEqual({ password: true });
	});

	it('adds the token only to requests for the Base URL origin (never to a storage host, never to another address)', async () => {
		const type = new ChatwootAccessTokenApi();
		const credentials = { baseUrl: 'https://chat.example.com', accessToken: TEST_TOKEN };
		const headersFor = async (url: string, baseURL?: string) =>
			(await type.authenticate(credentials, { url, baseURL, headers: { Accept: 'x' } })).headers;
		await expect(
			headersFor('https://chat.example.com:443/rails/active_storage/x'),
		).resolves.toEqual({
			Accept: 'x',
			'Api-Access-Token': TEST_TOKEN,
		});
		await expect(headersFor('/api/v1/profile', 'https://chat.example.com')).resolves.toEqual({
			Accept: 'x',
			'Api-Access-Token': TEST_TOKEN,
		});
		for (const url of [
			'https://storage.example.net/blobs/a.jpg',
			'http://chat.example.com/api/v1/profile',
			'https://chat.example.com.evil.example/api/v1/profile',
			'https://chat.example.com:8443/api/v1/profile',
			'not a url',
		])
			await expect(headersFor(url)).resolves.toEqual({ Accept: 'x' });
		// the HTTP Request node with this credential goes through n8n's legacy helper: `uri`, not `url`
		await expect(
			type.authenticate(credentials, {
				uri: 'https://chat.example.com/api/v1/profile',
			} as unknown as IHttpRequestOptions),
		).resolves.toEqual({
			uri: 'https://chat.example.com/api/v1/profile',
			headers: { 'Api-Access-Token': TEST_TOKEN },
		});
		await expect(
			type.authenticate(credentials, {
				uri: '/api/v1/profile',
				baseUrl: 'https://chat.example.com',
			} as unknown as IHttpRequestOptions),
		).resolves.toMatchObject({ headers: { 'Api-Access-Token': TEST_TOKEN } });
		await expect(
			type.authenticate(credentials, {
				uri: 'https://other.example/api/v1/profile',
			} as unknown as IHttpRequestOptions),
		).resolves.toEqual({ uri: 'https://other.example/api/v1/profile' });
		await expect(
			type.authenticate(
				{ baseUrl: 'chat.example.com', accessToken: TEST_TOKEN },
				{ url: 'https://chat.example.com/api/v1/profile' },
			),
		).resolves.toEqual({ url: 'https://chat.example.com/api/v1/profile' });
	});

	it('tells what a bot token cannot do in the form itself (the Test button only says it worked)', () => {
		const notice = new ChatwootAccessTokenApi().properties.find(
			(property) => property.type === 'notice',
		);
		expect(notice?.displayName).toContain('agent-bot token');
		expect(notice?.displayName).toContain('need a user token');
	});

	it('is tested by the node’s own test, declared where n8n’s package scanner looks for it', () => {
		const node = new Chatwoot();
		expect(node.description.credentials).toEqual([
			{ name: CREDENTIAL_TYPE, required: true, testedBy: 'chatwootAccessTokenApiTest' },
		]);
		expect('test' in new ChatwootAccessTokenApi()).toBe(false);
	});

	it('is reached through the node’s method, which loads the test on its first call', async () => {
		const { context, calls } = tester({ '/api/v1/profile': profile });
		const result = await new Chatwoot().methods.credentialTest.chatwootAccessTokenApiTest.call(
			context,
			credential({ accountId: 2 }),
		);
		expect(result).toEqual(
			await chatwootAccessTokenApiTest.call(context, credential({ accountId: 2 })),
		);
		expect(result.status).toBe('Error');
		expect(calls).toHaveLength(2);
	});
});

describe('credential test', () => {
	it('accepts a user token that belongs to the account, calling the normalised URL', async () => {
		const { context, calls } = tester({ '/api/v1/profile': profile });
		const result = await chatwootAccessTokenApiTest.call(context, credential());
		expect(result).toEqual({
			status: 'OK',
			message: 'User token of Ann Admin, administrator in account 1 "Acme Support"',
		});
		expect(calls).toEqual([
			{
				uri: 'https://chat.example.com/api/v1/profile',
				headers: { 'Api-Access-Token': TEST_TOKEN, Accept: 'application/json' },
			},
		]);
	});

	it('says when a user token does not belong to the account', async () => {
		const { context } = tester({ '/api/v1/profile': profile });
		const result = await chatwootAccessTokenApiTest.call(context, credential({ accountId: 2 }));
		expect(result).toEqual({
			status: 'Error',
			message:
				'The token of Ann Admin is valid but has no access to account 2. Their accounts: 1 (Acme Support)',
		});
	});

	it('recognises an agent-bot token and checks its account', async () => {
		const bot = {
			statusCode: 401,
			body: { error: 'Access to this endpoint is not authorized for bots' },
		};
		const ok = tester({
			'/api/v1/profile': bot,
			'/api/v1/accounts/1/conversations/0': {
				statusCode: 404,
				body: { error: 'Resource could not be found' },
			},
		});
		expect(await chatwootAccessTokenApiTest.call(ok.context, credential())).toEqual({
			status: 'OK',
			message:
				'Agent-bot token for account 1: it can send messages and manage conversations, but not contacts or inboxes',
		});
		expect(ok.calls.map((call) => call.uri)).toEqual([
			'https://chat.example.com/api/v1/profile',
			'https://chat.example.com/api/v1/accounts/1/conversations/0',
		]);
		const wrongAccount = tester({
			'/api/v1/profile': bot,
			'/api/v1/accounts/1/conversations/0': {
				statusCode: 401,
				body: { error: 'You are not authorized to access this account' },
			},
		});
		expect(await chatwootAccessTokenApiTest.call(wrongAccount.context, credential())).toEqual({
			status: 'Error',
			message: 'Agent-bot token is valid but the bot has no access to account 1',
		});
	});

	it('reports an invalid token', async () => {
		const { context } = tester({
			'/api/v1/profile': { statusCode: 401, body: { error: 'Invalid Access Token' } },
		});
		expect(await chatwootAccessTokenApiTest.call(context, credential())).toEqual({
			status: 'Error',
			message: 'Chatwoot rejected the token: Invalid Access Token',
		});
	});

	it('reports an unreachable server and a server that is not Chatwoot', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		const down = tester({ '/api/v1/profile': refused });
		expect(await chatwootAccessTokenApiTest.call(down.context, credential())).toEqual({
			status: 'Error',
			message:
				'Could not reach https://chat.example.com (ECONNREFUSED). Check the Base URL and that n8n can reach it.',
		});
		const notChatwoot = tester({});
		expect(await chatwootAccessTokenApiTest.call(notChatwoot.context, credential())).toEqual({
			status: 'Error',
			message:
				'https://chat.example.com did not answer like a Chatwoot server (HTTP 404 on /api/v1/profile). Check the Base URL.',
		});
		const html = tester({ '/api/v1/profile': { statusCode: 200, body: '<html>Welcome</html>' } });
		expect((await chatwootAccessTokenApiTest.call(html.context, credential())).message).toContain(
			'did not answer like a Chatwoot server (HTTP 200',
		);
	});

	it('rejects a garbage base URL before any request', async () => {
		const { context, calls } = tester({});
		expect(
			await chatwootAccessTokenApiTest.call(context, credential({ baseUrl: 'chat.example.com' })),
		).toEqual({
			status: 'Error',
			message:
				'Base URL in the Chatwoot credential must be an http:// or https:// address (got "chat.example.com")',
		});
		expect(calls).toHaveLength(0);
	});
});

describe('credential test against hostile servers (n8n’s own request helper)', () => {
	let chatwoot: HostileServer;
	let elsewhere: HostileServer;
	beforeEach(async () => {
		chatwoot = await startHostile();
		elsewhere = await startHostile({ '/api/v1/profile': reply(200, profile.body) });
	});
	afterEach(async () => {
		await chatwoot.close();
		await elsewhere.close();
	});
	const context = {
		logger: {},
		helpers: { request: n8nLegacyRequest },
	} as unknown as ICredentialTestFunctions;
	const test = async (data: Record<string, unknown> = {}) =>
		await chatwootAccessTokenApiTest.call(
			context,
			credential({ baseUrl: chatwoot.origin, ...data }),
		);

	it.each([301, 302, 307] as const)(
		'a %i to another host is not followed: the token never goes there',
		async (status) => {
			chatwoot.on('/api/v1/profile', redirect(status, `${elsewhere.origin}/api/v1/profile`));
			expect(await test()).toEqual({
				status: 'Error',
				message: `Chatwoot answered ${status} → ${elsewhere.origin}: use that address as the Base URL`,
			});
			expect(elsewhere.requests).toHaveLength(0);
		},
	);

	it('a proxy that echoes the token in its error page does not put it in the result', async () => {
		chatwoot.on('/api/v1/profile', echoHeaders(403, { asJson: true }));
		const result = await test();
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain(TEST_TOKEN);
		expect(result.message).toContain('[redacted]');
		expect(result.message.length).toBeLessThan(1_000);
	});

	it('a user token is recognised over real HTTP', async () => {
		chatwoot.on('/api/v1/profile', reply(200, profile.body));
		expect(await test()).toEqual({
			status: 'OK',
			message: 'User token of Ann Admin, administrator in account 1 "Acme Support"',
		});
	});
});

describe('credential test checks the Base URL and Account ID before any request', () => {
	it.each([
		['https://chat.example.com/?token=x', 'a query string (?…)'],
		['https://chat.example.com/#x', 'a fragment (#…)'],
		['https://admin:hunter2@chat.example.com', 'a user name or password (…@)'],
		['https://chat.example.com@127.0.0.1', 'a user name or password (…@)'],
		['https://chat.example.com\\@127.0.0.1', 'a backslash'],
		['https://chat.example.com:70000', 'an invalid port'],
	])('%s', async (baseUrl, problem) => {
		const { context, calls } = tester({});
		const result = await chatwootAccessTokenApiTest.call(context, credential({ baseUrl }));
		expect(result).toEqual({
			status: 'Error',
			message: `Base URL in the Chatwoot credential must not contain ${problem}`,
		});
		expect(result.message).not.toContain('hunter2');
		expect(calls).toHaveLength(0);
	});

	it.each([['1/../2'], [-3], [1.5], [0], ['']])('Account ID %p', async (accountId) => {
		const { context, calls } = tester({});
		expect(await chatwootAccessTokenApiTest.call(context, credential({ accountId }))).toEqual({
			status: 'Error',
			message: `Account ID in the Chatwoot credential must be a positive whole number such as 1 (got ${JSON.stringify(accountId)})`,
		});
		expect(calls).toHaveLength(0);
	});
});
