import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { json } from '../helpers/context';
import { KAPSO_KEY, PHONE_NUMBER_ID, runKapso } from '../helpers/kapso';

const CONVERSATION = 'd0000000-0000-4000-8000-000000000001';
const LEGACY_URL = `https://app.kapso.ai/api/v1/whatsapp_conversations/${CONVERSATION}/whatsapp_messages`;

const legacy = (extra: Record<string, unknown>) => ({
	resource: 'message',
	operation: 'sendInConversation',
	conversationId: CONVERSATION,
	messageType: 'text',
	text: 'Hello',
	options: { retryBackoffMs: 0 },
	...extra,
});

const stored = json(
	{
		data: {
			id: 'e1',
			message_type: 'text',
			whatsapp_message_id: 'wamid.L1',
			direction: 'outbound',
		},
	},
	201,
);

async function legacyBody(extra: Record<string, unknown>) {
	const run = await runKapso({ parameters: legacy(extra), http: () => stored });
	if (run.error) throw run.error;
	expect(run.requests).toHaveLength(1);
	const [request] = run.requests;
	expect(request.method).toBe('POST');
	expect(request.url).toBe(LEGACY_URL);
	expect(request.headers).toEqual({ 'X-API-Key': KAPSO_KEY });
	return (request.body as { message: unknown }).message;
}

