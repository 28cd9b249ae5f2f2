import type { IDataObject } from 'n8n-workflow';

import {
	activateInMain,
	database,
	FakeResponse,
	handleRequest,
	pendingQueue,
	queueRefuses,
	staticDataIn,
	webhookProcess,
	type Database,
	type Registration,
	type RequestOptions,
	type WebhookMethod,
} from '../helpers/n8nProcesses';
import {
	fakeChatwoot,
	fakeWorkflow,
	hookContext,
	messageCreated,
	PRODUCTION_URL,
	signedDelivery,
	triggerParameters,
	webhookContext,
	type FakeWorkflow,
} from '../helpers/triggerContext';

/**
 * The Chatwoot Trigger in n8n's queue mode: main activates, several webhook processes receive,
 * and they share only the workflow's static data as the database holds it.
 */

const receiver = () => webhookProcess('nodes/ChatwootTrigger/actions/receive');

const WEBHOOKS = 'https://chat.example.com/api/v1/accounts/1/webhooks';
/** The secret fakeChatwoot gives the first webhook created. */
const CREATED_SECRET = 'secret-21';

const REGISTRATION: Registration = {
	path: 'nodes/ChatwootTrigger/actions/registration',
	checkExists: 'checkExists',
	create: 'create',
};

/** Chatwoot, and the workflow as main's activation left it in the database. */
async function activated(parameters = triggerParameters()) {
	const chatwoot = fakeChatwoot();
	const workflow = fakeWorkflow(parameters, chatwoot.handler);
	const db = database();
	await activateInMain(db, REGISTRATION, (staticData) => {
		workflow.staticData = staticData;
		return hookContext(workflow);
	});
	return { chatwoot, workflow, db };
}

async function deliver(
	db: Database,
	receive: WebhookMethod,
	workflow: FakeWorkflow,
	delivery: { id?: string; secret?: string; content?: string } = {},
	options?: RequestOptions,
) {
	const { context } = webhookContext(
		workflow,
		signedDelivery(messageCreated(delivery.content ? { content: delivery.content } : {}), {
			delivery: delivery.id,
			secret: delivery.secret ?? CREATED_SECRET,
		}),
	);
	return await handleRequest(db, context, receive, options);
}

const listed = (workflow: FakeWorkflow) =>
	workflow.requests.filter((request) => request.method === 'GET' && request.url === WEBHOOKS)
		.length;

