'use strict';
/**
 * The package in n8n's queue mode: n8n 2.40.7 as a main process, two workers and one webhook
 * process on Redis and PostgreSQL (./queue-stack.js), the Chatwoot and Kapso sandboxes in this jest
 * process. Every execution below is started through the webhook process and run by a worker.
 *
 * - 20 executions × 500 messages over 100 conversations, started together: every message delivered
 *   exactly once, in item order per conversation within each execution; the number of executions
 *   each worker ran is printed (from the workers' own "Worker started execution" log lines);
 * - the Chatwoot Trigger and Kapso Trigger examples get signed events through the webhook process
 *   and reply (the replies checked in what the sandboxes stored as sent);
 * - Send and Wait for Reply (examples/chatwoot-order-confirmation-send-and-wait.json; a Kapso
 *   free-text question) waits in PostgreSQL; the reply arrives through the webhook process and the
 *   resume is run by the other worker (the one that started it is stopped first); no webhook of
 *   ours is left;
 * - a worker SIGKILLed in the middle of a long send: the sandbox shows what it sent; n8n 2.40.7 never
 *   runs that job again (Bull's stalled-job check fails it: see test/e2e/README.md, "Queue mode:
 *   a worker killed mid-execution"), so nothing is sent twice; what the sandbox saw is printed; a
 *   retry of that execution ends at once with the same error and sends nothing.
 *
 * n8n 2.40.7 whatever N8N_TARGET says; skipped (with the reason) only when the stack cannot be
 * installed on this machine, and under N8N_TARGET=1 (the same run would repeat).
 */
const n8n = require('./n8n');
const {
	describeQueueMode,
	stackLogs,
	startQueueModeStack,
	startQueueSandboxes,
	CHATWOOT,
	KAPSO,
	KAPSO_REF,
	MARIA,
	PHONE_NUMBER_ID,
} = require('./queue-e2e');
const { chatwootSent } = require('./sent-messages');
const { chain, checkSends, sendWorkflow, webhookNode } = require('./queue-workflows');
const { kapsoSendAndWaitNode } = require('./send-and-wait-e2e');
const { exampleWorkflows } = require('../../scripts/start');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const EXECUTIONS = 20;
const MESSAGES = 500;
const CONVERSATIONS = 100;
const KILL_MESSAGES = 150;
const describeQueue = describeQueueMode('queue-mode.e2e');

/** One line for the jest output: what the run measured (counts, workers, what the sandbox saw). */
function report(text) {
	// eslint-disable-next-line no-console
	console.log(`queue-mode: ${text}`);
}

async function until(what, check, { timeoutMs = 60000, stepMs = 300 } = {}) {
	const t0 = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - t0 > timeoutMs)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(stepMs);
	}
}

/**
 * Webhook → Kapso WhatsApp Send and Wait for Reply: a text question to Maria, any reply taken as
 * the answer (Free Text, the default), the node's default time limit.
 */
function kapsoAskWorkflow() {
	return {
		name: 'Queue mode: Kapso, ask for a delivery day and wait',
		nodes: [
			webhookNode('ask-kapso'),
			kapsoSendAndWaitNode({
				name: 'Ask for a day',
				credential: KAPSO_REF,
				recipientPhone: MARIA,
				parameters: {
					messageType: 'text',
					text: '=Which day suits you for order {{ $json.body.order }}?',
				},
			}),
		],
		connections: chain('Start', 'Ask for a day'),
		settings: { executionOrder: 'v1' },
	};
}

