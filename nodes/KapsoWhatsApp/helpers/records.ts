import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { normalizePhone } from './recipient';

/**
 * Ids of Kapso's records as the node's fields give them: a conversation's uuid, a contact's
 * WhatsApp ID (its number's digits), a media id. They go into URL paths, so anything that could
 * change the path (a slash, a space, `..`) is refused before sending.
 */

/** A required id field: trimmed, non-empty, one path segment. */
export function readPathId(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	example: string,
): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = String(raw ?? '').trim();
	if (!id)
		throw fieldError(this.getNode(), itemIndex, label, `is empty: give an ID such as ${example}`);
	if (!/^[A-Za-z0-9._:-]+$/.test(id) || /^\.+$/.test(id))
		throw fieldError(
			this.getNode(),
			itemIndex,
			label,
			`must be an ID such as ${example} (got ${JSON.stringify(id)})`,
		);
	return id;
}

/** A contact's WhatsApp ID: the number's digits with country code (`+1 555 123 0001` works too). */
export function readWaId(this: IExecuteFunctions, itemIndex: number, name = 'waId'): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	const checked = normalizePhone(raw);
	if ('problem' in checked)
		throw fieldError(this.getNode(), itemIndex, 'WhatsApp ID', checked.problem);
	return checked.digits;
}
