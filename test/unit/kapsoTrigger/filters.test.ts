import type { IDataObject } from 'n8n-workflow';

import {
	dropReason,
	isOwnEcho,
	type EventFilter,
} from '../../../nodes/KapsoTrigger/helpers/filters';
import { normalisePayload } from '../../../nodes/KapsoTrigger/helpers/payload';
import { PHONE_NUMBER_ID, conversation, inbound, outbound, textIn } from './fixtures';

const ALL_MESSAGE_EVENTS = [
	'whatsapp.message.received',
	'whatsapp.message.sent',
	'whatsapp.message.delivered',
	'whatsapp.message.read',
	'whatsapp.message.failed',
	'whatsapp.conversation.created',
];

function filter(overrides: Partial<EventFilter> = {}): EventFilter {
	return {
		events: ALL_MESSAGE_EVENTS,
		direction: 'any',
		messageTypes: [],
		loopGuard: 'off',
		callbackTag: 'n8n',
		...overrides,
	};
}

const received = normalisePayload('whatsapp.message.received', textIn('Hi'));
const image = normalisePayload(
	'whatsapp.message.received',
	inbound({ type: 'image', image: { id: 'm' } }),
);
const sentByApi = normalisePayload('whatsapp.message.sent', outbound({ origin: 'cloud_api' }));
const sentFromApp = normalisePayload('whatsapp.message.sent', outbound({ origin: 'business_app' }));
const created = normalisePayload('whatsapp.conversation.created', {
	conversation: conversation(),
	phone_number_id: PHONE_NUMBER_ID,
});

function tagged(where: 'message' | 'kapso' | 'status', value: string): IDataObject {
	const message: IDataObject = {};
	const kapso: IDataObject = { origin: 'cloud_api', status: 'delivered' };
	if (where === 'message') message.biz_opaque_callback_data = value;
	if (where === 'kapso') kapso.biz_opaque_callback_data = value;
	if (where === 'status')
		kapso.statuses = [{ id: 'wamid.OUT1', status: 'delivered', biz_opaque_callback_data: value }];
	return normalisePayload('whatsapp.message.delivered', outbound(kapso, message));
}

describe('dropReason', () => {
	it('lets a selected event through', () => {
		expect(dropReason(received, filter())).toBeUndefined();
	});

	it('drops an event that is not selected', () => {
		expect(dropReason(received, filter({ events: ['whatsapp.message.sent'] }))).toBe(
			'event whatsapp.message.received is not selected',
		);
	});

	it('filters message events by direction, never conversation events', () => {
		expect(dropReason(received, filter({ direction: 'outbound' }))).toBe(
			'direction inbound is filtered out',
		);
		expect(dropReason(sentFromApp, filter({ direction: 'outbound' }))).toBeUndefined();
		expect(dropReason(created, filter({ direction: 'outbound' }))).toBeUndefined();
	});

	it('filters message events by type; none selected means every type', () => {
		expect(dropReason(image, filter({ messageTypes: ['text'] }))).toBe(
			'message type image is filtered out',
		);
		expect(dropReason(received, filter({ messageTypes: ['text'] }))).toBeUndefined();
		expect(dropReason(image, filter())).toBeUndefined();
		expect(dropReason(created, filter({ messageTypes: ['text'] }))).toBeUndefined();
	});

	it('drops the echo of a message sent through the API with the API guard', () => {
		expect(dropReason(sentByApi, filter({ loopGuard: 'apiMessages' }))).toBe(
			'it echoes a message sent through the API',
		);
	});
});

describe('isOwnEcho', () => {
	it('API guard: outbound from the Cloud API only; the phone app and inbound messages pass', () => {
		const guard = filter({ loopGuard: 'apiMessages' });
		expect(isOwnEcho(sentByApi, guard)).toBe(true);
		expect(isOwnEcho(sentFromApp, guard)).toBe(false);
		// An inbound message Kapso also marks cloud_api is the customer's: never dropped.
		expect(received.origin).toBe('cloud_api');
		expect(isOwnEcho(received, guard)).toBe(false);
		expect(isOwnEcho(created, guard)).toBe(false);
	});

	it.each(['message', 'kapso', 'status'] as const)(
		'tag guard: finds the callback data on the %s',
		(where) => {
			const guard = filter({ loopGuard: 'callbackTag', callbackTag: 'n8n' });
			expect(isOwnEcho(tagged(where, 'n8n:wf-1'), guard)).toBe(true);
			expect(isOwnEcho(tagged(where, 'crm-42'), guard)).toBe(false);
		},
	);

	it('tag guard: an API message without the tag passes, an empty tag drops nothing', () => {
		expect(isOwnEcho(sentByApi, filter({ loopGuard: 'callbackTag' }))).toBe(false);
		expect(
			isOwnEcho(tagged('status', 'n8n'), filter({ loopGuard: 'callbackTag', callbackTag: '' })),
		).toBe(false);
	});

	it('off: nothing is an echo', () => {
		expect(isOwnEcho(sentByApi, filter({ loopGuard: 'off' }))).toBe(false);
		expect(isOwnEcho(tagged('message', 'n8n'), filter({ loopGuard: 'off' }))).toBe(false);
	});
});
