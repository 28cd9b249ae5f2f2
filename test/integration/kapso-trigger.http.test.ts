import http, { type Server } from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { KapsoTrigger } from '../../nodes/KapsoTrigger/KapsoTrigger.node';
import { startSandbox, type KapsoSandbox } from '../../sandbox/kapso';
import { realHttp } from '../helpers/realHttp';
import { triggerHarness } from '../helpers/kapsoTriggerContext';

/**
 * The Kapso Trigger against the Kapso sandbox over HTTP: its webhook registered and removed through
 * the sandbox's Platform API, and the sandbox's signed deliveries (single, batched, retried) received
 * by the trigger's webhook method behind a real HTTP server, as n8n would run it.
 */

const PHONE = '100000000000001';
const MARIA = '15551230001';
const trigger = new KapsoTrigger();
const methods = trigger.webhookMethods.default;

let sandbox: KapsoSandbox;
let receiver: Server;
let receiverUrl: string;
/** What the receiver answers first: set per test (e.g. 500 once, to make Kapso retry). */
let failNextAnswers = 0;
let started: IDataObject[][] = [];
let answers: number[] = [];
let harness: ReturnType<typeof triggerHarness>;

function newHarness(parameters: IDataObject, path = '/webhook/e2e-uuid/webhook') {
	return triggerHarness({
		parameters: {
			setup: 'automatic',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE },
			...parameters,
		},
		http: realHttp,
		credentials: {
			apiKey: sandbox.apiKey,
			baseUrl: sandbox.url,
			legacyBaseUrl: `${sandbox.url}/api/v1`,
		},
		webhookUrl: `${receiverUrl}${path}`,
	});
}

async function kapsoWebhooks(): Promise<IDataObject[]> {
	const response = await fetch(
		`${sandbox.url}/platform/v1/whatsapp/phone_numbers/${PHONE}/webhooks`,
		{
			headers: { 'X-API-Key': sandbox.apiKey },
		},
	);
	return ((await response.json()) as { data: IDataObject[] }).data;
}

