import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { asNodeError } from './nodeError';
import { describeItemsDone, toOutputItems } from './outputItems';
import { rememberParameters } from './parameterCache';
import { runItems } from './scheduler';

/** What a router hands an operation for one item; everything but the item's turn is per execution. */
export interface OperationContext<Connection> {
	/** The execution's connection; its requests wait for the item's turn (see runItems). */
	connection: Connection;
	/**
	 * Runs `load` once per execution for a key and shares the promise with every item. `load` gets
	 * the execution's connection: a shared lookup does not wait for an item's turn.
	 */
	memo<T>(key: string, load: (shared: Connection) => Promise<T>): Promise<T>;
}

/** Runs an operation for one input item; an array becomes one output item per element. */
export type OperationExecute<
	Connection,
	Output extends IDataObject | IDataObject[] = IDataObject,
> = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext<Connection>,
) => Promise<Output>;

export interface NodeOperation<Connection> {
	description: INodeProperties[];
	execute: OperationExecute<Connection, IDataObject | IDataObject[]>;
	/**
	 * Items with the same key run one after another in item order; different keys may run at the
	 * same time. Operations without it run strictly one item at a time.
	 */
	orderingKey?(this: IExecuteFunctions, itemIndex: number): string;
}

export function isOperation<Connection>(value: unknown): value is NodeOperation<Connection> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as NodeOperation<Connection>).execute === 'function'
	);
}

/** A memo whose failed loads are not kept: the next item may try again. */
export function memoizer<Connection>(connection: Connection): OperationContext<Connection>['memo'] {
	const memoized = new Map<string, Promise<unknown>>();
	return async <T>(key: string, load: (shared: Connection) => Promise<T>) => {
		let promise = memoized.get(key) as Promise<T> | undefined;
		if (!promise) {
			// Shared lookups do not wait for an item's turn: two keys could wait on each other.
			promise = load(connection);
			memoized.set(key, promise);
			promise.catch(() => memoized.delete(key));
		}
		return await promise;
	};
}

/**
 * Runs `operation` for every input item through the scheduler (per-key order, `concurrency` keys
 * at a time) and returns the output items in input order, paired to their input item.
 */
export async function runOperation<Connection>(
	execution: IExecuteFunctions,
	operation: NodeOperation<Connection>,
	connection: Connection,
	concurrency: number,
	forItem: (connection: Connection, turn: Promise<void>) => Connection,
): Promise<INodeExecutionData[][]> {
	const context: OperationContext<Connection> = { connection, memo: memoizer(connection) };
	const { orderingKey } = operation;
	const itemContext = rememberParameters(execution);
	const keyOf = orderingKey
		? (index: number) => orderingKey.call(itemContext, index)
		: (index: number) => String(index);
	const outcomes = await runItems(
		execution.getInputData().length,
		orderingKey ? concurrency : 1,
		keyOf,
		async (itemIndex, turn) => {
			try {
				return await operation.execute.call(itemContext, itemIndex, {
					...context,
					connection: forItem(connection, turn),
				});
			} catch (error) {
				throw asNodeError(execution.getNode(), error, itemIndex);
			}
		},
		execution.continueOnFail(),
		describeItemsDone,
	);
	return [toOutputItems(outcomes)];
}
