import type { IBinaryData, IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import type { MultipartFile } from '../transport';

export const MAX_ATTACHMENTS = 15;

/** Reads "Attachments (Binary Properties)": the item's binary properties as files to upload. */
export async function readAttachments(
	this: IExecuteFunctions,
	node: INode,
	itemIndex: number,
	binaryProperties: string,
): Promise<MultipartFile[]> {
	const names = binaryProperties
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	if (names.length > MAX_ATTACHMENTS) {
		throw fieldError(
			node,
			itemIndex,
			FIELD,
			`${names.length} files given; Chatwoot accepts at most ${MAX_ATTACHMENTS} per message`,
		);
	}
	if (names.length === 0) return [];
	const binaries = this.getInputData()[itemIndex]?.binary ?? {};
	const files: MultipartFile[] = [];
	const seen = new Set<string>();
	for (const name of names) {
		if (seen.has(name)) throw fieldError(node, itemIndex, FIELD, `"${name}" is listed twice`);
		seen.add(name);
		const binary: IBinaryData | undefined = binaries[name];
		if (!binary) {
			const available = Object.keys(binaries);
			throw fieldError(
				node,
				itemIndex,
				FIELD,
				`the item has no binary property "${name}"`,
				available.length > 0
					? `Binary properties on this item: ${available.join(', ')}`
					: 'This item has no binary data.',
			);
		}
		const file = await toMultipartFile.call(this, node, itemIndex, name, binary);
		if (file.size === 0)
			throw fieldError(node, itemIndex, FIELD, `the file in "${name}" is empty (0 bytes)`);
		files.push(file);
	}
	return files;
}

const FIELD = 'Attachments (Binary Properties)';

/**
 * type/subtype with optional `; name=value` parameters (RFC 2045 tokens). The MIME type is
 * written into the part's headers: CR, LF or a quote could add headers or whole form fields.
 */
const MIME_TYPE =
	/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:\s*;\s*[\w!#$&^.+-]+=(?:[\w!#$&^.+-]+|"[^"\\\r\n]*"))*$/;

async function toMultipartFile(
	this: IExecuteFunctions,
	node: INode,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
): Promise<MultipartFile> {
	const mimeType = (binary.mimeType || 'application/octet-stream').trim();
	if (!MIME_TYPE.test(mimeType))
		throw fieldError(
			node,
			itemIndex,
			FIELD,
			`the binary property "${propertyName}" has an invalid MIME type ${JSON.stringify(binary.mimeType)}`,
			'Set a MIME type such as application/pdf, e.g. with an Edit Fields or a Convert to File node before this one.',
		);
	const base = { field: 'attachments[]', fileName: binary.fileName ?? propertyName, mimeType };
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
						throw sizeMismatch(node, itemIndex, propertyName, 'longer', size);
					}
					bytes.copy(target, written);
					written += bytes.length;
				}
				if (written < size) throw sizeMismatch(node, itemIndex, propertyName, 'shorter', size);
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
					FIELD,
					`the file in "${propertyName}" is not valid base64 data`,
				);
		},
	};
}

function sizeMismatch(
	node: INode,
	itemIndex: number,
	propertyName: string,
	direction: 'longer' | 'shorter',
	size: number,
) {
	return fieldError(
		node,
		itemIndex,
		FIELD,
		`the stored file in "${propertyName}" is ${direction} than its recorded size of ${size} bytes`,
		'n8n’s binary store holds a different file than its record says; nothing was sent. Produce the file again (e.g. re-run the node that made it).',
	);
}
