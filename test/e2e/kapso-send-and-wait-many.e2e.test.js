'use strict';
/**
 * Kapso WhatsApp → Message → Send and Wait for Reply with many waits on one number, in a running
 * n8n (`n8n start`), against the Kapso sandbox in this jest process, which plays the customers:
 *
 * - ten executions wait on ten customers of one number (ten webhooks of ours, each delivery reaches
 *   all of them); a customer nobody waits for writes: nothing resumes and nothing is sent; the ten
 *   answer in random order, some tapping a button, some typing its title: each execution resumes
 *   with its own customer's reply;
 * - n8n stopped and started again (same port, so the resume URL holds) while an execution waits:
 *   the tap after the restart resumes it;
 * - after each, no webhook of ours is left in the sandbox.
 *
 * n8n 2.x only.
 */
const {
	activeWorkflowRuns,
	closeKapsoE2E,
	kapsoYesNoWorkflow,
	startKapsoE2E,
	KAPSO_PHONE_NUMBER_ID,
} = require('./send-and-wait-e2e');
const { n8nVersion } = require('./n8n').resolveTarget('2');

const NODE = 'Confirm order';
/** Ten customers who wrote a moment ago (their 24-hour window is open), and one nobody waits for. */
const CUSTOMERS = Array.from({ length: 10 }, (_, i) => `1555700${String(i + 1).padStart(4, '0')}`);
const BYSTANDER = '15551230001';

describe(`Kapso Send and Wait for Reply, many waits on one number, in a running n8n ${n8nVersion}`, () => {
	let kapso;
	let server;
	let runs;

	/** The customer's answer: a tap on the button, or its title typed (any letter case). */
	const answer = (from, option, how) =>
		kapso.sandbox.customerWrites(
			how === 'tap'
				? {
						phone_number_id: KAPSO_PHONE_NUMBER_ID,
						from,
						type: 'button_reply',
						reply: { id: option.id, title: option.title },
					}
				: { phone_number_id: KAPSO_PHONE_NUMBER_ID, from, text: option.title.toLowerCase() },
		);
	const outboundCount = () => kapso.sandbox.messages('outbound').length;

	beforeAll(async () => {
		kapso = await startKapsoE2E();
		// Each customer writes first: their window is open, and no webhook of ours exists yet.
		for (const from of CUSTOMERS)
			kapso.sandbox.customerWrites({ phone_number_id: KAPSO_PHONE_NUMBER_ID, from, text: 'Hi' });
		server = await kapso.startServer();
		runs = await activeWorkflowRuns(
			() => server,
			kapsoYesNoWorkflow({
				name: 'E2E: Kapso, ask each customer Yes/No and wait for their reply',
				node: NODE,
				credential: kapso.credential,
				recipientPhone: '={{ $json.body.recipient }}',
				resumeAmount: 1,
				resumeUnit: 'hours',
			}),
		);
	});

	afterAll(() => closeKapsoE2E(kapso));

	test('ten waits on ten customers, answered in random order: each resumes with its own reply', async () => {
		const ids = [];
		for (const [i, recipient] of CUSTOMERS.entries())
			ids.push(await runs.startWaiting('ask', { recipient, order: `#${2001 + i}` }));
		const hooks = await kapso.ourWebhooks();
		expect(hooks).toHaveLength(CUSTOMERS.length);
		// One webhook per execution, at its resume URL (…/webhook-waiting/<execution id>?signature=…).
		const waitingIdOf = (url) => new URL(url).pathname.split('/').at(-1);
		expect(hooks.map((w) => waitingIdOf(w.url)).sort()).toEqual([...ids].sort());

		// A customer nobody waits for: every wait gets the message, none resumes or re-asks.
		const sentBefore = outboundCount();
		answer(BYSTANDER, { id: 'yes', title: 'Yes' }, 'tap');
		await kapso.sandbox.webhooksSettled({ timeoutMs: 30000 });
		for (const id of ids) expect((await runs.get(id)).status).toBe('waiting');
		expect(outboundCount()).toBe(sentBefore);
		expect(await kapso.ourWebhooks()).toHaveLength(CUSTOMERS.length);

		const expected = CUSTOMERS.map((recipient, i) => ({
			recipient,
			option: i % 2 ? { id: 'yes', title: 'Yes' } : { id: 'no', title: 'No' },
			how: i % 3 ? 'tap' : 'type',
		}));
		const order = [...expected.keys()].sort(() => Math.random() - 0.5);
		for (const i of order) {
			answer(expected[i].recipient, expected[i].option, expected[i].how);
			await kapso.sandbox.webhooksSettled({ timeoutMs: 30000 });
		}
		for (const [i, id] of ids.entries()) {
			const { recipient, option, how } = expected[i];
			expect((await runs.finished(id)).status).toBe('success');
			expect(await runs.outputOf(id, NODE)).toEqual([
				expect.objectContaining({
					timedOut: false,
					recipient,
					option,
					text: how === 'tap' ? option.title : option.title.toLowerCase(),
					reAsked: false,
					reply: expect.objectContaining({
						from: recipient,
						type: how === 'tap' ? 'interactive' : 'text',
					}),
					sent: expect.objectContaining({ messageId: expect.stringMatching(/^wamid\./) }),
				}),
			]);
		}
		// The answers sent nothing more (no re-ask), and n8n answered every delivery to every wait.
		expect(outboundCount()).toBe(sentBefore);
		const unanswered = kapso.sandbox.webhookDeliveries.filter((d) => d.state !== 'delivered');
		expect(unanswered.map((d) => [d.url, d.attempts.map((a) => a.status)])).toEqual([]);
		expect(await kapso.ourWebhooks()).toEqual([]);
	});

	test('n8n restarted while an execution waits: the tap after the restart resumes it', async () => {
		const [recipient] = CUSTOMERS;
		const id = await runs.startWaiting('ask', { recipient, order: '#2100' });
		const [hook] = await kapso.ourWebhooks();
		const { port } = server;
		await server.stop();
		server = await kapso.startServer({ port });
		expect((await runs.get(id)).status).toBe('waiting');
		expect((await kapso.ourWebhooks()).map((w) => w.id)).toEqual([hook.id]);

		answer(recipient, { id: 'yes', title: 'Yes' }, 'tap');
		expect((await runs.finished(id)).status).toBe('success');
		expect(await runs.outputOf(id, NODE)).toEqual([
			expect.objectContaining({ timedOut: false, recipient, option: { id: 'yes', title: 'Yes' } }),
		]);
		await kapso.sandbox.webhooksSettled({ timeoutMs: 30000 });
		expect(await kapso.ourWebhooks()).toEqual([]);
	});
});
