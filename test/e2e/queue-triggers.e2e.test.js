'use strict';
/**
 * What the triggers keep between requests, in n8n's queue mode (./queue-stack.js: n8n 2.40.7, a
 * main process, one worker and one webhook process on Redis and PostgreSQL), the Chatwoot and
 * Kapso sandboxes in this jest process. Main registers each trigger's webhook; every delivery
 * below reaches the webhook process, which never ran checkExists/create. What queue-mode.e2e
 * covers (load, replies, Send and Wait, a killed worker) is not repeated here:
 *
 * - a Chatwoot delivery sent again (same X-Chatwoot-Delivery, same signature) and a Kapso delivery
 *   sent again (same X-Idempotency-Key) start nothing the second time;
 * - after the webhook's secret changed in Chatwoot / Kapso (static data holds the older one), the
 *   webhook process reads the current secret from the service, starts the execution and saves the
 *   secret: the next delivery verifies without asking again.
 *
 * n8n 2.40.7 whatever N8N_TARGET says; skipped (with the reason) when the stack cannot be installed
 * on this machine, and under N8N_TARGET=1 (the same run would repeat).
 */
const crypto = require('crypto');

const n8n = require('./n8n');
const {
	describeQueueMode,
	stackLogs,
	startQueueModeStack,
	startQueueSandboxes,
	CHATWOOT_REF,
	KAPSO_REF,
	MARIA,
	PHONE_NUMBER_ID,
} = require('./queue-e2e');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Long enough for an execution a delivery would start to show up in the list. */
const QUIET_MS = 3000;
const describeQueue = describeQueueMode('queue-triggers.e2e');

