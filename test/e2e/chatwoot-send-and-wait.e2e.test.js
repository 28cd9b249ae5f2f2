'use strict';
/**
 * Message → Send and Wait for Reply in a running n8n (`n8n start`), against the Chatwoot sandbox in
 * this jest process, which plays the customer:
 *
 * - a Webhook-started workflow sends Yes/No options and waits: the execution is listed as waiting,
 *   the sandbox holds one webhook of ours; the customer picks an option; the execution finishes
 *   with that choice and the webhook is gone;
 * - ten executions waiting on ten conversations, answered in random order: each resumes
 *   with its own reply;
 * - n8n restarted while an execution waits: the reply after the restart still resumes it;
 * - a short time limit: the execution goes on with timedOut: true, and the wait watcher removed
 *   the webhook before that (no later run needed);
 * - a waiting execution cancelled through n8n's REST API: the webhook is gone within seconds.
 *
 * Full suite on n8n 2.x only (N8N_TARGET=1 skips this file).
 */
const n8n = require('./n8n');
const { fullSuite, startChatwootE2E } = require('./chatwoot-e2e');
const { activeWorkflowRuns, askWebhookNode, cancelWaiting, until } = require('./send-and-wait-e2e');

const { describeFull, n8nVersion } = fullSuite('chatwoot-send-and-wait.e2e');

const NODE = 'Confirm order';
const OURS = /^n8n Send and Wait for Reply · /;

function workflow() {
	return {
		name: 'E2E: ask Yes/No and wait for the reply',
		nodes: [
			askWebhookNode({
				id: 'a0000000-0000-4000-8000-000000000001',
				webhookId: 'e2e-send-and-wait',
			}),
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: NODE,
				type: 'n8n-nodes-chatwoot-kapso.chatwoot',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'message',
					operation: 'sendAndWaitForReply',
					conversationId: { __rl: true, mode: 'id', value: '={{ $json.body.conversationId }}' },
					contentType: 'input_select',
					content: '=Is order {{ $json.body.order }} correct?',
					selectOptions: {
						option: [
							{ title: 'Yes', value: 'yes' },
							{ title: 'No', value: 'no' },
						],
					},
					responseKind: 'choice',
					otherReply: 'reAsk',
					reAskText: 'Please answer Yes or No.',
					limitType: 'afterTimeInterval',
					resumeAmount: '={{ $json.body.seconds ?? 3600 }}',
					resumeUnit: 'seconds',
					options: { checkReplyWindow: false },
				},
				credentials: {
					chatwootAccessTokenApi: { id: 'ChatwootSandbox1', name: 'Chatwoot sandbox' },
				},
			},
		],
		connections: { Ask: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
	};
}

