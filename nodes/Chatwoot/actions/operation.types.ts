import type { IDataObject } from 'n8n-workflow';

import type {
	NodeOperation,
	OperationContext as SharedOperationContext,
	OperationExecute as SharedOperationExecute,
} from '../../shared/operationRunner';
import type { ChatwootConnection } from '../transport';

/**
 * What the router hands an operation for one item: the connection (its requests wait for the
 * item's turn) and `memo`, for lookups shared by all items (an inbox's templates, a contact
 * search), which get the execution's connection and do not wait for a turn.
 */
export type OperationContext = SharedOperationContext<ChatwootConnection>;

/**
 * Runs an operation for one input item; an array becomes one output item per element. Typed once:
 * `export const execute: OperationExecute = async function (itemIndex, { connection }) { … }`.
 */
export type OperationExecute<Output extends IDataObject | IDataObject[] = IDataObject> =
	SharedOperationExecute<ChatwootConnection, Output>;

/** An operation module: description, execute and, for per-conversation order, orderingKey. */
export type ChatwootOperation = NodeOperation<ChatwootConnection>;
