import { createHmac } from 'crypto';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { KapsoWhatsApp } from '../../nodes/KapsoWhatsApp/KapsoWhatsApp.node';
import { TIMEOUT_LEAD_MS } from '../../nodes/shared/waitWatcher';
import { expectRefusedInAnotherStep, inAnotherStep } from '../helpers/sendAndWait';
import { createContext, json, type HttpHandler, type SentRequest } from '../helpers/context';
import { expectProbe, holdWatchers, runHeldWatcher } from '../helpers/waitWatch';
import {
	KAPSO_EDITOR,
	KAPSO_KEY,
	KAPSO_NODE,
	kapsoSend,
	MESSAGES_URL,
	PHONE_NUMBER_ID,
} from '../helpers/kapso';

const PLATFORM = 'https://api.kapso.ai/platform/v1';
const RESUME_URL = 'https://n8n.example.com/webhook-waiting/77?signature=resume-token';
const NOW = Date.parse('2026-12-02T00:00:00.000Z');
const UNTIL = '2026-12-03T00:00:00.000Z';
const CUSTOMER = '15551230001';
/** n8n's own limit: the watcher's deadline (UNTIL) plus its lead. */
const N8N_UNTIL = new Date(Date.parse(UNTIL) + TIMEOUT_LEAD_MS);

const watchers = holdWatchers();

/** A Kapso with one number's webhooks and a messages endpoint, recording every request. */
function fakeKapso(webhooks: IDataObject[] = []) {
	const state = { webhooks: webhooks.map((w) => ({ ...w })), nextId: 30, secrets: [] as string[] };
	const handler: HttpHandler = (request) => {
		const body = (request.body ?? {}) as IDataObject;
		if (request.method === 'POST' && request.url === MESSAGES_URL)
			return json({
				messaging_product: 'whatsapp',
				contacts: [{ input: CUSTOMER, wa_id: CUSTOMER }],
				messages: [{ id: `wamid.OUT${state.nextId++}` }],
			});
		const path = request.url.replace(PLATFORM, '');
		if (path === `/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`) {
			if (request.method === 'GET') return json({ data: state.webhooks });
			const attrs = body.whatsapp_webhook as IDataObject;
			const created = { id: `wh-${state.nextId++}`, phone_number_id: PHONE_NUMBER_ID, ...attrs };
			state.secrets.push(String(attrs.secret_key));
			state.webhooks.push(created);
			return json({ data: created }, 201);
		}
		const one = /^\/whatsapp\/webhooks\/([^/]+)$/.exec(path);
		const found = one && state.webhooks.find((w) => w.id === one[1]);
		if (!found) return json({ error: 'Webhook not found' }, 404);
		if (request.method === 'GET') return json({ data: found });
		if (request.method === 'DELETE') {
			state.webhooks = state.webhooks.filter((w) => w !== found);
			return json({}, 204);
		}
		if (request.method === 'PATCH') {
			Object.assign(found, body.whatsapp_webhook);
			return json({ data: found });
		}
		return json({ error: 'Not found' }, 404);
	};
	return { state, handler };
}

const requestsOf = (requests: SentRequest[]) =>
	requests.map((r) => ({
		method: r.method,
		url: r.url.replace(PLATFORM, '').replace(MESSAGES_URL, 'messages'),
		...(r.body === undefined ? {} : { body: r.body }),
	}));

const buttons = {
	messageType: 'buttons',
	bodyText: 'Is your order #1001 correct?',
	replyButtons: {
		button: [
			{ title: 'Yes', id: 'yes' },
			{ title: 'No', id: 'no' },
		],
	},
};

const waitParameters = (extra: Record<string, unknown> = {}) =>
	kapsoSend({
		operation: 'sendAndWaitForReply',
		...buttons,
		responseKind: 'choice',
		otherReply: 'reAsk',
		reAskText: 'Please tap Yes or No.',
		approveLabel: 'Approve',
		declineLabel: 'Decline',
		limitType: 'afterTimeInterval',
		resumeAmount: 1,
		resumeUnit: 'days',
		...extra,
	});

