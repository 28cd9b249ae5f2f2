import type { IDataObject } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { recordOf } from '../../helpers/graphList';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readWaId } from '../../helpers/records';
import { kapsoApiRequest } from '../../transport';
import type { OperationExecute } from '../operation.types';

interface UpdateFields {
	customerId?: string;
	displayName?: string;
	metadata?: unknown;
	profileName?: string;
}

function readMetadata(raw: unknown, fail: (problem: string) => Error): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw fail(`must be a JSON object such as {"crm_id": "42"} (got ${JSON.stringify(raw)})`);
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw fail(`must be a JSON object such as {"crm_id": "42"} (got ${JSON.stringify(value)})`);
	return value as IDataObject;
}

/** `PATCH /{phone_number_id}/contacts/{wa_id}` with the fields set; output: the contact as Kapso answers. */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const node = this.getNode();
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const waId = readWaId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as UpdateFields;
	const body: IDataObject = {};
	if (fields.profileName !== undefined) body.profile_name = fields.profileName;
	if (fields.displayName !== undefined) body.display_name = fields.displayName;
	if (fields.customerId?.trim()) body.customer_id = fields.customerId.trim();
	if (fields.metadata !== undefined)
		body.metadata = readMetadata(fields.metadata, (problem) =>
			fieldError(node, itemIndex, 'Metadata', problem),
		);
	if (Object.keys(body).length === 0)
		throw fieldError(node, itemIndex, 'Update Fields', 'add at least one field to change');
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method: 'PATCH',
		path: `/${phoneNumberId}/contacts/${waId}`,
		body,
		subject: `contact ${waId} of phone number ${phoneNumberId}`,
		itemIndex,
	});
	return recordOf(answer);
};
