import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { currentValue } from '../../shared/currentValue';
import { readId } from '../../shared/ids';
import { channelLabel, TEMPLATE_INBOXES, templateInboxKind } from '../helpers/channels';
import { chatwootApiRequest, getConnection, type ChatwootConnection } from '../transport';
import {
	findTemplate,
	inboxTemplates,
	templateMessageFromValues,
	type TemplateDefinition,
} from './templateDefinitions';
import type { TemplateMessage } from './templateParams';

/** A field of the node that names an inbox: its parameter name and its label in errors. */
export interface InboxField {
	name: string;
	label: string;
}

/** The message fields' own inbox locator, for operations that do not name an inbox themselves. */
export const TEMPLATE_INBOX_FIELD: InboxField = {
	name: 'templateInboxId',
	label: 'Template Inbox',
};

/** What the node needs from the router to share lookups between items; optional for other callers. */
export interface TemplateLookupContext {
	connection: ChatwootConnection;
	memo<T>(key: string, load: (shared: ChatwootConnection) => Promise<T>): Promise<T>;
}

/**
 * Reads "WhatsApp Template → From the Inbox" for one item: the inbox is fetched once per
 * execution (memo), the chosen template is looked up among its approved templates and the
 * resource mapper's values are checked against the template's variables.
 */
export async function readInboxTemplate(
	this: IExecuteFunctions,
	itemIndex: number,
	inboxField: InboxField,
	context?: TemplateLookupContext,
): Promise<{ definition: TemplateDefinition; message: TemplateMessage }> {
	const node = this.getNode();
	const inboxId = readId.call(this, itemIndex, inboxField.name, inboxField.label);
	const value = String(this.getNodeParameter('templateId', itemIndex, '') ?? '').trim();
	if (!value) {
		throw fieldError(
			node,
			itemIndex,
			'Template',
			"is required: choose one of the inbox's approved templates",
		);
	}
	const connection = context?.connection ?? (await getConnection.call(this));
	const load = async (shared: ChatwootConnection) =>
		await chatwootApiRequest.call(this, shared, {
			method: 'GET',
			path: `inboxes/${inboxId}`,
			subject: `inbox ${inboxId} in account ${connection.accountId}`,
			itemIndex,
		});
	const inbox: IDataObject = context
		? await context.memo(`inbox:${connection.accountId}:${inboxId}`, load)
		: await load(connection);
	const inboxName = `inbox ${inboxId} "${String(inbox.name ?? '')}"`;
	if (!templateInboxKind(inbox)) {
		throw fieldError(
			node,
			itemIndex,
			inboxField.label,
			`${inboxName} is a ${channelLabel(inbox)} inbox; ${TEMPLATE_INBOXES}`,
		);
	}
	const found = findTemplate(inboxTemplates(inbox), value);
	if ('problem' in found)
		throw fieldError(node, itemIndex, 'Template', `${found.problem} (${inboxName})`);
	const values = (this.getNodeParameter('templateVariables.value', itemIndex, {}) ??
		{}) as IDataObject;
	return {
		definition: found.template,
		message: templateMessageFromValues(node, itemIndex, found.template, values),
	};
}

/**
 * The node's template inbox and its templates, for the editor's lists; undefined when no inbox is
 * chosen yet. The message fields show their own Template Inbox only where the operation has no
 * inbox of its own (`ownInbox`), so the Template Inbox wins when it is set.
 */
export async function editedTemplateInbox(
	this: ILoadOptionsFunctions,
	ownInbox: InboxField,
): Promise<{ inbox: IDataObject; templates: TemplateDefinition[] } | undefined> {
	let inboxField = TEMPLATE_INBOX_FIELD;
	let inboxId = currentValue.call(this, inboxField.name);
	if (!inboxId) {
		inboxField = ownInbox;
		inboxId = currentValue.call(this, inboxField.name);
	}
	inboxId = inboxId.replace(/^#/, '');
	if (!inboxId) return undefined;
	if (!/^\d+$/.test(inboxId)) {
		throw new NodeOperationError(
			this.getNode(),
			`${inboxField.label}: must be an inbox number such as 2 (got "${inboxId}")`,
		);
	}
	const connection = await getConnection.call(this);
	const inbox = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `inboxes/${inboxId}`,
		subject: `inbox ${inboxId}`,
	});
	if (!templateInboxKind(inbox)) {
		throw new NodeOperationError(
			this.getNode(),
			`Inbox ${inboxId} "${String(inbox.name ?? '')}" is a ${channelLabel(inbox)} inbox: ${TEMPLATE_INBOXES}`,
		);
	}
	return { inbox, templates: inboxTemplates(inbox) };
}