describe('Chatwoot Trigger across n8n processes: delivery ids', () => {
	it('a retry that reaches another webhook process starts nothing: the id came through the database', async () => {
		const { workflow, db } = await activated();
		const [first, second] = [receiver(), receiver()];

		expect((await deliver(db, first, workflow, { id: 'd-1' })).started).toBe(true);
		expect(Object.keys(staticDataIn(db).deliveries as object)).toEqual(['d-1']);
		const retry = await deliver(db, second, workflow, { id: 'd-1' });
		expect(retry.started).toBe(false);
		expect(retry.response.statusCode).toBe(200);
		expect(retry.response.body).toEqual({
			received: true,
			started: false,
			reason: 'duplicate delivery',
		});
	});

	it('two processes saving at once: the overwritten id is not known elsewhere (it starts), and comes back with its process’s next save', async () => {
		const { workflow, db } = await activated();
		const [first, second] = [receiver(), receiver()];

		// Both read the static data before either saved; the second save wins (n8n saves it whole).
		const one = await deliver(db, first, workflow, { id: 'd-1' }, { deferSave: true });
		const two = await deliver(db, second, workflow, { id: 'd-2' }, { deferSave: true });
		one.save();
		two.save();
		expect(Object.keys(staticDataIn(db).deliveries as object)).toEqual(['d-2']);

		// Not seen where the database is all there is: an execution starts rather than an event is lost.
		const copy = database(staticDataIn(db));
		expect((await deliver(copy, receiver(), workflow, { id: 'd-1' })).started).toBe(true);
		// The first process still knows d-1 and writes it back with its next delivery.
		await deliver(db, first, workflow, { id: 'd-3' });
		expect(Object.keys(staticDataIn(db).deliveries as object).sort()).toEqual([
			'd-1',
			'd-2',
			'd-3',
		]);
		expect((await deliver(db, receiver(), workflow, { id: 'd-1' })).started).toBe(false);
	});

	it('a delivery whose execution the queue refused (n8n answered 500) is started by its retry, here or elsewhere', async () => {
		const { workflow, db } = await activated();
		const [first, second] = [receiver(), receiver()];

		const refused = await deliver(db, first, workflow, { id: 'd-1' }, { queue: queueRefuses });
		expect(refused.started).toBe(false);
		expect(refused.response.statusCode).toBe(500);
		expect(staticDataIn(db).deliveries).toBeUndefined();
		expect((await deliver(db, first, workflow, { id: 'd-1' })).started).toBe(true);

		await deliver(db, second, workflow, { id: 'd-2' }, { queue: queueRefuses });
		expect((await deliver(db, second, workflow, { id: 'd-1' })).started).toBe(false);
		expect((await deliver(db, first, workflow, { id: 'd-2' })).started).toBe(true);
	});

	it('a retry while the first is still being queued is answered 503 (send again), and the next retry learns how the first went', async () => {
		const { workflow, db } = await activated();
		const receive = receiver();

		const slow = pendingQueue();
		const first = deliver(db, receive, workflow, { id: 'd-1' }, { queue: slow.queue });
		const early = await deliver(db, receive, workflow, { id: 'd-1' });
		expect(early.started).toBe(false);
		expect(early.response.statusCode).toBe(503);
		expect(early.response.body).toEqual({
			received: false,
			reason:
				'a delivery with this X-Chatwoot-Delivery is still being handled: send it again later',
		});
		// Another delivery meanwhile does not write the unsettled id into the database.
		await deliver(db, receive, workflow, { id: 'd-2' });
		expect(Object.keys(staticDataIn(db).deliveries as object)).toEqual(['d-2']);

		slow.refuse(new Error('Connection is closed.'));
		expect((await first).response.statusCode).toBe(500);
		expect((await deliver(db, receive, workflow, { id: 'd-1' })).started).toBe(true);
		expect((await deliver(db, receive, workflow, { id: 'd-1' })).started).toBe(false);
	});

	it('a delivery whose caller hung up before n8n answered counts as seen (n8n may have started it)', async () => {
		const { workflow, db } = await activated();
		const receive = receiver();

		const slow = pendingQueue();
		let response: FakeResponse | undefined;
		const first = deliver(
			db,
			receive,
			workflow,
			{ id: 'd-1' },
			{ queue: slow.queue, onResponse: (r) => (response = r) },
		);
		await new Promise((resolve) => setImmediate(resolve));
		response?.hangUp();
		expect(response?.writableFinished).toBe(false);
		slow.accept();
		expect((await first).started).toBe(true);
		expect((await deliver(db, receive, workflow, { id: 'd-1' })).started).toBe(false);
	});
});

