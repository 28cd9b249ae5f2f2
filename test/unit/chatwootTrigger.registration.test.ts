import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { TEST_TOKEN } from '../helpers/context';
import {
	fakeChatwoot,
	fakeWorkflow,
	hookContext,
	PRODUCTION_URL,
	TEST_URL,
	triggerParameters,
	type FakeWorkflow,
} from '../helpers/triggerContext';

const hooks = new ChatwootTrigger().webhookMethods.default;
const WEBHOOKS = 'https://chat.example.com/api/v1/accounts/1/webhooks';

const sent = (workflow: FakeWorkflow) =>
	workflow.requests.map((request) => ({
		method: request.method,
		url: request.url,
		...(request.body === undefined ? {} : { body: request.body }),
	}));

/** What n8n does on activation: checkExists, and create when it says false. */
async function activate(workflow: FakeWorkflow, mode: 'trigger' | 'manual' = 'trigger') {
	const context = hookContext(workflow, mode);
	if (!(await hooks.checkExists.call(context))) await hooks.create.call(context);
}

describe('Chatwoot Trigger registration', () => {
	it('creates the webhook for the chosen events, named after the workflow, and keeps its secret', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(
			triggerParameters({ events: ['message_created', 'conversation_status_changed'] }),
			chatwoot.handler,
		);
		await activate(workflow);
		expect(sent(workflow)).toEqual([
			{ method: 'GET', url: WEBHOOKS },
			{
				method: 'POST',
				url: WEBHOOKS,
				body: {
					webhook: {
						url: PRODUCTION_URL,
						name: 'n8n: Support replies › Chatwoot Trigger',
						subscriptions: ['conversation_status_changed', 'message_created'],
					},
				},
			},
			{ method: 'GET', url: 'https://chat.example.com/api/v1/profile' },
		]);
		expect(
			workflow.requests[1].headers['api_access_token'] ??
				workflow.requests[1].headers['Api-Access-Token'],
		).toBe(TEST_TOKEN);
		expect(workflow.staticData).toEqual({
			webhookUrl: PRODUCTION_URL,
			webhookId: 21,
			secret: 'secret-21',
			ownUserId: 5,
		});
	});

	it('subscribes to one inbox when exactly one is chosen in the filters', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(
			triggerParameters({ filters: { inboxIds: [3] } }),
			chatwoot.handler,
		);
		await activate(workflow);
		expect(workflow.requests[1].body).toEqual({
			webhook: {
				url: PRODUCTION_URL,
				name: 'n8n: Support replies › Chatwoot Trigger',
				subscriptions: ['message_created'],
				inbox_id: 3,
			},
		});
	});

	it('re-activation adopts its own webhook by URL: no second webhook, the secret kept', async () => {
		const chatwoot = fakeChatwoot({
			webhooks: [
				{
					id: 4,
					url: 'https://other.example.com/hook',
					name: 'CRM',
					subscriptions: ['contact_created'],
					secret: 'x',
				},
				{
					id: 9,
					url: PRODUCTION_URL,
					name: 'n8n: Support replies › Chatwoot Trigger',
					subscriptions: ['message_created'],
					secret: 'kept-secret',
				},
			],
		});
		// A crashed n8n: static data lost.
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		await activate(workflow);
		expect(sent(workflow)).toEqual([
			{ method: 'GET', url: WEBHOOKS },
			{ method: 'GET', url: 'https://chat.example.com/api/v1/profile' },
		]);
		expect(chatwoot.state.webhooks).toHaveLength(2);
		expect(workflow.staticData).toMatchObject({
			webhookUrl: PRODUCTION_URL,
			webhookId: 9,
			secret: 'kept-secret',
		});
	});

	it('brings an adopted webhook up to date when the events or inbox changed (PATCH, same id)', async () => {
		const chatwoot = fakeChatwoot({
			webhooks: [
				{
					id: 9,
					url: PRODUCTION_URL,
					name: 'old name',
					subscriptions: ['message_created'],
					secret: 'kept',
				},
			],
		});
		const workflow = fakeWorkflow(
			triggerParameters({
				events: ['message_created', 'message_updated'],
				filters: { inboxIds: [3] },
			}),
			chatwoot.handler,
		);
		await activate(workflow);
		expect(sent(workflow)[1]).toEqual({
			method: 'PATCH',
			url: `${WEBHOOKS}/9`,
			body: {
				webhook: {
					url: PRODUCTION_URL,
					name: 'n8n: Support replies › Chatwoot Trigger',
					subscriptions: ['message_created', 'message_updated'],
					inbox_id: 3,
				},
			},
		});
		expect(chatwoot.state.webhooks).toHaveLength(1);
		expect(workflow.staticData).toMatchObject({ webhookId: 9, secret: 'kept' });
	});

	it('removes duplicates with its URL and keeps one', async () => {
		const spec = {
			url: PRODUCTION_URL,
			name: 'n8n: Support replies › Chatwoot Trigger',
			subscriptions: ['message_created'],
		};
		const chatwoot = fakeChatwoot({
			webhooks: [
				{ id: 9, ...spec, secret: 'a' },
				{ id: 10, ...spec, secret: 'b' },
			],
		});
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		await activate(workflow);
		expect(sent(workflow)[1]).toEqual({ method: 'DELETE', url: `${WEBHOOKS}/10` });
		expect(chatwoot.state.webhooks.map((webhook) => webhook.id)).toEqual([9]);
	});

	it('deactivation deletes its webhook and any other with its URL, and forgets the secret', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		await activate(workflow);
		workflow.requests.length = 0;
		await hooks.delete.call(hookContext(workflow));
		expect(sent(workflow)).toEqual([
			{ method: 'GET', url: WEBHOOKS },
			{ method: 'DELETE', url: `${WEBHOOKS}/21` },
		]);
		expect(chatwoot.state.webhooks).toEqual([]);
		expect(workflow.staticData).toEqual({ ownUserId: 5 });
	});

	it('a webhook already gone counts as deleted', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		Object.assign(workflow.staticData, { webhookUrl: PRODUCTION_URL, webhookId: 77, secret: 's' });
		await expect(hooks.delete.call(hookContext(workflow))).resolves.toBe(true);
		expect(sent(workflow)).toEqual([
			{ method: 'GET', url: WEBHOOKS },
			{ method: 'DELETE', url: `${WEBHOOKS}/77` },
		]);
	});

	it('activate, deactivate, activate leaves exactly one webhook', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		await activate(workflow);
		await hooks.delete.call(hookContext(workflow));
		await activate(workflow);
		await activate(workflow);
		expect(chatwoot.state.webhooks.map((webhook) => webhook.url)).toEqual([PRODUCTION_URL]);
	});

	it('test listening registers the test URL, marked (test), and cleans up after itself', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		await activate(workflow, 'manual');
		expect(workflow.requests[1].body).toMatchObject({
			webhook: { url: TEST_URL, name: 'n8n: Support replies › Chatwoot Trigger (test)' },
		});
		await hooks.delete.call(hookContext(workflow, 'manual'));
		expect(chatwoot.state.webhooks).toEqual([]);
	});

	it('a test listener next to the active workflow leaves the production webhook alone', async () => {
		const chatwoot = fakeChatwoot();
		const production = fakeWorkflow(triggerParameters(), chatwoot.handler);
		await activate(production);
		// n8n hands the test listener a copy of the workflow's static data.
		const test = fakeWorkflow(triggerParameters(), chatwoot.handler);
		test.staticData = { ...production.staticData };
		await activate(test, 'manual');
		await hooks.delete.call(hookContext(test, 'manual'));
		expect(chatwoot.state.webhooks.map((webhook) => webhook.url)).toEqual([PRODUCTION_URL]);
		expect(
			test.requests.filter((request) => request.method === 'DELETE').map((request) => request.url),
		).toEqual([`${WEBHOOKS}/22`]);
	});

	it('manual setup registers nothing but learns the credential’s user for the loop guard', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(
			triggerParameters({ setup: 'manual', manualEvents: ['message_created'] }),
			chatwoot.handler,
		);
		await activate(workflow);
		await hooks.delete.call(hookContext(workflow));
		expect(sent(workflow)).toEqual([
			{ method: 'GET', url: 'https://chat.example.com/api/v1/profile' },
		]);
		expect(workflow.staticData).toEqual({ ownUserId: 5 });
	});

	it('an agent-bot token: profile refused (kept as null), webhook creation explained', async () => {
		const chatwoot = fakeChatwoot({ profile: 'bot' });
		const manual = fakeWorkflow(
			triggerParameters({ setup: 'manual', manualEvents: ['message_created'] }),
			chatwoot.handler,
		);
		await activate(manual);
		expect(manual.staticData).toEqual({ ownUserId: null });

		const refusing = fakeWorkflow(triggerParameters(), (request) =>
			request.method === 'GET'
				? chatwoot.handler(request)
				: {
						statusCode: 401,
						headers: {},
						body: { error: 'Access to this endpoint is not authorized for bots' },
					},
		);
		const error = await activate(refusing).catch((caught: unknown) => caught);
		expect(error).toMatchObject({
			httpCode: '401',
			description: expect.stringContaining('Set Up in Chatwoot Myself'),
		});
	});

	it('refuses to register without events', async () => {
		const workflow = fakeWorkflow(triggerParameters({ events: [] }), fakeChatwoot().handler);
		await expect(activate(workflow)).rejects.toThrow('Events: choose at least one event');
		expect(workflow.requests).toEqual([]);
	});

	it('logs the SafeFetch warning when the webhook URL is private or loopback', async () => {
		const chatwoot = fakeChatwoot();
		const workflow = fakeWorkflow(triggerParameters(), chatwoot.handler);
		const context = hookContext(workflow);
		const privateContext = {
			...context,
			getNodeWebhookUrl: () => 'http://localhost:5678/webhook/wh-node-1/webhook',
		};
		await hooks.checkExists.call(privateContext as typeof context);
		expect(workflow.logs).toContainEqual({
			level: 'warn',
			message: expect.stringMatching(
				/localhost is the local machine.*SAFE_FETCH_ALLOW_PRIVATE_NETWORK=true/,
			),
		});
		workflow.logs.length = 0;
		await hooks.checkExists.call(context);
		expect(workflow.logs.filter((log) => log.message.includes('SAFE_FETCH'))).toEqual([]);
	});
});
