import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { readPathId } from '../../helpers/records';
import type { OperationExecute } from '../operation.types';
import { conversationRequest } from './conversationPaths';
import { CONVERSATION_ID_EXAMPLE } from './fields';

/** Output: the conversation as Kapso gives it (with its `kapso` extras: contact name, last inbound…). */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const conversationId = readPathId.call(
		this,
		itemIndex,
		'conversationId',
		'Conversation ID',
		CONVERSATION_ID_EXAMPLE,
	);
	return await conversationRequest.call(this, connection, {
		method: 'GET',
		phoneNumberId,
		conversationId,
		itemIndex,
	});
};
