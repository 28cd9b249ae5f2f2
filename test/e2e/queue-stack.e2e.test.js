'use strict';
/**
 * The queue-mode stack itself (test/e2e/queue-stack.js): n8n 2.40.7 with a main, two workers and a
 * webhook process on our own PostgreSQL and Redis (scripts/queue/services.sh), the package installed as
 * a community package:
 *
 * - every process is up: main's REST API, both workers' and the webhook process' readiness;
 * - a Webhook → Chatwoot Send workflow, called on the webhook process, runs on a worker (its log says
 *   "Worker started execution <id>", main's and the webhook process' do not) and the Chatwoot sandbox
 *   receives the message once;
 * - a worker killed with SIGKILL comes back with restart() and the runs after it succeed;
 * - the stack stops cleanly (every process exits on SIGTERM, none needs a SIGKILL).
 *
 * Installs n8n 2.40.7 and Debian's redis-server/postgresql when missing (first time: about 5 to 12
 * minutes). Skipped, with the reason printed, only on a machine that cannot install them (no apt-get,
 * not root, no apt source reachable), and on the N8N_TARGET=1 run (queue mode is proven on 2.40.7 only).
 */
const { startSandbox } = require('../../sandbox/chatwoot');
const { httpRequest } = require('./n8n');
const { startQueueStack, queueStackUnavailable } = require('./queue-stack');
const { CREDENTIAL } = require('./chatwoot-e2e');

const unavailable =
	process.env.N8N_TARGET && process.env.N8N_TARGET !== '2'
		? `N8N_TARGET=${process.env.N8N_TARGET}: queue mode runs on n8n 2.40.7, in the default run`
		: queueStackUnavailable();
if (unavailable) {
	// eslint-disable-next-line no-console
	console.log(`queue-stack.e2e: SKIPPED: ${unavailable}`);
}
const describeQueue = unavailable ? describe.skip : describe;

const WEBHOOK_ID = 'e2e-queue-stack-send';
const workflow = {
	id: 'e2eQueueStack001',
	name: 'E2E queue: Webhook → Chatwoot Send',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: {
				httpMethod: 'POST',
				path: 'queue-send',
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			name: 'Send',
			type: 'n8n-nodes-chatwoot-kapso.chatwoot',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'message',
				operation: 'send',
				conversationId: { __rl: true, mode: 'id', value: '={{ $json.body.conversationId }}' },
				content: '=Queued hello {{ $json.body.n }}',
				options: {},
			},
			credentials: { chatwootAccessTokenApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
	],
	connections: { Webhook: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
};

describeQueue('n8n 2.40.7 in queue mode: main, 2 workers, webhook process', () => {
	let sandbox;
	let stack;

	beforeAll(
		async () => {
			sandbox = await startSandbox({ quiet: true });
			stack = await startQueueStack({
				workers: 2,
				prepareHome: async (home) => {
					await home.importCredentials([
						{
							...CREDENTIAL,
							data: {
								baseUrl: sandbox.url,
								accessToken: sandbox.userToken,
								accountId: sandbox.accountId,
							},
						},
					]);
					await home.importWorkflows([workflow]);
				},
			});
		},
		40 * 60 * 1000,
	); // a first run installs n8n 2.40.7 and the Debian packages

	afterAll(async () => {
		if (stack) await stack.stop();
		if (sandbox) await sandbox.close();
	});

	test('main, both workers and the webhook process are up, on their own ports', async () => {
		const settings = await stack.rest.request('GET', '/rest/settings');
		expect(settings.status).toBe(200);
		expect(settings.json.data.executionMode).toBe('queue');
		const ready = [stack.webhookProcess, ...stack.workers].map((p) =>
			httpRequest('GET', `${p.url}/healthz/readiness`).then((r) => [p.name, r.status]),
		);
		expect(await Promise.all(ready)).toEqual([
			['webhook', 200],
			['worker-1', 200],
			['worker-2', 200],
		]);
		const ports = [stack.main.port, stack.webhookProcess.port, ...stack.workers.map((w) => w.port)];
		expect(new Set(ports).size).toBe(4);
		expect(stack.webhookUrl).toBe(stack.webhookProcess.url);
		for (const w of stack.workers) expect(w.logs()).toContain('n8n worker is now ready');
		expect(stack.webhookProcess.logs()).toContain('Webhook listener waiting for requests.');
	});

	test('a production webhook on the webhook process runs the Chatwoot node on a worker', async () => {
		await stack.rest.activateWorkflow(workflow.id);
		sandbox.reset();
		// the Webhook node's path is the whole path (no webhookId in it), on the webhook process
		const res = await httpRequest('POST', `${stack.webhookUrl}/webhook/queue-send`, {
			body: { conversationId: 1, n: 1 },
		});
		expect(res.status).toBe(200);

		const [execution] = await stack.rest.waitForExecutions(workflow.id, 1, { quietMs: 2000 });
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		const ranOn = stack.workerOf(execution.id);
		expect(['worker-1', 'worker-2']).toContain(ranOn);
		expect(stack.main.logs()).not.toContain('Worker started execution');
		// the webhook process put it on the queue; main did not run it either
		expect(stack.webhookProcess.logs()).toMatch(
			new RegExp(`Enqueued execution ${execution.id}\\b`),
		);
		// eslint-disable-next-line no-console
		console.log(`execution ${execution.id} ran on ${ranOn}`, stack.executionsByWorker());

		const sent = sandbox.requests.filter(
			(r) => r.method === 'POST' && r.path === '/api/v1/accounts/1/conversations/1/messages',
		);
		expect(sent.map((r) => r.body.content)).toEqual(['Queued hello 1']);
		const full = await stack.rest.execution(execution.id);
		expect(full.data.resultData.runData.Send[0].data.main[0][0].json).toMatchObject({
			content: 'Queued hello 1',
			conversation_id: 1,
		});
	});

	test('a worker killed with SIGKILL and restarted takes jobs again', async () => {
		const worker = stack.workers[0];
		const oldPid = worker.pid;
		expect(await worker.kill('SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
		expect(worker.running).toBe(false);
		await worker.restart();
		expect(worker.running).toBe(true);
		expect(worker.pid).not.toBe(oldPid);
		expect(worker.logFiles).toHaveLength(2);
		expect((await httpRequest('GET', `${worker.url}/healthz/readiness`)).status).toBe(200);
		// the other worker alone ran the run above; whichever takes these, every one succeeds
		for (let n = 2; n <= 5; n++) {
			const res = await httpRequest('POST', `${stack.webhookUrl}/webhook/queue-send`, {
				body: { conversationId: 1, n },
			});
			expect(res.status).toBe(200);
		}
		const executions = await stack.rest.waitForExecutions(workflow.id, 5, { quietMs: 2000 });
		expect(executions.map((e) => e.status)).toEqual(Array(5).fill('success'));
		for (const e of executions) expect(['worker-1', 'worker-2']).toContain(stack.workerOf(e.id));
	});

	test('the stack stops cleanly: every process exits on SIGTERM', async () => {
		const results = await stack.stop();
		expect(results).toHaveLength(4);
		for (const r of results) expect(r).toMatchObject({ forced: false });
	});
});
