import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	chatwootApiRequest,
	getConnection,
	type ChatwootConnection,
	type ChatwootRequest,
} from '../transport';

/** What every list needs: the connection (with the node's Account override) and one GET. */
export async function listContext(this: ILoadOptionsFunctions) {
	const connection = await getConnection.call(this);
	const get = async (path: string, qs?: IDataObject, subject?: string) =>
		await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path,
			qs,
			subject,
			// Agents and teams come as bare arrays.
			answer: 'objectOrList',
		} satisfies ChatwootRequest);
	return { connection, get, appUrl: (path: string) => appUrl(connection, path) };
}

/** An address in Chatwoot's web app for the current account, e.g. `…/app/accounts/1/conversations/42`. */
export function appUrl(connection: ChatwootConnection, path: string): string {
	return `${connection.baseUrl}/app/accounts/${connection.accountId}/${path}`;
}

/** Case-insensitive "contains" over several texts; an empty filter matches everything. */
export function matchesFilter(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	if (!needle) return true;
	return texts.some(
		(text) => text !== undefined && text !== null && String(text).toLowerCase().includes(needle),
	);
}

export function payloadOf(body: IDataObject): IDataObject[] {
	const payload = Array.isArray(body) ? body : body.payload;
	return Array.isArray(payload) ? (payload as IDataObject[]) : [];
}

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** The inbox of operations that name one (Send to Contact, Conversation → Create): its templates fill the lists. */
export const OWN_INBOX_FIELD = { name: 'inboxId', label: 'Inbox' };
