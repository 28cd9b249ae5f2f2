import type { OperationExecute } from '../operation.types';
import { mediaRequest } from './mediaRequest';

/** Output: `{url, mime_type, sha256, file_size, id}`; the URL works for about 5 minutes. */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	return (await mediaRequest.call(this, connection, itemIndex, 'GET')).answer;
};
