import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readPathId } from '../../helpers/records';
import type { OperationExecute } from '../operation.types';
import { conversationRequest } from './conversationPaths';
import { CONVERSATION_ID_EXAMPLE } from './fields';

/** Output: `{id, status}` and Kapso's answer (`{success: true}`). */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const conversationId = readPathId.call(
		this,
		itemIndex,
		'conversationId',
		'Conversation ID',
		CONVERSATION_ID_EXAMPLE,
	);
	const status = this.getNodeParameter('status', itemIndex, 'ended') as string;
	const answer = await conversationRequest.call(this, connection, {
		method: 'PATCH',
		phoneNumberId,
		conversationId,
		body: { status },
		itemIndex,
	});
	return { id: conversationId, status, ...answer };
};
