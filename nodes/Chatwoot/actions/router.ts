import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkNumberOption } from '../../shared/fieldError';
import { isOperation, runOperation } from '../../shared/operationRunner';
import { connectionForItem, getConnection, type ChatwootConnection } from '../transport';
import * as contact from './contact';
import * as conversation from './conversation';
import { parallelConversationsField, requestTimeoutField, retryOptionFields } from './descriptions';
import * as message from './message';

const resources: Record<string, Record<string, unknown>> = {
	contact,
	conversation,
	message,
};

/** Dispatches every input item to its operation and keeps outputs in input order, paired to their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!isOperation<ChatwootConnection>(operation)) {
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
	const concurrency = operation.orderingKey ? option(parallelConversationsField) : 1;
	return await runOperation(this, operation, connection, concurrency, connectionForItem);
}
