import type { IDataObject } from 'n8n-workflow';

/** Kapso v2 payloads (NOTES §6) as the trigger's tests use them. */

export const PHONE_NUMBER_ID = '100000000000001';
export const CONVERSATION_ID = 'd0000000-0000-4000-8000-000000000001';

export function conversation(overrides: IDataObject = {}): IDataObject {
	return {
		id: CONVERSATION_ID,
		phone_number: '+15551230001',
		status: 'active',
		last_active_at: '2026-12-02T00:00:00Z',
		phone_number_id: PHONE_NUMBER_ID,
		kapso: {
			contact_name: 'Maria Garcia',
			messages_count: 7,
			last_inbound_at: '2026-12-02T00:00:00Z',
		},
		...overrides,
	};
}

export function inbound(message: IDataObject, extra: IDataObject = {}): IDataObject {
	return {
		message: {
			id: 'wamid.IN1',
			timestamp: '1796169600',
			from: '15551230001',
			...message,
			kapso: {
				direction: 'inbound',
				status: 'received',
				origin: 'cloud_api',
				...(message.kapso as IDataObject),
			},
		},
		conversation: conversation(),
		is_new_conversation: false,
		phone_number_id: PHONE_NUMBER_ID,
		...extra,
	};
}

export function outbound(kapso: IDataObject, message: IDataObject = {}): IDataObject {
	return {
		message: {
			id: 'wamid.OUT1',
			timestamp: '1796169600',
			to: '15551230001',
			type: 'text',
			text: { body: 'Thanks, we are on it' },
			...message,
			kapso: { direction: 'outbound', status: 'sent', ...kapso },
		},
		conversation: conversation(),
		is_new_conversation: false,
		phone_number_id: PHONE_NUMBER_ID,
	};
}

export const textIn = (body: string, id = 'wamid.IN1') =>
	inbound({ id, type: 'text', text: { body } });
