import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runItems } from '../helpers/scheduler';
import { DEFAULT_RETRY, getConnection } from '../transport';
import { DEFAULT_PARALLEL_CONVERSATIONS } from './common.descriptions';
import * as contact from './contact';
import * as conversation from './conversation';
import * as message from './message';
import type { ChatwootOperation, OperationContext } from './operation.types';

const resources: Record<string, Record<string, ChatwootOperation | unknown>> = {
	contact,
	conversation,
	message,
};

function isOperation(value: unknown): value is ChatwootOperation {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as ChatwootOperation).execute === 'function'
	);
}

/** Dispatches every input item to its operation and keeps outputs in input order, paired to their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!isOperation(operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}

	const connection = await getConnection.call(this, {
		maxAttempts: this.getNodeParameter(
			'options.retryAttempts',
			0,
			DEFAULT_RETRY.maxAttempts,
		) as number,
		backoffMs: this.getNodeParameter(
			'options.retryBackoffMs',
			0,
			DEFAULT_RETRY.backoffMs,
		) as number,
	});
	const memoized = new Map<string, Promise<unknown>>();
	const context: OperationContext = {
		connection,
		memo: async <T>(key: string, load: () => Promise<T>) => {
			let promise = memoized.get(key) as Promise<T> | undefined;
			if (!promise) {
				promise = load();
				memoized.set(key, promise);
				// A failed lookup is not cached: the next item may try again.
				promise.catch(() => memoized.delete(key));
			}
			return await promise;
		},
	};
	const continueOnFail = this.continueOnFail();
	const { orderingKey } = operation;
	const itemContext = orderingKey ? rememberPrimitiveParameters(this) : this;
	const concurrency = orderingKey
		? (this.getNodeParameter(
				'options.parallelConversations',
				0,
				DEFAULT_PARALLEL_CONVERSATIONS,
			) as number)
		: 1;
	const keyOf = orderingKey
		? (index: number) => orderingKey.call(itemContext, index)
		: (index: number) => String(index);

	const outcomes = await runItems(
		items.length,
		concurrency,
		keyOf,
		async (itemIndex) => {
			try {
				return await operation.execute.call(itemContext, itemIndex, context);
			} catch (error) {
				if (error instanceof NodeApiError || error instanceof NodeOperationError) {
					error.context.itemIndex ??= itemIndex;
					throw error;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		},
		continueOnFail,
	);

	const returnData: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if (!outcome.ok) {
			returnData.push({ json: errorJson(outcome.error), pairedItem });
			return;
		}
		const values: IDataObject[] = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
		for (const json of values) returnData.push({ json, pairedItem });
	});
	return [returnData];
}

/**
 * The ordering key and the operation read the same parameters of an item (the conversation, the
 * inbox and identity of a contact). n8n evaluates an expression again on every read, in n8n 2.x
 * inside an isolate (about 0.4 ms each), so the second read is remembered: a string, number or
 * boolean per (parameter, item, extractValue), for parameters the node has (so the fallback
 * never applies). Objects are not kept (callers may change them); failures are not kept.
 */
function rememberPrimitiveParameters(context: IExecuteFunctions): IExecuteFunctions {
	const read = context.getNodeParameter.bind(context) as (...args: unknown[]) => unknown;
	let present: IDataObject | undefined;
	const values = new Map<string, unknown>();
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	) => {
		present ??= context.getNode().parameters ?? {};
		const other =
			options !== undefined && Object.keys(options).some((key) => key !== 'extractValue');
		if (other || typeof itemIndex !== 'number' || !hasPath(present, name))
			return read(name, itemIndex, fallback, options);
		const key = `${options?.extractValue ? 1 : 0}\u0000${itemIndex}\u0000${name}`;
		if (values.has(key)) return values.get(key);
		const value = read(name, itemIndex, fallback, options);
		if (
			value === null ||
			typeof value === 'string' ||
			typeof value === 'number' ||
			typeof value === 'boolean'
		)
			values.set(key, value);
		return value;
	};
	return Object.assign(Object.create(context) as IExecuteFunctions, { getNodeParameter });
}

function hasPath(source: IDataObject, path: string): boolean {
	let value: unknown = source;
	for (const key of path.split('.')) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return false;
		value = (value as IDataObject)[key];
	}
	return value !== undefined;
}

function errorJson(error: unknown): IDataObject {
	const { message, description, httpCode } = error as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
	};
	const json: IDataObject = { error: message ?? String(error) };
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return json;
}
