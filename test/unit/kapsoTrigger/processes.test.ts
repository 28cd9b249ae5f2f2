import { createHmac } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { json, type SentRequest } from '../../helpers/context';
import { triggerHarness, WEBHOOK_URL } from '../../helpers/kapsoTriggerContext';
import {
	activateInMain,
	database,
	handleRequest,
	pendingQueue,
	queueRefuses,
	staticDataIn,
	webhookProcess,
	type Database,
	type Registration,
	type RequestOptions,
	type WebhookMethod,
} from '../../helpers/n8nProcesses';
import { PHONE_NUMBER_ID, textIn } from './fixtures';

/**
 * The Kapso Trigger in n8n's queue mode: main registers the webhook, several webhook processes
 * receive, and they share only the workflow's static data as the database holds it.
 */

const receiver = () => webhookProcess('nodes/KapsoTrigger/actions/receive');

const PARAMETERS = {
	setup: 'automatic',
	phoneNumberId: { __rl: true, mode: 'list', value: PHONE_NUMBER_ID },
	events: ['whatsapp.message.received'],
	options: {},
};
const LIST_URL = `https://api.kapso.ai/platform/v1/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`;
const RAW = JSON.stringify(textIn('Hi'));

/** Kapso's webhooks of the number: the list leaves out the secret, a webhook read by id has it. */
function fakeKapso() {
	const webhooks: IDataObject[] = [];
	let next = 0;
	const requests: string[] = [];
	const handler = (request: SentRequest) => {
		requests.push(`${request.method} ${request.url}`);
		if (request.url === LIST_URL && request.method === 'GET')
			return json({ data: webhooks.map(({ secret_key: _secret, ...shown }) => shown) });
		if (request.url === LIST_URL && request.method === 'POST') {
			const body = (request.body as { whatsapp_webhook: IDataObject }).whatsapp_webhook;
			const webhook = { ...body, id: `wh-${++next}` };
			webhooks.push(webhook);
			return json({ data: webhook }, 201);
		}
		const id = /\/whatsapp\/webhooks\/([^/]+)$/.exec(request.url)?.[1];
		const found = webhooks.find((webhook) => webhook.id === id);
		if (!found) return json({ error: 'Not found' }, 404);
		return json({ data: found });
	};
	return { webhooks, requests, handler };
}

const REGISTRATION: Registration = {
	path: 'nodes/KapsoTrigger/actions/registration',
	checkExists: 'webhookExists',
	create: 'registerWebhook',
};

/** Kapso, and the workflow as main's activation left it in the database. */
async function activated() {
	const kapso = fakeKapso();
	const db = database();
	await activateInMain(
		db,
		REGISTRATION,
		(staticData) =>
			triggerHarness({ parameters: PARAMETERS, staticData, http: kapso.handler }).hooks,
	);
	return { kapso, db };
}

let keys = 0;
async function deliver(
	db: Database,
	receive: WebhookMethod,
	kapso: ReturnType<typeof fakeKapso>,
	delivery: { key?: string; secret?: string } = {},
	options?: RequestOptions,
) {
	const secret = delivery.secret ?? String(kapso.webhooks[0]?.secret_key);
	const { context } = triggerHarness({ parameters: PARAMETERS, http: kapso.handler }).request(
		{
			'Content-Type': 'application/json',
			'X-Webhook-Event': 'whatsapp.message.received',
			'X-Webhook-Payload-Version': 'v2',
			'X-Idempotency-Key': delivery.key ?? `key-${++keys}`,
			'X-Webhook-Signature': createHmac('sha256', secret).update(RAW).digest('hex'),
		},
		RAW,
	);
	return await handleRequest(db, context, receive, options);
}

const asked = (kapso: ReturnType<typeof fakeKapso>) =>
	kapso.requests.filter((request) => request.startsWith('GET')).length;

