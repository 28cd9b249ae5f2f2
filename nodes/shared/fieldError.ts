import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A user-facing error about one field of one item, raised before anything is sent. */
export function fieldError(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}