beforeAll(async () => {
	sandbox = await startSandbox({
		quiet: true,
		webhookRetryDelaysMs: [50, 50, 50],
		bufferWindowScale: 0.01,
	});
	receiver = http.createServer(async (request, response) => {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const headers = Object.fromEntries(
			Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
		);
		const { context, answer } = harness.request(headers, Buffer.concat(chunks));
		const result = await trigger.webhook.call(context);
		if (result.workflowData) started.push(result.workflowData[0].map((item) => item.json));
		const status = failNextAnswers > 0 ? (failNextAnswers--, 500) : (answer.status ?? 200);
		answers.push(status);
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(
			JSON.stringify(answer.body ?? result.webhookResponse ?? { message: 'Workflow was started' }),
		);
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await sandbox.close();
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
	sandbox.reset();
	started = [];
	answers = [];
	failNextAnswers = 0;
});

afterEach(() => {
	expect(sandbox.violations).toEqual([]);
});

it('registers, receives a signed customer message with its flat fields, and removes the webhook', async () => {
	harness = newHarness({ events: ['whatsapp.message.received'], options: {} });
	expect(await methods.checkExists.call(harness.hooks)).toBe(false);
	expect(await methods.create.call(harness.hooks)).toBe(true);
	expect(await methods.checkExists.call(harness.hooks)).toBe(true);
	const [webhook] = await kapsoWebhooks();
	expect(webhook).toMatchObject({
		id: harness.staticData.webhookId,
		url: `${receiverUrl}/webhook/e2e-uuid/webhook`,
		events: ['whatsapp.message.received'],
		kind: 'kapso',
		payload_version: 'v2',
		active: true,
		secret_key: harness.staticData.secret,
	});

	sandbox.customerWrites({
		phone_number_id: PHONE,
		from: MARIA,
		type: 'text',
		text: 'Where is my order?',
	});
	await sandbox.webhooksSettled({ timeoutMs: 5000 });
	expect(answers).toEqual([200]);
	expect(started).toEqual([
		[
			expect.objectContaining({
				event: 'whatsapp.message.received',
				direction: 'inbound',
				from: MARIA,
				text: 'Where is my order?',
				type: 'text',
				phoneNumberId: PHONE,
				conversationId: 'd0000000-0000-4000-8000-000000000001',
				contactName: 'Maria Garcia',
				messageId: expect.stringMatching(/^wamid\./),
			}),
		],
	]);

	expect(await methods.delete.call(harness.hooks)).toBe(true);
	expect(await kapsoWebhooks()).toEqual([]);
});

it('reads a tapped reply button and a list row', async () => {
	harness = newHarness({ events: ['whatsapp.message.received'], options: {} });
	await methods.create.call(harness.hooks);
	sandbox.customerWrites({
		from: MARIA,
		type: 'button_reply',
		reply: { id: 'track', title: 'Track my order' },
	});
	sandbox.customerWrites({
		from: MARIA,
		type: 'list_reply',
		reply: { id: 'tue', title: 'Tuesday' },
	});
	await sandbox.webhooksSettled({ timeoutMs: 5000 });
	expect(
		started.flat().map((item) => [item.type, item.replyId, item.replyTitle, item.text]),
	).toEqual([
		['interactive', 'track', 'Track my order', 'Track my order'],
		['interactive', 'tue', 'Tuesday', 'Tuesday'],
	]);
	await methods.delete.call(harness.hooks);
});

it('starts once when Kapso retries a delivery with the same idempotency key', async () => {
	harness = newHarness({ events: ['whatsapp.message.received'], options: {} });
	await methods.create.call(harness.hooks);
	failNextAnswers = 1; // the first answer is lost: Kapso sends the delivery again
	sandbox.customerWrites({ from: MARIA, text: 'Hello?' });
	await sandbox.webhooksSettled({ timeoutMs: 5000 });
	const [delivery] = sandbox.webhookDeliveries;
	expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
	expect(answers).toEqual([500, 200]);
	expect(started).toHaveLength(1);
	await methods.delete.call(harness.hooks);
});

it.each([
	['split', [['Hi'], ['my order'], ['is late']]],
	['keep', [['Hi\nmy order\nis late']]],
])('buffered batch, %s', async (batchMode, texts) => {
	harness = newHarness({
		events: ['whatsapp.message.received'],
		options: { bufferEnabled: true, bufferWindowSeconds: 5, maxBufferSize: 10, batchMode },
	});
	await methods.create.call(harness.hooks);
	for (const text of ['Hi', 'my order', 'is late']) sandbox.customerWrites({ from: MARIA, text });
	await sandbox.webhooksSettled({ timeoutMs: 5000 });
	const batches = sandbox.webhookDeliveries.filter(
		(delivery: { batch: boolean }) => delivery.batch,
	);
	expect(batches).toHaveLength(1);
	expect(started.map((items) => items.map((item) => item.text))).toEqual(
		batchMode === 'split' ? [texts.flat()] : texts,
	);
	await methods.delete.call(harness.hooks);
});

it('ignores the echo of its own API send (loop guard) and removes a stray webhook on activation', async () => {
	harness = newHarness({
		events: ['whatsapp.message.received', 'whatsapp.message.sent'],
		options: {},
	});
	await methods.create.call(harness.hooks);
	// a second registration whose answer was "lost": the same URL, an id the node does not know
	const { webhookId, secret } = harness.staticData;
	await methods.create.call(harness.hooks);
	harness.staticData.webhookId = webhookId;
	harness.staticData.secret = secret;
	expect((await kapsoWebhooks()).length).toBe(2);
	expect(await methods.checkExists.call(harness.hooks)).toBe(true);
	expect((await kapsoWebhooks()).map((w) => w.id)).toEqual([webhookId]);

	const send = await fetch(`${sandbox.url}/meta/whatsapp/v24.0/${PHONE}/messages`, {
		method: 'POST',
		headers: { 'X-API-Key': sandbox.apiKey, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			messaging_product: 'whatsapp',
			to: MARIA,
			type: 'text',
			text: { body: 'On it' },
		}),
	});
	expect(send.status).toBe(200);
	await sandbox.webhooksSettled({ timeoutMs: 5000 });
	expect(sandbox.webhookDeliveries.map((delivery) => delivery.event)).toEqual([
		'whatsapp.message.sent',
	]);
	expect(answers).toEqual([200]);
	expect(started).toEqual([]);
	await methods.delete.call(harness.hooks);
	expect(await kapsoWebhooks()).toEqual([]);
});

it('test mode: the test URL is registered, receives, and is removed', async () => {
	harness = newHarness(
		{ events: ['whatsapp.message.received'], options: {} },
		'/webhook-test/e2e-uuid/webhook',
	);
	await methods.checkExists.call(harness.hooks);
	await methods.create.call(harness.hooks);
	sandbox.customerWrites({ from: MARIA, text: 'testing' });
	await sandbox.webhooksSettled({ timeoutMs: 5000 });
	expect(started.flat().map((item) => item.text)).toEqual(['testing']);
	await methods.delete.call(harness.hooks);
	expect(await kapsoWebhooks()).toEqual([]);
});
