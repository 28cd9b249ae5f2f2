import { itemBinary } from '../../../shared/binaryFile';
import { fieldError } from '../../../shared/fieldError';
import { readPhoneNumberId } from '../../helpers/phoneNumberId';
import { kapsoApiRequest, MultipartBody, type MultipartFile } from '../../transport';
import type { OperationExecute } from '../operation.types';

const FIELD = 'Input Binary Field';

/** A MIME type's type/subtype; parameters (`; charset=…`) are not sent to WhatsApp. */
const MIME_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+$/;

/**
 * `POST /{phone_number_id}/media` (multipart: `file`, `messaging_product`, `type`): the file goes
 * to WhatsApp once, and its media ID can be sent many times (Message → Send, a template's media
 * header). Output: `{id, mime_type, file_name, file_size}`.
 */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const node = this.getNode();
	const phoneNumberId = readPhoneNumberId.call(this, itemIndex);
	const property = String(
		this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '',
	).trim();
	if (!property)
		throw fieldError(node, itemIndex, FIELD, 'is empty: give the binary property, e.g. data');
	const binary = itemBinary.call(this, node, itemIndex, FIELD, property);
	const mimeType = (binary.mimeType || 'application/octet-stream').split(';')[0].trim();
	if (!MIME_TYPE.test(mimeType))
		throw fieldError(
			node,
			itemIndex,
			FIELD,
			`the binary property "${property}" has an invalid MIME type ${JSON.stringify(binary.mimeType)}`,
			'Set a MIME type such as image/jpeg, e.g. with an Edit Fields or a Convert to File node before this one.',
		);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length === 0)
		throw fieldError(node, itemIndex, FIELD, `the file in "${property}" is empty (0 bytes)`);
	const file: MultipartFile = {
		field: 'file',
		fileName: binary.fileName ?? property,
		mimeType,
		size: data.length,
		writeTo: async (target) => void data.copy(target),
	};
	const multipart = new MultipartBody()
		.append('messaging_product', 'whatsapp')
		.append('type', file.mimeType)
		.appendFile(file);
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method: 'POST',
		path: `/${phoneNumberId}/media`,
		multipart,
		subject: `phone number ${phoneNumberId}`,
		itemIndex,
	});
	return { ...answer, mime_type: file.mimeType, file_name: file.fileName, file_size: file.size };
};
