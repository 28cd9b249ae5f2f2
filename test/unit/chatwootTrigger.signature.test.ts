import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import {
	activated,
	fakeChatwoot,
	fakeWorkflow,
	messageCreated,
	PRODUCTION_URL,
	SECRET,
	signedDelivery,
	signedHeaders,
	triggerParameters,
	webhookContext,
	type Delivery,
	type FakeWorkflow,
} from '../helpers/triggerContext';

const trigger = new ChatwootTrigger();

async function deliver(
	workflow: FakeWorkflow,
	delivery: Delivery,
	mode: 'webhook' | 'manual' = 'webhook',
) {
	const { context, answer } = webhookContext(workflow, delivery, mode);
	const result = await trigger.webhook.call(context);
	return { result, answer };
}

const refused = (reason: RegExp) => ({
	result: { noWebhookResponse: true },
	answer: { status: 401, body: { error: expect.stringMatching(reason) } },
});

beforeEach(() => forgetAllMemories());

describe('Chatwoot Trigger signature check', () => {
	it('a delivery signed with the webhook’s secret starts one execution', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		const { result, answer } = await deliver(workflow, signedDelivery(messageCreated()));
		expect(answer).toEqual({});
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(workflow.requests).toEqual([]);
	});

	it('refuses a signature made with another secret (401, nothing started)', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(), fakeChatwoot().handler));
		const outcome = await deliver(
			workflow,
			signedDelivery(messageCreated(), { secret: 'wrong-secret' }),
		);
		expect(outcome).toEqual(refused(/does not match the webhook secret/));
		expect(workflow.logs).toContainEqual({
			level: 'warn',
			message: expect.stringContaining('refused a delivery (401)'),
		});
		expect(JSON.stringify(workflow.logs)).not.toContain(SECRET);
	});

	it('refuses a body changed by one byte after signing', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(), fakeChatwoot().handler));
		const delivery = signedDelivery(messageCreated());
		const body = Buffer.from(delivery.body as string);
		body[body.indexOf('Hello')] = 'J'.charCodeAt(0);
		expect(await deliver(workflow, { ...delivery, body })).toEqual(refused(/does not match/));
	});

	it('refuses a stale timestamp (a replay) and one far ahead', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		const now = Math.floor(Date.now() / 1000);
		expect(
			await deliver(workflow, signedDelivery(messageCreated(), { timestamp: now - 301 })),
		).toEqual(refused(/more than 300 s old/));
		expect(
			await deliver(workflow, signedDelivery(messageCreated(), { timestamp: now + 301 })),
		).toEqual(refused(/ahead of this server/));
		expect(
			(await deliver(workflow, signedDelivery(messageCreated(), { timestamp: now - 299 }))).result
				.workflowData,
		).toBeDefined();
	});

	it('honours a longer Signature Max Age', async () => {
		const workflow = activated(
			fakeWorkflow(triggerParameters({ options: { maxAgeSeconds: 900 } })),
		);
		const old = Math.floor(Date.now() / 1000) - 600;
		expect(
			(await deliver(workflow, signedDelivery(messageCreated(), { timestamp: old }))).result
				.workflowData,
		).toBeDefined();
	});

	it('refuses missing signature or timestamp headers, naming the Chatwoot versions that sign', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		const body = JSON.stringify(messageCreated());
		const headers = signedHeaders(body);
		expect(
			await deliver(workflow, { body, headers: { ...headers, 'X-Chatwoot-Signature': undefined } }),
		).toEqual(refused(/no X-Chatwoot-Signature header.*4\.11\.2.*4\.13\.0.*Verify Signature/));
		expect(
			await deliver(workflow, { body, headers: { ...headers, 'X-Chatwoot-Timestamp': undefined } }),
		).toEqual(refused(/no X-Chatwoot-Timestamp header/));
		expect(
			await deliver(workflow, {
				body,
				headers: { ...headers, 'X-Chatwoot-Signature': 'sha256=abc' },
			}),
		).toEqual(refused(/not "sha256=" followed by 64 hex digits/));
	});

	it('refuses when n8n kept no raw body (the signature cannot be checked on parsed JSON)', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters()));
		expect(
			await deliver(workflow, { ...signedDelivery(messageCreated()), noRawBody: true }),
		).toEqual(refused(/raw request body/));
	});

	it('with Verify Signature off, accepts unsigned deliveries', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters({ verifySignature: false })));
		const { result } = await deliver(workflow, { body: JSON.stringify(messageCreated()) });
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it('reads the secret from Chatwoot when static data lacks it, once, and keeps it', async () => {
		const chatwoot = fakeChatwoot({
			webhooks: [
				{
					id: 9,
					url: PRODUCTION_URL,
					name: 'n',
					subscriptions: ['message_created'],
					secret: SECRET,
				},
			],
		});
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		workflow.staticData.ownUserId = 5;
		expect(
			(await deliver(workflow, signedDelivery(messageCreated()))).result.workflowData,
		).toBeDefined();
		expect(workflow.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET https://chat.example.com/api/v1/accounts/1/webhooks',
		]);
		expect(workflow.requests[0].options.timeout).toBe(3000);
		expect(workflow.staticData).toMatchObject({
			webhookUrl: PRODUCTION_URL,
			webhookId: 9,
			secret: SECRET,
		});
		await deliver(workflow, signedDelivery(messageCreated({ id: 502 })));
		expect(workflow.requests).toHaveLength(1);
	});

	it('in a test listener finds its webhook by the path the delivery came to', async () => {
		const testUrl = 'https://n8n.example.com/webhook-test/wh-node-1/webhook';
		const chatwoot = fakeChatwoot({
			webhooks: [
				{
					id: 9,
					url: PRODUCTION_URL,
					subscriptions: ['message_created'],
					secret: 'production-secret',
				},
				{ id: 10, url: testUrl, subscriptions: ['message_created'], secret: SECRET },
			],
		});
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		workflow.staticData.ownUserId = 5;
		expect(
			(await deliver(workflow, signedDelivery(messageCreated()), 'manual')).result.workflowData,
		).toBeDefined();
	});

	it('when the kept secret does not verify, asks Chatwoot for the current one (re-created webhook)', async () => {
		const chatwoot = fakeChatwoot({
			webhooks: [
				{ id: 30, url: PRODUCTION_URL, subscriptions: ['message_created'], secret: 'new-secret' },
			],
		});
		const workflow = activated(fakeWorkflow(triggerParameters(), chatwoot.handler), {
			secret: 'old-secret',
		});
		const { result } = await deliver(
			workflow,
			signedDelivery(messageCreated(), { secret: 'new-secret' }),
		);
		expect(result.workflowData).toBeDefined();
		expect(workflow.staticData).toMatchObject({ webhookId: 30, secret: 'new-secret' });
	});

	it('asks Chatwoot at most every 30 s, so forged deliveries cannot flood it', async () => {
		const chatwoot = fakeChatwoot({
			webhooks: [
				{ id: 9, url: PRODUCTION_URL, subscriptions: ['message_created'], secret: SECRET },
			],
		});
		const workflow = activated(fakeWorkflow(triggerParameters(), chatwoot.handler));
		for (let i = 0; i < 5; i++)
			await deliver(workflow, signedDelivery(messageCreated(), { secret: `forged-${i}` }));
		expect(workflow.requests).toHaveLength(1);
	});

	it('says clearly in the log when every delivery fails verification (chatwoot#13809)', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(), fakeChatwoot().handler));
		for (let i = 0; i < 3; i++)
			await deliver(workflow, signedDelivery(messageCreated(), { secret: 'what-chatwoot-used' }));
		expect(workflow.logs.filter((log) => log.level === 'error')).toEqual([
			{
				level: 'error',
				message: expect.stringMatching(
					/all 3 deliveries so far failed signature verification and none has ever verified.*13809.*Verify Signature/,
				),
			},
		]);
	});

	it('does not call it "every delivery" once one has verified', async () => {
		const workflow = activated(fakeWorkflow(triggerParameters(), fakeChatwoot().handler));
		await deliver(workflow, signedDelivery(messageCreated()));
		for (let i = 0; i < 4; i++)
			await deliver(workflow, signedDelivery(messageCreated(), { secret: 'forged' }));
		expect(workflow.logs.filter((log) => log.level === 'error')).toEqual([]);
	});

	describe('manual setup', () => {
		const manual = (secret: string) =>
			triggerParameters({
				setup: 'manual',
				manualEvents: ['message_created'],
				webhookSecret: secret,
			});

		it('verifies with the pasted secret', async () => {
			const workflow = fakeWorkflow(manual(` ${SECRET} `));
			workflow.staticData.ownUserId = 5;
			expect(
				(await deliver(workflow, signedDelivery(messageCreated()))).result.workflowData,
			).toBeDefined();
			expect(
				(await deliver(workflow, signedDelivery(messageCreated(), { secret: 'x' }))).answer.status,
			).toBe(401);
			expect(workflow.requests).toEqual([]);
		});

		it('without a pasted secret, refuses and says to paste it', async () => {
			const workflow = fakeWorkflow(manual(''));
			expect(await deliver(workflow, signedDelivery(messageCreated()))).toEqual(
				refused(/no Webhook Secret is set/),
			);
		});
	});
});
