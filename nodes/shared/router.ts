import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkNumberOption } from './fieldError';
import { isOperation, runOperation } from './operationRunner';
import type { RetryPolicy } from './retry';

/** What a node's router hands the shared dispatch: its operations, its connection, its option fields. */
export interface RouterSetup<Connection> {
	/** `actions/<resource>/index.ts` by resource value: one module per operation. */
	resources: Record<string, Record<string, unknown>>;
	/** Reads the credential once per execution (the transport's `getConnection`). */
	getConnection(
		this: IExecuteFunctions,
		retry: RetryPolicy,
		timeoutMs: number,
	): Promise<Connection>;
	/** The connection for one item, which sends on its turn (the transport's `connectionForItem`). */
	connectionForItem(connection: Connection, turn: Promise<void>): Connection;
	/** Retry Attempts and Retry Backoff (Ms), in that order. */
	retryOptionFields: INodeProperties[];
	requestTimeoutField: INodeProperties;
	/** How many ordering keys (conversations, recipients) run side by side. */
	parallelField: INodeProperties;
}

/**
 * A node's router: dispatches every input item to the operation its Resource and Operation name,
 * and keeps outputs in input order, paired to their item.
 */
export async function routeOperation<Connection>(
	this: IExecuteFunctions,
	setup: RouterSetup<Connection>,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = setup.resources[resource]?.[operationName];
	if (!isOperation<Connection>(operation)) {
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
	const [attemptsField, backoffField] = setup.retryOptionFields;
	const connection = await setup.getConnection.call(
		this,
		{ maxAttempts: option(attemptsField), backoffMs: option(backoffField) },
		option(setup.requestTimeoutField),
	);
	// Without an ordering key the items run one after another: the field does not apply.
	const concurrency = operation.orderingKey ? option(setup.parallelField) : 1;
	return await runOperation(this, operation, connection, concurrency, setup.connectionForItem);
}
