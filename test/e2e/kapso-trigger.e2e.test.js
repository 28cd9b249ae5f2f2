'use strict';
/**
 * The Kapso Trigger in a running n8n (`n8n start`), against the Kapso sandbox in this jest process:
 *
 * - activation registers one webhook for the phone number in the sandbox (Platform API);
 * - the customer writes (the sandbox's control call): the sandbox delivers a signed v2 event to
 *   n8n, the workflow starts and answers with three reply buttons through the Kapso WhatsApp node
 *   (checked in what the sandbox stored as sent); a tapped button's id and title reach the
 *   workflow, which confirms the choice;
 * - a forged signature and a delivery sent again with the same idempotency key start nothing;
 * - deactivation removes the webhook from the sandbox.
 *
 * Runs on n8n 2.x and 1.x (N8N_TARGET=1): both hand the trigger the request's raw bytes.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const { startSandbox } = require('../../sandbox/kapso');

const TARGET = process.env.N8N_TARGET || '2';
const { n8nVersion } = n8n.resolveTarget(TARGET);

const PHONE_NUMBER_ID = '100000000000001';
const CREDENTIAL = Object.freeze({ id: 'KapsoSandbox1', name: 'Kapso sandbox', type: 'kapsoApi' });
const EXAMPLE = path.join(n8n.REPO_ROOT, 'examples', 'kapso-trigger-buttons-reply.json');
/** The reply-button message the example sends Maria (the sandbox's first customer). */
const buttons = require('../fixtures/kapso-trigger-buttons-reply.interactive.json');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until it returns something truthy (or `timeoutMs` passes, then the last value). */
async function waitFor(read, { timeoutMs = 20000, stepMs = 100 } = {}) {
	const t0 = Date.now();
	let value = await read();
	while (!value && Date.now() - t0 < timeoutMs) {
		await sleep(stepMs);
		value = await read();
	}
	return value;
}