describeFull(`Send and Wait for Reply in a running n8n ${n8nVersion}`, () => {
	let e2e;
	let server;
	let runs;

	const api = async (method, apiPath, body) => {
		const res = await n8n.httpRequest(method, `${e2e.sandbox.url}/api/v1/accounts/1/${apiPath}`, {
			headers: { api_access_token: e2e.sandbox.userToken },
			body,
		});
		if (res.status >= 300) throw new Error(`${method} ${apiPath}: ${res.status} ${res.text}`);
		return res.json;
	};
	const ourWebhooks = async () =>
		(await api('GET', 'webhooks')).payload.webhooks.filter((w) => OURS.test(w.name ?? ''));

	/** Starts one execution for a conversation; resolves with its id once n8n lists it as waiting. */
	const ask = (conversationId, extra = {}) =>
		runs.startWaiting('ask', { conversationId, order: `#${1000 + conversationId}`, ...extra });
	/** The options message our node sent to a conversation (the last input_select there). */
	const askedMessage = async (conversationId) => {
		const messages = (await api('GET', `conversations/${conversationId}/messages`)).payload;
		return messages.filter((m) => m.content_type === 'input_select').at(-1);
	};

	beforeAll(async () => {
		e2e = await startChatwootE2E();
		server = await e2e.startServer();
		runs = await activeWorkflowRuns(() => server, workflow());
	});

	afterAll(async () => {
		if (!e2e) return;
		const outbound = e2e.home.outboundAttempts();
		const leaked = e2e.leakedSecrets();
		await e2e.close();
		expect(outbound).toEqual([]);
		expect(leaked).toEqual([]);
	});

	test('sends Yes/No, waits (listed as waiting), resumes with the option the customer picks', async () => {
		const id = await ask(4);
		expect((await runs.list()).find((e) => e.id === id).status).toBe('waiting');
		const hooks = await ourWebhooks();
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toMatchObject({ subscriptions: ['message_created'], inbox: { id: 1 } });
		expect(hooks[0].url).toContain(`/webhook-waiting/${id}`);
		// The wait watcher's probe, as n8n answers it: the node's probe webhook says "still waiting".
		const probeUrl = hooks[0].url.replace(`/${id}?`, `/${id}/send-and-wait-probe?`);
		const probe = (webhookId) =>
			n8n.httpRequest('POST', probeUrl, { body: { n8nSendAndWaitProbe: String(webhookId) } });
		expect(await probe(hooks[0].id)).toMatchObject({
			status: 200,
			json: { probe: true, waiting: true, resumed: false },
		});

		// Messages that are not the awaited reply leave it waiting: another conversation, a note.
		e2e.sandbox.customerWrites(5, { content: 'Yes' });
		await api('POST', 'conversations/4/messages', {
			content: 'Internal: check stock',
			private: true,
		});
		await e2e.sandbox.webhooksSettled();
		expect((await runs.get(id)).status).toBe('waiting');

		const sent = await askedMessage(4);
		expect(sent.content).toBe('Is order #1004 correct?');
		e2e.sandbox.customerWrites(4, { selectOption: { messageId: sent.id, value: 'no' } });
		expect((await runs.finished(id)).status).toBe('success');
		expect(await runs.outputOf(id, NODE)).toEqual([
			expect.objectContaining({
				timedOut: false,
				responseKind: 'choice',
				conversationId: 4,
				text: 'No',
				option: { id: 'no', title: 'No' },
				reAsked: false,
				sent: expect.objectContaining({ id: sent.id }),
			}),
		]);
		expect(await ourWebhooks()).toEqual([]);
		// …and once the execution finished, n8n itself: 409, which ends a watcher.
		expect(await probe(hooks[0].id)).toMatchObject({
			status: 409,
			json: { message: `The execution "${id} has finished already.` },
		});
	});

	test('ten executions on ten conversations, answered in random order: each gets its own reply', async () => {
		const conversations = [5, 9, 11, 12, 13, 19, 21, 22, 23, 24];
		const ids = {};
		for (const c of conversations) ids[c] = await ask(c);
		expect(await ourWebhooks()).toHaveLength(conversations.length);
		const order = [...conversations].sort(() => Math.random() - 0.5);
		// Every waiting execution of the inbox gets every message of it (Chatwoot filters webhooks by
		// inbox only): one reply after the other, as customers write, each fanned out to all waits.
		for (const c of order) {
			const sent = await askedMessage(c);
			e2e.sandbox.customerWrites(c, {
				selectOption: { messageId: sent.id, value: c % 2 ? 'yes' : 'no' },
			});
			await e2e.sandbox.webhooksSettled();
		}
		for (const c of conversations) {
			expect((await runs.finished(ids[c])).status).toBe('success');
			expect(await runs.outputOf(ids[c], NODE)).toEqual([
				expect.objectContaining({
					conversationId: c,
					option: c % 2 ? { id: 'yes', title: 'Yes' } : { id: 'no', title: 'No' },
					sent: expect.objectContaining({ content: `Is order #${1000 + c} correct?` }),
				}),
			]);
		}
		expect(await ourWebhooks()).toEqual([]);
	});

	test('a reply that is no option is asked once more; the reply after it resumes', async () => {
		const id = await ask(14);
		e2e.sandbox.customerWrites(14, { content: 'What do you mean?' });
		await e2e.sandbox.webhooksSettled();
		await until(
			'the re-ask',
			async () => (await askedMessage(14))?.content === 'Please answer Yes or No.',
		);
		expect((await runs.get(id)).status).toBe('waiting');
		e2e.sandbox.customerWrites(14, { content: 'yes' });
		expect((await runs.finished(id)).status).toBe('success');
		expect(await runs.outputOf(id, NODE)).toEqual([
			expect.objectContaining({ option: { id: 'yes', title: 'Yes' }, reAsked: true }),
		]);
		expect(await ourWebhooks()).toEqual([]);
	});

	test('n8n restarted while the execution waits: the reply after the restart resumes it', async () => {
		const id = await ask(16);
		const port = server.port;
		await server.stop();
		server = await e2e.startServer({ port });
		expect((await runs.get(id)).status).toBe('waiting');
		const sent = await askedMessage(16);
		e2e.sandbox.customerWrites(16, { selectOption: { messageId: sent.id, value: 'yes' } });
		expect((await runs.finished(id)).status).toBe('success');
		expect(await runs.outputOf(id, NODE)).toEqual([
			expect.objectContaining({ conversationId: 16, option: { id: 'yes', title: 'Yes' } }),
		]);
		expect(await ourWebhooks()).toEqual([]);
	});

	test('time limit: goes on with timedOut: true, and its webhook is gone by then', async () => {
		const id = await ask(17, { seconds: 3 });
		expect(await ourWebhooks()).toHaveLength(1);
		const finishedRun = await runs.finished(id);
		expect(finishedRun.status).toBe('success');
		const [item] = await runs.outputOf(id, NODE);
		expect(item).toEqual(
			expect.objectContaining({ timedOut: true, conversationId: 17, text: null, option: null }),
		);
		// n8n runs no node code at a timeout: the wait watcher deleted the webhook at the deadline,
		// before n8n's own limit (5 s later) resumed the execution. No later run is needed.
		expect(await ourWebhooks()).toEqual([]);
		expect(Date.parse(item.waiting.until)).toBeLessThan(Date.parse(finishedRun.stoppedAt));
	});

	test('a cancelled waiting execution leaves no webhook of ours within seconds', async () => {
		const id = await ask(18);
		expect(await ourWebhooks()).toHaveLength(1);
		// n8n runs nothing of the node on a cancel: the watcher's probe learns it (409) and deletes.
		const cancelled = await cancelWaiting(server, runs, id, ourWebhooks);
		expect(cancelled.status).toBe('canceled');
		expect(cancelled.msUntilNoWebhook).toBeLessThan(15000);
	});
});
