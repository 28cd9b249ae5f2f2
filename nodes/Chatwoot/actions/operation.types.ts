import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ChatwootConnection } from '../transport';

/** What the router hands an operation for one item; everything but the item's turn is per execution. */
export interface OperationContext {
	/** The execution's connection; its requests wait for the item's turn (see runItems). */
	connection: ChatwootConnection;
	/**
	 * Runs `load` once per execution for a key and shares the promise with every item, for
	 * lookups that do not change between items (an inbox's templates, a contact search).
	 * `load` gets the execution's connection: a shared lookup does not wait for an item's turn.
	 */
	memo<T>(key: string, load: (shared: ChatwootConnection) => Promise<T>): Promise<T>;
}

/**
 * Runs an operation for one input item; an array becomes one output item per element. Typed once:
 * `export const execute: OperationExecute = async function (itemIndex, { connection }) { … }`.
 */
export type OperationExecute<Output extends IDataObject | IDataObject[] = IDataObject> = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
) => Promise<Output>;

export interface ChatwootOperation {
	description: INodeProperties[];
	execute: OperationExecute<IDataObject | IDataObject[]>;
	/**
	 * Items with the same key run one after another in item order; different keys may run at
	 * the same time. Operations without it run strictly one item at a time.
	 */
	orderingKey?(this: IExecuteFunctions, itemIndex: number): string;
}
