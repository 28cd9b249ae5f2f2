import { recordOf } from '../../helpers/graphList';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readWaId } from '../../helpers/records';
import { kapsoApiRequest } from '../../transport';
import type { OperationExecute } from '../operation.types';

/** Output: the contact (`wa_id`, `profile_name`, `display_name`, `customer_id`, `metadata`, …). */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const waId = readWaId.call(this, itemIndex);
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method: 'GET',
		path: `/${phoneNumberId}/contacts/${waId}`,
		subject: `contact ${waId} of phone number ${phoneNumberId}`,
		itemIndex,
	});
	return recordOf(answer);
};
