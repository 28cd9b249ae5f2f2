'use strict';
/**
 * What the Send and Wait for Reply end-to-end files share: a Kapso home (the Kapso sandbox in this
 * jest process, the packed package, its credential) and a reader of one workflow's executions in a
 * running n8n (listed as waiting, finished, what a node handed on), the pieces of their workflows
(askWebhookNode, kapsoSendAndWaitNode, kapsoYesNoWorkflow) and cancelWaiting (a wait stopped
through n8n's REST API, timed until its webhook is gone).
 *
 *   const kapso = await startKapsoE2E();                    // or addKapso(home) in another home
 *   const server = await kapso.startServer();              // again with { port } after a stop
 *   const runs = await activeWorkflowRuns(() => server, workflow); // or executionsOf(() => server, id)
 *   const id = await runs.startWaiting('ask', { recipient }); // POST /webhook/ask, then listed as waiting
 *   await runs.finished(id); await runs.outputOf(id, 'Confirm order');
 *   await kapso.ourWebhooks();                              // our reply webhooks still in the sandbox
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const { startSandbox } = require('../../sandbox/kapso');

const KAPSO_PHONE_NUMBER_ID = '100000000000001';
const KAPSO_CREDENTIAL = Object.freeze({
	id: 'KapsoSandbox1',
	name: 'Kapso sandbox',
	type: 'kapsoApi',
});
/** The header every reply webhook of ours carries (nodes/KapsoWhatsApp/…/sendAndWait.registration.ts). */
const KAPSO_WAIT_HEADER = 'X-N8n-Send-And-Wait';
/** Statuses of an execution that has not finished yet. */
const UNFINISHED = ['new', 'running', 'waiting'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy, and returns that. */
async function until(what, check, timeoutMs = 30000) {
	const t0 = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await sleep(300);
	}
}

/** n8n's execution data is stored "flatted"; the REST API hands it out as that string. */
function unflatten(text) {
	const { appDir } = n8n.resolveTarget('2');
	return require(path.join(appDir, 'node_modules', 'flatted')).parse(text);
}

/**
 * One workflow's executions in a running n8n. `getServer` returns the server of the moment, so a
 * test that restarts n8n keeps the same reader.
 */
function executionsOf(getServer, workflowId) {
	const rest = (apiPath) => getServer().rest.request('GET', apiPath, undefined, { expect: 200 });
	const runs = {
		/** The workflow's executions, newest first, as n8n lists them. */
		async list() {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await rest(`/rest/executions?filter=${filter}&limit=100`)).json.data.results;
		},
		/** One execution, its data still flatted. */
		async get(id) {
			return (await rest(`/rest/executions/${id}`)).json.data;
		},
		/** The run data of a finished execution, decoded. */
		async data(id) {
			return unflatten((await runs.get(id)).data);
		},
		/** The json of the items a node handed on in its last run. */
		async outputOf(id, node) {
			const { resultData } = await runs.data(id);
			return resultData.runData[node].at(-1).data.main[0].map((item) => item.json);
		},
		/** POSTs `body` to a Webhook node's path; resolves with the new execution once it is waiting. */
		async startWaiting(webhookPath, body) {
			const before = new Set((await runs.list()).map((e) => e.id));
			const res = await getServer().rest.webhook(webhookPath, { body });
			if (res.status !== 200)
				throw new Error(`POST /webhook/${webhookPath}: ${res.status} ${res.text}`);
			const started = await until(`a waiting execution for ${JSON.stringify(body)}`, async () =>
				(await runs.list()).find((e) => !before.has(e.id) && e.status === 'waiting'),
			);
			return started.id;
		},
		/** Resolves with the execution once it is no longer new, running or waiting. */
		finished(id, timeoutMs = 120000) {
			return until(
				`execution ${id} to finish`,
				async () => {
					const execution = await runs.get(id);
					return UNFINISHED.includes(execution.status) ? undefined : execution;
				},
				timeoutMs,
			);
		},
	};
	return runs;
}

/**
 * Creates and activates `workflow` in the server of the moment; resolves with the reader of its
 * executions (see executionsOf).
 */
async function activeWorkflowRuns(getServer, workflow) {
	const { id } = await getServer().rest.createWorkflow(workflow);
	await getServer().rest.activateWorkflow(id);
	return executionsOf(getServer, id);
}

/** The Webhook node "Ask" that starts a Send and Wait workflow: POST /webhook/ask. */
const askWebhookNode = ({ id, webhookId }) => ({
	id,
	name: 'Ask',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId,
	parameters: { httpMethod: 'POST', path: 'ask', responseMode: 'onReceived', options: {} },
});

/**
 * Kapso WhatsApp → Send and Wait for Reply to `recipientPhone` from the sandbox's number;
 * `parameters` add the message, the kind of reply and the wait.
 */
const kapsoSendAndWaitNode = ({ name, credential, recipientPhone, parameters }) => ({
	name,
	type: 'n8n-nodes-chatwoot-kapso.kapsoWhatsApp',
	typeVersion: 1,
	position: [220, 0],
	parameters: {
		resource: 'message',
		operation: 'sendAndWaitForReply',
		phoneNumberId: { __rl: true, mode: 'id', value: KAPSO_PHONE_NUMBER_ID },
		recipientType: 'phone',
		recipientPhone,
		...parameters,
	},
	credentials: { kapsoApi: credential },
});

