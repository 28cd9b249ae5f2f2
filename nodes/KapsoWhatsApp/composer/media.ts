import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryToMultipartFile, itemBinary } from '../../shared/binaryFile';
import { fieldError } from '../../shared/fieldError';
import { kapsoApiRequest, MultipartBody, type KapsoConnection } from '../transport';
import { describeSize, MEDIA_RULES, VOICE_MIME_TYPE } from './mediaRules';
import type { MediaKind } from './messageTypes';

const FIELD = 'Input Binary Field';

/**
 * Uploads an item's binary property to the sender's number (`POST /{phone_number_id}/media`,
 * multipart `file` + `messaging_product` + `type`) after checking its type and size against
 * WhatsApp's rules for `kind`; returns the new media ID.
 */
export async function uploadBinaryMedia(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: KapsoConnection,
	phoneNumberId: string,
	property: string,
	kind: MediaKind,
	voice = false,
): Promise<string> {
	const node = this.getNode();
	const binary = itemBinary.call(this, node, itemIndex, FIELD, property, 'field');
	const rules = MEDIA_RULES[kind];
	const mimeType = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!rules.mimeTypes.includes(mimeType))
		throw fieldError(
			node,
			itemIndex,
			FIELD,
			`the file is ${mimeType || 'of unknown type'}; WhatsApp takes ${rules.label} for ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} message`,
			'Choose the Message Type that fits the file, or convert the file first.',
		);
	if (voice && mimeType !== VOICE_MIME_TYPE)
		throw fieldError(
			node,
			itemIndex,
			FIELD,
			`a voice note must be OGG audio (OPUS codec); the file is ${mimeType}`,
			'Turn off Voice Note to send it as an audio file.',
		);
	const file = await binaryToMultipartFile.call(this, node, itemIndex, {
		label: FIELD,
		property,
		binary,
		formField: 'file',
	});
	if (file.size === 0)
		throw fieldError(node, itemIndex, FIELD, `the file in "${property}" is empty`);
	if (file.size > rules.maxBytes)
		throw fieldError(
			node,
			itemIndex,
			FIELD,
			`the file is ${describeSize(file.size)}; WhatsApp takes at most ${describeSize(rules.maxBytes)} for ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} message`,
		);
	const body = new MultipartBody()
		.append('messaging_product', 'whatsapp')
		.append('type', mimeType)
		.appendFile(file);
	const answer = await kapsoApiRequest.call(this, connection, {
		api: 'whatsapp',
		method: 'POST',
		path: `/${phoneNumberId}/media`,
		multipart: body,
		subject: `phone number ${phoneNumberId}`,
		itemIndex,
	});
	const id = answer.id;
	if (typeof id !== 'string' && typeof id !== 'number')
		throw new NodeOperationError(
			node,
			`Kapso accepted the upload of "${property}" but answered without a media ID [item ${itemIndex}]`,
			{ itemIndex, description: 'Nothing was sent to the customer. Try again, or check Kapso.' },
		);
	return String(id);
}
