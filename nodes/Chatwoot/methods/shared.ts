import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { channelLabel } from '../helpers/channels';
import { TEMPLATE_INBOXES, templateInboxParameter } from '../helpers/inboxTemplate';
import {
	inboxTemplates,
	templateInboxKind,
	type TemplateDefinition,
} from '../helpers/templateDefinitions';
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

/** Reads a resource locator or plain parameter of the node being edited; '' when unset or unreadable. */
export function currentValue(this: ILoadOptionsFunctions, name: string): string {
	try {
		const value = this.getNodeParameter(name, '', { extractValue: true }) as unknown;
		return value === undefined || value === null || typeof value === 'object'
			? ''
			: String(value).trim();
	} catch {
		return '';
	}
}

/** The node's Template Inbox and its templates; undefined when no inbox is chosen yet. */
export async function templateInbox(
	this: ILoadOptionsFunctions,
): Promise<{ inbox: IDataObject; templates: TemplateDefinition[] } | undefined> {
	const inboxField = templateInboxParameter(currentValue.call(this, 'operation'));
	const inboxId = currentValue.call(this, inboxField.name).replace(/^#/, '');
	if (!inboxId) return undefined;
	if (!/^\d+$/.test(inboxId)) {
		throw new NodeOperationError(
			this.getNode(),
			`${inboxField.label}: must be an inbox number such as 2 (got "${inboxId}")`,
		);
	}
	const { get } = await listContext.call(this);
	const inbox = await get(`inboxes/${inboxId}`, undefined, `inbox ${inboxId}`);
	if (!templateInboxKind(inbox)) {
		throw new NodeOperationError(
			this.getNode(),
			`Inbox ${inboxId} "${String(inbox.name ?? '')}" is a ${channelLabel(inbox)} inbox: ${TEMPLATE_INBOXES}`,
		);
	}
	return { inbox, templates: inboxTemplates(inbox) };
}