describeQueue('the package in n8n queue mode (main, 2 workers, webhook process)', () => {
	let stack;
	let chatwoot;
	let kapso;
	let chatwootApi;
	/** 100 fresh API-inbox conversations for the load test, 1 for the killed worker, 1 to ask in. */
	let conversationIds = [];
	/** The load test's workflow and checks (sendWorkflow, checkSends). */
	let LOAD;
	let killConversation;
	let askConversation;
	const ids = {};
	const examples = {};

	const rest = () => stack.rest;
	/** POST <webhook process>/webhook/<path>: how every execution here starts. */
	const callWebhook = async (webhookPath, body) => {
		const res = await n8n.httpRequest('POST', `${stack.webhookUrl}/webhook/${webhookPath}`, {
			body,
		});
		if (res.status !== 200)
			throw new Error(`webhook ${webhookPath}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
		return res;
	};
	const executions = (workflowId) => rest().executions(workflowId);
	const execution = (id) => rest().execution(id);
	const finished = (id, timeoutMs = 120000) =>
		until(
			`execution ${id} to finish`,
			async () => {
				const e = await rest().request('GET', `/rest/executions/${id}`, undefined, { expect: 200 });
				const status = e.json.data.status;
				return ['new', 'running', 'waiting'].includes(status) ? undefined : e.json.data;
			},
			{ timeoutMs },
		);
	/** The workers that logged "Worker started execution <id>" (a resumed execution runs twice). */
	const workersThatRan = (executionId) =>
		Object.entries(stack.executionsByWorker()).flatMap(([name, ran]) =>
			ran.includes(String(executionId)) ? [name] : [],
		);
	const worker = (name) => stack.workers.find((w) => w.name === name);
	/** Our Send and Wait webhooks left in Chatwoot. */
	const ourChatwootWebhooks = async () =>
		(await chatwootApi('GET', 'webhooks')).payload.webhooks.filter((w) =>
			/^n8n Send and Wait for Reply · /.test(w.name ?? ''),
		);
	const ourKapsoWebhooks = async () => {
		const res = await n8n.httpRequest(
			'GET',
			`${kapso.url}/platform/v1/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
			{ headers: { 'x-api-key': kapso.apiKey } },
		);
		return res.json.data;
	};

	beforeAll(async () => {
		({ chatwoot, kapso, chatwootApi } = await startQueueSandboxes());
		for (let i = 0; i < CONVERSATIONS + 2; i++) {
			const conversation = await chatwootApi('POST', 'conversations', {
				inbox_id: 1,
				contact_id: 1 + (i % 25),
				status: 'open',
			});
			conversationIds.push(conversation.id);
		}
		[killConversation, askConversation] = conversationIds.slice(CONVERSATIONS);
		conversationIds = conversationIds.slice(0, CONVERSATIONS);
		LOAD = {
			conversationIds,
			executions: EXECUTIONS,
			count: MESSAGES,
			prefix: 'q',
			credential: CHATWOOT,
		};

		stack = await startQueueModeStack(chatwoot, kapso);
		for (const { file, workflow } of exampleWorkflows(CHATWOOT, undefined, undefined, KAPSO))
			examples[file] = workflow;
		const workflows = {
			load: sendWorkflow({ ...LOAD, name: 'Queue mode: 500 messages', webhookPath: 'load' }),
			kill: sendWorkflow({
				name: 'Queue mode: a long send',
				webhookPath: 'long-send',
				conversationIds: [killConversation],
				count: KILL_MESSAGES,
				prefix: 'kill',
				credential: CHATWOOT,
			}),
			// examples/chatwoot-order-confirmation-send-and-wait.json, as a user imports it
			askChatwoot: examples['chatwoot-order-confirmation-send-and-wait.json'],
			askKapso: kapsoAskWorkflow(),
		};
		for (const [key, workflow] of Object.entries(workflows)) {
			const created = await rest().createWorkflow({ ...workflow, id: undefined });
			ids[key] = created.id;
			await rest().activateWorkflow(created.id);
		}
	});

	afterAll(async () => {
		const leaked = [];
		if (stack) {
			const logs = stackLogs(stack);
			for (const secret of [chatwoot.userToken, kapso.apiKey])
				if (logs.includes(secret)) leaked.push(secret);
			await stack.stop();
		}
		if (chatwoot) await chatwoot.close();
		if (kapso) await kapso.close();
		expect(leaked).toEqual([]);
	});

	test(`${EXECUTIONS} executions × ${MESSAGES} messages over ${CONVERSATIONS} conversations, started together: each message once, in item order, run by both workers`, async () => {
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: EXECUTIONS }, (_, e) => callWebhook('load', { execution: e })),
		);
		const runs = await rest().waitForExecutions(ids.load, EXECUTIONS, { timeoutMs: 240000 });
		const seconds = (Date.now() - t0) / 1000;
		expect(runs.map((r) => r.status)).toEqual(Array(EXECUTIONS).fill('success'));

		const sent = chatwootSent(chatwoot.deliveries).matching(/^q e\d+ i\d+$/);
		expect(sent.duplicates).toEqual([]);
		expect(sent.total).toBe(EXECUTIONS * MESSAGES);
		expect(checkSends(LOAD, sent.byKey)).toEqual([]);
		expect(chatwoot.violations).toEqual([]);

		const perWorker = Object.fromEntries(stack.workers.map((w) => [w.name, 0]));
		for (const run of runs) for (const name of workersThatRan(run.id)) perWorker[name]++;
		report(
			`${sent.total} messages from ${EXECUTIONS} executions in ${seconds.toFixed(1)} s ` +
				`(${(sent.total / seconds).toFixed(0)}/s, start to last execution listed as finished); ` +
				`executions per worker: ${JSON.stringify(perWorker)}`,
		);
		expect(Object.values(perWorker).reduce((a, b) => a + b, 0)).toBe(EXECUTIONS);
		for (const count of Object.values(perWorker)) expect(count).toBeGreaterThan(0);
	});

	test('the Chatwoot Trigger example gets a signed event through the webhook process and replies', async () => {
		const workflow = examples['chatwoot-trigger-echo.json'];
		const created = await rest().createWorkflow({ ...workflow, id: undefined });
		await rest().activateWorkflow(created.id, { waitForWebhooks: false });
		const hooks = await until('the trigger’s webhook in Chatwoot', () =>
			chatwoot.state.webhooks.length ? chatwoot.state.webhooks : undefined,
		);
		expect(hooks).toEqual([
			expect.objectContaining({ url: expect.stringMatching(`^${stack.webhookUrl}/webhook/`) }),
		]);
		const conversationId = conversationIds[0];
		chatwoot.customerWrites(conversationId, { content: 'Hello from the queue' });
		await chatwoot.webhooksSettled();
		const reply = await until('the reply in the conversation', () =>
			chatwoot.deliveries.find(
				(d) =>
					d.conversation_id === conversationId && d.content === 'You said: Hello from the queue',
			),
		);
		expect(reply.delivered).toBe(true);
		const delivery = chatwoot.webhookDeliveries.find((d) =>
			(d.body ?? '').includes('Hello from the queue'),
		);
		expect(delivery).toMatchObject({ outcome: 'delivered', status: 200, signed: true });
		const runs = await rest().waitForExecutions(created.id, 1, { quietMs: 3000 });
		// the reply's own webhook starts nothing (loop guard): one execution, by a worker
		expect(runs.map((r) => [r.mode, r.status])).toEqual([['webhook', 'success']]);
		report(`Chatwoot Trigger: execution ${runs[0].id} run by ${workersThatRan(runs[0].id)}`);
		await rest().deactivateWorkflow(created.id);
		expect(chatwoot.state.webhooks).toEqual([]);
	});

	test('the Kapso Trigger example gets a signed event through the webhook process and replies', async () => {
		const workflow = examples['kapso-trigger-buttons-reply.json'];
		// n8n keeps a trigger's static data (its webhook id and secret) only for ids of up to 16 characters
		const created = await rest().createWorkflow({ ...workflow, id: undefined });
		await rest().activateWorkflow(created.id, { waitForWebhooks: false });
		const hooks = await until('the trigger’s webhook in Kapso', async () => {
			const list = await ourKapsoWebhooks();
			return list.length ? list : undefined;
		});
		expect(hooks).toEqual([
			expect.objectContaining({
				url: expect.stringMatching(`^${stack.webhookUrl}/webhook/`),
				events: ['whatsapp.message.received'],
			}),
		]);
		const before = kapso.messages('outbound').length;
		kapso.customerWrites({
			phone_number_id: PHONE_NUMBER_ID,
			from: MARIA,
			type: 'text',
			text: 'Hi from the queue',
		});
		await kapso.webhooksSettled({ timeoutMs: 20000 });
		const delivered = kapso.webhookDeliveries.find((d) => d.event === 'whatsapp.message.received');
		expect(delivered).toMatchObject({ state: 'delivered' });
		const replies = await until('the reply buttons', () => {
			const list = kapso.messages('outbound').slice(before);
			return list.length ? list : undefined;
		});
		expect(replies).toEqual([
			expect.objectContaining({
				to: MARIA,
				type: 'interactive',
				interactive: require('../fixtures/kapso-trigger-buttons-reply.interactive.json'),
			}),
		]);
		const runs = await rest().waitForExecutions(created.id, 1, { quietMs: 2000 });
		expect(runs.map((r) => [r.mode, r.status])).toEqual([['webhook', 'success']]);
		report(`Kapso Trigger: execution ${runs[0].id} run by ${workersThatRan(runs[0].id)}`);
		await rest().deactivateWorkflow(created.id);
		expect(await ourKapsoWebhooks()).toEqual([]);
		expect(kapso.violations).toEqual([]);
	});

	/**
	 * Starts a Send and Wait execution through the webhook process, stops the worker that ran it once
	 * it waits (the wait is in PostgreSQL), lets the customer answer through the sandbox and checks
	 * that the other worker resumed it; then starts the stopped worker again. Resolves with the Send and
	 * Wait node's output item.
	 */
	async function waitStopAnswerResume({ workflowId, webhookPath, body, node, answer, label }) {
		const before = new Set((await executions(workflowId)).map((e) => e.id));
		await callWebhook(webhookPath, body);
		const { id } = await until('a waiting execution', async () =>
			(await executions(workflowId)).find((e) => !before.has(e.id) && e.status === 'waiting'),
		);
		const [startedBy] = workersThatRan(id);
		await worker(startedBy).stop();
		await answer();
		const done = await finished(id);
		const ranBy = workersThatRan(id);
		await worker(startedBy).restart();
		expect(done.status).toBe('success');
		// the stopped worker logged the start only; the other one ran the resume
		const resumedBy = ranBy.filter((name) => name !== startedBy);
		expect(ranBy).toContain(startedBy);
		expect(resumedBy).toHaveLength(1);
		report(`${label}: execution ${id} started on ${startedBy}, resumed on ${resumedBy[0]}`);
		return (await execution(id)).data.resultData.runData[node].at(-1).data.main[0][0].json;
	}

	test('Chatwoot Send and Wait for Reply (the order confirmation example): started on one worker, resumed on the other by the reply through the webhook process', async () => {
		const output = await waitStopAnswerResume({
			label: 'Chatwoot Send and Wait',
			workflowId: ids.askChatwoot,
			webhookPath: 'new-order',
			body: { conversationId: askConversation, orderNumber: '7001' },
			node: 'Ask for confirmation',
			answer: async () => {
				expect(await ourChatwootWebhooks()).toHaveLength(1);
				const asked = chatwoot.deliveries.filter((d) => d.conversation_id === askConversation);
				expect(asked.map((d) => d.content)).toEqual([
					'Hello! Please confirm your order #7001: is everything correct?',
				]);
				chatwoot.customerWrites(askConversation, { content: 'Yes' });
				await chatwoot.webhooksSettled();
			},
		});
		expect(output).toMatchObject({
			timedOut: false,
			conversationId: askConversation,
			approved: true,
		});
		// the workflow went on after the resume: the thank-you, once
		expect(chatwootSent(chatwoot.deliveries).byKey.get(askConversation)?.slice(1)).toEqual([
			'Thank you! Order #7001 is confirmed.',
		]);
		expect(await ourChatwootWebhooks()).toEqual([]);
	});

	test('Kapso Send and Wait for Reply: started on one worker, resumed on the other by the reply through the webhook process', async () => {
		const output = await waitStopAnswerResume({
			label: 'Kapso Send and Wait',
			workflowId: ids.askKapso,
			webhookPath: 'ask-kapso',
			body: { order: '#7002' },
			node: 'Ask for a day',
			answer: async () => {
				expect(await ourKapsoWebhooks()).toHaveLength(1);
				expect(kapso.messages('outbound').at(-1)).toMatchObject({
					to: MARIA,
					type: 'text',
					text: { body: 'Which day suits you for order #7002?' },
				});
				kapso.customerWrites({
					phone_number_id: PHONE_NUMBER_ID,
					from: MARIA,
					type: 'text',
					text: 'Tuesday, please',
				});
				await kapso.webhooksSettled({ timeoutMs: 20000 });
			},
		});
		expect(output).toMatchObject({ timedOut: false, text: 'Tuesday, please' });
		expect(await ourKapsoWebhooks()).toEqual([]);
	});

	test('a worker SIGKILLed in the middle of a long send: the sandbox shows what it sent, nothing is sent twice', async () => {
		const sentHere = () => chatwootSent(chatwoot.deliveries).matching(/^kill e0 i\d+$/);
		chatwoot.setFaults({ latencyMs: 100 });
		await callWebhook('long-send', { execution: 0 });
		const run = await until('the long send to run', async () =>
			(await executions(ids.kill)).find((e) => e.status === 'running'),
		);
		await until('20 messages sent', () => sentHere().total >= 20, { stepMs: 50 });
		const [victim] = workersThatRan(run.id);
		const killedAt = sentHere().total;
		await worker(victim).kill('SIGKILL');
		chatwoot.setFaults({ latencyMs: 0 });
		const afterKill = sentHere().total;

		// n8n 2.40.7: the job's lock expires, a live worker's stalled check fails the job
		// (maxStalledCount 0), the process that enqueued it records the execution as failed
		const ended = await finished(run.id, 240000);
		const why = (await execution(run.id)).data?.resultData?.error?.message;
		await sleep(5000);
		const sent = sentHere();
		const texts = sent.texts();
		report(
			`killed ${victim} after the sandbox had ${killedAt} messages of execution ${run.id} ` +
				`(${afterKill} once the kill returned); the execution ended "${ended.status}" (${why}); ` +
				`the sandbox saw ${sent.total} of ${KILL_MESSAGES}: ${texts[0]} … ${texts.at(-1)}, ${sent.duplicates.length} sent twice`,
		);
		expect(['error', 'crashed']).toContain(ended.status);
		expect(sent.duplicates).toEqual([]);
		// what went out is the run's first items, in order, and nothing after the kill's last request
		expect(texts).toEqual(Array.from({ length: sent.total }, (_, i) => `kill e0 i${i}`));
		expect(sent.total).toBeLessThanOrEqual(afterKill + 1);
		expect(sent.total).toBeLessThan(KILL_MESSAGES);
		expect(workersThatRan(run.id)).toEqual([victim]);

		// Retrying it (the editor's Retry, POST /rest/executions/:id/retry): n8n saved the failed run
		// without run data, so the retry ends at once with the same error and sends nothing
		const retry = await rest().request(
			'POST',
			`/rest/executions/${run.id}/retry`,
			{ loadWorkflow: false },
			{ expect: [200, 400, 500] },
		);
		const retried = retry.status === 200 ? retry.json.data : undefined;
		await sleep(5000);
		const afterRetry = sentHere();
		report(
			`retry of execution ${run.id}: HTTP ${retry.status} ${JSON.stringify(retried ?? retry.json).slice(0, 300)}; ` +
				`the sandbox then had ${afterRetry.total} of ${KILL_MESSAGES}, ${afterRetry.duplicates.length} sent twice`,
		);
		expect(retried).toMatchObject({ mode: 'retry', retryOf: String(run.id), status: 'error' });
		expect(afterRetry.texts()).toEqual(texts);
	});
});
