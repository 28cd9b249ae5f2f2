'use strict';
/**
 * What the queue-mode end-to-end files (queue-mode, queue-triggers) share: whether they run, the
 * Chatwoot and Kapso sandboxes in this jest process with the credentials the stack's home imports,
 * and the logs of every process of the stack (checked for secrets at the end).
 */
const n8n = require('./n8n');
const queueStack = require('./queue-stack');
const chatwootSandbox = require('../../sandbox/chatwoot');
const kapsoSandbox = require('../../sandbox/kapso');
const { CREDENTIAL, KAPSO_CREDENTIAL, chatwootSandboxCredential } = require('../../scripts/start');

/** The credentials as a workflow's node names them. */
const CHATWOOT_REF = Object.freeze({ id: CREDENTIAL.id, name: CREDENTIAL.name });
const KAPSO_REF = Object.freeze({ id: KAPSO_CREDENTIAL.id, name: KAPSO_CREDENTIAL.name });
/** The Kapso sandbox's phone number, and Maria, a customer who writes to it. */
const PHONE_NUMBER_ID = '100000000000001';
const MARIA = '15551230001';

/**
 * `describe`, or `describe.skip` with the reason printed: when the stack cannot be installed on
 * this machine, and under N8N_TARGET=1 (the stack runs n8n 2.40.7 whatever the target: the same
 * run would repeat).
 */
function describeQueueMode(file) {
	const skipReason =
		(process.env.N8N_TARGET || '2') === '1'
			? 'N8N_TARGET=1: the queue-mode stack runs n8n 2.40.7 whatever the target; it ran with target 2'
			: queueStack.queueStackUnavailable();
	if (skipReason) {
		// eslint-disable-next-line no-console
		console.log(`${file}: skipped: ${skipReason}`);
	}
	return skipReason ? describe.skip : describe;
}

/** Chatwoot's API (`/api/v1/accounts/<account>/<apiPath>`) as the sandbox's user; throws on >= 300. */
const chatwootApiOf = (chatwoot) => async (method, apiPath, body) => {
	const res = await n8n.httpRequest(
		method,
		`${chatwoot.url}/api/v1/accounts/${chatwoot.accountId}/${apiPath}`,
		{ headers: { api_access_token: chatwoot.userToken }, body },
	);
	if (res.status >= 300) throw new Error(`${method} ${apiPath}: ${res.status} ${res.text}`);
	return res.json;
};

/**
 * Both sandboxes, Kapso retrying a failed webhook delivery after 300 ms; Chatwoot's seeded account
 * webhook (it points at a host that does not exist) deleted, so only n8n's webhooks stay.
 */
async function startQueueSandboxes() {
	const chatwoot = await chatwootSandbox.startSandbox({ quiet: true });
	let kapso;
	try {
		kapso = await kapsoSandbox.startSandbox({ quiet: true, webhookRetryDelaysMs: [300, 300, 300] });
	} catch (error) {
		await chatwoot.close();
		throw error;
	}
	const chatwootApi = chatwootApiOf(chatwoot);
	for (const w of chatwoot.state.webhooks.slice()) await chatwootApi('DELETE', `webhooks/${w.id}`);
	return { chatwoot, kapso, chatwootApi };
}

/** The two sandboxes' credentials, for `home.importCredentials` before main starts. */
const sandboxCredentials = (chatwoot, kapso) => [
	chatwootSandboxCredential(chatwoot),
	{
		...KAPSO_CREDENTIAL,
		data: { apiKey: kapso.apiKey, baseUrl: kapso.url, legacyBaseUrl: `${kapso.url}/api/v1` },
	},
];

/**
 * The stack of ./queue-stack.js with this package installed (packed for it, the tarball removed
 * once installed) and the sandboxes' credentials imported before main starts. `options` go to
 * startQueueStack (e.g. `workers`).
 */
const startQueueModeStack = (chatwoot, kapso, options = {}) =>
	queueStack.startQueueStack({
		...options,
		prepareHome: (home) => home.importCredentials(sandboxCredentials(chatwoot, kapso)),
	});

/** Everything main, the webhook process and every worker logged, in one string. */
const stackLogs = (stack) =>
	[
		stack.main.logs(),
		stack.webhookProcess.allLogs(),
		...stack.workers.map((w) => w.allLogs()),
	].join('\n');

module.exports = {
	describeQueueMode,
	startQueueSandboxes,
	startQueueModeStack,
	stackLogs,
	CHATWOOT: CREDENTIAL,
	KAPSO: KAPSO_CREDENTIAL,
	CHATWOOT_REF,
	KAPSO_REF,
	PHONE_NUMBER_ID,
	MARIA,
};
