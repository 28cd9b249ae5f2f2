'use strict';
/**
 * Shared setup for the Chatwoot end-to-end tests: the Chatwoot sandbox and the model sandbox (a stand-in
 * OpenAI-compatible chat model) in this (jest) process on free 127.0.0.1 ports, this repo's packed
 * package installed in a fresh n8n home, the sandbox credentials imported under the ids the fixtures in
 * ./workflows and the examples reference, and every byte n8n prints collected so a test can prove no
 * access token or API key ever shows up in it.
 *
 *   const e2e = await startChatwootE2E();
 *   await e2e.importWorkflows(['message-text', 'message-cards']);   // one `n8n import:workflow`
 *   const res = await e2e.execute('message-text');                   // sandbox reset, then `n8n execute --id`
 *   res.json('Send text'); res.requests; res.violations; res.deliveries
 *   e2e.leakedSecrets();   // [] unless a token appears in n8n's output or log files
 *   await e2e.close();
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const { startSandbox, USER_TOKEN, BOT_TOKEN } = require('../../sandbox/chatwoot');
const { startModel, API_KEY: MODEL_API_KEY } = require('../../sandbox/model');
const { exampleWorkflows, MODEL_CREDENTIAL } = require('../../scripts/start');

const TARGET = process.env.N8N_TARGET || '2';
const WORKFLOWS_DIR = path.join(__dirname, 'workflows');
/** What every fixture's Chatwoot node references (credentials.chatwootAccessTokenApi). */
const CREDENTIAL = Object.freeze({
	id: 'ChatwootSandbox1',
	name: 'Chatwoot sandbox',
	type: 'chatwootAccessTokenApi',
});
/** A token the sandbox does not know: used by the credential test, must not leak either. */
const INVALID_TOKEN = 'e2e-invalid-token-9f3c1a';
const SECRETS = [USER_TOKEN, BOT_TOKEN, INVALID_TOKEN, MODEL_API_KEY];

/**
 * n8n 2.x has SSRF protection for node HTTP requests; it is off by default in 2.40, and its default block
 * list contains 127.0.0.0/8, where the sandbox listens. Set it off explicitly so a changed default cannot
 * turn every test into "blocked" errors.
 */
const N8N_ENV = Object.freeze({ N8N_SSRF_PROTECTION_ENABLED: 'false' });

function loadWorkflow(name) {
	return JSON.parse(
		fs.readFileSync(path.join(WORKFLOWS_DIR, `${name.replace(/\.json$/, '')}.json`), 'utf8'),
	);
}

/** The request as the tests compare it: method, path, status and body (without the recorded headers). */
function requestSummary(r) {
	return {
		method: r.method,
		path: r.path,
		status: r.status,
		body: r.body,
		query: r.query,
		tokenKind: r.tokenKind,
	};
}

