import type { IDataObject } from 'n8n-workflow';

import { KapsoTrigger } from '../../../nodes/KapsoTrigger/KapsoTrigger.node';
import { json, type SentRequest } from '../../helpers/context';
import { KAPSO_KEY, WEBHOOK_URL, triggerHarness } from '../../helpers/kapsoTriggerContext';

const PHONE = '100000000000001';
const LIST_URL = `https://api.kapso.ai/platform/v1/whatsapp/phone_numbers/${PHONE}/webhooks`;
const webhookUrl = (id: string) => `https://api.kapso.ai/platform/v1/whatsapp/webhooks/${id}`;
const methods = new KapsoTrigger().webhookMethods.default;

const AUTOMATIC = {
	setup: 'automatic',
	phoneNumberId: { __rl: true, mode: 'list', value: PHONE },
	events: ['whatsapp.message.received'],
	options: {},
};

/** A Kapso webhook as the list answers it. */
function kapsoWebhook(id: string, overrides: IDataObject = {}): IDataObject {
	return {
		id,
		url: WEBHOOK_URL,
		events: ['whatsapp.message.received'],
		kind: 'kapso',
		payload_version: 'v2',
		active: true,
		buffer_enabled: false,
		secret_key: 'kapso-kept-secret',
		...overrides,
	};
}

/** Answers the list with `webhooks`, a create with `created`, a delete with 204. */
function kapso(webhooks: IDataObject[], created: IDataObject = kapsoWebhook('wh-new')) {
	return (request: SentRequest) => {
		if (request.method === 'GET') return json({ data: webhooks });
		if (request.method === 'POST') return json({ data: created }, 201);
		return json('', 204);
	};
}

const calls = (requests: SentRequest[]) => requests.map((r) => `${r.method} ${r.url}`);

describe('create', () => {
	it('registers the webhook exactly as Kapso documents it, with a secret of its own', async () => {
		const sent: IDataObject[] = [];
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: (request) => {
				sent.push(request.body as IDataObject);
				const body = (request.body as { whatsapp_webhook: IDataObject }).whatsapp_webhook;
				return json({ data: { ...body, id: 'wh-1' } }, 201);
			},
		});

		await expect(methods.create.call(trigger.hooks)).resolves.toBe(true);

		expect(calls(trigger.requests)).toEqual([`POST ${LIST_URL}`]);
		expect(trigger.requests[0].headers['X-API-Key']).toBe(KAPSO_KEY);
		const secret = trigger.staticData.secret as string;
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(sent[0]).toEqual({
			whatsapp_webhook: {
				url: WEBHOOK_URL,
				events: ['whatsapp.message.received'],
				kind: 'kapso',
				payload_version: 'v2',
				active: true,
				secret_key: secret,
				buffer_enabled: false,
			},
		});
		expect(trigger.staticData).toEqual({
			webhookId: 'wh-1',
			phoneNumberId: PHONE,
			secret,
			url: WEBHOOK_URL,
		});
	});

	it('sends the buffer and inactivity settings when they apply', async () => {
		const trigger = triggerHarness({
			parameters: {
				...AUTOMATIC,
				events: ['whatsapp.message.received', 'whatsapp.conversation.inactive'],
				options: {
					bufferEnabled: true,
					bufferWindowSeconds: 3,
					maxBufferSize: 20,
					inactivityMinutes: 15,
				},
			},
			http: kapso([]),
		});
		await methods.create.call(trigger.hooks);
		expect(
			(trigger.requests[0].body as { whatsapp_webhook: IDataObject }).whatsapp_webhook,
		).toMatchObject({
			events: ['whatsapp.message.received', 'whatsapp.conversation.inactive'],
			buffer_enabled: true,
			buffer_window_seconds: 3,
			max_buffer_size: 20,
			inactivity_minutes: 15,
		});
	});

	it('keeps the secret Kapso answers with, should Kapso have made its own', async () => {
		const trigger = triggerHarness({ parameters: AUTOMATIC, http: kapso([]) });
		await methods.create.call(trigger.hooks);
		expect(trigger.staticData.secret).toBe('kapso-kept-secret');
	});

	it('fails clearly when Kapso names no webhook id', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: () => json({ data: { url: WEBHOOK_URL } }, 201),
		});
		await expect(methods.create.call(trigger.hooks)).rejects.toThrow(
			'Kapso created the webhook but did not return its id',
		);
		expect(trigger.staticData).toEqual({});
	});

	it('refuses a private n8n address when the credential points at Kapso on the internet, before any request', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			webhookUrl: 'http://localhost:5678/webhook/abc/webhook',
			http: kapso([]),
		});
		await expect(methods.create.call(trigger.hooks)).rejects.toThrow(
			/^Kapso cannot reach this n8n: its webhook URL http:\/\/localhost:5678\/webhook\/abc\/webhook is /,
		);
		expect(trigger.requests).toEqual([]);
	});

	it('allows a private n8n address when Kapso is on a private address too (a proxy, the sandbox)', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			webhookUrl: 'http://127.0.0.1:5678/webhook/abc/webhook',
			credentials: { baseUrl: 'http://127.0.0.1:3002' },
			http: kapso([]),
		});
		await expect(methods.create.call(trigger.hooks)).resolves.toBe(true);
		expect(calls(trigger.requests)).toEqual([
			`POST http://127.0.0.1:3002/platform/v1/whatsapp/phone_numbers/${PHONE}/webhooks`,
		]);
	});

	it.each([
		[{ events: [] }, 'Events: choose at least one event'],
		[
			{ events: ['whatsapp.message.typed'] },
			'Events: "whatsapp.message.typed" is not a Kapso event',
		],
		[
			{ phoneNumberId: { __rl: true, mode: 'id', value: '+1 555' } },
			'Phone Number: "+1 555" is not a phone number ID',
		],
		[
			{ options: { bufferEnabled: true, bufferWindowSeconds: 90 } },
			'Buffer Window (Seconds): must be a whole number from 1 to 60 (got 90)',
		],
	])('checks the fields before any request: %j', async (override, message) => {
		const trigger = triggerHarness({ parameters: { ...AUTOMATIC, ...override }, http: kapso([]) });
		await expect(methods.create.call(trigger.hooks)).rejects.toThrow(message);
		expect(trigger.requests).toEqual([]);
	});
});

