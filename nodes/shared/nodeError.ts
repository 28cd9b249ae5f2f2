import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * What to throw for a failure caught while working on an item: an n8n node error as it is (given
 * the item's index when it has none yet), anything else wrapped in a NodeOperationError. n8n shows a
 * node error with its description, HTTP details and item; a raw error only as a message.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}

/**
 * NodeApiError swaps any message mentioning a network code (ECONNRESET…) or matching its status
 * table for a generic text; ours already says what to fix, so it is put back.
 */
export function apiError(
	node: INode,
	body: JsonObject,
	options: { message: string; description?: string; httpCode?: string; itemIndex?: number },
): NodeApiError {
	const error = new NodeApiError(node, body, options);
	error.message = options.message;
	// NodeApiError would otherwise repeat the server's text (already in the message) as description.
	error.description = options.description ?? null;
	return error;
}