interface Harness {
	parameters: Record<string, unknown>;
	http: HttpHandler;
	items?: { json: IDataObject; pairedItem?: { item: number } }[];
	extend: Record<string, unknown>;
}

/** The node's execute() or webhook() over a fake context with n8n's members the test adds. */
async function runNode(options: Harness, hook = false) {
	const harness = createContext({ ...KAPSO_EDITOR, ...options });
	const context = Object.assign(harness.context, options.extend);
	let result: unknown;
	let error: unknown;
	try {
		result = hook
			? await new KapsoWhatsApp().webhook.call(context as unknown as IWebhookFunctions)
			: await new KapsoWhatsApp().execute.call(context as IExecuteFunctions);
	} catch (caught) {
		error = caught;
	}
	return { requests: harness.requests, result, error };
}

/** Runs execute() as n8n would for one item; returns what it sent, the output and the wait. */
async function send(
	parameters: Record<string, unknown>,
	kapso = fakeKapso(),
	caller: Record<string, unknown> = {},
) {
	const items = [{ json: { orderId: 1001 }, pairedItem: { item: 0 } }];
	const executeData = { node: KAPSO_NODE, data: { main: [items] as unknown[][] } };
	const waits: Date[] = [];
	const run = await runNode({
		parameters,
		http: kapso.handler,
		items,
		extend: {
			evaluateExpression: (expression: string) => {
				if (expression !== '{{ $execution.resumeUrl }}') throw new Error(expression);
				return RESUME_URL;
			},
			getExecutionId: () => '77',
			getExecuteData: () => executeData,
			putExecutionToWait: async (until: Date) => void waits.push(until),
			...caller,
		},
	});
	const output = (run.result as { json: IDataObject }[][] | undefined)?.[0];
	return { ...run, output, waits, executeData, kapso };
}

/** A received message as Kapso delivers it (v2), signed with `secret`. */
function delivery(secret: string, message: IDataObject, from = CUSTOMER, extra: IDataObject = {}) {
	const body = JSON.stringify({
		message: {
			id: 'wamid.IN1',
			timestamp: '1796169600',
			from,
			kapso: { direction: 'inbound' },
			...message,
		},
		conversation: { id: 'conv-1', phone_number: `+${from}`, phone_number_id: PHONE_NUMBER_ID },
		is_new_conversation: false,
		phone_number_id: PHONE_NUMBER_ID,
		...extra,
	});
	return {
		body,
		headers: {
			'x-webhook-event': 'whatsapp.message.received',
			'x-webhook-signature': createHmac('sha256', secret).update(body).digest('hex'),
			'x-idempotency-key': 'key-1',
			'x-webhook-payload-version': 'v2',
		} as Record<string, string>,
	};
}

const tap = (id: string, title: string) => ({
	type: 'interactive',
	interactive: { type: 'button_reply', button_reply: { id, title } },
});
const typed = (text: string) => ({ type: 'text', text: { body: text } });

/** Runs webhook() for one delivery, with the waiting node's input as execute() left it. */
async function deliver(
	waitingInput: IDataObject,
	request: { body: string; headers: Record<string, string> },
	kapso: ReturnType<typeof fakeKapso>,
) {
	const answer: { status?: number; body?: unknown } = {};
	const response = {
		status: (code: number) => ((answer.status = code), response),
		json: (body: unknown) => ((answer.body = body), response),
	};
	const raw = Buffer.from(request.body);
	const run = await runNode(
		{
			parameters: { resource: 'message' },
			http: kapso.handler,
			extend: {
				evaluateExpression: (expression: string) => {
					if (expression !== '{{ JSON.stringify($json) }}') throw new Error(expression);
					return JSON.stringify(waitingInput);
				},
				getHeaderData: () => request.headers,
				getBodyData: () => JSON.parse(request.body) as IDataObject,
				getRequestObject: () => ({ headers: request.headers, rawBody: raw }),
				getResponseObject: () => response,
			},
		},
		true,
	);
	if (run.error) throw run.error;
	return { result: run.result as IDataObject, answer, requests: run.requests };
}