describe('Message → Send in Conversation (Legacy API): the exact {message} for every message_type', () => {
	it('text, and the stored message as output', async () => {
		const run = await runKapso({ parameters: legacy({}), http: () => stored });
		expect(run.requests[0].body).toEqual({ message: { message_type: 'text', content: 'Hello' } });
		expect(run.output?.[0].json).toEqual({
			id: 'e1',
			message_type: 'text',
			whatsapp_message_id: 'wamid.L1',
			direction: 'outbound',
		});
	});

	it.each([
		[
			'image',
			{ mediaSource: 'url', mediaUrl: 'https://cdn.example/a.jpg', caption: 'Hi' },
			{ message_type: 'image', media_url: 'https://cdn.example/a.jpg', caption: 'Hi' },
		],
		['video', { mediaSource: 'id', mediaId: 'm-9' }, { message_type: 'video', media_id: 'm-9' }],
		[
			'audio',
			{ mediaSource: 'url', mediaUrl: 'https://cdn.example/a.ogg' },
			{ message_type: 'audio', media_url: 'https://cdn.example/a.ogg' },
		],
		[
			'document',
			{ mediaSource: 'url', mediaUrl: 'https://cdn.example/a.pdf', filename: 'a.pdf' },
			{ message_type: 'document', media_url: 'https://cdn.example/a.pdf', filename: 'a.pdf' },
		],
		[
			'location',
			{ latitude: -33.86, longitude: 151.21, locationName: 'Opera House' },
			{
				message_type: 'location',
				latitude: -33.86,
				longitude: 151.21,
				location_name: 'Opera House',
			},
		],
		[
			'reaction',
			{ reactionMessageId: 'wamid.SEED1-6', reactionEmoji: '❤️' },
			{ message_type: 'reaction', reaction_emoji: '❤️', reacted_to_message_id: 'wamid.SEED1-6' },
		],
		[
			'contacts',
			{ contactCards: { card: [{ formattedName: 'Desk', phone: '+15550100001' }] } },
			{
				message_type: 'contacts',
				contacts: [
					{ name: { formatted_name: 'Desk' }, phones: [{ phone: '+15550100001', type: 'CELL' }] },
				],
			},
		],
	])('%s', async (messageType, fields, message) => {
		expect(await legacyBody({ messageType, ...fields })).toEqual(message);
	});

	it('interactive buttons', async () => {
		expect(
			await legacyBody({
				messageType: 'buttons',
				bodyText: 'Solved?',
				footerText: 'Acme',
				replyButtons: {
					button: [
						{ title: 'Yes', id: 'y' },
						{ title: 'No', id: 'n' },
					],
				},
			}),
		).toEqual({
			message_type: 'interactive',
			interactive_type: 'button',
			body_text: 'Solved?',
			footer_text: 'Acme',
			buttons: [
				{ id: 'y', title: 'Yes' },
				{ id: 'n', title: 'No' },
			],
		});
	});

	it('interactive list', async () => {
		expect(
			await legacyBody({
				messageType: 'list',
				bodyText: 'Pick',
				headerText: 'Slots',
				listButtonText: 'Open',
				listRows: { row: [{ title: '9:00', id: 'a', description: 'Morning' }] },
			}),
		).toEqual({
			message_type: 'interactive',
			interactive_type: 'list',
			body_text: 'Pick',
			header_text: 'Slots',
			list_button_text: 'Open',
			sections: [{ title: '', rows: [{ id: 'a', title: '9:00', description: 'Morning' }] }],
		});
	});

	it.each([
		[
			{ legacyTemplateParameters: '["Maria", "#1042", "Friday"]' },
			{ template_params: ['Maria', '#1042', 'Friday'] },
		],
		[
			{ legacyTemplateParameters: { customer_name: 'Maria' } },
			{ template_params: { customer_name: 'Maria' } },
		],
		[
			{
				legacyTemplateParameters: '[]',
				legacyTemplateHeaderType: 'text',
				legacyTemplateHeaderValue: '#1042',
			},
			{ header_type: 'text', header_params: '#1042' },
		],
		[
			{
				legacyTemplateParameters: '["INV-1"]',
				legacyTemplateHeaderType: 'document',
				legacyTemplateHeaderValue: 'https://cdn.example/i.pdf',
				legacyTemplateHeaderFilename: 'INV-1.pdf',
			},
			{
				template_params: ['INV-1'],
				header_type: 'document',
				header_params: 'https://cdn.example/i.pdf',
				header_filename: 'INV-1.pdf',
			},
		],
	])('template with template_params (%#)', async (fields, expected) => {
		expect(
			await legacyBody({
				messageType: 'template',
				legacyTemplateName: 'order_update',
				legacyTemplateLanguage: 'en_US',
				...fields,
			}),
		).toEqual({
			message_type: 'template',
			template_name: 'order_update',
			template_language: 'en_US',
			...expected,
		});
	});

	it.each([
		[{ conversationId: 'a/b' }, 'Conversation ID: must be Kapso’s conversation ID'],
		[{ conversationId: '' }, 'Conversation ID: is empty'],
		[{ messageType: 'sticker' }, 'Message Type: "sticker" cannot be sent through the legacy API'],
		[{ messageType: 'ctaUrl' }, 'Message Type: "ctaUrl" cannot be sent through the legacy API'],
		[
			{ messageType: 'reaction', reactionMessageId: 'wamid.1', reactionEmoji: '' },
			'Emoji: is empty; the legacy API cannot remove a reaction',
		],
		[
			{ messageType: 'image', mediaSource: 'binary' },
			'Media Source: binary data cannot be sent through the legacy API',
		],
		[
			{
				messageType: 'template',
				legacyTemplateName: 'x',
				legacyTemplateLanguage: 'en',
				legacyTemplateParameters: '{oops',
			},
			'Template Parameters (JSON): is not valid JSON',
		],
		[
			{ messageType: 'template', legacyTemplateName: 'x', legacyTemplateLanguage: '' },
			'Template Language: is empty',
		],
	])('refuses %j before sending', async (fields, message) => {
		const run = await runKapso({ parameters: legacy(fields) });
		expect(run.requests).toHaveLength(0);
		expect(run.error).toBeInstanceOf(NodeOperationError);
		expect((run.error as Error).message).toContain(message);
	});

	it('409 on the legacy API is an active agent: not retried, said so', async () => {
		const run = await runKapso({
			parameters: legacy({}),
			http: () => json({ error: 'Conflict', message: 'An agent execution is active' }, 409),
		});
		expect(run.requests).toHaveLength(1);
		expect(run.error).toBeInstanceOf(NodeApiError);
		expect((run.error as Error).message).toBe(
			'Kapso refused the message: an agent is handling this conversation (Conflict: An agent execution is active)',
		);
	});

	it('sends one conversation’s items in item order', async () => {
		const order: string[] = [];
		const run = await runKapso({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: (itemIndex) => legacy({ text: `m${itemIndex}` }),
			http: async (request) => {
				const text = (request.body as { message: { content: string } }).message.content;
				await new Promise((resolve) => setTimeout(resolve, text === 'm0' ? 30 : 1));
				order.push(text);
				return stored;
			},
		});
		expect(run.error).toBeUndefined();
		expect(order).toEqual(['m0', 'm1', 'm2']);
	});
});

