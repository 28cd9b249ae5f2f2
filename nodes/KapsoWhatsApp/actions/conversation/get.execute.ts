import type { OperationExecute } from '../operation.types';
import { conversationRequest } from './conversationPaths';

/** Output: the conversation as Kapso gives it (with its `kapso` extras: contact name, last inbound…). */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	return (await conversationRequest.call(this, connection, itemIndex, 'GET')).record;
};
