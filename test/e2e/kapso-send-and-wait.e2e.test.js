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
const {
	activeWorkflowRuns,
	cancelWaiting,
	closeKapsoE2E,
	kapsoYesNoWorkflow,
	startKapsoE2E,
	KAPSO_PHONE_NUMBER_ID,
} = require('./send-and-wait-e2e');
const { n8nVersion } = require('./n8n').resolveTarget('2');

const NODE = 'Confirm order';
const CUSTOMER = '15551230001';

describe(`Kapso Send and Wait for Reply in a running n8n ${n8nVersion}`, () => {
	let kapso;
	let server;
	let runs;

	/** Starts one execution; resolves with its id once n8n lists it as waiting. */
	const ask = (order, extra = {}) => runs.startWaiting('ask', { order, ...extra });
	const tap = (id, title) =>
		kapso.sandbox.customerWrites({
			phone_number_id: KAPSO_PHONE_NUMBER_ID,
			from: CUSTOMER,
			type: 'button_reply',
			reply: { id, title },
		});

	beforeAll(async () => {
		kapso = await startKapsoE2E();
		server = await kapso.startServer();
		runs = await activeWorkflowRuns(
			() => server,
			kapsoYesNoWorkflow({
				name: 'E2E: Kapso, ask Yes/No and wait for the reply',
				node: NODE,
				credential: kapso.credential,
				recipientPhone: CUSTOMER,
				resumeAmount: '={{ $json.body.seconds ?? 3600 }}',
				resumeUnit: 'seconds',
			}),
		);
	});

	afterAll(() => closeKapsoE2E(kapso));

	test('sends Yes/No buttons, waits (listed as waiting), resumes with the button the customer taps', async () => {
		const id = await ask('#1001');
		const hooks = await kapso.ourWebhooks();
		expect(hooks).toEqual([
			expect.objectContaining({
				events: ['whatsapp.message.received'],
				kind: 'kapso',
				payload_version: 'v2',
				secret_key: expect.stringMatching(/^[0-9a-f]{64}$/),
			}),
		]);
		expect(hooks[0].url).toContain(`/webhook-waiting/${id}`);
		expect(kapso.sandbox.messages('outbound').at(-1)).toMatchObject({ type: 'interactive' });

		// Another customer of the number writes: answered, the execution keeps waiting.
		kapso.sandbox.customerWrites({
			phone_number_id: KAPSO_PHONE_NUMBER_ID,
			from: '15551230002',
			text: 'Yes',
		});
		await kapso.sandbox.webhooksSettled({ timeoutMs: 20000 });
		expect((await runs.get(id)).status).toBe('waiting');

		tap('no', 'No');
		expect((await runs.finished(id)).status).toBe('success');
		expect(await runs.outputOf(id, NODE)).toEqual([
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
		await kapso.sandbox.webhooksSettled({ timeoutMs: 20000 });
		expect(kapso.sandbox.webhookDeliveries.every((d) => d.state === 'delivered')).toBe(true);
		expect(await kapso.ourWebhooks()).toEqual([]);
		expect(server.logs()).not.toContain(hooks[0].secret_key);
	});

	test('time limit: goes on with timedOut: true, and its webhook is gone by then', async () => {
		const id = await ask('#1002', { seconds: 3 });
		expect(await kapso.ourWebhooks()).toHaveLength(1);
		expect((await runs.finished(id)).status).toBe('success');
		expect(await runs.outputOf(id, NODE)).toEqual([
			expect.objectContaining({ timedOut: true, text: null, option: null, reply: null }),
		]);
		// n8n runs no node code at a timeout: the wait watcher deleted the webhook at the deadline,
		// before n8n's own limit (5 s later) resumed the execution. No later run is needed.
		expect(await kapso.ourWebhooks()).toEqual([]);
	}, 120000);

	test('a cancelled waiting execution leaves no webhook of ours within seconds', async () => {
		const id = await ask('#1003');
		expect(await kapso.ourWebhooks()).toHaveLength(1);
		// n8n runs nothing of the node on a cancel: the watcher's probe learns it (409) and deletes.
		const cancelled = await cancelWaiting(server, runs, id, () => kapso.ourWebhooks());
		expect(cancelled.status).toBe('canceled');
		expect(cancelled.msUntilNoWebhook).toBeLessThan(15000);
	});
});
