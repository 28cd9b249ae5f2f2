'use strict';
/**
 * The Chatwoot Trigger in a running n8n (`n8n start`), with workflows published over the REST API, and
 * the Chatwoot sandbox in this jest process sending webhooks the way Chatwoot does (signed, once):
 *
 * - publishing examples/chatwoot-trigger-echo.json registers exactly one account webhook, at the URL
 *   n8n serves;
 * - a customer writes three times: exactly three "You said: …" replies arrive in the conversation, in
 *   order, and the replies' own webhooks start no execution (loop guard);
 * - a forged signature is answered 401 and a replayed delivery is dropped: neither starts anything;
 * - unpublishing deletes the webhook; publishing again, again, and a crashed n8n coming back leave
 *   exactly one;
 * - examples/chatwoot-trigger-ai-agent.json (AI Agent, the Chatwoot node as its tool, the model sandbox
 *   standing in for the model) answers the customer in the conversation, once;
 * - examples/chatwoot-missed-webhook-sweep.json answers the messages no webhook delivered (2 minutes to
 *   24 hours old), and a second sweep sends nothing;
 * - no token, API key or webhook secret appears in n8n's output.
 *
 * Full suite on n8n 2.x only (N8N_TARGET=1 skips this file).
 */
const crypto = require('crypto');

const n8n = require('./n8n');
const { fullSuite, startChatwootE2E } = require('./chatwoot-e2e');
const { replyFor, finalAnswerFor } = require('../../sandbox/model');
const { exampleWorkflows } = require('../../scripts/start');

const { describeFull, n8nVersion } = fullSuite('chatwoot-trigger.e2e');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TRIGGER = 'Customer wrote';
const ECHO = 'example:chatwoot-trigger-echo';
const AGENT = 'example:chatwoot-trigger-ai-agent';
/** Long enough for an execution a webhook would start to show up in the list. */
const QUIET_MS = 3000;

