import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { binaryToMultipartFile, itemBinary } from '../../shared/binaryFile';
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
	const files: MultipartFile[] = [];
	const seen = new Set<string>();
	for (const name of names) {
		if (seen.has(name)) throw fieldError(node, itemIndex, FIELD, `"${name}" is listed twice`);
		seen.add(name);
		const binary = itemBinary.call(this, node, itemIndex, FIELD, name);
		const file = await binaryToMultipartFile.call(this, node, itemIndex, {
			label: FIELD,
			property: name,
			binary,
			formField: 'attachments[]',
		});
		if (file.size === 0)
			throw fieldError(node, itemIndex, FIELD, `the file in "${name}" is empty (0 bytes)`);
		files.push(file);
	}
	return files;
}

const FIELD = 'Attachments (Binary Properties)';
