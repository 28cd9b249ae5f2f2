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
			'Attachments (Binary Properties)',
			`${names.length} files given; Chatwoot accepts at most ${MAX_ATTACHMENTS} per message`,
		);
	}
	if (names.length === 0) return [];
	const binaries = this.getInputData()[itemIndex]?.binary ?? {};
	const files: MultipartFile[] = [];
	for (const name of names) {
		const binary: IBinaryData | undefined = binaries[name];
		if (!binary) {
			const available = Object.keys(binaries);
			throw fieldError(
				node,
				itemIndex,
				'Attachments (Binary Properties)',
				`the item has no binary property "${name}"`,
				available.length > 0
					? `Binary properties on this item: ${available.join(', ')}`
					: 'This item has no binary data.',
			);
		}
		files.push(await toMultipartFile.call(this, itemIndex, name, binary));
	}
	return files;
}

async function toMultipartFile(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
): Promise<MultipartFile> {
	const base = {
		field: 'attachments[]',
		fileName: binary.fileName ?? propertyName,
		mimeType: binary.mimeType || 'application/octet-stream',
	};
	if (binary.id) {
		// Stored outside memory (filesystem/S3 mode): stream it so a large file is never buffered whole.
		const binaryId = binary.id;
		const metadata = await this.helpers.getBinaryMetadata(binaryId);
		return {
			...base,
			size: metadata.fileSize,
			content: async () => await this.helpers.getBinaryStream(binaryId),
		};
	}
	return { ...base, content: await this.helpers.getBinaryDataBuffer(itemIndex, propertyName) };
}