describeFull(`Chatwoot Trigger in a running n8n ${n8nVersion}`, () => {
	let e2e;
	let server;
	let port;
	/** the imported examples by name, as n8n has them (ids, webhook ids) */
	const workflows = {};
	/** every webhook secret the sandbox handed out: none may show up in n8n's output */
	const secrets = new Set();

	const sandbox = () => e2e.sandbox;
	const urlOf = (name) => server.rest.productionWebhookUrl(workflows[name], TRIGGER);
	const webhooksTo = (url) => sandbox().state.webhooks.filter((w) => w.url === url);
	const deliveriesTo = (url) => sandbox().webhookDeliveries.filter((d) => d.url === url);
	const repliesIn = (conversationId) =>
		sandbox()
			.deliveries.filter((d) => d.conversation_id === conversationId)
			.map((d) => d.content);
	const rememberSecrets = () => {
		for (const w of sandbox().state.webhooks) if (w.secret) secrets.add(w.secret);
	};

	/** The contact of the conversation writes in; resolves once the sandbox's webhooks were answered. */
	async function customerWrites(conversationId, content) {
		const message = sandbox().customerWrites(conversationId, { content });
		await sandbox().webhooksSettled();
		return message;
	}

	async function publish(name) {
		await server.rest.activateWorkflow(e2e.workflowId(name));
		rememberSecrets();
	}

	beforeAll(async () => {
		e2e = await startChatwootE2E();
		// the seeded account webhook points at a host that does not exist here: remove it
		for (const w of sandbox().state.webhooks.slice()) {
			const res = await n8n.httpRequest(
				'DELETE',
				`${sandbox().url}/api/v1/accounts/${sandbox().accountId}/webhooks/${w.id}`,
				{ headers: { api_access_token: sandbox().userToken } },
			);
			if (res.status !== 200) throw new Error(`cannot delete seeded webhook ${w.id}: ${res.text}`);
		}
		await e2e.importExamples();
		for (const { file, workflow } of exampleWorkflows())
			workflows[`example:${file.replace(/\.json$/, '')}`] = workflow;
		port = await n8n.getFreePort();
		server = await e2e.startServer({ port });
	});

	afterAll(async () => {
		if (!e2e) return;
		const outbound = e2e.home.outboundAttempts();
		if (server) await server.stop();
		rememberSecrets();
		const leaked = e2e.leakedSecrets([...secrets]);
		await e2e.close();
		expect(outbound).toEqual([]);
		expect(secrets.size).toBeGreaterThan(0);
		expect(leaked).toEqual([]);
	});

	describe('examples/chatwoot-trigger-echo.json, published', () => {
		let url;
		let id;

		beforeAll(async () => {
			id = e2e.workflowId(ECHO);
			url = urlOf(ECHO);
			await publish(ECHO);
		});

		test('publishing registers exactly one account webhook in Chatwoot, at the URL n8n serves', () => {
			const hooks = webhooksTo(url);
			expect(hooks).toHaveLength(1);
			expect(hooks[0]).toMatchObject({
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[0-9a-f-]{36}\/webhook$/),
				subscriptions: ['message_created'],
				inbox_id: null,
			});
			expect(sandbox().state.webhooks).toHaveLength(1);
		});

		test('a customer writes three times: three replies in order; the replies start nothing (loop guard)', async () => {
			const conversationId = 1;
			const before = repliesIn(conversationId).length;
			const seqBefore = sandbox().webhookDeliveries.length;
			const texts = ['Hello', 'Is my order on its way?', 'Thanks!'];
			for (const text of texts) await customerWrites(conversationId, text);

			const executions = await server.rest.waitForExecutions(id, 3, { quietMs: QUIET_MS });
			await sandbox().webhooksSettled();
			expect(executions.map((e) => [e.mode, e.status])).toEqual([
				['webhook', 'success'],
				['webhook', 'success'],
				['webhook', 'success'],
			]);
			const added = repliesIn(conversationId).slice(before);
			expect(added.filter((c) => !c.startsWith('You said: '))).toEqual(texts);
			expect(added.filter((c) => c.startsWith('You said: '))).toEqual(
				texts.map((text) => `You said: ${text}`),
			);

			// Chatwoot sent n8n six webhooks: three customer messages and the three replies, all answered
			const sent = sandbox()
				.webhookDeliveries.slice(seqBefore)
				.filter((d) => d.url === url);
			const payloads = sent.map((d) => JSON.parse(d.body));
			expect(payloads.map((p) => [p.event, p.message_type, p.content])).toEqual(
				expect.arrayContaining([
					['message_created', 'incoming', 'Hello'],
					['message_created', 'outgoing', 'You said: Hello'],
					['message_created', 'incoming', 'Is my order on its way?'],
					['message_created', 'outgoing', 'You said: Is my order on its way?'],
					['message_created', 'incoming', 'Thanks!'],
					['message_created', 'outgoing', 'You said: Thanks!'],
				]),
			);
			expect(sent).toHaveLength(6);
			expect(sent.map((d) => [d.outcome, d.status, d.signed])).toEqual(
				Array(6).fill(['delivered', 200, true]),
			);
		});

		test('a forged signature is answered 401 and starts nothing', async () => {
			const executionsBefore = (await server.rest.executions(id)).length;
			const original = deliveriesTo(url).find(
				(d) => JSON.parse(d.body).message_type === 'incoming',
			);
			const timestamp = String(Math.floor(Date.now() / 1000));
			const forged = crypto
				.createHmac('sha256', 'not-the-webhook-secret')
				.update(`${timestamp}.${original.body}`)
				.digest('hex');
			const res = await n8n.httpRequest('POST', url, {
				body: original.body,
				headers: {
					'content-type': 'application/json',
					'x-chatwoot-signature': `sha256=${forged}`,
					'x-chatwoot-timestamp': timestamp,
					'x-chatwoot-delivery': crypto.randomUUID(),
				},
			});
			expect(res.status).toBe(401);
			await sleep(QUIET_MS);
			expect(await server.rest.executions(id)).toHaveLength(executionsBefore);
		});

		test('a delivery sent again (same id, same signature) is dropped: nothing starts', async () => {
			const executionsBefore = (await server.rest.executions(id)).length;
			const original = deliveriesTo(url).find(
				(d) => JSON.parse(d.body).message_type === 'incoming',
			);
			const headers = { ...original.headers };
			delete headers['content-length'];
			delete headers.host;
			const res = await n8n.httpRequest('POST', url, { body: original.body, headers });
			expect(res.status).toBeLessThan(300);
			await sleep(QUIET_MS);
			expect(await server.rest.executions(id)).toHaveLength(executionsBefore);
		});

		test('unpublishing deletes the webhook; publishing again twice leaves exactly one', async () => {
			await server.rest.deactivateWorkflow(id);
			expect(webhooksTo(url)).toEqual([]);
			await publish(ECHO);
			expect(webhooksTo(url)).toHaveLength(1);
			await server.rest.deactivateWorkflow(id);
			expect(webhooksTo(url)).toEqual([]);
			await publish(ECHO);
			expect(webhooksTo(url)).toHaveLength(1);
			expect(sandbox().state.webhooks).toHaveLength(1);
		});

		test('n8n killed while published and started again: still exactly one webhook, and it answers', async () => {
			const [registered] = webhooksTo(url);
			// a crash: SIGKILL, no shutdown at all (n8n then logs "Last session crashed" and waits 10 s at start-up)
			process.kill(-server.child.pid, 'SIGKILL');
			expect((await server.stop()).signal).toBe('SIGKILL');
			expect(webhooksTo(url)).toEqual([registered]);
			const t0 = Date.now();
			server = await e2e.startServer({ port });
			const startedMs = Date.now() - t0;
			await server.rest.waitForPublication(id, 'published');
			const publishedMs = Date.now() - t0;
			// n8n found its own webhook again: the same one, not a new one beside it
			expect(webhooksTo(url)).toEqual([registered]);
			rememberSecrets();

			const executionsBefore = (await server.rest.executions(id)).length;
			await customerWrites(2, 'Back again');
			const executions = await server.rest.waitForExecutions(id, executionsBefore + 1, {
				quietMs: QUIET_MS,
			});
			expect(executions).toHaveLength(executionsBefore + 1);
			expect(repliesIn(2).slice(-1)).toEqual(['You said: Back again']);
			// eslint-disable-next-line no-console
			console.log(
				`restart after a crash: n8n ready in ${startedMs} ms, workflow published after ${publishedMs} ms, ` +
					`answered after ${Date.now() - t0} ms`,
			);
			await server.rest.deactivateWorkflow(id);
			expect(webhooksTo(url)).toEqual([]);
		});
	});

	describe('examples/chatwoot-trigger-ai-agent.json with the model sandbox', () => {
		test('the agent answers the customer in the conversation through the Chatwoot tool, once', async () => {
			const id = e2e.workflowId(AGENT);
			const url = urlOf(AGENT);
			await publish(AGENT);
			expect(webhooksTo(url)).toHaveLength(1);
			e2e.model.reset();

			const question = 'Where is my order?';
			await customerWrites(4, question);
			const executions = await server.rest.waitForExecutions(id, 1, { quietMs: QUIET_MS });
			await sandbox().webhooksSettled();
			expect(executions.map((e) => e.status)).toEqual(['success']);
			expect(repliesIn(4).slice(-2)).toEqual([question, replyFor(question)]);

			// the model was asked twice: it called the tool, then gave its final text
			expect(e2e.model.completions().map((c) => [c.userText, c.tools, c.answer.kind])).toEqual([
				[question, ['Reply_in_Chatwoot'], 'tool_call'],
				[question, ['Reply_in_Chatwoot'], 'text'],
			]);
			const run = await server.rest.execution(executions[0].id);
			expect(run.data.resultData.runData['AI Agent']).toBeDefined();
			expect(JSON.stringify(run.data.resultData.runData['AI Agent'])).toContain(
				JSON.stringify(finalAnswerFor(replyFor(question))).slice(1, -1),
			);

			// the agent's reply came back as a webhook too, and started nothing
			expect(deliveriesTo(url).map((d) => JSON.parse(d.body).content)).toEqual([
				question,
				replyFor(question),
			]);
			await server.rest.deactivateWorkflow(id);
			expect(webhooksTo(url)).toEqual([]);
		});
	});
	describe('examples/chatwoot-missed-webhook-sweep.json (Schedule swapped for a manual trigger)', () => {
		test('answers the messages no webhook delivered, between 2 minutes and 24 hours old, once', async () => {
			// no trigger workflow is published now: these messages reach no n8n, like a lost delivery
			expect(sandbox().state.webhooks).toEqual([]);
			const minutesAgo = (message, minutes) => {
				const stored = sandbox().state.messages.get(message.id);
				stored.created_at = Math.floor(Date.now() / 1000) - minutes * 60;
			};
			minutesAgo(await customerWrites(5, 'Missed while n8n restarted'), 10);
			minutesAgo(await customerWrites(6, 'Also missed'), 30);
			minutesAgo(await customerWrites(7, 'Written just now'), 0.5);
			minutesAgo(await customerWrites(9, 'Written two days ago'), 2 * 24 * 60);

			const first = await e2e.execute('example:chatwoot-missed-webhook-sweep', { reset: false });
			expect(first.ok).toBe(true);
			const sent = (res) =>
				res.requests
					.filter((r) => r.method === 'POST')
					.map((r) => [r.path, r.status, r.body.content])
					.sort((a, b) => a[0].localeCompare(b[0]));
			expect(sent(first)).toEqual([
				[
					'/api/v1/accounts/1/conversations/5/messages',
					200,
					'You said: Missed while n8n restarted',
				],
				['/api/v1/accounts/1/conversations/6/messages', 200, 'You said: Also missed'],
			]);
			expect(first.violations).toEqual([]);

			// the next sweep finds nothing: both conversations end with the answer now
			const second = await e2e.execute('example:chatwoot-missed-webhook-sweep', { reset: false });
			expect(second.ok).toBe(true);
			expect(sent(second)).toEqual([]);
		});
	});
});
