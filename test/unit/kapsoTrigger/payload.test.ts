import {
	batchItem,
	normalisePayload,
	readDelivery,
} from '../../../nodes/KapsoTrigger/helpers/payload';
import {
	CONVERSATION_ID,
	PHONE_NUMBER_ID,
	conversation,
	inbound,
	outbound,
	textIn,
} from './fixtures';

const RECEIVED = 'whatsapp.message.received';

describe('readDelivery', () => {
	it('reads a single v2 event: the event from X-Webhook-Event, the payload bare', () => {
		const body = textIn('Hi');
		expect(
			readDelivery(
				{
					'x-webhook-event': RECEIVED,
					'x-idempotency-key': 'key-1',
					'x-webhook-payload-version': 'v2',
				},
				body,
			),
		).toEqual({
			event: RECEIVED,
			batch: false,
			payloads: [body],
			idempotencyKey: 'key-1',
			payloadVersion: 'v2',
		});
	});

	it('splits a batch marked by its header into its payloads', () => {
		const data = [textIn('one', 'wamid.1'), textIn('two', 'wamid.2')];
		const delivery = readDelivery(
			{ 'x-webhook-event': RECEIVED, 'x-webhook-batch': 'true', 'x-batch-size': '2' },
			{ type: RECEIVED, batch: true, data },
		);
		expect(delivery).toMatchObject({ event: RECEIVED, batch: true, payloads: data });
	});

	it('recognises a batch by its body and takes the event from its type when the headers lack them', () => {
		const data = [textIn('one')];
		expect(readDelivery({}, { type: RECEIVED, batch: true, data })).toMatchObject({
			event: RECEIVED,
			batch: true,
			payloads: data,
		});
	});

	it('unwraps a v1-style {event, data} envelope', () => {
		const data = { message: { id: 'x', message_type: 'text', content: 'Hola' } };
		expect(readDelivery({}, { event: RECEIVED, data })).toMatchObject({
			event: RECEIVED,
			batch: false,
			payloads: [data],
		});
	});

	it.each([
		['a JSON array', [1, 2], 'The body is not a JSON object'],
		['no event anywhere', { message: {} }, 'The X-Webhook-Event header is missing'],
		[
			'a batch without data',
			{ type: RECEIVED, batch: true },
			'A batch must carry its payloads in "data"',
		],
		[
			'a batch with a non-object entry',
			{ type: RECEIVED, batch: true, data: [textIn('a'), 'b'] },
			'Every payload of a batch must be a JSON object',
		],
	])('refuses %s', (_what, body, reason) => {
		expect(readDelivery({}, body)).toBe(reason);
	});
});

