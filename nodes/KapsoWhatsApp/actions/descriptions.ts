import type { INodeProperties } from 'n8n-workflow';

import { locatorModes } from '../../shared/locatorModes';
import { buildRequestTimeoutField, buildRetryOptionFields } from '../../shared/optionFields';

/** Field descriptions used by several operations: one definition per field. */

/** The sender: a WhatsApp number of the key's project, by its Meta phone number ID. */
export const phoneNumberLocator: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumberId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The WhatsApp Business number of your Kapso project to work with: pick it from the list, or give its phone number ID (Kapso → WhatsApp → Phone numbers)',
	...locatorModes({
		searchListMethod: 'searchPhoneNumbers',
		listPlaceholder: 'Select a phone number...',
		noun: 'phone number ID',
		example: '100000000000001',
	}),
};

export { limitField, returnAllField } from '../../shared/optionFields';

/** Bounded concurrency: different recipients side by side, one recipient's messages in order. */
export const parallelRecipientsField: INodeProperties = {
	displayName: 'Parallel Recipients',
	name: 'parallelRecipients',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: 10,
	description:
		'How many recipients to send to at the same time. Messages to the same recipient are always sent one after another, in item order.',
};

/**
 * Per-request retries that cannot send a message twice: answers that say it was not carried out
 * (429, 503, WhatsApp throttling, 409 "in flight") and failures before sending.
 */
export const retryOptionFields = buildRetryOptionFields({
	service: 'Kapso',
	attempts:
		'How many times to try each request in all when Kapso or WhatsApp answers that it was not carried out (rate limit 429 or throttling, 503, another message still in flight) or Kapso cannot be reached. A request that may have been carried out is never repeated.',
});

export const requestTimeoutField = buildRequestTimeoutField(
	'How long to wait for Kapso’s answer to each request. A send without an answer in time is reported, never sent again.',
);

/** The transport options of the operations that send: parallel recipients, retries, timeout. */
export const transportOptionFields: INodeProperties[] = [
	parallelRecipientsField,
	...retryOptionFields,
	requestTimeoutField,
];