describe(`Kapso Trigger in a running n8n ${n8nVersion}`, () => {
	let sandbox;
	let tarball;
	let home;
	let server;
	let workflow;
	let nodeWebhookId;
	/** The secret n8n generated for the webhook: it must never show up in n8n's output. */
	let webhookSecret;

	/** The sandbox's webhooks of phone number 1, through its Platform API. */
	async function kapsoWebhooks() {
		const res = await n8n.httpRequest(
			'GET',
			`${sandbox.url}/platform/v1/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
			{ headers: { 'x-api-key': sandbox.apiKey } },
		);
		return res.json.data;
	}

	async function executions() {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
		const res = await server.rest.request('GET', `/rest/executions?filter=${filter}`, undefined, {
			expect: 200,
		});
		return res.json.data.results;
	}

	/** What went wrong in the workflow's failed runs (n8n keeps run data as flatted JSON). */
	async function failures() {
		const failed = (await executions()).filter((e) => e.status === 'error');
		const messages = [];
		for (const execution of failed) {
			const res = await server.rest.request('GET', `/rest/executions/${execution.id}`, undefined, {
				expect: 200,
			});
			// flatted: one array whose strings are the values; the long ones are the messages
			const values = JSON.parse(res.json.data.data);
			messages.push(...values.filter((v) => typeof v === 'string' && / /.test(v) && v.length > 20));
		}
		return messages;
	}

	/** The first message the workflow sent after request number `before`; fails with the run's errors. */
	async function sentSince(before) {
		const send = await waitFor(() =>
			sandbox.requests
				.slice(before)
				.find(
					(r) => r.method === 'POST' && /\/meta\/whatsapp\/v24\.0\/\d+\/messages$/.test(r.path),
				),
		);
		if (!send) expect(await failures()).toEqual([]);
		return send;
	}

	const productionUrl = () => `${server.baseUrl}/webhook/${nodeWebhookId}/webhook`;

	beforeAll(async () => {
		sandbox = await startSandbox({ quiet: true, webhookRetryDelaysMs: [300, 300, 300] });
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		home = await n8n.createN8nHome({
			target: TARGET,
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
		// the example as a user imports it, with the sandbox credential picked on every Kapso node
		workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		// n8n 1.x saves static data (the webhook's id and secret) only for ids of up to 16 characters
		workflow.id = 'KapsoTriggerEx01';
		for (const node of workflow.nodes) {
			if (node.type.startsWith('n8n-nodes-chatwoot-kapso.kapso'))
				node.credentials = { kapsoApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
		}
		nodeWebhookId = workflow.nodes.find((node) => node.type.endsWith('.kapsoTrigger')).webhookId;
		await home.importWorkflows([workflow]);
		server = await home.start({ port: await n8n.getFreePort() });
		await server.rest.ensureOwner();
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
		expect(webhookSecret).toMatch(/^[0-9a-f]{64}$/);
		expect(logs).not.toContain(webhookSecret);
	});

	test('activation registers one signed v2 webhook for the phone number', async () => {
		await server.rest.activateWorkflow(workflow.id, { waitForWebhooks: false });
		const webhooks = await waitFor(async () => {
			const list = await kapsoWebhooks();
			return list.length > 0 ? list : undefined;
		});
		expect(webhooks).toEqual([
			expect.objectContaining({
				url: productionUrl(),
				events: ['whatsapp.message.received'],
				kind: 'kapso',
				payload_version: 'v2',
				active: true,
				secret_key: expect.stringMatching(/^[0-9a-f]{64}$/),
			}),
		]);
		webhookSecret = webhooks[0].secret_key;
		// n8n registers its own route asynchronously: wait until it answers a preflight
		await server.rest.waitForWebhook(`${nodeWebhookId}/webhook`, { method: 'POST' });
	});

	let delivered;
	test('a signed customer message starts the workflow, which answers with reply buttons', async () => {
		const before = sandbox.requests.length;
		const storedBefore = sandbox.messages('outbound').length;
		sandbox.customerWrites({
			phone_number_id: PHONE_NUMBER_ID,
			from: '15551230001',
			type: 'text',
			text: 'Hi, where is my order?',
		});
		await sandbox.webhooksSettled({ timeoutMs: 20000 });
		delivered = sandbox.webhookDeliveries.find((d) => d.event === 'whatsapp.message.received');
		expect(delivered).toMatchObject({ state: 'delivered', url: productionUrl() });
		expect(delivered.attempts.map((attempt) => attempt.status)).toEqual([200]);

		const send = await sentSince(before);
		expect(send.status).toBe(200);
		expect(send.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15551230001',
			type: 'interactive',
			interactive: buttons,
		});
		// what the sandbox stored as sent: exactly one message, the three reply buttons
		expect(sandbox.messages('outbound').slice(storedBefore)).toEqual([
			expect.objectContaining({
				phone_number_id: PHONE_NUMBER_ID,
				to: '15551230001',
				type: 'interactive',
				interactive: buttons,
			}),
		]);
		const runs = await waitFor(async () => {
			const list = await executions();
			return list.some((e) => e.status === 'success') ? list : undefined;
		});
		expect(runs.map((e) => [e.mode, e.status])).toEqual([['webhook', 'success']]);
	});

	test('the customer taps a button: its id and title arrive, the workflow confirms the choice', async () => {
		const before = sandbox.requests.length;
		const storedBefore = sandbox.messages('outbound').length;
		const succeeded = (list) => list.filter((e) => e.status === 'success').length;
		const successesBefore = succeeded(await executions());
		sandbox.customerWrites({
			phone_number_id: PHONE_NUMBER_ID,
			from: '15551230001',
			type: 'button_reply',
			reply: { id: 'agent', title: 'Talk to a person' },
		});
		await sandbox.webhooksSettled({ timeoutMs: 20000 });
		const send = await sentSince(before);
		const confirmation = {
			to: '15551230001',
			type: 'text',
			text: {
				body: 'Thanks! You chose "Talk to a person". Someone from our team will follow up here.',
			},
		};
		expect(send.body).toMatchObject(confirmation);
		const stored = sandbox.messages('outbound').slice(storedBefore);
		expect(stored).toEqual([expect.objectContaining(confirmation)]);
		const runs = await waitFor(async () => {
			const list = await executions();
			return succeeded(list) > successesBefore ? list : undefined;
		});
		expect(succeeded(runs)).toBe(successesBefore + 1);
	});

	test('a forged signature is refused with 401 and starts nothing', async () => {
		const before = (await executions()).length;
		const forged = crypto
			.createHmac('sha256', 'not-the-secret')
			.update(delivered.body)
			.digest('hex');
		const res = await n8n.httpRequest('POST', productionUrl(), {
			body: delivered.body,
			headers: {
				'x-webhook-event': 'whatsapp.message.received',
				'x-webhook-signature': forged,
				'x-idempotency-key': crypto.randomUUID(),
				'x-webhook-payload-version': 'v2',
			},
		});
		expect(res.status).toBe(401);
		expect(res.json).toEqual({ error: 'Invalid X-Webhook-Signature' });
		await sleep(1000);
		expect(await executions()).toHaveLength(before);
	});

	test('the same delivery sent again (same idempotency key) is answered and starts nothing', async () => {
		const before = (await executions()).length;
		const sends = sandbox.requests.filter(
			(r) => r.method === 'POST' && r.path.endsWith('/messages'),
		).length;
		const res = await n8n.httpRequest('POST', productionUrl(), {
			body: delivered.body,
			headers: {
				'x-webhook-event': delivered.event,
				'x-webhook-signature': delivered.signature,
				'x-idempotency-key': delivered.idempotency_key,
				'x-webhook-payload-version': 'v2',
			},
		});
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ received: true, duplicate: true });
		await sleep(1000);
		expect(await executions()).toHaveLength(before);
		expect(
			sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')),
		).toHaveLength(sends);
	});

	test('deactivation removes the webhook from Kapso', async () => {
		await server.rest.deactivateWorkflow(workflow.id);
		expect(
			await waitFor(async () => ((await kapsoWebhooks()).length === 0 ? true : undefined)),
		).toBe(true);
		expect(sandbox.violations).toEqual([]);
	});
});
