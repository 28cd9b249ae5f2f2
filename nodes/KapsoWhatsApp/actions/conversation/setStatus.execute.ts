import type { OperationExecute } from '../operation.types';
import { conversationRequest } from './conversationPaths';

/** Output: `{id, status}` and Kapso's answer (`{success: true}`). */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const status = this.getNodeParameter('status', itemIndex, 'ended') as string;
	const { conversationId, record } = await conversationRequest.call(
		this,
		connection,
		itemIndex,
		'PATCH',
		{ status },
	);
	return { id: conversationId, status, ...record };
};
