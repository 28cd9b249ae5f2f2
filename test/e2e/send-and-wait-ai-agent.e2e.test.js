'use strict';
/**
 * Chatwoot → Send and Wait for Reply as a tool of n8n's AI Agent, in a running n8n (`n8n start`),
 * with the Chatwoot sandbox playing the customer and the model sandbox standing in for the model
 * (it calls the one tool with its question, then answers once the tool returned).
 *
 * - examples/chatwoot-ai-agent-asks-customer.json (AI Agent 3.1): the tool call sends the question
 *   and the execution is listed as waiting; the customer answers in the conversation; the agent
 *   goes on with the reply as the tool's result; the team's private note is posted; no webhook of
 *   ours is left;
 * - n8n stopped and started again (same port) while the tool call waits: n8n 2.41.1's start-up
 *   recovery writes a crash into the execution (the agent's step was started and not saved), the
 *   reply after the restart is refused (409), and at the deadline the agent goes on with
 *   timedOut: true and the execution ends as an error;
 * - the same with Kapso WhatsApp as the tool: the customer's WhatsApp reply is the tool's result;
 * - the same with a 3-second limit: the agent goes on with timedOut: true as the tool's result;
 * - the same with an AI Agent 2.2 (it runs its tools inside its own step, so nothing can wait
 *   there): the tool fails with our error, nothing is sent, no webhook is registered, nothing waits.
 *
 * Full suite on n8n 2.x only (N8N_TARGET=1 skips this file).
 */
const { exampleWorkflows } = require('../../scripts/start');
const { replyFor, finalAnswerFor } = require('../../sandbox/model');
const n8n = require('./n8n');
const { fullSuite, startChatwootE2E, CREDENTIAL } = require('./chatwoot-e2e');
const { addKapso, executionsOf, KAPSO_PHONE_NUMBER_ID } = require('./send-and-wait-e2e');

const { describeFull, n8nVersion } = fullSuite('send-and-wait-ai-agent.e2e');

const EXAMPLE = 'chatwoot-ai-agent-asks-customer.json';
const TOOL = 'Ask the customer';
const OURS = /^n8n Send and Wait for Reply · /;
const WHATSAPP_CUSTOMER = '15551230001';

/** The tool as the Kapso WhatsApp node: a WhatsApp text to the webhook's recipient. */
const kapsoTool = (credential) => ({
	type: 'n8n-nodes-chatwoot-kapso.kapsoWhatsAppTool',
	credentials: { kapsoApi: credential },
	parameters: {
		descriptionType: 'manual',
		toolDescription: 'Asks the customer one question on WhatsApp and returns their reply.',
		resource: 'message',
		operation: 'sendAndWaitForReply',
		phoneNumberId: { __rl: true, mode: 'id', value: KAPSO_PHONE_NUMBER_ID },
		recipientType: 'phone',
		recipientPhone: "={{ $('New task').item.json.body.recipient }}",
		messageType: 'text',
		text: "={{ $fromAI('question', 'Your question to the customer', 'string') }}",
		responseKind: 'freeText',
		limitType: 'afterTimeInterval',
		resumeAmount: 1,
		resumeUnit: 'hours',
		options: { checkWindow: false },
	},
});

/** The example as `npm start` imports it, or a variant of it under another path. */
function example(variant) {
	const found = exampleWorkflows(CREDENTIAL).find((e) => e.file === EXAMPLE);
	if (!found) throw new Error(`examples/${EXAMPLE} is missing`);
	const { workflow } = found;
	if (!variant) return workflow;
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = `AgentAsks${variant.path.replace(/\W/g, '')}`.slice(0, 16);
	copy.name = `${copy.name} (${variant.path})`;
	const node = (name) => copy.nodes.find((n) => n.name === name);
	node('New task').parameters.path = variant.path;
	node('New task').webhookId = `e2e-${variant.path}`;
	node('AI Agent').typeVersion = variant.agentVersion ?? node('AI Agent').typeVersion;
	Object.assign(node(TOOL).parameters, variant.tool);
	if (variant.toolNode) Object.assign(node(TOOL), variant.toolNode);
	return copy;
}