describe('checkExists', () => {
	const known = {
		webhookId: 'wh-1',
		phoneNumberId: PHONE,
		secret: 's'.repeat(64),
		url: WEBHOOK_URL,
	};

	it('is false when Kapso has no webhook for this URL, after one list request', async () => {
		const other = kapsoWebhook('wh-other', { url: 'https://crm.example.com/hook' });
		const trigger = triggerHarness({ parameters: AUTOMATIC, http: kapso([other]) });
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(false);
		expect(calls(trigger.requests)).toEqual([`GET ${LIST_URL}`]);
	});

	it('is true for its own webhook as configured, and touches nothing', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			staticData: { ...known },
			http: kapso([kapsoWebhook('wh-1')]),
		});
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(true);
		expect(calls(trigger.requests)).toEqual([`GET ${LIST_URL}`]);
		expect(trigger.staticData).toEqual(known);
	});

	it('removes a webhook with its URL that it has no secret for (left behind), so create starts clean', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: kapso([kapsoWebhook('wh-stale')]),
		});
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(false);
		expect(calls(trigger.requests)).toEqual([
			`GET ${LIST_URL}`,
			`DELETE ${webhookUrl('wh-stale')}`,
		]);
	});

	it('keeps its own webhook and removes the duplicates beside it', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			staticData: { ...known },
			http: kapso([
				kapsoWebhook('wh-dup'),
				kapsoWebhook('wh-1'),
				kapsoWebhook('wh-x', { url: 'https://other/x' }),
			]),
		});
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(true);
		expect(calls(trigger.requests)).toEqual([`GET ${LIST_URL}`, `DELETE ${webhookUrl('wh-dup')}`]);
	});

	it('replaces its webhook when the events or buffering changed', async () => {
		const trigger = triggerHarness({
			parameters: {
				...AUTOMATIC,
				events: ['whatsapp.message.received', 'whatsapp.message.failed'],
			},
			staticData: { ...known },
			http: kapso([kapsoWebhook('wh-1')]),
		});
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(false);
		expect(calls(trigger.requests)).toEqual([`GET ${LIST_URL}`, `DELETE ${webhookUrl('wh-1')}`]);
		expect(trigger.staticData).toEqual({});
	});

	it('removes its webhook on the number it used before the number was changed', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			staticData: { ...known, phoneNumberId: '100000000000002' },
			http: kapso([]),
		});
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(false);
		expect(calls(trigger.requests)).toEqual([`DELETE ${webhookUrl('wh-1')}`, `GET ${LIST_URL}`]);
	});

	it('reports Kapso refusing the list with its own message', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: () => json({ error: 'Invalid API key' }, 401),
		});
		await expect(methods.checkExists.call(trigger.hooks)).rejects.toThrow(/Invalid API key/);
	});
});

