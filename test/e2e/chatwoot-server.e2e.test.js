'use strict';
/**
 * The package in a running n8n server (`n8n start`), against the Chatwoot sandbox in this jest process:
 *
 * - the credential dialog's Test button through n8n's REST API, for each case a user can be in;
 * - a Schedule Trigger → Chatwoot Send workflow, activated on the server: n8n itself fires it every
 *   2 seconds, the sandbox must receive at least two messages, then n8n stops cleanly.
 *
 * Full suite on n8n 2.x only (N8N_TARGET=1 skips this file; the smoke test covers 1.x).
 */
const n8n = require('./n8n');
const { fullSuite, startChatwootE2E, INVALID_TOKEN } = require('./chatwoot-e2e');

const { describeFull, n8nVersion } = fullSuite('chatwoot-server.e2e');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describeFull(`Chatwoot in a running n8n ${n8nVersion}`, () => {
	let e2e;
	let server;

	beforeAll(async () => {
		e2e = await startChatwootE2E();
		await e2e.importWorkflows(['schedule-send']);
		server = await e2e.startServer();
	});

	afterAll(async () => {
		if (!e2e) return;
		const outbound = e2e.home.outboundAttempts();
		if (server) await server.stop();
		const leaked = e2e.leakedSecrets();
		const output = e2e.collectedOutput();
		await e2e.close();
		expect(outbound).toEqual([]);
		// the scan covers the server's own log
		expect(output).toContain('Editor is now accessible via');
		expect(leaked).toEqual([]);
	});

	describe('credential test (POST /rest/credentials/test)', () => {
		const test_ = (data) =>
			server.rest.testCredential({
				name: 'Chatwoot (credential test)',
				type: 'chatwootAccessTokenApi',
				data: {
					baseUrl: e2e.sandbox.url,
					accessToken: e2e.sandbox.userToken,
					accountId: 1,
					...data,
				},
			});

		beforeEach(() => e2e.sandbox.reset());

		test('valid user token: OK, names the user, role and account', async () => {
			expect(await test_({})).toMatchObject({
				status: 'OK',
				message: 'User token of Sandbox Admin, administrator in account 1 "Acme Support"',
			});
			expect(e2e.sandbox.requests.map((r) => [r.method, r.path, r.tokenKind])).toEqual([
				['GET', '/api/v1/profile', 'user'],
			]);
		});

		test('agent-bot token: OK, says it is a bot token and what it cannot do', async () => {
			expect(await test_({ accessToken: e2e.sandbox.botToken })).toMatchObject({
				status: 'OK',
				message:
					'Agent-bot token for account 1: it can send messages and manage conversations, but not contacts or inboxes',
			});
			expect(e2e.sandbox.requests.map((r) => [r.method, r.path, r.tokenKind])).toEqual([
				['GET', '/api/v1/profile', 'bot'],
				['GET', '/api/v1/accounts/1/conversations/0', 'bot'],
			]);
		});

		test('invalid token: Error, Chatwoot rejected it', async () => {
			expect(await test_({ accessToken: INVALID_TOKEN })).toMatchObject({
				status: 'Error',
				message: 'Chatwoot rejected the token: Invalid Access Token',
			});
		});

		test('wrong account: Error, lists the accounts the token has', async () => {
			expect(await test_({ accountId: 2 })).toMatchObject({
				status: 'Error',
				message:
					'The token of Sandbox Admin is valid but has no access to account 2. Their accounts: 1 (Acme Support)',
			});
		});

		test('unreachable URL: Error, could not reach it', async () => {
			const closedPort = await n8n.getFreePort(); // free = nothing listens there
			const baseUrl = `http://127.0.0.1:${closedPort}`;
			expect(await test_({ baseUrl })).toMatchObject({
				status: 'Error',
				message: `Could not reach ${baseUrl} (ECONNREFUSED). Check the Base URL and that n8n can reach it.`,
			});
		});

		test('the sandbox saw no violations', () => {
			expect(e2e.sandbox.violations).toEqual([]);
		});
	});

	describe('Schedule Trigger → Chatwoot Send, activated in the running server', () => {
		test('n8n sends on its schedule (at least two messages), then stops cleanly', async () => {
			e2e.sandbox.reset();
			const id = e2e.workflowId('schedule-send');
			const t0 = Date.now();
			await server.rest.activateWorkflow(id);

			const scheduled = () =>
				e2e.sandbox.deliveries.filter((d) => /^Scheduled reminder /.test(d.content));
			while (scheduled().length < 2 && Date.now() - t0 < 60000) await sleep(250);
			const waitedMs = Date.now() - t0;
			expect(scheduled().length).toBeGreaterThanOrEqual(2);

			await server.rest.deactivateWorkflow(id);
			// the runs n8n recorded: successful trigger executions of this workflow
			const executions = await server.rest.request(
				'GET',
				`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}`,
				undefined,
				{ expect: 200 },
			);
			const results = executions.json.data.results;
			expect(results.every((execution) => execution.mode === 'trigger')).toBe(true);
			// one may still be running if the schedule fired just before deactivation; none may have failed
			expect(
				results.filter((execution) => execution.status === 'success').length,
			).toBeGreaterThanOrEqual(2);
			expect(
				results.filter((execution) => !['success', 'running', 'new'].includes(execution.status)),
			).toEqual([]);

			const stopped = await server.stop();
			expect(stopped).toMatchObject({ forced: false, code: 0 });

			const posts = e2e.sandbox.requests.filter((r) => r.method === 'POST');
			expect(posts.length).toBeGreaterThanOrEqual(2);
			for (const r of posts) {
				expect(r.path).toBe('/api/v1/accounts/1/conversations/1/messages');
				expect(r.status).toBe(200);
				expect(r.body).toMatchObject({
					content: expect.stringMatching(/^Scheduled reminder \d{4}-/),
					message_type: 'outgoing',
					echo_id: expect.stringMatching(/^schedule-\d+$/),
				});
			}
			// one message per execution: echo ids are distinct
			expect(new Set(posts.map((r) => r.body.echo_id)).size).toBe(posts.length);
			expect(scheduled().every((d) => d.delivered)).toBe(true);
			expect(e2e.sandbox.violations).toEqual([]);
			// eslint-disable-next-line no-console
			console.log(
				`schedule: ${scheduled().length} messages after ${waitedMs} ms; n8n stopped in ${stopped.stopMs} ms`,
			);
		});
	});
});
