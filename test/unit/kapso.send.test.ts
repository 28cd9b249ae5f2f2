import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { json } from '../helpers/context';
import {
	CONVERSATIONS_URL,
	KAPSO_KEY,
	kapsoSend,
	MESSAGES_URL,
	runKapso,
	sendOnly,
	sent,
} from '../helpers/kapso';

describe('Kapso WhatsApp → Message → Send: text', () => {
	it('posts Meta’s JSON to the sender’s messages endpoint with the key header and the number normalised', async () => {
		const request = await sendOnly({});
		expect(request.method).toBe('POST');
		expect(request.url).toBe(MESSAGES_URL);
		expect(request.headers).toEqual({ 'X-API-Key': KAPSO_KEY });
		expect(request.options.json).toBe(true);
		expect(request.options.disableFollowRedirect).toBe(true);
		expect(request.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15551230001',
			type: 'text',
			text: { body: 'Hello' },
		});
	});

	it('asks for a link preview when Link Preview is on', async () => {
		const request = await sendOnly({ text: 'See https://shop.example', previewUrl: true });
		expect((request.body as { text: unknown }).text).toEqual({
			preview_url: true,
			body: 'See https://shop.example',
		});
	});

	it.each([
		['+1 (555) 123-0001', '15551230001'],
		['0015551230001', '15551230001'],
		['15551230001', '15551230001'],
		['+44 7700 900009', '447700900009'],
	])('normalises %s to %s', async (raw, digits) => {
		const request = await sendOnly({ recipientPhone: raw });
		expect((request.body as { to: string }).to).toBe(digits);
	});

	it('sends to a BSUID as `recipient`, without `to`', async () => {
		const request = await sendOnly({
			recipientType: 'bsuid',
			recipientBsuid: 'US.1000000000000001',
		});
		expect(request.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			recipient: 'US.1000000000000001',
			type: 'text',
			text: { body: 'Hello' },
		});
	});

	it('replies to a message and carries the callback data', async () => {
		const request = await sendOnly({
			options: { replyToMessageId: ' wamid.IN1 ', bizOpaqueCallbackData: 'order-1042' },
		});
		expect(request.body).toMatchObject({
			context: { message_id: 'wamid.IN1' },
			biz_opaque_callback_data: 'order-1042',
		});
	});

	it('outputs the wamid as messageId, paired to its item', async () => {
		const run = await runKapso({ parameters: kapsoSend(), http: () => sent('wamid.X') });
		expect(run.error).toBeUndefined();
		expect(run.output).toEqual([
			{
				json: {
					messageId: 'wamid.X',
					waId: '15551230001',
					phoneNumberId: '100000000000001',
					type: 'text',
					messaging_product: 'whatsapp',
					contacts: [{ input: '15551230001', wa_id: '15551230001' }],
					messages: [{ id: 'wamid.X' }],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		['recipientPhone', '555-0100', 'Recipient Phone Number: must have 8 to 15 digits'],
		[
			'recipientPhone',
			'05551230001',
			'Recipient Phone Number: must be a phone number with its country code',
		],
		[
			'recipientPhone',
			'call me',
			'Recipient Phone Number: must be a phone number with its country code',
		],
		['text', '   ', 'Text: is empty'],
		['text', 'x'.repeat(4097), 'Text: is 4097 characters long; WhatsApp allows at most 4096'],
	])('refuses %s = %j before sending', async (field, value, message) => {
		const run = await runKapso({ parameters: kapsoSend({ [field]: value }) });
		expect(run.requests).toHaveLength(0);
		expect(run.error).toBeInstanceOf(NodeOperationError);
		expect((run.error as Error).message).toContain(message);
		expect((run.error as Error).message).toContain('[item 0]');
	});

	it('counts emoji as one character each (4096 emoji pass)', async () => {
		await expect(sendOnly({ text: '😀'.repeat(4096) })).resolves.toBeDefined();
	});

	it('refuses callback data over 512 characters and a phone number ID that is not digits', async () => {
		let run = await runKapso({
			parameters: kapsoSend({ options: { bizOpaqueCallbackData: 'x'.repeat(513) } }),
		});
		expect((run.error as Error).message).toBe(
			'Callback Data: is 513 characters long; WhatsApp allows at most 512 [item 0]',
		);
		run = await runKapso({
			parameters: kapsoSend({ phoneNumberId: { __rl: true, mode: 'id', value: '+1 555' } }),
		});
		expect((run.error as Error).message).toContain('Phone Number: must be a phone number ID');
		expect(run.requests).toHaveLength(0);
	});
});

describe('Kapso WhatsApp → Message → Send: the 24-hour window', () => {
	const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
	const conversations = (lastInbound: string | null) =>
		json({
			data: [
				{
					id: 'd1',
					phone_number: '+15551230001',
					status: 'active',
					kapso: { last_inbound_at: lastInbound },
				},
			],
			paging: { cursors: {} },
		});

	it('reads the conversation first and sends when the customer wrote within 24 hours', async () => {
		const run = await runKapso({
			parameters: kapsoSend({ options: { checkWindow: true } }),
			http: (request) => (request.method === 'GET' ? conversations(hoursAgo(1)) : sent()),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => [request.method, request.url, request.qs])).toEqual([
			['GET', CONVERSATIONS_URL, { phone_number: '+15551230001', limit: 100 }],
			['POST', MESSAGES_URL, undefined],
		]);
	});

	it.each([
		[hoursAgo(30), 'last wrote 30 hours ago'],
		[null, 'has never written to this number'],
	])(
		'stops a free-form message when the last inbound is %s, before sending',
		async (last, when) => {
			const run = await runKapso({
				parameters: kapsoSend({ options: { checkWindow: true } }),
				http: () => conversations(last),
			});
			expect(run.requests.map((request) => request.method)).toEqual(['GET']);
			expect(run.error).toBeInstanceOf(NodeOperationError);
			expect((run.error as Error).message).toBe(
				'+15551230001 is outside WhatsApp’s 24-hour window: send a template [item 0]',
			);
			expect((run.error as NodeOperationError).description).toContain(`The customer ${when}`);
		},
	);

	it('stops a message to someone without any conversation', async () => {
		const run = await runKapso({
			parameters: kapsoSend({ options: { checkWindow: true } }),
			http: () => json({ data: [], paging: { cursors: {} } }),
		});
		expect((run.error as Error).message).toContain('outside WhatsApp’s 24-hour window');
	});

	it('reads the conversation once per recipient per execution, and sends each recipient’s items in order', async () => {
		const recipients = ['+15551230001', '+15551230002', '+15551230001'];
		const run = await runKapso({
			items: recipients.map(() => ({ json: {} })),
			parameters: (itemIndex) =>
				kapsoSend({
					recipientPhone: recipients[itemIndex],
					text: `m${itemIndex}`,
					options: { checkWindow: true },
				}),
			http: (request) => (request.method === 'GET' ? conversations(hoursAgo(2)) : sent()),
		});
		expect(run.error).toBeUndefined();
		const reads = run.requests.filter((request) => request.method === 'GET');
		expect(reads.map((request) => request.qs?.phone_number).sort()).toEqual([
			'+15551230001',
			'+15551230002',
		]);
		const firstRecipient = run.requests
			.filter((request) => request.method === 'POST')
			.filter((request) => (request.body as { to: string }).to === '15551230001')
			.map((request) => (request.body as { text: { body: string } }).text.body);
		expect(firstRecipient).toEqual(['m0', 'm2']);
		expect(run.output?.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('does not read anything when the check is off, or for a BSUID', async () => {
		expect((await sendOnly({})).method).toBe('POST');
		const request = await sendOnly({
			recipientType: 'bsuid',
			recipientBsuid: 'US.1',
			options: { checkWindow: true },
		});
		expect(request.method).toBe('POST');
	});

	it('lets the send go when Kapso does not say when the customer last wrote', async () => {
		const run = await runKapso({
			parameters: kapsoSend({ options: { checkWindow: true } }),
			http: (request) =>
				request.method === 'GET' ? json({ data: [{ id: 'd1', status: 'active' }] }) : sent(),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(2);
	});

	it('fails the item with Kapso’s message when the read fails, sending nothing', async () => {
		const run = await runKapso({
			parameters: kapsoSend({ options: { checkWindow: true } }),
			http: () => json({ error: 'Invalid API key' }, 401),
		});
		expect(run.error).toBeInstanceOf(NodeApiError);
		expect((run.error as Error).message).toBe('Kapso rejected the API key: Invalid API key');
		expect(run.requests).toHaveLength(1);
	});
});