describe('Chatwoot Trigger across n8n processes: the webhook secret', () => {
	it('a webhook process that never ran create verifies with the secret main saved, without asking Chatwoot', async () => {
		const { workflow, db } = await activated();
		expect(staticDataIn(db)).toMatchObject({ webhookUrl: PRODUCTION_URL, secret: 'secret-21' });
		const before = listed(workflow);

		const handled = await deliver(db, receiver(), workflow, {});
		expect(handled.started).toBe(true);
		expect(listed(workflow)).toBe(before);
	});

	it('static data without the secret (overwritten by an older copy): read from Chatwoot once, saved, and known to the next process', async () => {
		const { workflow, db } = await activated();
		db.staticData = JSON.stringify({ ownUserId: 5 });
		const before = listed(workflow);

		expect((await deliver(db, receiver(), workflow, {})).started).toBe(true);
		expect(listed(workflow)).toBe(before + 1);
		expect(staticDataIn(db)).toMatchObject({
			webhookUrl: PRODUCTION_URL,
			webhookId: 21,
			secret: 'secret-21',
		});
		expect((await deliver(db, receiver(), workflow, {})).started).toBe(true);
		expect(listed(workflow)).toBe(before + 1);
	});

	it('an older secret written back by another process within 30 s of a re-read: verified with what Chatwoot said, not refused', async () => {
		const { chatwoot, workflow, db } = await activated();
		// The webhook was made anew (new secret) while a process still held the old static data.
		const stale = staticDataIn(db);
		chatwoot.state.webhooks[0].secret = 'secret-new';
		const receive = receiver();

		expect((await deliver(db, receive, workflow, { secret: 'secret-new' })).started).toBe(true);
		expect(staticDataIn(db).secret).toBe('secret-new');
		const asked = listed(workflow);
		db.staticData = JSON.stringify(stale);
		const again = await deliver(db, receive, workflow, { secret: 'secret-new' });
		expect(again.response.statusCode).toBe(200);
		expect(again.started).toBe(true);
		expect(listed(workflow)).toBe(asked);
		expect(staticDataIn(db).secret).toBe('secret-new');
	});

	it('a forged delivery makes each process ask Chatwoot at most once per 30 s', async () => {
		const { workflow, db } = await activated();
		const before = listed(workflow);
		const [first, second] = [receiver(), receiver()];
		for (const receive of [first, second, first, second]) {
			const forged = await deliver(db, receive, workflow, { secret: 'forged' });
			expect(forged.response.statusCode).toBe(401);
		}
		expect(listed(workflow)).toBe(before + 2);
	});
});

describe('Chatwoot Trigger across n8n processes: bursts', () => {
	afterEach(() => jest.useRealTimers());

	it('each webhook process merges the messages it received: every message reaches exactly one execution', async () => {
		jest.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
		const { workflow, db } = await activated(triggerParameters({ options: { burstSeconds: 5 } }));
		const [first, second] = [receiver(), receiver()];
		const message = (id: number, content: string) => {
			const body = messageCreated({ id, content });
			return webhookContext(
				workflow,
				signedDelivery(body, { delivery: `d-${id}`, secret: CREATED_SECRET }),
			).context;
		};

		// A load balancer without sticky sessions: one conversation's burst spread over both.
		const handled = [
			handleRequest(db, message(1, 'hi'), first),
			handleRequest(db, message(2, 'my order'), second),
			handleRequest(db, message(3, 'it has not arrived'), first),
		];
		await jest.advanceTimersByTimeAsync(5_000);
		const [one, two, three] = await Promise.all(handled);
		for (const request of [one, two, three]) {
			expect(request.response.statusCode).toBe(200);
			expect(request.response.body).toEqual({ received: true, merged: true });
		}
		expect([one.started, two.started, three.started]).toEqual([true, true, false]);
		expect(one.result.workflowData?.[0][0].json).toMatchObject({
			content: 'hi\nit has not arrived',
			messageIds: [1, 3],
		});
		expect(two.result.workflowData?.[0][0].json).toMatchObject({
			content: 'my order',
			messageIds: [2],
		});
	});

	it('the request that opened a burst saves its static data minutes later: with every id its process knows by then', async () => {
		jest.useFakeTimers({ now: new Date('2026-12-02T00:00:00Z') });
		const { workflow, db } = await activated(triggerParameters({ options: { burstSeconds: 5 } }));
		const [first, second] = [receiver(), receiver()];
		const delivery = (payload: IDataObject, id: string) =>
			webhookContext(workflow, signedDelivery(payload, { delivery: id, secret: CREATED_SECRET }))
				.context;

		const opener = handleRequest(db, delivery(messageCreated({ id: 1 }), 'd-1'), first);
		// Meanwhile another process answers (and saves) an event the filters skip.
		const skipped = await handleRequest(
			db,
			delivery({ event: 'conversation_created', id: 42 }, 'd-9'),
			second,
		);
		expect(skipped.response.statusCode).toBe(200);
		await jest.advanceTimersByTimeAsync(1_000);
		await handleRequest(db, delivery(messageCreated({ id: 2 }), 'd-2'), first);
		await jest.advanceTimersByTimeAsync(5_000);
		expect((await opener).started).toBe(true);
		expect(Object.keys(staticDataIn(db).deliveries as object).sort()).toEqual([
			'd-1',
			'd-2',
			'd-9',
		]);
	});
});
