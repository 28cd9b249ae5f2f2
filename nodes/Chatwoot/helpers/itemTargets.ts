import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../shared/ids';
import { chatwootApiRequest, type ChatwootConnection, type ChatwootRequest } from '../transport';

/**
 * A request about the target: the path below it (`/labels`), the rest as for chatwootApiRequest;
 * a 404 names the target unless the request says what it is about.
 */
export type TargetRequest = Omit<ChatwootRequest, 'path' | 'subject' | 'itemIndex'> & {
	path?: string;
	subject?: string;
};

/** The conversation or contact an item acts on: its ID, read and checked once, and requests about it. */
export interface ItemTarget {
	id: number;
	request(request: TargetRequest): Promise<IDataObject>;
}

export type TargetKind = 'conversation' | 'contact';

/** Where each kind of target is read from, where it lives in the API and how a 404 names it. */
const TARGETS: Record<
	TargetKind,
	{
		parameter: string;
		label: string;
		path(id: number): string;
		subject(id: number, connection: ChatwootConnection): string;
	}
> = {
	conversation: {
		parameter: 'conversationId',
		label: 'Conversation',
		path: (id) => `conversations/${id}`,
		subject: (id, connection) => `conversation ${id} in account ${connection.accountId}`,
	},
	contact: {
		parameter: 'contactId',
		label: 'Contact',
		path: (id) => `contacts/${id}`,
		subject: (id) => `contact ${id}`,
	},
};

/** The item's Conversation or Contact field, read and checked. */
export function itemTarget(
	this: IExecuteFunctions,
	kind: TargetKind,
	itemIndex: number,
	connection: ChatwootConnection,
): ItemTarget {
	const { parameter, label } = TARGETS[kind];
	const id = readId.call(this, itemIndex, parameter, label, connection);
	return targetById.call(this, kind, itemIndex, connection, id);
}

/** A conversation or contact found or created while handling the item. */
export function targetById(
	this: IExecuteFunctions,
	kind: TargetKind,
	itemIndex: number,
	connection: ChatwootConnection,
	id: number,
): ItemTarget {
	const at = TARGETS[kind];
	return {
		id,
		request: async ({ path = '', subject = at.subject(id, connection), ...request }) =>
			await chatwootApiRequest.call(this, connection, {
				...request,
				path: `${at.path(id)}${path}`,
				subject,
				itemIndex,
			}),
	};
}
