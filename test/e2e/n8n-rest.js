'use strict';
/**
 * The REST side of a running n8n (`n8n start`): plain HTTP on 127.0.0.1 and the client `server.rest`
 * that test/e2e/n8n.js attaches to each server. It logs in like the editor (auth cookie, browser-id),
 * activates and deactivates workflows (2.x: publish through n8n's publication outbox, then wait until
 * it settled), computes production webhook URLs and reads executions.
 *
 *   const server = await home.start();
 *   await server.rest.ensureOwner();
 *   await server.rest.activateWorkflow(id);              // waits until every trigger is live
 *   server.rest.productionWebhookUrl(workflow, 'Chatwoot Trigger');
 *   await server.rest.waitForExecutions(id, 3, { quietMs: 3000 });
 */
const crypto = require('crypto');
const http = require('http');
const path = require('path');

const DEFAULT_OWNER = Object.freeze({
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
});

/** Execution statuses after which n8n does nothing more with the execution. */
const FINISHED_STATUSES = Object.freeze(['success', 'error', 'crashed', 'canceled']);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {string} method @param {string} url
 * @param {{headers?: Record<string, string>, body?: unknown, timeoutMs?: number}} [options]
 * @returns {Promise<{status: number, headers: import('http').IncomingHttpHeaders, text: string, json: any}>}
 */
function httpRequest(method, url, { headers = {}, body, timeoutMs = 30000 } = {}) {
	return new Promise((resolve, reject) => {
		const data =
			body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				headers: {
					accept: 'application/json',
					...(data !== undefined
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
						: {}),
					...headers,
				},
				timeout: timeoutMs,
				agent: false, // no keep-alive sockets left open (they would keep jest alive)
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: Number(res.statusCode), headers: res.headers, text, json });
				});
			},
		);
		req.on('timeout', () =>
			req.destroy(new Error(`timeout after ${timeoutMs}ms: ${method} ${url}`)),
		);
		req.on('error', reject);
		if (data !== undefined) req.write(data);
		req.end();
	});
}

/**
 * The client for `server.rest` of the server at `baseUrl`, for `home` (what createN8nHome returned:
 * its n8n version picks the 1.x or 2.x calls). Production webhooks are called at `webhookBaseUrl`
 * (n8n's WEBHOOK_URL without its last slash): the server itself, or in queue mode the webhook process.
 * @param {string} baseUrl @param {any} home @param {{webhookBaseUrl?: string}} [options]
 */