async function startChatwootE2E({ target = TARGET, sandboxOptions = {} } = {}) {
	const sandbox = await startSandbox({ quiet: true, ...sandboxOptions });
	const model = await startModel();
	let tarball;
	let home;
	try {
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		home = await n8n.createN8nHome({ target, packages: [tarball], env: { ...N8N_ENV } });
	} catch (e) {
		await sandbox.close();
		await model.close();
		throw e;
	}

	// everything any n8n CLI process printed (servers write to <userFolder>/logs/, scanned at the end)
	const outputs = [];
	const run = home.run;
	home.run = async (...args) => {
		const res = await run(...args);
		outputs.push(res.stdout, res.stderr);
		return res;
	};

	await home.importCredentials([
		{
			...CREDENTIAL,
			data: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: sandbox.accountId },
		},
		{ ...MODEL_CREDENTIAL, data: { apiKey: model.apiKey, url: model.url } },
	]);

	const ids = {};
	const servers = [];
	const e2e = {
		target,
		sandbox,
		model,
		home,
		tarball,
		credential: CREDENTIAL,

		/** Import fixtures from ./workflows by file name (without .json), all in one n8n run. */
		async importWorkflows(names) {
			const workflows = names.map(loadWorkflow);
			await home.importWorkflows(workflows);
			workflows.forEach((wf, i) => (ids[names[i]] = wf.id));
			return workflows.map((wf) => wf.id);
		},

		/**
		 * Import examples/*.json the way `npm start` does (scripts/start.js: stable ids, the Chatwoot credential
		 * pointed at the sandbox one). Registered as `example:<file name without .json>`.
		 */
		async importExamples() {
			const examples = exampleWorkflows(CREDENTIAL);
			// `n8n execute` only starts from a manual trigger ("Missing node to start execution"); in the editor,
			// Execute workflow runs a Schedule Trigger once. Same node name, so the connections stay.
			for (const { workflow } of examples) {
				for (const node of workflow.nodes) {
					if (node.type === 'n8n-nodes-base.scheduleTrigger')
						Object.assign(node, {
							type: 'n8n-nodes-base.manualTrigger',
							typeVersion: 1,
							parameters: {},
						});
				}
			}
			await home.importWorkflows(examples.map((e) => e.workflow));
			for (const e of examples) ids[`example:${e.file.replace(/\.json$/, '')}`] = e.workflow.id;
			return examples.map((e) => e.file);
		},

		workflowId(name) {
			if (!ids[name]) throw new Error(`workflow "${name}" was not imported`);
			return ids[name];
		},

		/**
		 * `n8n execute --id` of an imported fixture. The sandbox is reset first (seed data, empty request log)
		 * unless {reset: false}; the result also carries what the sandbox saw during the run.
		 */
		async execute(name, { reset = true } = {}) {
			if (reset) sandbox.reset();
			const seqBefore = sandbox.requests.length
				? sandbox.requests[sandbox.requests.length - 1].seq
				: 0;
			const res = await home.execute(e2e.workflowId(name));
			res.requests = sandbox.requests.filter((r) => r.seq > seqBefore);
			res.violations = sandbox.violations.filter((v) => v.seq > seqBefore);
			res.deliveries = sandbox.deliveries.slice();
			return res;
		},

		/** `n8n start` on a free port with the same home; logged in as the owner; stopped by close(). */
		async startServer(options = {}) {
			const server = await home.start({ port: await n8n.getFreePort(), ...options });
			servers.push(server);
			await server.rest.ensureOwner();
			return server;
		},

		/** All n8n output so far: CLI stdout/stderr and the server log files. */
		collectedOutput() {
			const logsDir = path.join(home.userFolder, 'logs');
			const logFiles = fs.existsSync(logsDir)
				? fs
						.readdirSync(logsDir)
						.filter((f) => f.endsWith('.log'))
						.map((f) => fs.readFileSync(path.join(logsDir, f), 'utf8'))
				: [];
			return [...outputs, ...servers.map((s) => s.logs()), ...logFiles].join('\n');
		},

		/** The secrets (tokens, API key, and `extra`: webhook secrets, say) found in n8n's output: must be []. */
		leakedSecrets(extra = []) {
			const text = e2e.collectedOutput();
			return [...SECRETS, ...extra].filter((secret) => secret && text.includes(secret));
		},

		async close() {
			for (const server of servers) await server.stop().catch(() => undefined);
			await sandbox.close().catch(() => undefined);
			await model.close().catch(() => undefined);
			if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
			if (home) await home.cleanup();
		},
	};
	return e2e;
}

/**
 * The full suite runs on n8n 2.x only; on other targets a file's tests are skipped with a line
 * saying so (the smoke test covers them). Returns the describe to use and the target's n8n version.
 */
function fullSuite(fileLabel) {
	const { n8nVersion } = require('./n8n').resolveTarget(TARGET);
	if (TARGET === '2') return { describeFull: describe, n8nVersion };
	// eslint-disable-next-line no-console
	console.log(
		`${fileLabel}: skipped on n8n ${n8nVersion} (target ${TARGET}): the full suite runs on n8n 2.x; ` +
			'this target runs the smoke test (chatwoot-smoke.e2e.test.js).',
	);
	return { describeFull: describe.skip, n8nVersion };
}

module.exports = {
	fullSuite,
	startChatwootE2E,
	loadWorkflow,
	requestSummary,
	CREDENTIAL,
	SECRETS,
	INVALID_TOKEN,
	TARGET,
	N8N_ENV,
	WORKFLOWS_DIR,
};
