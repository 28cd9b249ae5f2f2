import type { IDataObject } from 'n8n-workflow';

import type { OperationExecute } from './operationRunner';

/**
 * An operation's execute that loads its module on the first run: n8n loads every installed node at
 * start-up, and only the descriptions are needed then (`export const execute =
 * executeFrom(async () => await import('./get.execute'))`).
 */
export function executeFrom<Connection, Output extends IDataObject | IDataObject[]>(
	load: () => Promise<{ execute: OperationExecute<Connection, Output> }>,
): OperationExecute<Connection, Output> {
	return async function (itemIndex, context) {
		const { execute } = await load();
		return await execute.call(this, itemIndex, context);
	};
}
