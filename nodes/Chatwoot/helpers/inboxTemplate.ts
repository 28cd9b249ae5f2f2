import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OperationContext } from '../actions/operation.types';
import { chatwootApiRequest, getConnection } from '../transport';
import { channelLabel } from './channels';
import { fieldError } from './errors';
import { readId } from './ids';
import type { TemplateMessage } from './template';
import {
	findTemplate,
	inboxTemplates,
	templateInboxKind,
	templateMessageFromValues,
	type TemplateDefinition,
} from './templateDefinitions';

/** Operations that already ask for an inbox take the template from it, instead of a second inbox field. */
export const OPERATIONS_WITH_OWN_INBOX = ['sendToContact', 'create'];

export function templateInboxParameter(operation: string): { name: string; label: string } {
	return OPERATIONS_WITH_OWN_INBOX.includes(operation)
		? { name: 'inboxId', label: 'Inbox' }
		: { name: 'templateInboxId', label: 'Template Inbox' };
}

/** Which inboxes can send templates, as told to users both at execution and in the editor's lists. */
export const TEMPLATE_INBOXES =
	'templates are sent from WhatsApp inboxes (WhatsApp Cloud, 360dialog or Twilio WhatsApp)';

/** What the node needs from the router to share lookups between items; optional for other callers. */
export type TemplateLookupContext = Pick<OperationContext, 'connection' | 'memo'>;

/**
 * Reads "WhatsApp Template → From the Inbox" for one item: the inbox is fetched once per
 * execution (memo), the chosen template is looked up among its approved templates and the
 * resource mapper's values are checked against the template's variables.
 */
export async function readInboxTemplate(
	this: IExecuteFunctions,
	itemIndex: number,
	context?: TemplateLookupContext,
): Promise<{ definition: TemplateDefinition; message: TemplateMessage }> {
	const node = this.getNode();
	const inboxField = templateInboxParameter(
		this.getNodeParameter('operation', itemIndex) as string,
	);
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
	const load = async () =>
		await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: `inboxes/${inboxId}`,
			subject: `inbox ${inboxId} in account ${connection.accountId}`,
			itemIndex,
		});
	const inbox: IDataObject = context
		? await context.memo(`inbox:${connection.accountId}:${inboxId}`, load)
		: await load();
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
