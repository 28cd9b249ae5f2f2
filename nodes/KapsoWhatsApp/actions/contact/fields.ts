import type { INodeProperties } from 'n8n-workflow';

/** A contact by its WhatsApp ID: the customer's number with country code. */
export const waIdField: INodeProperties = {
	displayName: 'WhatsApp ID',
	name: 'waId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '15551230001',
	description:
		'The customer’s WhatsApp ID: their number with country code (wa_id in Kapso’s events); +1 555 123 0001 works too',
};
