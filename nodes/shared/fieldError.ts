import type { INode, INodeProperties } from 'n8n-workflow';
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

/**
 * A number option checked against the bounds its own field declares (typeOptions minValue and
 * maxValue): the editor enforces them, an expression or an imported workflow may not.
 */
export function checkNumberOption(node: INode, field: INodeProperties, value: unknown): number {
	const min = field.typeOptions?.minValue ?? Number.MIN_SAFE_INTEGER;
	const max = field.typeOptions?.maxValue ?? Number.MAX_SAFE_INTEGER;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new NodeOperationError(
			node,
			`${field.displayName}: must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
			{ description: field.description },
		);
	}
	return value;
}
