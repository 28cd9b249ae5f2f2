import { createHmac } from 'crypto';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { KapsoTrigger } from '../../../nodes/KapsoTrigger/KapsoTrigger.node';
import { triggerHarness } from '../../helpers/kapsoTriggerContext';
import { outbound, textIn } from './fixtures';

const SECRET = 'a'.repeat(64);
const RECEIVED = 'whatsapp.message.received';
const trigger = new KapsoTrigger();

const sign = (raw: string | Buffer, secret = SECRET) =>
	createHmac('sha256', secret).update(raw).digest('hex');

let keys = 0;
/** Headers of a signed Kapso delivery, with a fresh idempotency key unless one is given. */
function signed(raw: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		'X-Webhook-Event': RECEIVED,
		'X-Webhook-Payload-Version': 'v2',
		'X-Idempotency-Key': `key-${++keys}-${Date.now()}`,
		'X-Webhook-Signature': sign(raw),
		...extra,
	};
}

const AUTOMATIC = {
	setup: 'automatic',
	phoneNumberId: { __rl: true, mode: 'list', value: '100000000000001' },
	events: [RECEIVED, 'whatsapp.message.sent'],
	options: {},
};

function harness(
	parameters: IDataObject = AUTOMATIC,
	staticData: IDataObject = { secret: SECRET },
) {
	return triggerHarness({ parameters, staticData });
}

async function deliver(
	h: ReturnType<typeof harness>,
	headers: Record<string, string>,
	raw: string | Buffer,
): Promise<{ result: IWebhookResponseData; answer: { status?: number; body?: unknown } }> {
	const { context, answer } = h.request(headers, raw);
	const result = await trigger.webhook.call(context);
	return { result, answer };
}

const started = (result: IWebhookResponseData) =>
	(result.workflowData?.[0] ?? []).map((item) => item.json);