/**
 * Webhook (POST /webhook/ask: `{order, …}`) → Kapso WhatsApp Send and Wait for Reply: Yes/No reply
 * buttons on the sandbox's number, Choice, one re-ask. The recipient and the wait come from `options`.
 */
function kapsoYesNoWorkflow({ name, node, credential, recipientPhone, resumeAmount, resumeUnit }) {
	return {
		name,
		nodes: [
			askWebhookNode({
				id: 'c0000000-0000-4000-8000-000000000001',
				webhookId: 'e2e-kapso-ask-yes-no',
			}),
			{
				id: 'c0000000-0000-4000-8000-000000000002',
				...kapsoSendAndWaitNode({
					name: node,
					credential,
					recipientPhone,
					parameters: {
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
						resumeAmount,
						resumeUnit,
						options: { checkWindow: false },
					},
				}),
			},
		],
		connections: { Ask: { main: [[{ node, type: 'main', index: 0 }]] } },
	};
}

/**
 * Stops a waiting execution through n8n's REST API. Resolves with its status right after, and how
 * many ms passed until `ourWebhooks()` (the service's webhooks of ours) was empty.
 */
async function cancelWaiting(server, runs, id, ourWebhooks) {
	const stoppedAt = Date.now();
	await server.rest.stopExecution(id);
	const { status } = await runs.get(id);
	await until('the webhook of the cancelled wait to go', async () =>
		(await ourWebhooks()).length === 0 ? true : undefined,
	);
	return { status, msUntilNoWebhook: Date.now() - stoppedAt };
}

/**
 * The Kapso sandbox in this process (short webhook retries) and the `Kapso sandbox` credential in
 * an n8n home (imported before `n8n start`). close() stops the sandbox.
 */
async function addKapso(home) {
	const sandbox = await startSandbox({ quiet: true, webhookRetryDelaysMs: [300, 300, 300] });
	await home.importCredentials([
		{
			...KAPSO_CREDENTIAL,
			data: {
				apiKey: sandbox.apiKey,
				baseUrl: sandbox.url,
				legacyBaseUrl: `${sandbox.url}/api/v1`,
			},
		},
	]);
	return {
		sandbox,
		credential: { id: KAPSO_CREDENTIAL.id, name: KAPSO_CREDENTIAL.name },
		/** The webhooks of ours the sandbox holds for a number. */
		async ourWebhooks(phoneNumberId = KAPSO_PHONE_NUMBER_ID) {
			const res = await n8n.httpRequest(
				'GET',
				`${sandbox.url}/platform/v1/whatsapp/phone_numbers/${phoneNumberId}/webhooks`,
				{ headers: { 'x-api-key': sandbox.apiKey } },
			);
			return res.json.data.filter((w) => w.headers && w.headers[KAPSO_WAIT_HEADER]);
		},
		close: () => sandbox.close().catch(() => undefined),
	};
}

/**
 * The packed package in a fresh n8n 2.x home with Kapso added (see addKapso). close() stops every
 * server, the sandbox and removes the home; it returns what must be empty: outbound connections
 * and whether the API key showed up in n8n's logs.
 */
async function startKapsoE2E() {
	const tarball = await n8n.packPackage(n8n.REPO_ROOT);
	const home = await n8n.createN8nHome({
		target: '2',
		packages: [tarball],
		env: { N8N_SSRF_PROTECTION_ENABLED: 'false' },
	});
	const kapso = await addKapso(home);
	const servers = [];
	return {
		...kapso,
		home,
		/** `n8n start` (a free port unless given), logged in as the owner. @param {{ port?: number }} [options] */
		async startServer({ port } = {}) {
			const server = await home.start({ port: port ?? (await n8n.getFreePort()) });
			servers.push(server);
			await server.rest.ensureOwner();
			return server;
		},
		async close() {
			const outbound = home.outboundAttempts();
			for (const server of servers) await server.stop().catch(() => undefined);
			const logs = servers.map((server) => server.logs()).join('\n');
			await kapso.close();
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
			await home.cleanup();
			return { outbound, keyInLogs: logs.includes(kapso.sandbox.apiKey) };
		},
	};
}

/**
 * The afterAll of a file on startKapsoE2E: closes it (nothing when it never started), then checks
 * that n8n connected to nothing but the sandbox and never logged the API key.
 */
async function closeKapsoE2E(kapso) {
	if (!kapso) return;
	const { outbound, keyInLogs } = await kapso.close();
	expect(outbound).toEqual([]);
	expect(keyInLogs).toBe(false);
}

module.exports = {
	activeWorkflowRuns,
	addKapso,
	askWebhookNode,
	cancelWaiting,
	closeKapsoE2E,
	executionsOf,
	kapsoSendAndWaitNode,
	kapsoYesNoWorkflow,
	startKapsoE2E,
	sleep,
	until,
	unflatten,
	KAPSO_PHONE_NUMBER_ID,
	KAPSO_WAIT_HEADER,
};
