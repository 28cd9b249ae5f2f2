'use strict';
/**
 * Kapso WhatsApp → Message → Send and Wait for Reply in a running n8n (`n8n start`), against the
 * Kapso sandbox in this jest process, which plays the customer:
 *
 * - a Webhook-started workflow sends Yes/No reply buttons and waits: the execution is listed as
 *   waiting and the sandbox holds one webhook of ours for the number; a message from another
 *   customer leaves it waiting; the customer taps a button; the execution finishes with that
 *   choice and the webhook is gone;
 * - a short time limit: the execution goes on with timedOut: true, and the wait watcher removed
 *   the webhook before that (no later run needed);
 * - a waiting execution cancelled through n8n's REST API: the webhook is gone within seconds.
 *
 * n8n 2.x only (the Chatwoot Send and Wait file covers the restart and ten waits at once).
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const { startSandbox } = require('../../sandbox/kapso');

const { n8nVersion } = n8n.resolveTarget('2');
const PHONE_NUMBER_ID = '100000000000001';
const CUSTOMER = '15551230001';
const CREDENTIAL = Object.freeze({ id: 'KapsoSandbox1', name: 'Kapso sandbox', type: 'kapsoApi' });
const OURS = 'X-N8n-Send-And-Wait';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** n8n's execution data is stored "flatted"; the REST API hands it out as that string. */
const unflatten = (text) =>
	require(path.join(n8n.resolveTarget('2').appDir, 'node_modules', 'flatted')).parse(text);

function workflow() {
	return {
		name: 'E2E: Kapso, ask Yes/No and wait for the reply',
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'Ask',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e2e-kapso-send-and-wait',
				parameters: { httpMethod: 'POST', path: 'ask', responseMode: 'onReceived', options: {} },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Confirm order',
				type: 'n8n-nodes-chatwoot-kapso.kapsoWhatsApp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'message',
					operation: 'sendAndWaitForReply',
					phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
					recipientType: 'phone',
					recipientPhone: CUSTOMER,
					messageType: 'buttons',
					bodyText: '=Is order {{ $json.body.order }} correct?',
					replyButtons: {
						button: [
							{ title: 'Yes', id: 'yes' },
							{ title: 'No', id: 'no' },
						],
					},
					responseKind: 'choice',
					otherReply: 'reAsk',
					reAskText: 'Please tap Yes or No.',
					limitType: 'afterTimeInterval',
					resumeAmount: '={{ $json.body.seconds ?? 3600 }}',
					resumeUnit: 'seconds',
					options: { checkWindow: false },
				},
				credentials: { kapsoApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: { Ask: { main: [[{ node: 'Confirm order', type: 'main', index: 0 }]] } },
	};
}

