import type { IBinaryData, IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from './fieldError';
import type { MultipartFile } from './multipart';

/**
 * type/subtype with optional `; name=value` parameters (RFC 2045 tokens). The MIME type is
 * written into the part's headers: CR, LF or a quote could add headers or whole form fields.
 */
const MIME_TYPE =
	/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;\s*[\w!#$&^.+-]+=(?:[\w!#$&^.+-]+|"[^"\\\r\n]*"))*$/;

/** Where a file comes from and how the error names its field. */
export interface BinarySource {
	/** The field's display name, for errors ("Attachments (Binary Properties)"). */
	label: string;
	/** The item's binary property. */
	property: string;
	binary: IBinaryData;
	/** The form field the file is sent as. */
	formField: string;
}

/**
 * An item's binary property as a multipart file, without a copy of its bytes: n8n's base64 is
 * decoded, or its binary store read, straight into the request body.
 */
export async function binaryToMultipartFile(
	this: IExecuteFunctions,
	node: INode,
	itemIndex: number,
	source: BinarySource,
): Promise<MultipartFile> {
	const { label: field, property: propertyName, binary } = source;
	const mimeType = (binary.mimeType || 'application/octet-stream').trim();
	if (!MIME_TYPE.test(mimeType))
		throw fieldError(
			node,
			itemIndex,
			field,
			`the binary property "${propertyName}" has an invalid MIME type ${JSON.stringify(binary.mimeType)}`,
			'Set a MIME type such as application/pdf, e.g. with an Edit Fields or a Convert to File node before this one.',
		);
	const base = { field: source.formField, fileName: binary.fileName ?? propertyName, mimeType };
	if (binary.id) {
		// Kept outside memory (filesystem/S3 mode): read straight into the request body.
		const binaryId = binary.id;
		const { fileSize } = await this.helpers.getBinaryMetadata(binaryId);
		const size = Number(fileSize);
		return {
			...base,
			size,
			writeTo: async (target) => {
				const stream = await this.helpers.getBinaryStream(binaryId);
				let written = 0;
				for await (const chunk of stream as AsyncIterable<Buffer | string>) {
					const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
					if (written + bytes.length > size) {
						stream.destroy();
						throw sizeMismatch(node, itemIndex, field, propertyName, 'longer', size);
					}
					bytes.copy(target, written);
					written += bytes.length;
				}
				if (written < size)
					throw sizeMismatch(node, itemIndex, field, propertyName, 'shorter', size);
			},
		};
	}
	// In memory, n8n keeps the file as base64 in the item (what getBinaryDataBuffer decodes):
	// decoding it straight into the body saves a second copy of the file.
	const data = binary.data;
	return {
		...base,
		size: Buffer.byteLength(data, 'base64'),
		writeTo: async (target) => {
			if (target.write(data, 'base64') !== target.length)
				throw fieldError(
					node,
					itemIndex,
					field,
					`the file in "${propertyName}" is not valid base64 data`,
				);
		},
	};
}

function sizeMismatch(
	node: INode,
	itemIndex: number,
	field: string,
	propertyName: string,
	direction: 'longer' | 'shorter',
	size: number,
) {
	return fieldError(
		node,
		itemIndex,
		field,
		`the stored file in "${propertyName}" is ${direction} than its recorded size of ${size} bytes`,
		'n8n’s binary store holds a different file than its record says; nothing was sent. Produce the file again (e.g. re-run the node that made it).',
	);
}

/**
 * The item's binary property `property`, or an error on `field` that lists the ones the item has.
 * `noun` is what the field's help calls them: a binary "property" or a binary "field".
 */
export function itemBinary(
	this: IExecuteFunctions,
	node: INode,
	itemIndex: number,
	field: string,
	property: string,
	noun: 'property' | 'field' = 'property',
): IBinaryData {
	const binaries = this.getInputData()[itemIndex]?.binary ?? {};
	const binary: IBinaryData | undefined = binaries[property];
	if (binary) return binary;
	const available = Object.keys(binaries);
	throw fieldError(
		node,
		itemIndex,
		field,
		`the item has no binary ${noun} "${property}"`,
		available.length > 0
			? `Binary ${noun === 'field' ? 'fields' : 'properties'} on this item: ${available.join(', ')}`
			: 'This item has no binary data.',
	);
}
