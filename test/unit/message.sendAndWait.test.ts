import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { TIMEOUT_LEAD_MS } from '../../nodes/shared/waitWatcher';
import { expectRefusedInAnotherStep, inAnotherStep } from '../helpers/sendAndWait';
import {
	createContext,
	json,
	NODE,
	TEST_TOKEN,
	type HttpHandler,
	type SentRequest,
} from '../helpers/context';
import { expectProbe, holdWatchers, runHeldWatcher } from '../helpers/waitWatch';
import { messageCreated, signedDelivery, SECRET, type Delivery } from '../helpers/triggerContext';

const API = 'https://chat.example.com/api/v1/accounts/1';
const RESUME_URL = 'https://n8n.example.com/webhook-waiting/77?signature=resume-token';
const NOW = Date.parse('2026-12-02T00:00:00.000Z');
const UNTIL = '2026-12-03T00:00:00.000Z';
const OUR_NAME = `n8n Send and Wait for Reply · execution 77 · conversation 42 · until ${UNTIL}`;
/** n8n's own limit: the watcher's deadline (UNTIL) plus its lead. */
const N8N_UNTIL = new Date(Date.parse(UNTIL) + TIMEOUT_LEAD_MS);

const watchers = holdWatchers();

/** A Chatwoot with conversation 42 (inbox 3), account webhooks and messages, recording every request. */
function fakeChatwoot(webhooks: IDataObject[] = []) {
	const state = { webhooks: webhooks.map((w) => ({ ...w })), nextId: 30, down: false };
	const handler: HttpHandler = (request) => {
		if (state.down) return json({ error: 'Service Unavailable' }, 503);
		const path = request.url.replace(API, '');
		const body = (request.body ?? {}) as IDataObject;
		if (request.method === 'GET' && path === '/conversations/42')
			return json({ id: 42, inbox_id: 3, status: 'open' });
		if (request.method === 'POST' && path === '/conversations/42/messages')
			return json({ id: 900 + state.nextId++, content: body.content, message_type: 'outgoing' });
		if (path === '/webhooks' && request.method === 'GET')
			return json({ payload: { webhooks: state.webhooks } });
		if (path === '/webhooks' && request.method === 'POST') {
			const attrs = body.webhook as IDataObject;
			const created = {
				id: state.nextId++,
				url: attrs.url,
				name: attrs.name,
				subscriptions: attrs.subscriptions,
				inbox: { id: attrs.inbox_id },
				secret: SECRET,
			};
			state.webhooks.push(created);
			return json({ payload: { webhook: created } });
		}
		const one = /^\/webhooks\/(\d+)$/.exec(path);
		const found = one && state.webhooks.find((w) => w.id === Number(one[1]));
		if (one && !found) return json({ error: 'Resource could not be found' }, 404);
		if (found && request.method === 'DELETE') {
			state.webhooks = state.webhooks.filter((w) => w !== found);
			return json({});
		}
		if (found && request.method === 'PATCH') {
			found.name = (body.webhook as IDataObject).name;
			return json({ payload: { webhook: found } });
		}
		return json({ error: 'Resource could not be found' }, 404);
	};
	return { state, handler };
}

const sent = (requests: SentRequest[]) =>
	requests.map((r) => ({
		method: r.method,
		path: r.url.replace(API, ''),
		...(r.body === undefined ? {} : { body: r.body }),
	}));

const waitParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendAndWaitForReply',
	conversationId: { __rl: true, mode: 'id', value: '42' },
	contentType: 'input_select',
	content: 'Is your order #1001 correct?',
	selectOptions: {
		option: [
			{ title: 'Yes', value: 'yes' },
			{ title: 'No', value: 'no' },
		],
	},
	responseKind: 'choice',
	otherReply: 'reAsk',
	reAskText: 'Please answer Yes or No.',
	limitType: 'afterTimeInterval',
	resumeAmount: 1,
	resumeUnit: 'days',
	...extra,
	options: { checkReplyWindow: false, ...(extra.options as IDataObject | undefined) },
});