describe('signature', () => {
	const raw = JSON.stringify(textIn('Hi'));

	it('starts the workflow for a correctly signed delivery', async () => {
		const { result, answer } = await deliver(harness(), signed(raw), raw);
		expect(answer).toEqual({});
		expect(started(result)).toEqual([expect.objectContaining({ event: RECEIVED, text: 'Hi' })]);
	});

	it.each([
		[
			'signed with another secret',
			(h: Record<string, string>) => ({ ...h, 'X-Webhook-Signature': sign(raw, 'b'.repeat(64)) }),
			raw,
		],
		[
			'without X-Webhook-Signature',
			(h: Record<string, string>) => {
				const { 'X-Webhook-Signature': _dropped, ...rest } = h;
				return rest;
			},
			raw,
		],
		[
			'with a prefixed signature',
			(h: Record<string, string>) => ({ ...h, 'X-Webhook-Signature': `sha256=${sign(raw)}` }),
			raw,
		],
		[
			'with one byte of the body changed',
			(h: Record<string, string>) => h,
			raw.replace('"Hi"', '"Hj"'),
		],
	])('answers 401 and starts nothing for a delivery %s', async (_what, headersOf, body) => {
		const { result, answer } = await deliver(harness(), headersOf(signed(raw)), body);
		expect(answer).toEqual({ status: 401, body: { error: 'Invalid X-Webhook-Signature' } });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('checks the bytes as sent, not a re-serialised body (other spacing and key order)', async () => {
		const spaced =
			'{ "phone_number_id" : "100000000000001",\n  "message": {"type":"text","text":{"body":"Hi"},"id":"wamid.S"} }';
		const { result } = await deliver(harness(), signed(spaced), spaced);
		expect(started(result)).toEqual([
			expect.objectContaining({ messageId: 'wamid.S', text: 'Hi' }),
		]);
	});

	it('uses the pasted Secret Key in manual setup', async () => {
		const manual = {
			setup: 'manual',
			secretKey: 'dashboard-secret',
			events: [RECEIVED],
			options: {},
		};
		const h = harness(manual, {});
		const good = await deliver(
			h,
			signed(raw, { 'X-Webhook-Signature': sign(raw, 'dashboard-secret') }),
			raw,
		);
		expect(started(good.result)).toHaveLength(1);
		const bad = await deliver(h, signed(raw), raw);
		expect(bad.answer.status).toBe(401);
	});

	it('refuses everything while it has no secret (never registered)', async () => {
		const { result, answer } = await deliver(harness(AUTOMATIC, {}), signed(raw), raw);
		expect(answer.status).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('answers 400 for a signed body that is not a Kapso event', async () => {
		const { answer } = await deliver(harness(), signed('[1,2]'), '[1,2]');
		expect(answer).toEqual({ status: 400, body: { error: 'The body is not a JSON object' } });
	});
});

describe('idempotency key', () => {
	const raw = JSON.stringify(textIn('Hi'));

	it('starts the workflow once for a delivery Kapso sends again with the same key', async () => {
		const h = harness();
		const headers = signed(raw);
		expect(started((await deliver(h, headers, raw)).result)).toHaveLength(1);
		const again = await deliver(h, headers, raw);
		expect(again.result).toEqual({ webhookResponse: { received: true, duplicate: true } });
	});

	it('remembers the key in static data, so another process (or a restart) knows it too', async () => {
		const headers = signed(raw);
		const first = harness();
		await deliver(first, headers, raw);
		const elsewhere = triggerHarness({
			parameters: AUTOMATIC,
			staticData: first.staticData,
			workflowId: 'wf-restarted',
		});
		expect((await deliver(elsewhere, headers, raw)).result).toEqual({
			webhookResponse: { received: true, duplicate: true },
		});
	});

	it('does not record the key of a request whose signature failed', async () => {
		const h = harness();
		const headers = signed(raw);
		await deliver(h, { ...headers, 'X-Webhook-Signature': sign(raw, 'forger') }, raw);
		expect(started((await deliver(h, headers, raw)).result)).toHaveLength(1);
	});

	it('starts each of two deliveries with different keys', async () => {
		const h = harness();
		expect(started((await deliver(h, signed(raw), raw)).result)).toHaveLength(1);
		expect(started((await deliver(h, signed(raw), raw)).result)).toHaveLength(1);
	});
});

describe('batches', () => {
	const raw = JSON.stringify({
		type: RECEIVED,
		batch: true,
		data: [textIn('Hi', 'wamid.1'), textIn('my order', 'wamid.2'), textIn('is late', 'wamid.3')],
	});
	const batchHeaders = () => signed(raw, { 'X-Webhook-Batch': 'true', 'X-Batch-Size': '3' });

	it('splits a batch into one item per message by default', async () => {
		const { result } = await deliver(harness(), batchHeaders(), raw);
		expect(started(result).map((item) => [item.messageId, item.text])).toEqual([
			['wamid.1', 'Hi'],
			['wamid.2', 'my order'],
			['wamid.3', 'is late'],
		]);
	});

	it('keeps a batch together as one item when asked', async () => {
		const h = harness({ ...AUTOMATIC, options: { batchMode: 'keep' } });
		const items = started((await deliver(h, batchHeaders(), raw)).result);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			batch: true,
			batchSize: 3,
			text: 'Hi\nmy order\nis late',
			messageId: 'wamid.3',
		});
		expect((items[0].messages as IDataObject[]).map((message) => message.messageId)).toEqual([
			'wamid.1',
			'wamid.2',
			'wamid.3',
		]);
	});

	it('keeps a single delivery a plain item even when batches are kept', async () => {
		const single = JSON.stringify(textIn('Hi'));
		const h = harness({ ...AUTOMATIC, options: { batchMode: 'keep' } });
		expect(started((await deliver(h, signed(single), single)).result)[0]).not.toHaveProperty(
			'batch',
		);
	});
});

describe('filters and the loop guard', () => {
	const sentRaw = JSON.stringify(outbound({ origin: 'cloud_api' }));
	const sentHeaders = () => signed(sentRaw, { 'X-Webhook-Event': 'whatsapp.message.sent' });

	it('answers and starts nothing for the echo of a message sent through the API (the default)', async () => {
		const { result, answer } = await deliver(harness(), sentHeaders(), sentRaw);
		expect(result).toEqual({ webhookResponse: { received: true, started: false } });
		expect(answer).toEqual({});
	});

	it('starts for that echo with the guard off', async () => {
		const h = harness({ ...AUTOMATIC, options: { loopGuard: 'off' } });
		expect(started((await deliver(h, sentHeaders(), sentRaw)).result)).toEqual([
			expect.objectContaining({
				event: 'whatsapp.message.sent',
				direction: 'outbound',
				origin: 'cloud_api',
			}),
		]);
	});

	it('drops an event that is not selected, a direction and a type filtered out', async () => {
		const raw = JSON.stringify(textIn('Hi'));
		const notSelected = harness({ ...AUTOMATIC, events: ['whatsapp.message.sent'] });
		const outboundOnly = harness({ ...AUTOMATIC, options: { direction: 'outbound' } });
		const imagesOnly = harness({ ...AUTOMATIC, options: { messageTypes: ['image'] } });
		for (const h of [notSelected, outboundOnly, imagesOnly]) {
			expect((await deliver(h, signed(raw), raw)).result).toEqual({
				webhookResponse: { received: true, started: false },
			});
		}
	});

	it('starts with only the messages of a batch that pass the filters', async () => {
		const image = {
			...textIn('x', 'wamid.img'),
			message: {
				id: 'wamid.img',
				type: 'image',
				image: { id: 'm' },
				kapso: { direction: 'inbound' },
			},
		};
		const raw = JSON.stringify({
			type: RECEIVED,
			batch: true,
			data: [textIn('Hi', 'wamid.1'), image],
		});
		const h = harness({ ...AUTOMATIC, options: { messageTypes: ['text'] } });
		const items = started(
			(await deliver(h, signed(raw, { 'X-Webhook-Batch': 'true' }), raw)).result,
		);
		expect(items.map((item) => item.messageId)).toEqual(['wamid.1']);
	});
});
