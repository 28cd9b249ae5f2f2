import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkNumberOption } from '../../shared/fieldError';
import { asNodeError } from '../../shared/nodeError';
import { describeItemsDone, toOutputItems } from '../../shared/outputItems';
import { rememberParameters } from '../../shared/parameterCache';
import { runItems } from '../../shared/scheduler';
import { connectionForItem, getConnection, type ChatwootConnection } from '../transport';
import * as contact from './contact';
import * as conversation from './conversation';
import { parallelConversationsField, requestTimeoutField, retryOptionFields } from './descriptions';
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

	// Transport options are read once, from the first item, and checked against their fields' bounds.
	const option = (field: INodeProperties) =>
		checkNumberOption(
			this.getNode(),
			field,
			this.getNodeParameter(`options.${field.name}`, 0, field.default),
		);
	const [attemptsField, backoffField] = retryOptionFields;
	const connection = await getConnection.call(
		this,
		{ maxAttempts: option(attemptsField), backoffMs: option(backoffField) },
		option(requestTimeoutField),
	);
	const memoized = new Map<string, Promise<unknown>>();
	const context: OperationContext = {
		connection,
		memo: async <T>(key: string, load: (shared: ChatwootConnection) => Promise<T>) => {
			let promise = memoized.get(key) as Promise<T> | undefined;
			if (!promise) {
				// Shared lookups do not wait for an item's turn: two conversations could wait on each other.
				promise = load(connection);
				memoized.set(key, promise);
				// A failed lookup is not cached: the next item may try again.
				promise.catch(() => memoized.delete(key));
			}
			return await promise;
		},
	};
	const continueOnFail = this.continueOnFail();
	const { orderingKey } = operation;
	const itemContext = rememberParameters(this);
	const concurrency = orderingKey ? option(parallelConversationsField) : 1;
	const keyOf = orderingKey
		? (index: number) => orderingKey.call(itemContext, index)
		: (index: number) => String(index);

	const outcomes = await runItems(
		items.length,
		concurrency,
		keyOf,
		async (itemIndex, turn) => {
			try {
				return await operation.execute.call(itemContext, itemIndex, {
					...context,
					connection: connectionForItem(connection, turn),
				});
			} catch (error) {
				throw asNodeError(this.getNode(), error, itemIndex);
			}
		},
		continueOnFail,
		describeItemsDone,
	);

	return [toOutputItems(outcomes)];
}