/** A trigger → No Operation workflow. */
function triggerWorkflow(name, trigger) {
	return {
		name,
		nodes: [
			{ ...trigger, webhookId: crypto.randomUUID(), typeVersion: 1, position: [0, 0] },
			{
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { [trigger.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const CHATWOOT_TRIGGER = {
	name: 'Customer wrote',
	type: 'n8n-nodes-chatwoot-kapso.chatwootTrigger',
	parameters: { setup: 'automatic', events: ['message_created'], options: {} },
	credentials: { chatwootAccessTokenApi: CHATWOOT_REF },
};

const KAPSO_TRIGGER = {
	name: 'WhatsApp message',
	type: 'n8n-nodes-chatwoot-kapso.kapsoTrigger',
	parameters: {
		setup: 'automatic',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
		events: ['whatsapp.message.received'],
		options: {},
	},
	credentials: { kapsoApi: KAPSO_REF },
};

describeQueue('the triggers’ state across n8n processes (queue mode, webhook process)', () => {
	let stack;
	let chatwoot;
	let kapso;
	let chatwootApi;
	const ids = {};
	let conversationId;

	const rest = () => stack.rest;
	const kapsoWebhooks = () =>
		kapso.state.webhooks.filter((w) => w.url.startsWith(stack.webhookUrl));
	const chatwootWebhook = () =>
		chatwoot.state.webhooks.find((w) => w.url.startsWith(`${stack.webhookUrl}/webhook/`));
	const chatwootListings = () =>
		chatwoot.requests.filter((r) => r.method === 'GET' && /\/webhooks$/.test(r.path)).length;
	const kapsoWebhookReads = () =>
		kapso.requests.filter((r) => r.method === 'GET' && /\/webhooks(\/[^/]+)?$/.test(r.path)).length;

	async function customerWritesChatwoot(content) {
		chatwoot.customerWrites(conversationId, { content });
		await chatwoot.webhooksSettled();
		return chatwoot.webhookDeliveries.filter((d) => d.url === chatwootWebhook().url).at(-1);
	}

	async function customerWritesKapso(text) {
		kapso.customerWrites({ phone_number_id: PHONE_NUMBER_ID, from: MARIA, text });
		await kapso.webhooksSettled();
		const url = kapsoWebhooks()[0].url;
		return kapso.webhookDeliveries.filter((d) => d.url === url).at(-1);
	}

	/** The same request again, byte for byte: a service's retry. */
	const sendAgain = (delivery) =>
		n8n.httpRequest('POST', delivery.url, { body: delivery.body, headers: delivery.headers });

	beforeAll(async () => {
		({ chatwoot, kapso, chatwootApi } = await startQueueSandboxes());
		conversationId = (
			await chatwootApi('POST', 'conversations', { inbox_id: 1, contact_id: 1, status: 'open' })
		).id;

		stack = await startQueueModeStack(chatwoot, kapso, { workers: 1 });
		for (const [key, workflow] of Object.entries({
			chatwoot: triggerWorkflow('Queue mode: Chatwoot Trigger', CHATWOOT_TRIGGER),
			kapso: triggerWorkflow('Queue mode: Kapso Trigger', KAPSO_TRIGGER),
		})) {
			const created = await rest().createWorkflow(workflow);
			ids[key] = created.id;
			await rest().activateWorkflow(created.id, { waitForWebhooks: false });
		}
	});

	afterAll(async () => {
		const leaked = [];
		if (stack) {
			const logs = stackLogs(stack);
			const secrets = [
				chatwoot.userToken,
				kapso.apiKey,
				...chatwoot.state.webhooks.map((w) => w.secret),
				...kapso.state.webhooks.map((w) => w.secret_key),
			].filter(Boolean);
			for (const secret of secrets) if (logs.includes(secret)) leaked.push('a secret');
			for (const id of Object.values(ids)) await rest().deactivateWorkflow(id);
			await stack.stop();
		}
		if (chatwoot) await chatwoot.close();
		if (kapso) await kapso.close();
		expect(leaked).toEqual([]);
	});

	test('main registered both webhooks at the webhook process’s URL', () => {
		expect(chatwootWebhook()).toMatchObject({ subscriptions: ['message_created'] });
		expect(chatwootWebhook().url).toMatch(/\/webhook\/[0-9a-f-]{36}\/webhook$/);
		expect(kapsoWebhooks()).toHaveLength(1);
	});

	test('Chatwoot: a delivery sent again (same X-Chatwoot-Delivery) to the webhook process starts nothing', async () => {
		const delivered = await customerWritesChatwoot('Where is my order?');
		expect(delivered).toMatchObject({ outcome: 'delivered', status: 200, signed: true });
		expect(delivered.headers['X-Chatwoot-Delivery']).toEqual(expect.any(String));
		const first = await rest().waitForExecutions(ids.chatwoot, 1, { quietMs: QUIET_MS });
		expect(first.map((e) => e.status)).toEqual(['success']);

		const again = await sendAgain(delivered);
		expect(again.status).toBe(200);
		expect(again.json).toEqual({ received: true, started: false, reason: 'duplicate delivery' });
		await sleep(QUIET_MS);
		expect(await rest().executions(ids.chatwoot)).toHaveLength(1);
	});

	test('Kapso: a delivery sent again (same X-Idempotency-Key) to the webhook process starts nothing', async () => {
		const delivered = await customerWritesKapso('Hi');
		expect(delivered).toMatchObject({ state: 'delivered' });
		expect(delivered.attempts.map((a) => a.status)).toEqual([200]);
		const first = await rest().waitForExecutions(ids.kapso, 1, { quietMs: QUIET_MS });
		expect(first.map((e) => e.status)).toEqual(['success']);

		const again = await sendAgain(delivered);
		expect(again.status).toBe(200);
		expect(again.json).toEqual({ received: true, duplicate: true });
		await sleep(QUIET_MS);
		expect(await rest().executions(ids.kapso)).toHaveLength(1);
	});

	test('Chatwoot: with the secret changed in Chatwoot, the webhook process reads it back, starts the execution and keeps it', async () => {
		chatwootWebhook().secret = crypto.randomBytes(24).toString('base64url');
		const listedBefore = chatwootListings();
		const delivered = await customerWritesChatwoot('Are you there?');
		expect(delivered).toMatchObject({ outcome: 'delivered', status: 200, signed: true });
		await rest().waitForExecutions(ids.chatwoot, 2);
		expect(chatwootListings()).toBe(listedBefore + 1);

		// Saved in static data by the webhook process: the next delivery verifies without asking.
		const next = await customerWritesChatwoot('Hello?');
		expect(next).toMatchObject({ outcome: 'delivered', status: 200 });
		const runs = await rest().waitForExecutions(ids.chatwoot, 3, { quietMs: QUIET_MS });
		expect(runs.map((e) => e.status)).toEqual(['success', 'success', 'success']);
		expect(chatwootListings()).toBe(listedBefore + 1);
	});

	test('Kapso: with the secret changed in Kapso, the webhook process reads it back, starts the execution and keeps it', async () => {
		kapsoWebhooks()[0].secret_key = crypto.randomBytes(32).toString('hex');
		const readsBefore = kapsoWebhookReads();
		const delivered = await customerWritesKapso('Are you there?');
		expect(delivered.attempts.map((a) => a.status)).toEqual([200]);
		await rest().waitForExecutions(ids.kapso, 2);
		expect(kapsoWebhookReads()).toBe(readsBefore + 1);

		const next = await customerWritesKapso('Hello?');
		expect(next.attempts.map((a) => a.status)).toEqual([200]);
		const runs = await rest().waitForExecutions(ids.kapso, 3, { quietMs: QUIET_MS });
		expect(runs.map((e) => e.status)).toEqual(['success', 'success', 'success']);
		expect(kapsoWebhookReads()).toBe(readsBefore + 1);
	});
});