function restClient(baseUrl, home, { webhookBaseUrl = baseUrl } = {}) {
	let cookie = '';
	const browserId = `e2e-${crypto.randomUUID()}`;
	const major = Number(home.n8nVersion.split('.')[0]);

	/**
	 * @param {string} method @param {string} urlPath @param {unknown} [body]
	 * @param {{expect?: number | number[]}} [options] the statuses that count as success (else it throws)
	 */
	async function request(method, urlPath, body, { expect } = {}) {
		const res = await httpRequest(method, `${baseUrl}${urlPath}`, {
			body,
			headers: { 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
		});
		const setCookie = res.headers['set-cookie'];
		if (setCookie) {
			const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
			if (auth) cookie = auth;
		}
		if (expect !== undefined) {
			const ok = Array.isArray(expect) ? expect.includes(res.status) : res.status === expect;
			if (!ok)
				throw new Error(`${method} ${urlPath} -> HTTP ${res.status}: ${res.text.slice(0, 2000)}`);
		}
		return res;
	}
	/** n8n stores run data "flatted" (circular-safe JSON); decode it with the n8n install's own copy. */
	const parseFlatted = (text) =>
		require(
			require.resolve('flatted', { paths: [path.join(home.info.appDir, 'node_modules')] }),
		).parse(text);
	const data = (res) => {
		if (res.json === undefined)
			throw new Error(`expected JSON from n8n, got HTTP ${res.status}: ${res.text.slice(0, 500)}`);
		return res.json && 'data' in res.json ? res.json.data : res.json;
	};

	const rest = {
		/** raw request to `${baseUrl}${path}` with the session cookie; resolves {status, headers, text, json} */
		request,
		get cookie() {
			return cookie;
		},
		/** POST /rest/owner/setup (first run only); keeps the auth cookie */
		async setupOwner(owner = DEFAULT_OWNER) {
			const res = await request('POST', '/rest/owner/setup', owner, { expect: 200 });
			return data(res);
		},
		/** POST /rest/login; keeps the auth cookie */
		async login(owner = DEFAULT_OWNER) {
			// 1.x (since ~1.80) and 2.x take emailOrLdapLoginId; older releases took email
			const body = {
				emailOrLdapLoginId: owner.email,
				email: owner.email,
				password: owner.password,
			};
			const res = await request('POST', '/rest/login', body, { expect: 200 });
			return data(res);
		},
		/** setupOwner() on a fresh instance, login() otherwise */
		async ensureOwner(owner = DEFAULT_OWNER) {
			const settings = data(await request('GET', '/rest/settings', undefined, { expect: 200 }));
			const needsSetup =
				settings && settings.userManagement && settings.userManagement.showSetupOnFirstLoad;
			if (needsSetup) return rest.setupOwner(owner);
			return rest.login(owner);
		},
		/**
		 * POST /rest/credentials ({name, type, data}) -> the stored credential (with id)
		 * @param {{name?: string, type: string, data: object, projectId?: string}} credential
		 */
		async createCredential({ name = 'e2e credential', type, data: credData, projectId }) {
			const body = { name, type, data: credData, ...(projectId ? { projectId } : {}) };
			return data(await request('POST', '/rest/credentials', body, { expect: 200 }));
		},
		/** DELETE /rest/credentials/:id */
		async deleteCredential(id) {
			return data(await request('DELETE', `/rest/credentials/${id}`, undefined, { expect: 200 }));
		},
		/**
		 * The "Test" button of the credential dialog: POST /rest/credentials/test.
		 * Like the editor, n8n only tests a STORED credential (with the given data merged over it): without
		 * `credential.id` the credential is created first (POST /rest/credentials) and deleted afterwards.
		 * Never throws on a failed test.
		 * @param {{name?:string,type:string,data:object,id?:string}} credential
		 * @param {{keep?: boolean}} [options] keep a credential created for the test
		 * @returns {Promise<{status:'OK'|'Error', message:string, httpStatus:number, credentialId?:string}>}
		 */
		async testCredential(credential, { keep = false } = {}) {
			let id = credential.id;
			let created = false;
			if (!id) {
				id = (await rest.createCredential(credential)).id;
				created = true;
			}
			try {
				const res = await request('POST', '/rest/credentials/test', {
					credentials: { name: credential.name || 'e2e credential', ...credential, id },
				});
				if (res.status !== 200) {
					return {
						status: 'Error',
						message: `HTTP ${res.status}: ${res.text.slice(0, 1000)}`,
						httpStatus: res.status,
					};
				}
				const d = data(res) || {};
				return { status: d.status, message: d.message, httpStatus: res.status, credentialId: id };
			} finally {
				if (created && !keep) await rest.deleteCredential(id).catch(() => undefined);
			}
		},
		/** POST /rest/workflows: create a workflow through the API (alternative to CLI import while serving) */
		async createWorkflow(workflow) {
			const body = { settings: {}, connections: {}, ...workflow };
			body.nodes = (body.nodes || []).map((n) => ({
				id: n.id || crypto.randomUUID(),
				position: [0, 0],
				parameters: {},
				...n,
			}));
			// 1.x needs `active` (NOT NULL column); 2.x activates only through /activate
			if (major >= 2) delete body.active;
			else body.active = false;
			return data(await request('POST', '/rest/workflows', body, { expect: 200 }));
		},
		/** Call a production webhook of an active workflow: `${webhookBaseUrl}/webhook/<path>` */
		/** @param {string} webhookPath @param {{method?: string, body?: unknown, headers?: Record<string, string>}} [options] */
		async webhook(webhookPath, { method = 'POST', body, headers } = {}) {
			return httpRequest(method, `${webhookBaseUrl}/webhook/${webhookPath.replace(/^\//, '')}`, {
				body,
				headers,
			});
		},
		/** GET /rest/workflows/:id */
		async getWorkflow(id) {
			return data(await request('GET', `/rest/workflows/${id}`, undefined, { expect: 200 }));
		},
		/**
		 * Activate (2.x: publish) a workflow on the running server so its triggers/webhooks go live.
		 * 2.x publishes through an outbox and activates the triggers afterwards (the REST call returns
		 * first): this waits until the publication settled and throws with n8n's message when a trigger
		 * failed to activate (a trigger node's webhook registration, say). Then it waits until every
		 * Webhook node's path answers (see waitForWebhook); pass {waitForWebhooks: false} to skip that.
		 */
		async activateWorkflow(id, { waitForWebhooks = true, timeoutMs = 30000 } = {}) {
			const wf = await rest.getWorkflow(id);
			let activated;
			if (major >= 2) {
				activated = data(
					await request(
						'POST',
						`/rest/workflows/${id}/activate`,
						{ versionId: wf.versionId },
						{ expect: 200 },
					),
				);
				await rest.waitForPublication(id, 'published', { timeoutMs });
			} else {
				activated = data(
					await request(
						'PATCH',
						`/rest/workflows/${id}`,
						{ active: true, versionId: wf.versionId },
						{ expect: 200 },
					),
				);
			}
			if (waitForWebhooks) {
				for (const node of wf.nodes || []) {
					if (
						node.type === 'n8n-nodes-base.webhook' &&
						node.parameters &&
						node.parameters.path &&
						!node.disabled
					) {
						await rest.waitForWebhook(node.parameters.path, {
							method: node.parameters.httpMethod || 'GET',
							timeoutMs,
						});
					}
				}
			}
			return activated;
		},
		/**
		 * 2.x: GET /rest/workflows/:id/publication-status ->
		 * {status: 'in_progress'|'not_published'|'published'|'partial'|'failed', triggers: [{nodeId, status, errorMessage}]}.
		 * null where n8n has no publication service (1.x).
		 */
		async publicationStatus(id) {
			if (major < 2) return null;
			const res = await request('GET', `/rest/workflows/${id}/publication-status`);
			if (res.status === 404) return null;
			if (res.status !== 200)
				throw new Error(
					`publication status of ${id}: HTTP ${res.status}: ${res.text.slice(0, 500)}`,
				);
			return data(res);
		},
		/**
		 * Wait until the publication of workflow `id` settled in state `want` ('published' after an
		 * activation, 'not_published' after a deactivation, when n8n has run the triggers' teardown).
		 * Throws with the triggers' error messages when it settles as 'failed' or 'partial'.
		 */
		async waitForPublication(id, want, { timeoutMs = 30000 } = {}) {
			const t0 = Date.now();
			let last = null;
			while (Date.now() - t0 < timeoutMs) {
				last = await rest.publicationStatus(id);
				if (last === null || last.status === want) return last;
				if (last.status === 'failed' || last.status === 'partial') {
					const why = (last.triggers || [])
						.filter((t) => t.status === 'failed')
						.map((t) => `node ${t.nodeId}: ${t.errorMessage}`)
						.join('; ');
					throw new Error(`workflow ${id} publication ${last.status}: ${why}`);
				}
				await sleep(200);
			}
			throw new Error(
				`workflow ${id} not ${want} after ${timeoutMs}ms (last: ${JSON.stringify(last)})`,
			);
		},
		/**
		 * Wait until the production webhook `path` is registered, without executing it: n8n answers a CORS
		 * preflight (OPTIONS) with 204 for a registered webhook and an error before.
		 */
		async waitForWebhook(webhookPath, { method = 'POST', timeoutMs = 30000 } = {}) {
			const t0 = Date.now();
			let last;
			while (Date.now() - t0 < timeoutMs) {
				last = await httpRequest(
					'OPTIONS',
					`${webhookBaseUrl}/webhook/${webhookPath.replace(/^\//, '')}`,
					{
						headers: { origin: baseUrl, 'access-control-request-method': method },
					},
				).catch((e) => ({ status: 0, text: e.message }));
				if (last.status >= 200 && last.status < 300) return;
				await sleep(200);
			}
			throw new Error(
				`webhook ${method} /webhook/${webhookPath} not registered after ${timeoutMs}ms (last: HTTP ${last && last.status})`,
			);
		},
		/**
		 * Deactivate (2.x: unpublish) a workflow. On 2.x this waits until n8n has torn its triggers down
		 * (a trigger node's webhook deletion has run) before it resolves.
		 */
		async deactivateWorkflow(id, { timeoutMs = 30000 } = {}) {
			if (major >= 2) {
				const deactivated = data(
					await request('POST', `/rest/workflows/${id}/deactivate`, {}, { expect: 200 }),
				);
				await rest.waitForPublication(id, 'not_published', { timeoutMs });
				return deactivated;
			}
			const wf = await rest.getWorkflow(id);
			return data(
				await request(
					'PATCH',
					`/rest/workflows/${id}`,
					{ active: false, versionId: wf.versionId },
					{ expect: 200 },
				),
			);
		},
		/**
		 * The production URL n8n registers for a node's webhook (`path` as in the node type's
		 * `webhooks` description), the way n8n computes it (NodeHelpers.getNodeWebhookPath):
		 * `<WEBHOOK_URL>webhook/<webhookId>/<path>`, or `<workflowId>/<node name>/<path>` for a node
		 * without a webhookId (WEBHOOK_URL: the server's own base URL, or the webhook process in queue mode).
		 * @param {{id: string, nodes: {name: string, webhookId?: string}[]}} workflow
		 */
		productionWebhookUrl(workflow, nodeName, webhookPath = 'webhook') {
			const node = workflow.nodes.find((n) => n.name === nodeName);
			if (!node) throw new Error(`workflow ${workflow.id} has no node "${nodeName}"`);
			const suffix = node.webhookId
				? `${node.webhookId}/${webhookPath}`
				: `${workflow.id}/${encodeURIComponent(node.name.toLowerCase())}/${webhookPath}`;
			return `${webhookBaseUrl}/webhook/${suffix}`;
		},
		/**
		 * GET /rest/executions of one workflow, newest first: [{id, status, mode, startedAt, stoppedAt, …}].
		 * Without run data; see execution().
		 */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const res = await request('GET', `/rest/executions?filter=${filter}&limit=100`, undefined, {
				expect: 200,
			});
			return data(res).results;
		},
		/**
		 * GET /rest/executions/:id with its run data decoded (n8n stores it "flatted"):
		 * {id, status, mode, …, data: {resultData: {runData, error?, lastNodeExecuted}}}.
		 */
		async execution(id) {
			const execution = data(
				await request('GET', `/rest/executions/${id}`, undefined, { expect: 200 }),
			);
			if (typeof execution.data === 'string') execution.data = parseFlatted(execution.data);
			return execution;
		},
		/**
		 * Wait until workflow `workflowId` has at least `count` finished executions (success, error,
		 * crashed, canceled); resolves them oldest first. With `quietMs`, it then waits that long and reads
		 * the list again, so an execution that starts late (a loop) is in the answer too.
		 */
		async waitForExecutions(workflowId, count, { timeoutMs = 60000, quietMs = 0 } = {}) {
			const t0 = Date.now();
			const finished = (list) => list.filter((e) => FINISHED_STATUSES.includes(e.status));
			let list = [];
			while (Date.now() - t0 < timeoutMs) {
				list = await rest.executions(workflowId);
				if (finished(list).length >= count) break;
				await sleep(250);
			}
			if (finished(list).length < count)
				throw new Error(
					`workflow ${workflowId}: ${finished(list).length} of ${count} executions finished after ${timeoutMs}ms (` +
						`${list.map((e) => `${e.id}:${e.status}`).join(', ') || 'none'})`,
				);
			if (quietMs > 0) {
				await sleep(quietMs);
				list = await rest.executions(workflowId);
			}
			return list.slice().sort((a, b) => Number(a.id) - Number(b.id));
		},
		/** GET /types/nodes.json (node types the server knows, incl. community packages) */
		async nodeTypes() {
			const res = await request('GET', '/types/nodes.json', undefined, { expect: 200 });
			return res.json;
		},
		/** GET /types/credentials.json */
		async credentialTypes() {
			const res = await request('GET', '/types/credentials.json', undefined, { expect: 200 });
			return res.json;
		},
	};
	return rest;
}

module.exports = { DEFAULT_OWNER, FINISHED_STATUSES, httpRequest, restClient, sleep };
