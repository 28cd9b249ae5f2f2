/**
 * Every message the Kapso WhatsApp node builds, sent over real HTTP to the Kapso sandbox, which
 * checks it against Kapso's and Meta's rules (NOTES) and records a violation for anything a real
 * Kapso would refuse or that is not documented. Every test ends with 0 violations.
 */
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { startSandbox, type KapsoSandbox } from '../../sandbox/kapso';
import { KapsoWhatsApp } from '../../nodes/KapsoWhatsApp/KapsoWhatsApp.node';
import { kapsoSend, runKapsoOnSandbox, KAPSO_EDITOR } from '../helpers/kapso';
import { createLoadOptionsContext } from '../helpers/loadOptions';
import { n8nLegacyRequest, realHttp } from '../helpers/realHttp';

let sb: KapsoSandbox;

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());
afterEach(() => expect(sb.violations).toEqual([]));

const INSIDE = '+1 555 123 0001'; // Maria: last wrote 1 h ago on number 1
const OUTSIDE = '+1 555 123 0002'; // John: 30 h ago
const CONVERSATION = 'd0000000-0000-4000-8000-000000000001';

const run = async (parameters: Parameters<typeof runKapsoOnSandbox>[1], extra = {}) =>
	await runKapsoOnSandbox(sb, parameters, extra);

/** Send with the 24-hour check on (the default), to the recipient inside the window. */
const send = (extra: Record<string, unknown>) =>
	kapsoSend({
		recipientPhone: INSIDE,
		...extra,
		options: { checkWindow: true, retryBackoffMs: 0, ...(extra.options as object) },
	});

/** The violations a refused request records (the rule it broke), then cleared for afterEach. */
function expectViolations(rules: string[]) {
	expect(sb.violations.map((violation) => violation.rule)).toEqual(rules);
	sb.violations.splice(0);
}

const sends = (path = '/messages') =>
	sb.requests.filter((request) => request.method === 'POST' && request.path.endsWith(path));

const shapes: Array<[string, Record<string, unknown>]> = [
	['text with link preview', { text: 'See https://shop.example', previewUrl: true }],
	[
		'image from a URL',
		{ messageType: 'image', mediaUrl: 'https://cdn.example/p.jpg', caption: 'Receipt' },
	],
	['video from a URL', { messageType: 'video', mediaUrl: 'https://cdn.example/v.mp4' }],
	['audio from a URL', { messageType: 'audio', mediaUrl: 'https://cdn.example/a.mp3' }],
	[
		'voice note from a URL',
		{ messageType: 'audio', mediaUrl: 'https://cdn.example/a.ogg', voice: true },
	],
	[
		'document from a URL',
		{
			messageType: 'document',
			mediaUrl: 'https://cdn.example/i.pdf',
			caption: 'Invoice',
			filename: 'i.pdf',
		},
	],
	['sticker from a URL', { messageType: 'sticker', mediaUrl: 'https://cdn.example/s.webp' }],
	[
		'location',
		{
			messageType: 'location',
			latitude: 52.52,
			longitude: 13.405,
			locationName: 'Acme',
			locationAddress: 'Berlin',
		},
	],
	[
		'contacts',
		{
			messageType: 'contacts',
			contactCards: {
				card: [
					{
						formattedName: 'Desk',
						firstName: 'Help',
						phone: '+15550100001',
						waId: '15550100001',
						email: 'desk@acme.example',
						company: 'Acme',
						url: 'https://acme.example',
						birthday: '1990-01-01',
					},
				],
			},
		},
	],
	[
		'reply buttons',
		{
			messageType: 'buttons',
			bodyText: 'Solved?',
			headerText: 'Order',
			footerText: 'Acme',
			replyButtons: {
				button: [{ title: 'Yes', id: 'y' }, { title: 'No', id: 'n' }, { title: 'Agent' }],
			},
		},
	],
	[
		'list',
		{
			messageType: 'list',
			bodyText: 'Pick a slot',
			listButtonText: 'Slots',
			listRows: {
				row: [
					{ section: 'Mon', id: 'm9', title: '9:00', description: 'Morning' },
					{ section: 'Tue', id: 't9', title: '9:00' },
				],
			},
		},
	],
	[
		'CTA URL button',
		{
			messageType: 'ctaUrl',
			bodyText: 'On its way',
			ctaDisplayText: 'Track',
			ctaUrl: 'https://shop.example/t/1',
		},
	],
	[
		'reaction',
		{ messageType: 'reaction', reactionMessageId: 'wamid.SEED1-6', reactionEmoji: '👍' },
	],
	[
		'reply with callback data',
		{
			text: 'Thanks!',
			options: { replyToMessageId: 'wamid.SEED1-6', bizOpaqueCallbackData: 'order-1042' },
		},
	],
	['to a BSUID', { recipientType: 'bsuid', recipientBsuid: 'US.1000000000000001' }],
];