describe('normalisePayload', () => {
	it('puts the flat fields of a received text beside the payload', () => {
		const payload = textIn('Where is my order?');
		expect(normalisePayload(RECEIVED, payload)).toEqual({
			event: RECEIVED,
			direction: 'inbound',
			from: '15551230001',
			to: null,
			contactPhone: '+15551230001',
			contactName: 'Maria Garcia',
			type: 'text',
			text: 'Where is my order?',
			replyId: null,
			replyTitle: null,
			messageId: 'wamid.IN1',
			status: 'received',
			origin: 'cloud_api',
			mediaUrl: null,
			timestamp: '2026-12-02T00:00:00.000Z',
			isNewConversation: false,
			conversationId: CONVERSATION_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			...payload,
		});
	});

	it.each([
		[
			'a reply button',
			{
				type: 'interactive',
				interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes please' } },
			},
			{ replyId: 'yes', replyTitle: 'Yes please', text: 'Yes please' },
		],
		[
			'a list row',
			{
				type: 'interactive',
				interactive: {
					type: 'list_reply',
					list_reply: { id: 'row-2', title: 'Tuesday', description: '9-12' },
				},
			},
			{ replyId: 'row-2', replyTitle: 'Tuesday', text: 'Tuesday' },
		],
		[
			"a template's quick reply",
			{ type: 'button', button: { payload: 'CONFIRM', text: 'Confirm' } },
			{ replyId: 'CONFIRM', replyTitle: 'Confirm', text: 'Confirm' },
		],
		[
			'an image with a caption',
			{
				type: 'image',
				image: { id: 'media-1', caption: 'the damage' },
				kapso: { media_url: 'https://x/m.jpg', has_media: true },
			},
			{ text: 'the damage', mediaUrl: 'https://x/m.jpg', replyId: null },
		],
		[
			'a voice note with a transcript',
			{ type: 'audio', audio: { id: 'a' }, kapso: { transcript: { text: 'call me back' } } },
			{ text: 'call me back' },
		],
		[
			'a reaction',
			{ type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } },
			{ text: '👍' },
		],
		['a location', { type: 'location', location: { latitude: 1, longitude: 2 } }, { text: null }],
	])('reads %s', (_what, message, expected) => {
		expect(normalisePayload(RECEIVED, inbound(message))).toMatchObject(expected);
	});

	it('reads an outbound status event: the recipient in to, no from', () => {
		expect(
			normalisePayload(
				'whatsapp.message.delivered',
				outbound({ status: 'delivered', origin: 'cloud_api' }),
			),
		).toMatchObject({
			event: 'whatsapp.message.delivered',
			direction: 'outbound',
			from: null,
			to: '15551230001',
			contactPhone: '+15551230001',
			status: 'delivered',
			origin: 'cloud_api',
			messageId: 'wamid.OUT1',
		});
	});

	it('takes the direction from the event when Kapso leaves it out', () => {
		const payload = {
			message: { id: 'w', type: 'text', text: { body: 'x' } },
			phone_number_id: '1',
		};
		expect(normalisePayload(RECEIVED, payload)).toMatchObject({
			direction: 'inbound',
			phoneNumberId: '1',
		});
		expect(normalisePayload('whatsapp.message.sent', payload)).toMatchObject({
			direction: 'outbound',
		});
	});

	it('reads a conversation event and the minutes of an inactive one', () => {
		const payload = {
			conversation: conversation({ status: 'active' }),
			phone_number_id: PHONE_NUMBER_ID,
			since_message: { id: 'wamid.SEED1-6' },
			inactivity: { minutes: 60 },
		};
		expect(normalisePayload('whatsapp.conversation.inactive', payload)).toEqual({
			event: 'whatsapp.conversation.inactive',
			contactPhone: '+15551230001',
			contactName: 'Maria Garcia',
			status: 'active',
			inactivityMinutes: 60,
			conversationId: CONVERSATION_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			...payload,
		});
	});

	it("reads a v1 message's flat message_type and content", () => {
		expect(
			normalisePayload(RECEIVED, {
				message: { id: 'x', message_type: 'text', content: 'Hola', direction: 'inbound' },
			}),
		).toMatchObject({ type: 'text', text: 'Hola', direction: 'inbound', conversationId: null });
	});
});

describe('batchItem', () => {
	it('keeps a batch as one item: texts joined, shared fields kept, every message inside', () => {
		const items = [textIn('Hi', 'wamid.1'), textIn('I need help', 'wamid.2')].map((payload) =>
			normalisePayload(RECEIVED, payload),
		);
		expect(batchItem(RECEIVED, items)).toEqual({
			event: RECEIVED,
			batch: true,
			batchSize: 2,
			from: '15551230001',
			contactPhone: '+15551230001',
			contactName: 'Maria Garcia',
			conversationId: CONVERSATION_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			text: 'Hi\nI need help',
			messageId: 'wamid.2',
			messages: items,
		});
	});

	it('leaves a field empty when the messages of a batch differ in it', () => {
		const other = inbound(
			{ type: 'text', text: { body: 'x' } },
			{ conversation: conversation({ id: 'other' }) },
		);
		const items = [textIn('a'), other].map((payload) => normalisePayload(RECEIVED, payload));
		expect(batchItem(RECEIVED, items)).toMatchObject({
			conversationId: null,
			phoneNumberId: PHONE_NUMBER_ID,
		});
	});
});
