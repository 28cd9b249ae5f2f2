import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type RouterSetup } from '../../shared/router';
import { connectionForItem, getConnection, type ChatwootConnection } from '../transport';
import * as contact from './contact';
import * as conversation from './conversation';
import { parallelConversationsField, requestTimeoutField, retryOptionFields } from './descriptions';
import * as message from './message';

const setup: RouterSetup<ChatwootConnection> = {
	resources: { contact, conversation, message },
	getConnection,
	connectionForItem,
	retryOptionFields,
	requestTimeoutField,
	parallelField: parallelConversationsField,
};

/** Dispatches every input item to its operation (`shared/router.ts`), conversations side by side. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, setup);
}
