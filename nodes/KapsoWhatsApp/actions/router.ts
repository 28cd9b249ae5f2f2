import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type RouterSetup } from '../../shared/router';
import { connectionForItem, getConnection, type KapsoConnection } from '../transport';
import { parallelRecipientsField, requestTimeoutField, retryOptionFields } from './descriptions';
import * as contact from './contact';
import * as conversation from './conversation';
import * as media from './media';
import * as message from './message';
import * as phoneNumber from './phoneNumber';
import * as template from './template';

const setup: RouterSetup<KapsoConnection> = {
	resources: { contact, conversation, media, message, phoneNumber, template },
	getConnection,
	connectionForItem,
	retryOptionFields,
	requestTimeoutField,
	parallelField: parallelRecipientsField,
};

/** Dispatches every input item to its operation (`shared/router.ts`), recipients side by side. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, setup);
}
