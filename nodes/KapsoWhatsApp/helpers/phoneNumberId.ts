import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';

/** The Phone Number field's value: Meta's phone number ID, digits only. */
export function readPhoneNumberId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('phoneNumberId', itemIndex, '', {
		extractValue: true,
	}) as unknown;
	const id = String(raw ?? '').trim();
	if (!/^\d{1,30}$/.test(id))
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Phone Number',
			id
				? `must be a phone number ID made of digits, such as 100000000000001 (got ${JSON.stringify(id)})`
				: 'is empty: pick the sender number from the list',
			'The phone number ID is Meta’s ID of the number, not the number itself. Kapso shows it under WhatsApp → Phone numbers.',
		);
	return id;
}
