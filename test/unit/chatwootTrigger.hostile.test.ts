/**
 * The trigger's requests against servers that are not (or not only) Chatwoot, through n8n's own
 * request helper: a captive portal must not pass for "no webhook yet" (that would create a
 * duplicate), a lost answer to the create must not create a second webhook, and a silent Chatwoot
 * during a delivery must not hold the answer past Chatwoot's 5 s.
 */
import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';
import { forgetAllMemories } from '../../nodes/ChatwootTrigger/helpers/state';
import { TEST_TOKEN } from '../helpers/context';
import {
	echoHeaders,
	redirect,
	reply,
	resetAfterRequest,
	sequence,
	silence,
	startHostile,
	type HostileServer,
} from '../helpers/hostile';
import { n8nHttp } from '../helpers/realHttp';
import {
	fakeWorkflow,
	hookContext,
	messageCreated,
	PRODUCTION_URL,
	signedDelivery,
	triggerParameters,
	webhookContext,
	type FakeWorkflow,
} from '../helpers/triggerContext';

jest.setTimeout(30_000);

const WEBHOOKS = '/api/v1/accounts/1/webhooks';
const hooks = new ChatwootTrigger().webhookMethods.default;

let chatwoot: HostileServer;
let elsewhere: HostileServer;

beforeEach(async () => {
	forgetAllMemories();
	chatwoot = await startHostile({ '/api/v1/profile': reply(200, { id: 5 }) });
	elsewhere = await startHostile({
		'*': reply(200, { payload: { webhook: { id: 1, url: PRODUCTION_URL } } }),
	});
});
afterEach(async () => {
	await chatwoot.close();
	await elsewhere.close();
});

const workflowOn = (server: HostileServer): FakeWorkflow =>
	fakeWorkflow(triggerParameters(), n8nHttp, { baseUrl: server.origin });

async function activate(workflow: FakeWorkflow) {
	const context = hookContext(workflow);
	if (!(await hooks.checkExists.call(context))) await hooks.create.call(context);
}

const posts = () => chatwoot.requests.filter((request) => request.method === 'POST');

describe('Chatwoot Trigger against hostile servers', () => {
	it('a captive portal answering the webhook list with HTML fails activation and creates nothing', async () => {
		chatwoot.on(WEBHOOKS, reply(200, '<html><body>Please sign in to the Wi-Fi</body></html>'));
		await expect(activate(workflowOn(chatwoot))).rejects.toThrow(/not.*Chatwoot|Chatwoot/i);
		expect(posts()).toEqual([]);
	});

	it('a redirect on create is not followed: the token never reaches the other host', async () => {
		chatwoot.on(
			WEBHOOKS,
			async (request, response, raw) =>
				await (
					request.method === 'GET'
						? reply(200, { payload: { webhooks: [] } })
						: redirect(307, `${elsewhere.origin}${WEBHOOKS}`)
				)(request, response, raw),
		);
		await expect(activate(workflowOn(chatwoot))).rejects.toThrow();
		expect(elsewhere.requests).toEqual([]);
	});

	it('a create whose answer is lost is found in the list: one POST, one webhook, its secret kept', async () => {
		const listed = {
			payload: {
				webhooks: [
					{
						id: 31,
						url: PRODUCTION_URL,
						name: 'n',
						subscriptions: ['message_created'],
						secret: 'lost-answer-secret',
					},
				],
			},
		};
		const list = sequence(reply(200, { payload: { webhooks: [] } }), 1, reply(200, listed));
		chatwoot.on(
			WEBHOOKS,
			async (request, response, raw) =>
				await (request.method === 'GET' ? list : resetAfterRequest())(request, response, raw),
		);
		const workflow = workflowOn(chatwoot);
		await activate(workflow);
		expect(posts()).toHaveLength(1);
		expect(workflow.staticData).toMatchObject({
			webhookId: 31,
			secret: 'lost-answer-secret',
			webhookUrl: PRODUCTION_URL,
		});
	});

	it('a proxy that echoes the request headers into its error does not put the token into the error', async () => {
		chatwoot.on(WEBHOOKS, echoHeaders(401));
		const error = (await activate(workflowOn(chatwoot)).catch(
			(caught: unknown) => caught,
		)) as Error & {
			description?: string;
		};
		expect(error).toBeInstanceOf(Error);
		expect(`${error.message} ${error.description ?? ''}`).not.toContain(TEST_TOKEN);
	});

	it('a silent Chatwoot while a delivery looks up the secret: answered 401 well within 5 s', async () => {
		chatwoot.on(WEBHOOKS, silence());
		const workflow = workflowOn(chatwoot);
		const { context, answer } = webhookContext(workflow, signedDelivery(messageCreated()));
		const started = Date.now();
		const result = await new ChatwootTrigger().webhook.call(context);
		expect(Date.now() - started).toBeLessThan(4_500);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(401);
	});
});
