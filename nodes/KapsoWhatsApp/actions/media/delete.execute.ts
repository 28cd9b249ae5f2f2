import type { OperationExecute } from '../operation.types';
import { mediaRequest } from './mediaRequest';

/** Output: `{id, deleted: true}` and Kapso's answer (`{success: true}`). */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { mediaId, answer } = await mediaRequest.call(this, connection, itemIndex, 'DELETE');
	return { id: mediaId, deleted: true, ...answer };
};
