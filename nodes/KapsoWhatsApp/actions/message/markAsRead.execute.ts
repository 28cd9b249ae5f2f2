import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { kapsoApiRequest } from '../../transport';
import type { OperationContext } from '../operation.types';

/** Message → Mark as Read: a status update to the messages endpoint, with the typing indicator if asked. */
export async function markAsRead(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const messageId = String(this.getNodeParameter('messageId', itemIndex, '')).trim();
	if (!messageId) throw fieldError(this.getNode(), itemIndex, 'Message ID', 'is empty');
	const body: IDataObject = {
		messaging_product: 'whatsapp',
		status: 'read',
		message_id: messageId,
	};
	if (this.getNodeParameter('typingIndicator', itemIndex, false) === true)
		body.typing_indicator = { type: 'text' };
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method: 'POST',
		path: `/${phoneNumberId}/messages`,
		body,
		subject: `message ${messageId} on phone number ${phoneNumberId}`,
		itemIndex,
	});
	return { messageId, ...answer };
}