describeFull(`Send and Wait for Reply as an AI Agent tool in a running n8n ${n8nVersion}`, () => {
	let e2e;
	let kapso;
	let server;
	const runs = {};
	const workflowIds = {};

	const api = async (method, apiPath) => {
		const res = await n8n.httpRequest(method, `${e2e.sandbox.url}/api/v1/accounts/1/${apiPath}`, {
			headers: { api_access_token: e2e.sandbox.userToken },
		});
		if (res.status >= 300) throw new Error(`${method} ${apiPath}: ${res.status} ${res.text}`);
		return res.json;
	};
	const ourWebhooks = async () =>
		(await api('GET', 'webhooks')).payload.webhooks.filter((w) => OURS.test(w.name ?? ''));
	const messagesIn = async (conversationId) =>
		(await api('GET', `conversations/${conversationId}/messages`)).payload;
	/** What the model sandbox was given back by the tool, parsed. */
	const toolResults = () => e2e.model.completions().flatMap((c) => c.toolResults.map(JSON.parse));
	/** The same, for one conversation only (another test's wait may end meanwhile). */
	const toolResultsIn = (conversationId) =>
		toolResults().filter((result) => result[0]?.conversationId === conversationId);

	beforeAll(async () => {
		e2e = await startChatwootE2E();
		kapso = await addKapso(e2e.home);
		const workflows = {
			kapso: example({ path: 'ask-on-whatsapp', toolNode: kapsoTool(kapso.credential) }),
			example: example(),
			restart: example({ path: 'ask-restart', tool: { resumeAmount: 60, resumeUnit: 'seconds' } }),
			timeout: example({ path: 'ask-briefly', tool: { resumeAmount: 3, resumeUnit: 'seconds' } }),
			oldAgent: example({ path: 'ask-old-agent', agentVersion: 2.2 }),
		};
		await e2e.home.importWorkflows(Object.values(workflows));
		server = await e2e.startServer();
		for (const [key, workflow] of Object.entries(workflows)) {
			await server.rest.activateWorkflow(workflow.id);
			workflowIds[key] = workflow.id;
			runs[key] = executionsOf(() => server, workflow.id);
		}
	});

	afterAll(async () => {
		if (!e2e) return;
		const outbound = e2e.home.outboundAttempts();
		const leaked = e2e.leakedSecrets(kapso ? [kapso.sandbox.apiKey] : []);
		await e2e.close();
		if (kapso) await kapso.close();
		expect(outbound).toEqual([]);
		expect(leaked).toEqual([]);
	});

	test('the example: the tool call waits for the customer, and their reply is the tool’s result', async () => {
		const task = 'Ask which size the customer needs';
		e2e.model.reset();
		const id = await runs.example.startWaiting('ask-customer', { conversationId: 4, task });

		// Waiting inside the tool call: the question is in the conversation, the reply webhook in Chatwoot.
		const question = replyFor(task);
		expect((await messagesIn(4)).at(-1)).toMatchObject({ content: question, private: false });
		const hooks = await ourWebhooks();
		expect(hooks.map((w) => w.url)).toEqual([expect.stringContaining(`/webhook-waiting/${id}?`)]);
		expect(e2e.model.completions().map((c) => c.answer)).toEqual([
			{ kind: 'tool_call', tool: 'Ask_the_customer', arguments: { question } },
		]);

		e2e.sandbox.customerWrites(4, { content: 'Size M, please' });
		expect((await runs.example.finished(id)).status).toBe('success');
		expect(toolResults()).toEqual([
			[
				expect.objectContaining({
					timedOut: false,
					conversationId: 4,
					text: 'Size M, please',
					sent: expect.objectContaining({ content: question }),
				}),
			],
		]);
		expect(await runs.example.outputOf(id, 'AI Agent')).toEqual([
			{ output: finalAnswerFor(question) },
		]);
		expect((await messagesIn(4)).at(-1)).toMatchObject({
			content: finalAnswerFor(question),
			private: true,
		});
		expect(await ourWebhooks()).toEqual([]);
	});

	test('n8n restarted while the agent’s tool call waits: n8n marks the agent crashed, the reply is refused', async () => {
		const task = 'Ask which colour the customer wants';
		e2e.model.reset();
		const id = await runs.restart.startWaiting('ask-restart', { conversationId: 4, task });
		const [hook] = (await ourWebhooks()).filter((w) => w.url.includes(`/webhook-waiting/${id}?`));
		const { port } = server;
		await server.stop();
		server = await e2e.startServer({ port });
		// n8n's start-up recovery finds the agent's step started and unfinished (its run is saved only
		// when the agent ends) and writes a crash into the execution, which stays listed as waiting.
		expect(server.logs()).toContain('[Recovery] Logs available, amended execution');
		expect((await runs.restart.get(id)).status).toBe('waiting');

		const deliveredBefore = e2e.sandbox.webhookDeliveries.length;
		e2e.sandbox.customerWrites(4, { content: 'Blue' });
		await e2e.sandbox.webhooksSettled();
		const toThisWait = e2e.sandbox.webhookDeliveries
			.slice(deliveredBefore)
			.filter((d) => d.url === hook.url);
		expect(toThisWait.map((d) => [d.outcome, d.status])).toEqual([['failed', 409]]);
		expect(server.logs()).toContain(`The execution "${id}" has finished with error.`);

		// At its deadline n8n resumes it without the reply: the agent hears timedOut: true, the rest
		// runs, and the execution ends as an error (the crash written at start-up).
		const done = await runs.restart.finished(id, 150000);
		expect(done.status).toBe('error');
		const { resultData } = await runs.restart.data(id);
		expect(resultData.error).toMatchObject({ name: 'WorkflowCrashedError' });
		expect(toolResults()).toEqual([[expect.objectContaining({ timedOut: true, text: null })]]);
		expect(await runs.restart.outputOf(id, 'AI Agent')).toEqual([
			{ output: finalAnswerFor(replyFor(task)) },
		]);
	}, 300000);

	test('the same with Kapso WhatsApp as the tool: the WhatsApp reply is the tool’s result', async () => {
		const task = 'Ask for the delivery address';
		e2e.model.reset();
		const id = await runs.kapso.startWaiting('ask-on-whatsapp', {
			conversationId: 7,
			recipient: WHATSAPP_CUSTOMER,
			task,
		});
		const question = replyFor(task);
		expect(kapso.sandbox.messages('outbound').at(-1)).toMatchObject({ type: 'text' });
		expect(JSON.stringify(kapso.sandbox.messages('outbound').at(-1))).toContain(
			JSON.stringify(question).slice(1, -1),
		);
		expect((await kapso.ourWebhooks()).map((w) => w.url)).toEqual([
			expect.stringContaining(`/webhook-waiting/${id}?`),
		]);

		kapso.sandbox.customerWrites({
			phone_number_id: KAPSO_PHONE_NUMBER_ID,
			from: WHATSAPP_CUSTOMER,
			text: '12 Harbour Street',
		});
		expect((await runs.kapso.finished(id)).status).toBe('success');
		expect(toolResults()).toEqual([
			[
				expect.objectContaining({
					timedOut: false,
					recipient: WHATSAPP_CUSTOMER,
					text: '12 Harbour Street',
				}),
			],
		]);
		expect(await runs.kapso.outputOf(id, 'AI Agent')).toEqual([
			{ output: finalAnswerFor(question) },
		]);
		await kapso.sandbox.webhooksSettled({ timeoutMs: 20000 });
		expect(await kapso.ourWebhooks()).toEqual([]);
	});

	test('the time limit passes: the agent goes on with timedOut: true as the tool’s result', async () => {
		e2e.model.reset();
		const id = await runs.timeout.startWaiting('ask-briefly', {
			conversationId: 5,
			task: 'Ask for the delivery day',
		});
		expect((await runs.timeout.finished(id)).status).toBe('success');
		expect(toolResultsIn(5)).toEqual([
			[expect.objectContaining({ timedOut: true, conversationId: 5, text: null, reply: null })],
		]);
		expect((await messagesIn(5)).at(-1)).toMatchObject({ private: true });
		// The wait watcher deleted this wait's webhook at the limit, before n8n went on.
		expect((await ourWebhooks()).map((w) => w.url)).not.toContainEqual(
			expect.stringContaining(`/webhook-waiting/${id}?`),
		);
	});

	test('an AI Agent 2.2 cannot wait for a tool: the tool fails with our error and sends nothing', async () => {
		e2e.model.reset();
		const before = (await messagesIn(6)).length;
		const webhooksBefore = await ourWebhooks();
		const res = await server.rest.webhook('ask-old-agent', {
			body: { conversationId: 6, task: 'Ask for the colour' },
		});
		expect(res.status).toBe(200);
		const [execution] = await server.rest.waitForExecutions(workflowIds.oldAgent, 1, {
			quietMs: 2000,
		});
		const finished = await runs.oldAgent.finished(execution.id);
		const { resultData } = await runs.oldAgent.data(execution.id);
		// The tool's run failed with our error, before anything was sent…
		expect(resultData.runData[TOOL]).toEqual([
			expect.objectContaining({
				executionStatus: 'error',
				error: expect.objectContaining({
					name: 'NodeOperationError',
					message: expect.stringMatching(
						/^Send and Wait for Reply cannot wait inside this tool call\n\nDetails: .*AI Agent node of version 3 or later, or put Send and Wait for Reply after the agent/,
					),
				}),
			}),
		]);
		// …and the old agent went on with an empty tool result (what n8n gives the model there).
		expect(e2e.model.completions().map((c) => c.toolResults)).toEqual([[], ['']]);
		expect(finished.status).toBe('success');
		const sent = (await messagesIn(6)).slice(before);
		expect(sent.filter((m) => !m.private)).toEqual([]);
		expect(await ourWebhooks()).toEqual(webhooksBefore);
	});
});