/** Runs execute() as n8n would for one item; returns what it sent, output, and the wait. */
async function send(
	parameters: Record<string, unknown>,
	chatwoot = fakeChatwoot(),
	items = [{ json: { orderId: 1001 }, pairedItem: { item: 0 } }],
	caller: Record<string, unknown> = {},
) {
	const harness = createContext({ parameters, http: chatwoot.handler, items });
	const executeData = { node: NODE, data: { main: [items] } };
	const waits: Date[] = [];
	Object.assign(harness.context, {
		evaluateExpression: (expression: string) => {
			if (expression !== '{{ $execution.resumeUrl }}') throw new Error(expression);
			return RESUME_URL;
		},
		getExecutionId: () => '77',
		getExecuteData: () => executeData,
		putExecutionToWait: async (until: Date) => void waits.push(until),
		...caller,
	});
	let output: IDataObject[] | undefined;
	let error: unknown;
	try {
		const [items] = await new Chatwoot().execute.call(harness.context as IExecuteFunctions);
		output = items.map((item) => item.json);
	} catch (caught) {
		error = caught;
	}
	return { ...harness, output, error, waits, executeData, chatwoot };
}

/** Runs webhook() for one delivery, with the waiting node's input as execute() left it. */
async function deliver(
	waitingInput: IDataObject,
	delivery: Delivery,
	chatwoot: ReturnType<typeof fakeChatwoot>,
) {
	const harness = createContext({ parameters: { resource: 'message' }, http: chatwoot.handler });
	const raw = Buffer.from(String(delivery.body));
	const answer: { status?: number; body?: unknown } = {};
	const response = {
		status: (code: number) => ((answer.status = code), response),
		json: (body: unknown) => ((answer.body = body), response),
	};
	const headers = Object.fromEntries(
		Object.entries(delivery.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const { getNode, getCredentials, helpers } = harness.context;
	const context = Object.assign(
		{ getNode, getCredentials, helpers },
		{
			getNodeParameter: (_name: string, fallback: unknown) => fallback,
			evaluateExpression: (expression: string) => {
				if (expression !== '{{ JSON.stringify($json) }}') throw new Error(expression);
				return JSON.stringify(waitingInput);
			},
			getBodyData: () => JSON.parse(raw.toString('utf8')) as IDataObject,
			getRequestObject: () => ({ headers, rawBody: raw }),
			getResponseObject: () => response,
		},
	) as unknown as IWebhookFunctions;
	const result = await new Chatwoot().webhook.call(context);
	return { result, answer, requests: harness.requests };
}

/** Sends with `parameters` and returns the waiting input and the Chatwoot holding our webhook. */
async function waiting(parameters: Record<string, unknown> = waitParameters()) {
	const run = await send(parameters);
	expect(run.error).toBeUndefined();
	return {
		input: run.executeData.data.main[0][0].json as IDataObject,
		chatwoot: run.chatwoot,
		run,
	};
}

const reply = (overrides: IDataObject = {}) =>
	messageCreated({ content: 'Yes', attachments: [], ...overrides });

beforeEach(() => {
	jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout'] });
	watchers.mockClear();
});
afterEach(() => jest.useRealTimers());

describe('Message → Send and Wait for Reply: sending', () => {
	it('sweeps ended waits, registers the reply webhook before sending, then waits until the deadline', async () => {
		const ended = `n8n Send and Wait for Reply · execution 5 · conversation 9 · until 2026-12-01T23:50:00.000Z`;
		const running = `n8n Send and Wait for Reply · execution 6 · conversation 8 · until 2026-12-02T10:00:00.000Z`;
		const chatwoot = fakeChatwoot([
			{
				id: 4,
				url: 'https://n8n.example.com/webhook-waiting/5',
				name: ended,
				subscriptions: ['message_created'],
			},
			{
				id: 5,
				url: 'https://n8n.example.com/webhook-waiting/6',
				name: running,
				subscriptions: ['message_created'],
			},
			{
				id: 6,
				url: 'https://crm.example.com/hook',
				name: 'CRM',
				subscriptions: ['message_created'],
			},
		]);
		const run = await send(waitParameters(), chatwoot);
		expect(run.error).toBeUndefined();
		expect(sent(run.requests)).toEqual([
			{ method: 'GET', path: '/conversations/42' },
			{ method: 'GET', path: '/webhooks' },
			{ method: 'DELETE', path: '/webhooks/4' },
			{
				method: 'POST',
				path: '/webhooks',
				body: {
					webhook: {
						url: RESUME_URL,
						name: OUR_NAME,
						subscriptions: ['message_created'],
						inbox_id: 3,
					},
				},
			},
			{
				method: 'POST',
				path: '/conversations/42/messages',
				body: {
					content: 'Is your order #1001 correct?',
					message_type: 'outgoing',
					private: false,
					content_type: 'input_select',
					content_attributes: {
						items: [
							{ title: 'Yes', value: 'yes' },
							{ title: 'No', value: 'no' },
						],
					},
				},
			},
		]);
		expect(chatwoot.state.webhooks.map((w) => w.id)).toEqual([5, 6, 30]);
		expect(run.waits).toEqual([N8N_UNTIL]);
		const timeout = {
			timedOut: true,
			responseKind: 'choice',
			conversationId: 42,
			text: null,
			option: null,
			attachments: [],
			reAsked: false,
			reply: null,
			sent: { id: 931, content: 'Is your order #1001 correct?', message_type: 'outgoing' },
			waiting: {
				accountId: 1,
				conversationId: 42,
				webhookId: 30,
				responseKind: 'choice',
				choices: [
					{ id: 'yes', title: 'Yes' },
					{ id: 'no', title: 'No' },
				],
				otherReply: 'reAsk',
				reAskText: 'Please answer Yes or No.',
				until: UNTIL,
			},
		};
		// What n8n hands on at the timeout is the waiting node's input: it is the timeout item.
		expect(run.executeData.data.main).toEqual([[{ json: timeout, pairedItem: { item: 0 } }]]);
		expect(run.output).toEqual([timeout]);
		expect(JSON.stringify(run.executeData)).not.toContain(SECRET);
	});

	it('waits until a date when asked to, and refuses a date that has passed', async () => {
		const at = await send(
			waitParameters({ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-05T12:00:00.000Z' }),
		);
		expect(at.waits).toEqual([new Date(Date.parse('2026-12-05T12:00:00.000Z') + 5_000)]);
		const past = await send(
			waitParameters({ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-01T12:00:00.000Z' }),
		);
		expect((past.error as Error).message).toBe(
			'Max Date and Time: the moment has passed already [item 0]',
		);
		expect(past.requests).toEqual([]);
	});

	it('starts a watcher: n8n’s limit 5 s later, a probe without the token, the delete through Chatwoot', async () => {
		const chatwoot = fakeChatwoot();
		const handler = chatwoot.handler;
		// n8n answers the probe: the execution was cancelled.
		chatwoot.handler = (request) =>
			request.url.startsWith('https://n8n.example.com/')
				? json({ code: 409, message: 'The execution "77" has finished with error.' }, 409)
				: handler(request);
		const run = await send(waitParameters(), chatwoot);
		expect(run.waits).toEqual([N8N_UNTIL]);
		expect((run.output?.[0].waiting as IDataObject).until).toBe(UNTIL);
		const { context, watch, end, sent: probed } = await runHeldWatcher(watchers, run.requests, NOW);
		expect(context.helpers).toBe(run.context.helpers);
		expect(watch).toMatchObject({
			executionId: '77',
			resumeUrl: RESUME_URL,
			webhookId: '30',
			until: new Date(UNTIL),
			credentialType: 'chatwootAccessTokenApi',
		});
		expect(end).toEqual({ reason: 'ended', deleted: true });
		expect(probed).toHaveLength(2);
		const [probe, deletion] = probed;
		expectProbe(probe, '30', TEST_TOKEN);
		expect(deletion).toMatchObject({
			method: 'DELETE',
			url: `${API}/webhooks/30`,
			headers: { 'Api-Access-Token': TEST_TOKEN },
		});
		expect(chatwoot.state.webhooks).toEqual([]);
		// Gone already (Chatwoot answers 404): still fine.
		await expect(watch.deleteWebhook()).resolves.toBeUndefined();
	});

	it('removes its webhook again when the message cannot be sent, and does not wait', async () => {
		const chatwoot = fakeChatwoot();
		const handler = chatwoot.handler;
		chatwoot.handler = (request) =>
			request.method === 'POST' && request.url.endsWith('/messages')
				? json({ error: 'Conversation is locked' }, 422)
				: handler(request);
		const run = await send(waitParameters(), chatwoot);
		expect((run.error as Error).message).toContain('Conversation is locked');
		expect(sent(run.requests).slice(-2)).toEqual([
			expect.objectContaining({ method: 'POST', path: '/conversations/42/messages' }),
			{ method: 'DELETE', path: '/webhooks/30' },
		]);
		expect(chatwoot.state.webhooks).toEqual([]);
		expect(run.waits).toEqual([]);
	});

	it('adds Approve and Decline options for Approval', async () => {
		const run = await send(
			waitParameters({
				contentType: 'text',
				content: 'Refund 20 EUR?',
				responseKind: 'approval',
				approveLabel: 'Yes, refund',
				declineLabel: 'No',
			}),
		);
		expect(run.requests[3].body).toEqual({
			content: 'Refund 20 EUR?',
			message_type: 'outgoing',
			private: false,
			content_type: 'input_select',
			content_attributes: {
				items: [
					{ title: 'Yes, refund', value: 'approve' },
					{ title: 'No', value: 'decline' },
				],
			},
		});
	});

	it.each([
		[
			'Choice without options',
			{ contentType: 'text' },
			'Content Type: Choice waits for one of the options of the message: choose Options and add them [item 0]',
		],
		[
			'a private note',
			{ private: true },
			'Private Note: a private note never reaches the customer, so no reply can come [item 0]',
		],
		[
			'Approval on options',
			{ responseKind: 'approval' },
			'Content Type: Approval adds its own Approve and Decline options: choose Text [item 0]',
		],
		['a zero amount', { resumeAmount: 0 }, 'Amount: must be a whole number of at least 1 [item 0]'],
	])('refuses %s before sending anything', async (_name, extra, message) => {
		const run = await send(waitParameters(extra));
		expect((run.error as Error).message).toBe(message);
		expect(run.requests).toEqual([]);
	});

	it('refuses more than one input item: one execution waits for one reply', async () => {
		const run = await send(waitParameters(), fakeChatwoot(), [{ json: {} }, { json: {} }] as never);
		expect((run.error as Error).message).toBe(
			'Input: one execution waits for one reply, and 2 items came in [item 0]',
		);
		expect(run.requests).toEqual([]);
	});

	it.each(inAnotherStep(NODE))(
		'refuses to wait inside another node’s step (an AI Agent before version 3): %s',
		async (_case, caller) => {
			expectRefusedInAnotherStep(await send(waitParameters(), fakeChatwoot(), undefined, caller));
		},
	);
});

describe('Message → Send and Wait for Reply: the resume webhook', () => {
	it('resumes with the option picked, after deleting the webhook', async () => {
		const { input, chatwoot } = await waiting();
		const { result, requests } = await deliver(
			input,
			signedDelivery(reply({ content: 'yes', content_attributes: { in_reply_to: 931 } })),
			chatwoot,
		);
		expect(sent(requests)).toEqual([
			{ method: 'GET', path: '/webhooks' },
			{ method: 'DELETE', path: '/webhooks/30' },
		]);
		expect(chatwoot.state.webhooks).toEqual([]);
		expect(result.workflowData).toEqual([
			[
				{
					json: {
						timedOut: false,
						responseKind: 'choice',
						conversationId: 42,
						text: 'yes',
						option: { id: 'yes', title: 'Yes' },
						attachments: [],
						reAsked: false,
						reply: {
							id: 501,
							content: 'yes',
							createdAt: '2026-12-02T00:00:00.000Z',
							sender: { id: 17, name: 'Maria Lopez', email: 'maria@example.com', type: 'contact' },
						},
						sent: { id: 931, content: 'Is your order #1001 correct?', message_type: 'outgoing' },
					},
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it('answers the watcher’s probe at once, asking Chatwoot nothing', async () => {
		const { input, chatwoot } = await waiting();
		const probe = async (webhookId: string) =>
			await deliver(input, { body: JSON.stringify({ n8nSendAndWaitProbe: webhookId }) }, chatwoot);
		const ours = await probe('30');
		const another = await probe('12');
		expect(ours.result).toEqual({
			webhookResponse: { probe: true, waiting: true, resumed: false },
		});
		expect(another.result).toEqual({
			webhookResponse: { probe: true, waiting: false, resumed: false },
		});
		expect([...ours.requests, ...another.requests]).toEqual([]);
		expect(chatwoot.state.webhooks).toHaveLength(1);
	});

	it('a resume also deletes, from the list it read, ended waits whose watcher died', async () => {
		const { input, chatwoot } = await waiting();
		const name = (execution: number, until: string) =>
			`n8n Send and Wait for Reply · execution ${execution} · conversation 9 · until ${until}`;
		chatwoot.state.webhooks.push(
			{
				id: 4,
				url: 'https://n8n.example.com/webhook-waiting/5',
				name: name(5, '2026-12-01T23:50:00.000Z'),
			},
			{
				id: 5,
				url: 'https://n8n.example.com/webhook-waiting/6',
				name: name(6, '2026-12-02T10:00:00.000Z'),
			},
		);
		const { result, requests } = await deliver(
			input,
			signedDelivery(reply({ content: 'yes', content_attributes: { in_reply_to: 931 } })),
			chatwoot,
		);
		expect(result.workflowData).toBeDefined();
		// The sweep is not awaited (the answer is due): let it finish.
		for (let tick = 0; tick < 100 && requests.length < 3; tick++)
			await new Promise((resolve) => setImmediate(resolve));
		expect(sent(requests)).toEqual([
			{ method: 'GET', path: '/webhooks' },
			{ method: 'DELETE', path: '/webhooks/30' },
			{ method: 'DELETE', path: '/webhooks/4' },
		]);
		expect(chatwoot.state.webhooks.map((w) => w.id)).toEqual([5]);
	});

	it.each([
		[
			'another conversation',
			{ conversation: { id: 43 } },
			'the message is from another conversation',
		],
		['an agent’s message', { message_type: 'outgoing' }, 'the message is not from the customer'],
		['a private note', { private: true }, 'the message is a private note'],
		['another event', { event: 'message_updated' }, 'the event is message_updated'],
	])('keeps waiting on %s, asking Chatwoot nothing', async (_name, overrides, reason) => {
		const { input, chatwoot } = await waiting();
		const { result, requests } = await deliver(input, signedDelivery(reply(overrides)), chatwoot);
		expect(result).toEqual({ webhookResponse: { received: true, resumed: false, reason } });
		expect(requests).toEqual([]);
		expect(chatwoot.state.webhooks).toHaveLength(1);
	});

	it.each([
		[
			'a wrong secret',
			{ secret: 'not-the-secret' },
			'X-Chatwoot-Signature does not match the webhook secret',
		],
		[
			'a stale timestamp',
			{ timestamp: Math.floor(NOW / 1000) - 3600 },
			'X-Chatwoot-Timestamp is more than 300 s old (a replay, or a delayed delivery)',
		],
	])('answers 401 and keeps waiting on %s', async (_name, options, reason) => {
		const { input, chatwoot } = await waiting();
		const { result, answer, requests } = await deliver(
			input,
			signedDelivery(reply(), options),
			chatwoot,
		);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({ status: 401, body: { resumed: false, reason } });
		expect(sent(requests)).toEqual([{ method: 'GET', path: '/webhooks' }]);
		expect(chatwoot.state.webhooks).toHaveLength(1);
	});

	it('refuses a body changed after signing', async () => {
		const { input, chatwoot } = await waiting();
		const delivery = signedDelivery(reply({ content: 'No' }));
		const { answer } = await deliver(
			input,
			{ ...delivery, body: String(delivery.body).replace('"No"', '"Yes"') },
			chatwoot,
		);
		expect(answer.status).toBe(401);
	});

	it('asks once more on another reply, then accepts the next one as text', async () => {
		const { input, chatwoot } = await waiting();
		const first = await deliver(input, signedDelivery(reply({ content: 'maybe?' })), chatwoot);
		expect(first.result).toEqual({
			webhookResponse: {
				received: true,
				resumed: false,
				reason: 'the reply is not one of the options: asked once more',
			},
		});
		expect(sent(first.requests)).toEqual([
			{ method: 'GET', path: '/webhooks' },
			{
				method: 'PATCH',
				path: '/webhooks/30',
				body: {
					webhook: {
						url: RESUME_URL,
						name: `${OUR_NAME} · re-asked`,
						subscriptions: ['message_created'],
						inbox_id: 3,
					},
				},
			},
			{
				method: 'POST',
				path: '/conversations/42/messages',
				body: {
					content: 'Please answer Yes or No.',
					message_type: 'outgoing',
					private: false,
					content_type: 'input_select',
					content_attributes: {
						items: [
							{ title: 'Yes', value: 'yes' },
							{ title: 'No', value: 'no' },
						],
					},
				},
			},
		]);
		const second = await deliver(
			input,
			signedDelivery(reply({ content: 'I said maybe' })),
			chatwoot,
		);
		expect(sent(second.requests)).toEqual([
			{ method: 'GET', path: '/webhooks' },
			{ method: 'DELETE', path: '/webhooks/30' },
		]);
		expect(second.result.workflowData?.[0][0].json).toMatchObject({
			timedOut: false,
			text: 'I said maybe',
			option: null,
			reAsked: true,
		});
	});

	it('two replies that are no option at the same moment: asked once more only once, the second taken as text', async () => {
		const { input, chatwoot } = await waiting();
		const [first, second] = await Promise.all([
			deliver(input, signedDelivery(reply({ id: 601, content: 'maybe?' })), chatwoot),
			deliver(input, signedDelivery(reply({ id: 602, content: 'hmm' })), chatwoot),
		]);
		const reAsks = [...first.requests, ...second.requests].filter(
			(request) => request.method === 'POST',
		);
		expect(reAsks).toHaveLength(1);
		expect(first.result.webhookResponse).toMatchObject({ resumed: false });
		expect(second.result.workflowData?.[0][0].json).toMatchObject({
			text: 'hmm',
			option: null,
			reAsked: true,
		});
	});

	it('accepts another reply as text at once when told to', async () => {
		const { input, chatwoot } = await waiting(waitParameters({ otherReply: 'acceptAsText' }));
		const { result } = await deliver(input, signedDelivery(reply({ content: 'Later' })), chatwoot);
		expect(result.workflowData?.[0][0].json).toMatchObject({ text: 'Later', option: null });
	});

	it.each([
		['Approve', true],
		['decline', false],
	])('reads Approval: "%s" → approved %s', async (content, approved) => {
		const { input, chatwoot } = await waiting(
			waitParameters({
				contentType: 'text',
				responseKind: 'approval',
				approveLabel: 'Approve',
				declineLabel: 'Decline',
			}),
		);
		const { result } = await deliver(input, signedDelivery(reply({ content })), chatwoot);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			responseKind: 'approval',
			approved,
			option: { id: approved ? 'approve' : 'decline' },
		});
	});

	it('takes any reply for Free Text and lists its attachments', async () => {
		const { input, chatwoot } = await waiting(
			waitParameters({ contentType: 'text', responseKind: 'freeText' }),
		);
		const attachment = {
			id: 7,
			file_type: 'image',
			data_url: 'https://chat.example.com/rails/active_storage/photo.jpg',
			thumb_url: 'https://chat.example.com/rails/active_storage/photo-thumb.jpg',
			file_size: 2048,
			extension: 'jpg',
		};
		const { result } = await deliver(
			input,
			signedDelivery(reply({ content: 'Here is the photo', attachments: [attachment] })),
			chatwoot,
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			text: 'Here is the photo',
			option: null,
			attachments: [
				{
					id: 7,
					fileType: 'image',
					url: attachment.data_url,
					thumbUrl: attachment.thumb_url,
					fileSize: 2048,
					extension: 'jpg',
				},
			],
		});
	});

	it('keeps waiting (503) when Chatwoot cannot be asked for the webhook', async () => {
		const { input, chatwoot } = await waiting();
		chatwoot.state.down = true;
		const { result, answer } = await deliver(input, signedDelivery(reply()), chatwoot);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(503);
		expect(JSON.stringify(answer)).not.toContain(SECRET);
	});

	it('refuses a delivery when the webhook of the wait is gone from Chatwoot', async () => {
		const { input, chatwoot } = await waiting();
		chatwoot.state.webhooks = [];
		const { answer } = await deliver(input, signedDelivery(reply()), chatwoot);
		expect(answer).toEqual({
			status: 401,
			body: { resumed: false, reason: 'the webhook of this wait is not in Chatwoot' },
		});
	});
});