describe('Message → Mark as Read', () => {
	it('posts the read status with the typing indicator', async () => {
		const run = await runKapso({
			parameters: {
				resource: 'message',
				operation: 'markAsRead',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				messageId: ' wamid.SEED1-6 ',
				typingIndicator: true,
				options: {},
			},
			http: () => json({ success: true }),
		});
		expect(run.requests[0].url).toBe(
			`https://api.kapso.ai/meta/whatsapp/v24.0/${PHONE_NUMBER_ID}/messages`,
		);
		expect(run.requests[0].body).toEqual({
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'wamid.SEED1-6',
			typing_indicator: { type: 'text' },
		});
		expect(run.output?.[0].json).toEqual({ messageId: 'wamid.SEED1-6', success: true });
	});
});

describe('Message → Get Many', () => {
	const page = (ids: string[], after?: string, next = true) =>
		json({
			data: ids.map((id) => ({ id, type: 'text' })),
			paging: {
				cursors: { before: 'b', after },
				...(next && after ? { next: `https://x/?after=${after}` } : {}),
			},
		});
	const params = (extra: Record<string, unknown>) => ({
		resource: 'message',
		operation: 'getAll',
		phoneNumberId: { __rl: true, mode: 'list', value: PHONE_NUMBER_ID },
		returnAll: false,
		limit: 50,
		filters: {},
		options: {},
		...extra,
	});

	it('follows the Graph cursors with Return All, sending the filters on every page', async () => {
		const run = await runKapso({
			parameters: params({
				returnAll: true,
				filters: { conversationId: 'd1', direction: 'inbound', since: '2026-12-01T00:00:00.000Z' },
			}),
			http: (request) => (request.qs?.after ? page(['c'], 'A2', false) : page(['a', 'b'], 'A1')),
		});
		expect(run.error).toBeUndefined();
		expect(run.output?.map((item) => item.json.id)).toEqual(['a', 'b', 'c']);
		expect(run.requests.map((request) => request.qs)).toEqual([
			{
				conversation_id: 'd1',
				direction: 'inbound',
				since: '2026-12-01T00:00:00.000Z',
				fields: 'kapso(default)',
				limit: 100,
			},
			{
				conversation_id: 'd1',
				direction: 'inbound',
				since: '2026-12-01T00:00:00.000Z',
				fields: 'kapso(default)',
				limit: 100,
				after: 'A1',
			},
		]);
	});

	it('asks for no more than the Limit and reads no further page', async () => {
		const run = await runKapso({
			parameters: params({ limit: 2, options: { kapsoFields: false } }),
			http: () => page(['a', 'b'], 'A1'),
		});
		expect(run.output).toHaveLength(2);
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].qs).toEqual({ limit: 2 });
	});

	it('stops with an error when the server repeats a cursor', async () => {
		const run = await runKapso({
			parameters: params({ returnAll: true }),
			http: () => page(['a'], 'SAME'),
		});
		expect((run.error as Error).message).toContain('returned the same page cursor again');
	});

	it('refuses an unreadable date', async () => {
		const run = await runKapso({ parameters: params({ filters: { until: 'yesterday-ish' } }) });
		expect((run.error as Error).message).toBe(
			'Filters → Until: is not a date and time (got "yesterday-ish") [item 0]',
		);
	});
});
