import type { IDataObject } from 'n8n-workflow';

import type {
	NodeOperation,
	OperationContext as SharedOperationContext,
	OperationExecute as SharedOperationExecute,
} from '../../shared/operationRunner';
import type { KapsoConnection } from '../transport';

/** What the router hands an operation for one item (the connection waits for the item's turn). */
export type OperationContext = SharedOperationContext<KapsoConnection>;

/**
 * Runs an operation for one input item; an array becomes one output item per element. Typed once:
 * `export const execute: OperationExecute = async function (itemIndex, { connection }) { … }`.
 */
export type OperationExecute<Output extends IDataObject | IDataObject[] = IDataObject> =
	SharedOperationExecute<KapsoConnection, Output>;

export type KapsoOperation = NodeOperation<KapsoConnection>;