describe('delete', () => {
	it('deletes its webhook by id and forgets it', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			staticData: {
				webhookId: 'wh-1',
				phoneNumberId: PHONE,
				secret: 'x',
				url: WEBHOOK_URL,
				deliveries: {},
			},
			http: kapso([]),
		});
		await expect(methods.delete.call(trigger.hooks)).resolves.toBe(true);
		expect(calls(trigger.requests)).toEqual([`DELETE ${webhookUrl('wh-1')}`]);
		expect(trigger.staticData).toEqual({ deliveries: {} });
	});

	it('counts a webhook Kapso no longer knows (404) as deleted', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			staticData: { webhookId: 'wh-gone', phoneNumberId: PHONE, secret: 'x' },
			http: () => json({ error: 'Not found' }, 404),
		});
		await expect(methods.delete.call(trigger.hooks)).resolves.toBe(true);
		expect(trigger.staticData).toEqual({});
	});

	it('without a known id (a lost create answer) deletes the webhooks with its URL', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: kapso([kapsoWebhook('wh-a'), kapsoWebhook('wh-b', { url: 'https://other/x' })]),
		});
		await expect(methods.delete.call(trigger.hooks)).resolves.toBe(true);
		expect(calls(trigger.requests)).toEqual([`GET ${LIST_URL}`, `DELETE ${webhookUrl('wh-a')}`]);
	});

	it('raises a Kapso failure with its message and keeps the id for the next try', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			staticData: { webhookId: 'wh-1', phoneNumberId: PHONE, secret: 'x' },
			http: () => json({ error: 'Internal server error' }, 500),
		});
		await expect(methods.delete.call(trigger.hooks)).rejects.toThrow(/Internal server error/);
		expect(trigger.staticData.webhookId).toBe('wh-1');
	});
});

describe('manual setup', () => {
	it('registers and removes nothing: the webhook is made in Kapso’s dashboard', async () => {
		const trigger = triggerHarness({
			parameters: { setup: 'manual', secretKey: 'k', events: ['whatsapp.message.received'] },
		});
		await expect(methods.checkExists.call(trigger.hooks)).resolves.toBe(true);
		await expect(methods.create.call(trigger.hooks)).resolves.toBe(true);
		await expect(methods.delete.call(trigger.hooks)).resolves.toBe(true);
		expect(trigger.requests).toEqual([]);
	});
});

describe('hostile answers while registering', () => {
	it('refuses an HTML page answered to the list, naming no key', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: () => ({ body: '<html>Sign in to the Wi-Fi</html>', statusCode: 200, headers: {} }),
		});
		const error = await methods.checkExists.call(trigger.hooks).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(
			'The server did not answer like Kapso (HTTP 200 with an HTML page)',
		);
		expect(JSON.stringify(error)).not.toContain(KAPSO_KEY);
	});

	it('does not follow a redirect with the key, and creates nothing', async () => {
		const trigger = triggerHarness({
			parameters: AUTOMATIC,
			http: () => ({
				body: '',
				statusCode: 302,
				headers: { location: 'https://evil.example/steal' },
			}),
		});
		await expect(methods.create.call(trigger.hooks)).rejects.toThrow(/redirects are not followed/);
		expect(trigger.requests).toHaveLength(1);
		expect(trigger.staticData).toEqual({});
	});
});

describe('node description', () => {
	const { description } = new KapsoTrigger();

	it('answers Kapso as soon as the workflow starts, not when it ends (Kapso waits 10 s)', () => {
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
		expect(description.inputs).toEqual([]);
	});

	it('asks for the credential only when n8n registers the webhook', () => {
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: 'kapsoApi',
				displayOptions: { show: { setup: ['automatic'] } },
			}),
		]);
	});

	it('lists every Kapso event of a phone-number webhook', () => {
		const events = description.properties.find((p) => p.name === 'events');
		expect((events?.options ?? []).map((o) => (o as { value: string }).value).sort()).toEqual([
			'whatsapp.contact.identity_changed',
			'whatsapp.conversation.created',
			'whatsapp.conversation.ended',
			'whatsapp.conversation.inactive',
			'whatsapp.message.delivered',
			'whatsapp.message.failed',
			'whatsapp.message.read',
			'whatsapp.message.received',
			'whatsapp.message.sent',
		]);
	});
});