describe('Message → Send against the Kapso sandbox', () => {
	it.each(shapes)('%s: accepted, 0 violations', async (_name, fields) => {
		const result = await run(send(fields));
		expect(result.error).toBeUndefined();
		expect(String(result.output?.[0].json.messageId)).toMatch(/^wamid\./);
		expect(sends()).toHaveLength(1);
	});

	it('uploads binary data, then sends it by its media ID', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const result = await run(
			send({ messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' }),
			{
				items: [
					{
						json: {},
						binary: {
							data: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'r.png' },
						},
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(sends('/media')).toHaveLength(1);
		const [message] = sends();
		expect(message.body.image.id).toEqual(expect.any(String));
		expect(sb.state.media.get(message.body.image.id)).toBeDefined();
	});

	it('stops a free-form message outside the 24-hour window before sending', async () => {
		const result = await run(send({ recipientPhone: OUTSIDE }));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect((result.error as Error).message).toBe(
			'+15551230002 is outside WhatsApp’s 24-hour window: send a template [item 0]',
		);
		expect(sends()).toHaveLength(0);
	});

	it('stops a message to someone who never wrote, before sending', async () => {
		const result = await run(send({ recipientPhone: '+15551230003' }));
		expect((result.error as Error).message).toContain('outside WhatsApp’s 24-hour window');
		expect(sends()).toHaveLength(0);
	});

	it('maps Kapso’s own 131047 when the check is off', async () => {
		const result = await run(send({ recipientPhone: OUTSIDE, options: { checkWindow: false } }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as Error).message).toMatch(
			/^The recipient is outside WhatsApp’s 24-hour window: send a template \(.*\[code 131047\]\)$/,
		);
		expect(sends()).toHaveLength(1);
		expectViolations(['meta:24h-window']);
	});

	it('reads each recipient’s conversation once, sends in item order per recipient, and different recipients in parallel', async () => {
		sb.setLastInbound('d0000000-0000-4000-8000-000000000004', 1);
		const recipients = [INSIDE, '+15551230004', INSIDE, '+15551230004', INSIDE];
		const result = await run(
			(itemIndex: number) =>
				send({
					phoneNumberId: {
						__rl: true,
						mode: 'id',
						value: recipients[itemIndex] === INSIDE ? '100000000000001' : '100000000000002',
					},
					recipientPhone: recipients[itemIndex],
					text: `m${itemIndex}`,
				}),
			{ items: recipients.map(() => ({ json: {} })) },
		);
		expect(result.error).toBeUndefined();
		expect(sb.requests.filter((request) => request.path.endsWith('/conversations'))).toHaveLength(
			2,
		);
		const toMaria = sends()
			.filter((request) => request.body.to === '15551230001')
			.map((request) => request.body.text.body);
		expect(toMaria).toEqual(['m0', 'm2', 'm4']);
	});

	it.each([
		['429 with Retry-After', { fault: 'status429', times: 1 }],
		['409 message in flight', { fault: 'status409', times: 1 }],
		['Meta throttling 130429', { fault: 'metaError', code: 130429, times: 1 }],
	])('retries %s, then sends once', async (_name, fault) => {
		sb.setFaults({
			retryAfterSeconds: 0,
			script: [{ method: 'POST', path: '/messages', ...fault }],
		});
		const result = await run(send({ options: { checkWindow: false } }));
		expect(result.error).toBeUndefined();
		expect(sends()).toHaveLength(2);
	});

	it('never repeats a send whose answer was lost', async () => {
		sb.setFaults({ script: [{ fault: 'acceptThenReset', method: 'POST', path: '/messages' }] });
		const result = await run(send({ options: { checkWindow: false } }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as Error).message).toContain('it may have been carried out');
		expect(sends()).toHaveLength(1);
	});

	it.each([
		[131026, /^Kapso rejected the request: .*\[code 131026\]$/],
		[132001, /^Kapso rejected the request: .*\[code 132001\]$/],
		[190, /^Kapso rejected the API key: .*\[code 190\]$/],
	])('maps Meta error %s', async (code, message) => {
		sb.setFaults({ script: [{ fault: 'metaError', code, method: 'POST', path: '/messages' }] });
		const result = await run(send({ options: { checkWindow: false } }));
		expect((result.error as Error).message).toMatch(message);
		expect(sends()).toHaveLength(1);
	});
});

describe('Message → Send in Conversation (Legacy API) against the Kapso sandbox', () => {
	const legacy = (fields: Record<string, unknown>) => ({
		resource: 'message',
		operation: 'sendInConversation',
		conversationId: CONVERSATION,
		messageType: 'text',
		text: 'Hello',
		options: { retryBackoffMs: 0 },
		...fields,
	});
	it.each([
		['text', {}],
		[
			'image',
			{
				messageType: 'image',
				mediaSource: 'url',
				mediaUrl: 'https://cdn.example/p.jpg',
				caption: 'Hi',
			},
		],
		['video', { messageType: 'video', mediaSource: 'url', mediaUrl: 'https://cdn.example/v.mp4' }],
		['audio', { messageType: 'audio', mediaSource: 'url', mediaUrl: 'https://cdn.example/a.mp3' }],
		[
			'document',
			{
				messageType: 'document',
				mediaSource: 'url',
				mediaUrl: 'https://cdn.example/i.pdf',
				filename: 'i.pdf',
			},
		],
		[
			'location',
			{
				messageType: 'location',
				latitude: 1.5,
				longitude: 2.5,
				locationName: 'Here',
				locationAddress: 'Street 1',
			},
		],
		[
			'buttons',
			{
				messageType: 'buttons',
				bodyText: 'Solved?',
				replyButtons: { button: [{ title: 'Yes', id: 'y' }] },
			},
		],
		[
			'list',
			{
				messageType: 'list',
				bodyText: 'Pick',
				listButtonText: 'Open',
				listRows: { row: [{ section: 'S', title: 'A', id: 'a' }] },
			},
		],
		[
			'reaction',
			{ messageType: 'reaction', reactionMessageId: 'wamid.SEED1-6', reactionEmoji: '👍' },
		],
		[
			'contacts',
			{
				messageType: 'contacts',
				contactCards: { card: [{ formattedName: 'Desk', phone: '+15550100001' }] },
			},
		],
		[
			'positional template with a document header',
			{
				messageType: 'template',
				legacyTemplateName: 'invoice_ready',
				legacyTemplateLanguage: 'en',
				legacyTemplateParameters: '["INV-1"]',
				legacyTemplateHeaderType: 'document',
				legacyTemplateHeaderValue: 'https://cdn.example/inv-1.pdf',
				legacyTemplateHeaderFilename: 'INV-1.pdf',
			},
		],
		[
			'template without variables',
			{
				messageType: 'template',
				legacyTemplateName: 'hello_world',
				legacyTemplateLanguage: 'en_US',
			},
		],
		[
			'named template',
			{
				messageType: 'template',
				legacyTemplateName: 'payment_due',
				legacyTemplateLanguage: 'en',
				legacyTemplateParameters:
					'{"customer_name": "Maria", "amount": "$10", "due_date": "Friday"}',
			},
		],
	])('%s: 201, 0 violations', async (_name, fields) => {
		const result = await run(legacy(fields));
		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json.id).toEqual(expect.any(String));
		expect(sends('/whatsapp_messages')).toHaveLength(1);
	});

	it('reports a missing conversation with Kapso’s words', async () => {
		const result = await run(legacy({ conversationId: 'd0000000-0000-4000-8000-000000000999' }));
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as Error).message).toMatch(
			/^Kapso could not find conversation d0000000-0000-4000-8000-000000000999/,
		);
		expectViolations(['route:unknown-id']);
	});
});

describe('Mark as Read, Get Many, the phone-number list and the credential test against the Kapso sandbox', () => {
	const phoneNumberId = { __rl: true, mode: 'list', value: '100000000000001' };

	it('marks an inbound message as read with the typing indicator', async () => {
		const result = await run({
			resource: 'message',
			operation: 'markAsRead',
			phoneNumberId,
			messageId: 'wamid.SEED1-6',
			typingIndicator: true,
			options: {},
		});
		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json).toEqual({ messageId: 'wamid.SEED1-6', success: true });
	});

	it('gets a conversation’s messages with Return All, and a Limit across pages', async () => {
		const params = (extra: Record<string, unknown>) => ({
			resource: 'message',
			operation: 'getAll',
			phoneNumberId,
			returnAll: false,
			limit: 50,
			filters: { conversationId: CONVERSATION },
			options: {},
			...extra,
		});
		let result = await run(params({ returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.output?.map((item) => item.json.id)).toEqual([
			'wamid.SEED1-6',
			'wamid.SEED1-5',
			'wamid.SEED1-4',
			'wamid.SEED1-3',
			'wamid.SEED1-2',
			'wamid.SEED1-1',
		]);
		expect(result.output?.[0].json.kapso).toEqual(
			expect.objectContaining({ direction: 'inbound' }),
		);
		result = await run(
			params({ limit: 2, filters: { conversationId: CONVERSATION, direction: 'inbound' } }),
		);
		expect(result.output?.map((item) => item.json.id)).toEqual(['wamid.SEED1-6', 'wamid.SEED1-4']);
	});

	it('lists the project’s phone numbers (not another project’s)', async () => {
		const editor = createLoadOptionsContext({
			node: KAPSO_EDITOR,
			credentials: { apiKey: sb.apiKey, baseUrl: sb.url, legacyBaseUrl: `${sb.url}/api/v1` },
			http: realHttp,
		});
		const list = await new KapsoWhatsApp().methods.listSearch.searchPhoneNumbers.call(
			editor.context,
		);
		expect(list.results.map((entry) => entry.value)).toEqual([
			'100000000000001',
			'100000000000002',
		]);
		expect(list.results[0].name).toContain('Acme Support');
	});

	it('the credential test says what the key sees, and refuses a wrong key', async () => {
		const context = {
			helpers: { request: n8nLegacyRequest },
		} as unknown as ICredentialTestFunctions;
		const test = new KapsoWhatsApp().methods.credentialTest.kapsoApiTest;
		const data = { apiKey: sb.apiKey, baseUrl: sb.url, legacyBaseUrl: `${sb.url}/api/v1` };
		expect(await test.call(context, { id: '1', name: 'k', type: 'kapsoApi', data })).toEqual({
			status: 'OK',
			message:
				'The API key sees 2 WhatsApp numbers: Acme Support +1 555-010-0001, Acme Sales +1 555-010-0002',
		});
		const wrong = await test.call(context, {
			id: '1',
			name: 'k',
			type: 'kapsoApi',
			data: { ...data, apiKey: 'wrong-key-123' },
		});
		expect(wrong).toEqual({
			status: 'Error',
			message: 'Kapso rejected the API key: Invalid API key',
		});
		expectViolations(['auth:invalid']);
	});
});