describe('Kapso Trigger across n8n processes: idempotency keys', () => {
	it('a retry that reaches another webhook process starts nothing: the key came through the database', async () => {
		const { kapso, db } = await activated();
		const [first, second] = [receiver(), receiver()];

		expect((await deliver(db, first, kapso, { key: 'k-1' })).started).toBe(true);
		const retry = await deliver(db, second, kapso, { key: 'k-1' });
		expect(retry.started).toBe(false);
		expect(retry.response.statusCode).toBe(200);
		expect(retry.response.body).toEqual({ received: true, duplicate: true });
	});

	it('a delivery whose execution the queue refused (n8n answered 500) is started by Kapso’s retry', async () => {
		const { kapso, db } = await activated();
		const receive = receiver();

		const refused = await deliver(db, receive, kapso, { key: 'k-1' }, { queue: queueRefuses });
		expect(refused.response.statusCode).toBe(500);
		expect(staticDataIn(db).deliveries).toBeUndefined();
		expect((await deliver(db, receive, kapso, { key: 'k-1' })).started).toBe(true);
		expect((await deliver(db, receiver(), kapso, { key: 'k-1' })).started).toBe(false);
	});

	it('a retry while the first is still being queued is answered 503, so Kapso sends it again', async () => {
		const { kapso, db } = await activated();
		const receive = receiver();

		const slow = pendingQueue();
		const first = deliver(db, receive, kapso, { key: 'k-1' }, { queue: slow.queue });
		const early = await deliver(db, receive, kapso, { key: 'k-1' });
		expect(early.started).toBe(false);
		expect(early.response.statusCode).toBe(503);
		expect(early.response.body).toEqual({
			error: 'A delivery with this X-Idempotency-Key is still being handled: send it again later',
		});
		slow.accept();
		expect((await first).started).toBe(true);
		expect((await deliver(db, receive, kapso, { key: 'k-1' })).started).toBe(false);
	});
});

describe('Kapso Trigger across n8n processes: the webhook secret', () => {
	it('a webhook process that never registered verifies with the secret main saved, without asking Kapso', async () => {
		const { kapso, db } = await activated();
		const before = asked(kapso);
		expect((await deliver(db, receiver(), kapso)).started).toBe(true);
		expect(asked(kapso)).toBe(before);
	});

	it('static data without the secret (overwritten by an older copy): read from Kapso, saved, known to the next process', async () => {
		const { kapso, db } = await activated();
		db.staticData = JSON.stringify({});
		kapso.requests.length = 0;

		expect((await deliver(db, receiver(), kapso)).started).toBe(true);
		expect(kapso.requests).toEqual([
			`GET ${LIST_URL}`,
			'GET https://api.kapso.ai/platform/v1/whatsapp/webhooks/wh-1',
		]);
		expect(staticDataIn(db)).toMatchObject({
			webhookId: 'wh-1',
			phoneNumberId: PHONE_NUMBER_ID,
			url: WEBHOOK_URL,
			secret: kapso.webhooks[0].secret_key,
		});
		expect((await deliver(db, receiver(), kapso)).started).toBe(true);
		expect(kapso.requests).toHaveLength(2);
	});

	it('an older secret in static data (the webhook was registered anew): read from Kapso by its id', async () => {
		const { kapso, db } = await activated();
		const registered = staticDataIn(db);
		db.staticData = JSON.stringify({ ...registered, secret: 'b'.repeat(64) });
		kapso.requests.length = 0;

		const handled = await deliver(db, receiver(), kapso);
		expect(handled.started).toBe(true);
		expect(kapso.requests).toEqual(['GET https://api.kapso.ai/platform/v1/whatsapp/webhooks/wh-1']);
		expect(staticDataIn(db).secret).toBe(registered.secret);
	});

	it('a forged request is refused 401, and each process asks Kapso at most once per 30 s', async () => {
		const { kapso, db } = await activated();
		kapso.requests.length = 0;
		const [first, second] = [receiver(), receiver()];
		for (const receive of [first, second, first, second]) {
			const forged = await deliver(db, receive, kapso, { secret: 'forged' });
			expect(forged.started).toBe(false);
			expect(forged.response.statusCode).toBe(401);
			expect(forged.response.body).toEqual({ error: 'Invalid X-Webhook-Signature' });
		}
		expect(kapso.requests).toHaveLength(2);
	});

	it('an unsigned request never makes the trigger ask Kapso', async () => {
		const { kapso, db } = await activated();
		kapso.requests.length = 0;
		const { context } = triggerHarness({ parameters: PARAMETERS, http: kapso.handler }).request(
			{ 'Content-Type': 'application/json', 'X-Webhook-Event': 'whatsapp.message.received' },
			RAW,
		);
		const handled = await handleRequest(db, context, receiver());
		expect(handled.response.statusCode).toBe(401);
		expect(kapso.requests).toEqual([]);
	});
});