describe(`Kapso Send and Wait for Reply in a running n8n ${n8nVersion}`, () => {
	let sandbox;
	let tarball;
	let home;
	let server;
	let workflowId;

	const ourWebhooks = async () => {
		const res = await n8n.httpRequest(
			'GET',
			`${sandbox.url}/platform/v1/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
			{ headers: { 'x-api-key': sandbox.apiKey } },
		);
		return res.json.data.filter((w) => w.headers && w.headers[OURS]);
	};
	const executions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await server.rest.request(
			'GET',
			`/rest/executions?filter=${filter}&limit=100`,
			undefined,
			{ expect: 200 },
		);
		return res.json.data.results;
	};
	const execution = async (id) =>
		(await server.rest.request('GET', `/rest/executions/${id}`, undefined, { expect: 200 })).json
			.data;
	const outputOf = async (id) => {
		const data = unflatten((await execution(id)).data);
		return data.resultData.runData['Confirm order'].at(-1).data.main[0].map((item) => item.json);
	};
	const until = async (what, check, timeoutMs = 30000) => {
		const t0 = Date.now();
		for (;;) {
			const value = await check();
			if (value) return value;
			if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
			await sleep(300);
		}
	};
	/** Starts one execution; resolves with its id once n8n lists it as waiting. */
	const ask = async (order, extra = {}) => {
		const before = new Set((await executions()).map((e) => e.id));
		const res = await server.rest.webhook('ask', { body: { order, ...extra } });
		expect(res.status).toBe(200);
		const started = await until(`an execution for order ${order}`, async () =>
			(await executions()).find((e) => !before.has(e.id) && e.status === 'waiting'),
		);
		return started.id;
	};
	const finished = (id) =>
		until(
			`execution ${id} to finish`,
			async () => {
				const e = await execution(id);
				return ['waiting', 'running', 'new'].includes(e.status) ? undefined : e;
			},
			120000,
		);
	const tap = (id, title) =>
		sandbox.customerWrites({
			phone_number_id: PHONE_NUMBER_ID,
			from: CUSTOMER,
			type: 'button_reply',
			reply: { id, title },
		});

	beforeAll(async () => {
		sandbox = await startSandbox({ quiet: true, webhookRetryDelaysMs: [300, 300, 300] });
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		home = await n8n.createN8nHome({
			target: '2',
			packages: [tarball],
			env: { N8N_SSRF_PROTECTION_ENABLED: 'false' },
		});
		await home.importCredentials([
			{
				...CREDENTIAL,
				data: {
					apiKey: sandbox.apiKey,
					baseUrl: sandbox.url,
					legacyBaseUrl: `${sandbox.url}/api/v1`,
				},
			},
		]);
		server = await home.start({ port: await n8n.getFreePort() });
		await server.rest.ensureOwner();
		workflowId = (await server.rest.createWorkflow(workflow())).id;
		await server.rest.activateWorkflow(workflowId);
	});

	afterAll(async () => {
		const outbound = home ? home.outboundAttempts() : [];
		if (server) await server.stop().catch(() => undefined);
		const logs = server ? server.logs() : '';
		if (sandbox) await sandbox.close().catch(() => undefined);
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (home) await home.cleanup();
		expect(outbound).toEqual([]);
		expect(logs).not.toContain(sandbox.apiKey);
	});

	test('sends Yes/No buttons, waits (listed as waiting), resumes with the button the customer taps', async () => {
		const id = await ask('#1001');
		const hooks = await ourWebhooks();
		expect(hooks).toEqual([
			expect.objectContaining({
				events: ['whatsapp.message.received'],
				kind: 'kapso',
				payload_version: 'v2',
				secret_key: expect.stringMatching(/^[0-9a-f]{64}$/),
			}),
		]);
		expect(hooks[0].url).toContain(`/webhook-waiting/${id}`);
		expect(sandbox.messages('outbound').at(-1)).toMatchObject({ type: 'interactive' });

		// Another customer of the number writes: answered, the execution keeps waiting.
		sandbox.customerWrites({ phone_number_id: PHONE_NUMBER_ID, from: '15551230002', text: 'Yes' });
		await sandbox.webhooksSettled({ timeoutMs: 20000 });
		expect((await execution(id)).status).toBe('waiting');

		tap('no', 'No');
		expect((await finished(id)).status).toBe('success');
		expect(await outputOf(id)).toEqual([
			expect.objectContaining({
				timedOut: false,
				responseKind: 'choice',
				recipient: CUSTOMER,
				text: 'No',
				option: { id: 'no', title: 'No' },
				reAsked: false,
				sent: expect.objectContaining({ messageId: expect.stringMatching(/^wamid\./) }),
			}),
		]);
		await sandbox.webhooksSettled({ timeoutMs: 20000 });
		expect(sandbox.webhookDeliveries.every((d) => d.state === 'delivered')).toBe(true);
		expect(await ourWebhooks()).toEqual([]);
		expect(server.logs()).not.toContain(hooks[0].secret_key);
	});

	test('time limit: goes on with timedOut: true, and its webhook is gone by then', async () => {
		const id = await ask('#1002', { seconds: 3 });
		expect(await ourWebhooks()).toHaveLength(1);
		expect((await finished(id)).status).toBe('success');
		expect(await outputOf(id)).toEqual([
			expect.objectContaining({ timedOut: true, text: null, option: null, reply: null }),
		]);
		// n8n runs no node code at a timeout: the wait watcher deleted the webhook at the deadline,
		// before n8n's own limit (5 s later) resumed the execution. No later run is needed.
		expect(await ourWebhooks()).toEqual([]);
	}, 120000);

	test('a cancelled waiting execution leaves no webhook of ours within seconds', async () => {
		const id = await ask('#1003');
		expect(await ourWebhooks()).toHaveLength(1);
		const stoppedAt = Date.now();
		await server.rest.stopExecution(id);
		expect((await execution(id)).status).toBe('canceled');
		// n8n runs nothing of the node on a cancel: the watcher's probe learns it (409) and deletes.
		await until('the webhook of the cancelled wait to go', async () =>
			(await ourWebhooks()).length === 0 ? true : undefined,
		);
		expect(Date.now() - stoppedAt).toBeLessThan(15000);
	});
});