async function waiting(parameters: Record<string, unknown> = waitParameters()) {
	const run = await send(parameters);
	expect(run.error).toBeUndefined();
	return {
		input: run.executeData.data.main[0][0] as unknown as { json: IDataObject },
		kapso: run.kapso,
		secret: run.kapso.state.secrets[0],
		run,
	};
}

const resumedWith = (result: IDataObject): IDataObject | undefined =>
	(result.workflowData as { json: IDataObject }[][] | undefined)?.[0]?.[0]?.json;

beforeEach(() => {
	jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout'] });
	watchers.mockClear();
});
afterEach(() => jest.useRealTimers());

describe('Kapso WhatsApp → Message → Send and Wait for Reply: sending', () => {
	it('sweeps ended waits, registers the reply webhook before sending, then waits until the deadline', async () => {
		const ours = (id: string, until: string) => ({
			id,
			url: `https://n8n.example.com/webhook-waiting/${id}`,
			events: ['whatsapp.message.received'],
			headers: { 'X-N8n-Send-And-Wait': 'execution 5', 'X-N8n-Wait-Until': until },
		});
		const kapso = fakeKapso([
			ours('wh-ended', '2026-12-01T23:50:00.000Z'),
			ours('wh-running', '2026-12-02T10:00:00.000Z'),
			{ id: 'wh-crm', url: 'https://crm.example.com/hook', headers: {} },
		]);
		const run = await send(waitParameters(), kapso);
		expect(run.error).toBeUndefined();
		const secret = kapso.state.secrets[0];
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(requestsOf(run.requests)).toEqual([
			{ method: 'GET', url: `/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks` },
			{ method: 'DELETE', url: '/whatsapp/webhooks/wh-ended' },
			{
				method: 'POST',
				url: `/whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
				body: {
					whatsapp_webhook: {
						url: RESUME_URL,
						events: ['whatsapp.message.received'],
						kind: 'kapso',
						payload_version: 'v2',
						active: true,
						secret_key: secret,
						buffer_enabled: false,
						headers: { 'X-N8n-Send-And-Wait': 'execution 77', 'X-N8n-Wait-Until': UNTIL },
					},
				},
			},
			{
				method: 'POST',
				url: 'messages',
				body: {
					messaging_product: 'whatsapp',
					recipient_type: 'individual',
					to: CUSTOMER,
					type: 'interactive',
					interactive: {
						type: 'button',
						body: { text: 'Is your order #1001 correct?' },
						action: {
							buttons: [
								{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
								{ type: 'reply', reply: { id: 'no', title: 'No' } },
							],
						},
					},
				},
			},
		]);
		expect(kapso.state.webhooks.map((w) => w.id)).toEqual(['wh-running', 'wh-crm', 'wh-30']);
		expect(run.waits).toEqual([N8N_UNTIL]);
		const timeout = run.executeData.data.main[0][0] as { json: IDataObject };
		expect(timeout.json).toMatchObject({
			timedOut: true,
			responseKind: 'choice',
			recipient: CUSTOMER,
			option: null,
			reply: null,
			sent: { messageId: 'wamid.OUT31' },
			waiting: {
				phoneNumberId: PHONE_NUMBER_ID,
				recipient: { kind: 'phone', id: CUSTOMER },
				webhookId: 'wh-30',
				choices: [
					{ id: 'yes', title: 'Yes' },
					{ id: 'no', title: 'No' },
				],
				until: UNTIL,
			},
		});
		expect(run.output?.map((item) => item.json)).toEqual([timeout.json]);
		// The secret stays in Kapso: the item handed on at the timeout must not carry it.
		expect(JSON.stringify(run.executeData)).not.toContain(secret);
	});

	it('deletes the webhook again when the message cannot be sent', async () => {
		const kapso = fakeKapso();
		const failing: HttpHandler = (request) =>
			request.url === MESSAGES_URL
				? json({ error: { message: 'Re-engagement message', code: 131047 } }, 400)
				: kapso.handler(request);
		const run = await send(waitParameters(), { ...kapso, handler: failing });
		expect(run.error).toBeDefined();
		expect(requestsOf(run.requests).map((r) => `${r.method} ${r.url}`)).toEqual([
			`GET /whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
			`POST /whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
			'POST messages',
			'DELETE /whatsapp/webhooks/wh-30',
		]);
		expect(kapso.state.webhooks).toEqual([]);
		expect(run.waits).toEqual([]);
	});

	it('turns an Approval text into Approve and Decline buttons', async () => {
		const run = await send(
			waitParameters({ responseKind: 'approval', messageType: 'text', text: 'Ship order #1001?' }),
		);
		expect(run.error).toBeUndefined();
		expect(run.requests.find((r) => r.url === MESSAGES_URL)?.body).toMatchObject({
			type: 'interactive',
			interactive: {
				type: 'button',
				body: { text: 'Ship order #1001?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'approve', title: 'Approve' } },
						{ type: 'reply', reply: { id: 'decline', title: 'Decline' } },
					],
				},
			},
		});
		expect(run.requests.find((r) => r.url === MESSAGES_URL)?.body).not.toHaveProperty('text');
	});

	it.each([
		[{ responseKind: 'choice', messageType: 'text', text: 'Hi' }, 'Message Type'],
		[{ responseKind: 'approval' }, 'Message Type'],
		[
			{
				responseKind: 'approval',
				messageType: 'text',
				text: 'Hi',
				approveLabel: 'Yes',
				declineLabel: 'Yes',
			},
			'Approve Label',
		],
		[
			{
				responseKind: 'approval',
				messageType: 'text',
				text: 'Hi',
				declineLabel: 'No, please do not ship it',
			},
			'Decline Label',
		],
		[{ resumeAmount: 0 }, 'Amount'],
		[
			{ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-01T00:00:00.000Z' },
			'Max Date and Time',
		],
	])('refuses %j before anything is sent, naming %s', async (extra, field) => {
		const run = await send(waitParameters(extra));
		expect(String((run.error as Error | undefined)?.message)).toContain(field);
		expect(run.requests).toEqual([]);
		expect(run.waits).toEqual([]);
	});

	it('waits for one reply per execution: several input items are refused', async () => {
		const kapso = fakeKapso();
		const run = await runNode({
			parameters: waitParameters(),
			http: kapso.handler,
			items: [{ json: {} }, { json: {} }],
			extend: { getExecuteData: () => ({ node: KAPSO_NODE, data: { main: [] } }) },
		});
		expect(String((run.error as Error).message)).toContain('2 items came in');
		expect(run.requests).toEqual([]);
	});

	it.each(inAnotherStep(KAPSO_NODE))(
		'refuses to wait inside another node’s step (an AI Agent before version 3): %s',
		async (_case, caller) => {
			expectRefusedInAnotherStep(await send(waitParameters(), fakeKapso(), caller));
		},
	);
});

describe('Kapso WhatsApp → Message → Send and Wait for Reply: the wait watcher', () => {
	it('starts a watcher: n8n’s limit 5 s later, a probe without the key, the delete through Kapso', async () => {
		const kapso = fakeKapso();
		const handler = kapso.handler;
		// n8n answers the probe: the execution no longer exists.
		kapso.handler = (request) =>
			request.url.startsWith('https://n8n.example.com/')
				? json({ code: 404, message: 'The execution "77" does not exist.' }, 404)
				: handler(request);
		const run = await send(waitParameters(), kapso);
		expect(run.waits).toEqual([N8N_UNTIL]);
		const { watch, end, sent: probed } = await runHeldWatcher(watchers, run.requests, NOW);
		expect(watch).toMatchObject({
			executionId: '77',
			resumeUrl: RESUME_URL,
			webhookId: 'wh-30',
			until: new Date(UNTIL),
			credentialType: 'kapsoApi',
		});
		expect(end).toEqual({ reason: 'ended', deleted: true });
		expect(probed).toHaveLength(2);
		const [probe, deletion] = probed;
		expectProbe(probe, 'wh-30', KAPSO_KEY);
		expect(deletion).toMatchObject({
			method: 'DELETE',
			url: `${PLATFORM}/whatsapp/webhooks/wh-30`,
			headers: { 'X-API-Key': KAPSO_KEY },
		});
		expect(kapso.state.webhooks).toEqual([]);
		// Gone already (Kapso answers 404): still fine.
		await expect(watch.deleteWebhook()).resolves.toBe(false);
	});

	it('answers the watcher’s probe at once, asking Kapso nothing', async () => {
		const { input, kapso } = await waiting();
		const probe = async (webhookId: string) =>
			await deliver(
				input.json,
				{ body: JSON.stringify({ n8nSendAndWaitProbe: webhookId }), headers: {} },
				kapso,
			);
		const ours = await probe('wh-30');
		const another = await probe('wh-12');
		expect(ours.result).toEqual({
			webhookResponse: { probe: true, waiting: true, resumed: false },
		});
		expect(another.result).toEqual({
			webhookResponse: { probe: true, waiting: false, resumed: false },
		});
		expect([...ours.requests, ...another.requests]).toEqual([]);
		expect(kapso.state.webhooks).toHaveLength(1);
	});

	it('a resume also sweeps the number’s ended waits, at most once in ten minutes', async () => {
		// Later than any other test's resume, so the rate limit of this process lets it sweep.
		jest.setSystemTime(NOW + 3_600_000);
		const ended = {
			id: 'wh-ended',
			url: 'https://n8n.example.com/webhook-waiting/5',
			headers: {
				'X-N8n-Send-And-Wait': 'execution 5',
				'X-N8n-Wait-Until': UNTIL.replace('03', '01'),
			},
		};
		const settle = async (requests: SentRequest[], count: number) => {
			for (let tick = 0; tick < 100 && requests.length < count; tick++)
				await new Promise((resolve) => setImmediate(resolve));
		};
		const first = await waiting();
		first.kapso.state.webhooks.push({ ...ended });
		const resumed = await deliver(
			first.input.json,
			delivery(first.secret, tap('no', 'No')),
			first.kapso,
		);
		await settle(resumed.requests, 4);
		expect(requestsOf(resumed.requests).map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /whatsapp/webhooks/wh-30',
			'DELETE /whatsapp/webhooks/wh-30',
			`GET /whatsapp/phone_numbers/${PHONE_NUMBER_ID}/webhooks`,
			'DELETE /whatsapp/webhooks/wh-ended',
		]);
		expect(first.kapso.state.webhooks).toEqual([]);

		jest.setSystemTime(NOW + 3_600_000 + 60_000);
		const second = await waiting();
		second.kapso.state.webhooks.push({ ...ended });
		const again = await deliver(
			second.input.json,
			delivery(second.secret, tap('no', 'No')),
			second.kapso,
		);
		await settle(again.requests, 3);
		expect(requestsOf(again.requests).map((r) => r.method)).toEqual(['GET', 'DELETE']);
		expect(second.kapso.state.webhooks.map((w) => w.id)).toEqual(['wh-ended']);
	});
});

describe('Kapso WhatsApp → Message → Send and Wait for Reply: the reply', () => {
	it('resumes with the tapped button, deletes its webhook, and outputs the sent message', async () => {
		const { input, kapso, secret } = await waiting();
		const { result, requests } = await deliver(
			input.json,
			delivery(secret, tap('no', 'No')),
			kapso,
		);
		const own = requestsOf(requests).filter((r) => !r.url.startsWith('/whatsapp/phone_numbers/'));
		expect(own.map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /whatsapp/webhooks/wh-30',
			'DELETE /whatsapp/webhooks/wh-30',
		]);
		expect(resumedWith(result)).toEqual({
			timedOut: false,
			responseKind: 'choice',
			phoneNumberId: PHONE_NUMBER_ID,
			recipient: CUSTOMER,
			text: 'No',
			option: { id: 'no', title: 'No' },
			attachments: [],
			reAsked: false,
			reply: {
				messageId: 'wamid.IN1',
				type: 'interactive',
				replyId: 'no',
				replyTitle: 'No',
				from: CUSTOMER,
				contactName: null,
				conversationId: 'conv-1',
				timestamp: '2026-12-02T00:00:00.000Z',
			},
			sent: expect.objectContaining({ messageId: 'wamid.OUT31' }) as IDataObject,
		});
		expect(kapso.state.webhooks).toEqual([]);
	});

	it('reads a list row and a typed title as the choice too', async () => {
		const list = await waiting();
		const row = await deliver(
			list.input.json,
			delivery(list.secret, {
				type: 'interactive',
				interactive: { type: 'list_reply', list_reply: { id: 'yes', title: 'Yes' } },
			}),
			list.kapso,
		);
		expect(resumedWith(row.result)?.option).toEqual({ id: 'yes', title: 'Yes' });
		const words = await waiting();
		const said = await deliver(
			words.input.json,
			delivery(words.secret, typed('  yes ')),
			words.kapso,
		);
		expect(resumedWith(said.result)?.option).toEqual({ id: 'yes', title: 'Yes' });
	});

	it('says approved: true or false for Approval', async () => {
		for (const [id, approved] of [
			['approve', true],
			['decline', false],
		] as const) {
			const { input, kapso, secret } = await waiting(
				waitParameters({ responseKind: 'approval', messageType: 'text', text: 'Ship it?' }),
			);
			const { result } = await deliver(input.json, delivery(secret, tap(id, id)), kapso);
			expect(resumedWith(result)).toMatchObject({ approved, option: { id } });
		}
	});

	it('takes any message for Free Text, and lists a photo’s media', async () => {
		const { input, kapso, secret } = await waiting(
			waitParameters({ responseKind: 'freeText', messageType: 'text', text: 'Send a photo' }),
		);
		const photo = {
			type: 'image',
			image: { id: 'media-1', mime_type: 'image/jpeg', caption: 'the box' },
			kapso: { direction: 'inbound', media_url: 'https://api.kapso.ai/media/1' },
		};
		const { result } = await deliver(input.json, delivery(secret, photo), kapso);
		expect(resumedWith(result)).toMatchObject({
			timedOut: false,
			text: 'the box',
			option: null,
			attachments: [
				{
					type: 'image',
					mediaId: 'media-1',
					mimeType: 'image/jpeg',
					caption: 'the box',
					filename: null,
					url: 'https://api.kapso.ai/media/1',
				},
			],
		});
		expect(resumedWith(result)).not.toHaveProperty('approved');
	});

	it('asks once more with the same buttons, then accepts a second other reply as text', async () => {
		const { input, kapso, secret } = await waiting();
		const first = await deliver(input.json, delivery(secret, typed('maybe')), kapso);
		expect(first.result).toEqual({
			webhookResponse: {
				received: true,
				resumed: false,
				reason: 'the reply is none of the options: asked once more',
			},
		});
		expect(requestsOf(first.requests)).toEqual([
			{ method: 'GET', url: '/whatsapp/webhooks/wh-30' },
			{
				method: 'PATCH',
				url: '/whatsapp/webhooks/wh-30',
				body: {
					whatsapp_webhook: {
						headers: {
							'X-N8n-Send-And-Wait': 'execution 77',
							'X-N8n-Wait-Until': UNTIL,
							'X-N8n-Re-Asked': 'wamid.IN1',
						},
					},
				},
			},
			{
				method: 'POST',
				url: 'messages',
				body: {
					messaging_product: 'whatsapp',
					recipient_type: 'individual',
					to: CUSTOMER,
					type: 'interactive',
					interactive: {
						type: 'button',
						action: {
							buttons: [
								{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
								{ type: 'reply', reply: { id: 'no', title: 'No' } },
							],
						},
						body: { text: 'Please tap Yes or No.' },
					},
				},
			},
		]);
		// Kapso delivering the same message again does not resume it as text.
		const retry = await deliver(input.json, delivery(secret, typed('maybe')), kapso);
		expect(resumedWith(retry.result)).toBeUndefined();
		expect(requestsOf(retry.requests).map((r) => r.method)).toEqual(['GET']);

		const second = await deliver(
			input.json,
			delivery(secret, { ...typed('I said maybe'), id: 'wamid.IN2' }),
			kapso,
		);
		expect(resumedWith(second.result)).toMatchObject({
			text: 'I said maybe',
			option: null,
			reAsked: true,
		});
		expect(kapso.state.webhooks).toEqual([]);
	});

	it('two replies that are none of the options at the same moment: asked once more only once', async () => {
		const { input, kapso, secret } = await waiting();
		const [first, second] = await Promise.all([
			deliver(input.json, delivery(secret, typed('maybe')), kapso),
			deliver(input.json, delivery(secret, { ...typed('hmm'), id: 'wamid.IN2' }), kapso),
		]);
		const sends = [...first.requests, ...second.requests].filter(
			(request) => request.method === 'POST',
		);
		expect(sends).toHaveLength(1);
		expect(resumedWith(first.result)).toBeUndefined();
		expect(resumedWith(second.result)).toMatchObject({ text: 'hmm', option: null, reAsked: true });
	});

	it('accepts another reply as text at once with Accept It as Text', async () => {
		const { input, kapso, secret } = await waiting(waitParameters({ otherReply: 'acceptAsText' }));
		const { result } = await deliver(input.json, delivery(secret, typed('maybe')), kapso);
		expect(resumedWith(result)).toMatchObject({ text: 'maybe', option: null, reAsked: false });
	});
});

describe('Kapso WhatsApp → Message → Send and Wait for Reply: what does not resume', () => {
	it('answers 401 and keeps waiting on a bad signature, touching nothing', async () => {
		const { input, kapso } = await waiting();
		const forged = delivery('not-the-secret', tap('yes', 'Yes'));
		const { result, answer, requests } = await deliver(input.json, forged, kapso);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({
			status: 401,
			body: { resumed: false, reason: 'Invalid X-Webhook-Signature' },
		});
		expect(requestsOf(requests).map((r) => r.method)).toEqual(['GET']);
		expect(kapso.state.webhooks).toHaveLength(1);
	});

	it('answers 401 when the body was changed after signing', async () => {
		const { input, kapso, secret } = await waiting();
		const signed = delivery(secret, tap('yes', 'Yes'));
		const changed = { ...signed, body: signed.body.replace('"yes"', '"no"') };
		const { answer } = await deliver(input.json, changed, kapso);
		expect(answer.status).toBe(401);
	});

	it.each([
		['another customer', delivery('x', tap('yes', 'Yes'), '15559990000')],
		[
			'another number',
			delivery('x', tap('yes', 'Yes'), CUSTOMER, { phone_number_id: '100000000000002' }),
		],
		[
			'another event',
			{
				...delivery('x', tap('yes', 'Yes')),
				headers: {
					...delivery('x', tap('yes', 'Yes')).headers,
					'x-webhook-event': 'whatsapp.message.sent',
				},
			},
		],
	])('answers 200 and keeps waiting for %s, without asking Kapso', async (_what, request) => {
		const { input, kapso } = await waiting();
		const { result, requests } = await deliver(input.json, request, kapso);
		expect(result).toMatchObject({ webhookResponse: { received: true, resumed: false } });
		expect(requests).toEqual([]);
		expect(kapso.state.webhooks).toHaveLength(1);
	});

	it('keeps waiting (503) when Kapso cannot be asked for the secret', async () => {
		const { input, kapso, secret } = await waiting();
		const down = { ...kapso, handler: (() => json({ error: 'down' }, 503)) as HttpHandler };
		const { result, answer } = await deliver(input.json, delivery(secret, tap('yes', 'Yes')), down);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(503);
		expect(JSON.stringify(answer)).not.toContain(KAPSO_KEY);
	});

	it('ignores a request to an execution that is not waiting for a reply', async () => {
		const { kapso, secret } = await waiting();
		const { result, requests } = await deliver(
			{ orderId: 1 },
			delivery(secret, typed('hi')),
			kapso,
		);
		expect(result).toMatchObject({ webhookResponse: { resumed: false } });
		expect(requests).toEqual([]);
	});
});
