import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { currentValue } from '../../shared/currentValue';
import { fieldError } from '../../shared/fieldError';
import {
	findTemplate,
	readTemplateValues,
	type TemplateSource,
	type WhatsAppTemplate,
} from '../../shared/whatsappTemplates';
import { readGraphList } from '../helpers/graphList';
import { businessAccountOf } from '../helpers/phoneNumbers';
import { getConnection, type KapsoConnection, type KapsoContext } from '../transport';
import { buildTemplateObject, parseKapsoTemplate, type TypedParameter } from './templateMessage';

export const KAPSO_TEMPLATE_SOURCE: TemplateSource = {
	place: "in the phone number's WhatsApp Business Account",
	approvedOnly: 'WhatsApp only sends approved templates',
};

/** Up to `limit` templates of a WhatsApp Business Account, Meta's objects as listed. */
export async function listTemplates(
	this: KapsoContext,
	connection: KapsoConnection,
	businessAccountId: string,
	node: INode,
	options: { qs?: IDataObject; limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return await readGraphList.call(
		this,
		connection,
		{
			path: `/${businessAccountId}/message_templates`,
			qs: options.qs,
			subject: `the templates of WhatsApp Business Account ${businessAccountId}`,
			noun: 'templates',
			narrow: 'filter by name, status or category',
		},
		options.limit ?? Infinity,
		node,
		options.itemIndex,
	);
}

/** The templates of a sender number's WhatsApp Business Account, parsed. */
export async function templatesOfNumber(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	node: INode,
	itemIndex = 0,
): Promise<WhatsAppTemplate[]> {
	const businessAccountId = await businessAccountOf.call(
		this,
		connection,
		phoneNumberId,
		node,
		itemIndex,
	);
	const raw = await listTemplates.call(this, connection, businessAccountId, node, { itemIndex });
	return raw.map(parseKapsoTemplate);
}

/** What the router shares between items: lookups run once per execution. */
type Memo = <T>(key: string, load: (shared: KapsoConnection) => Promise<T>) => Promise<T>;

/** The Parameter Types entries of an item, as the template builder takes them. */
function readTypedParameters(this: IExecuteFunctions, itemIndex: number): TypedParameter[] {
	const raw = this.getNodeParameter('templateParameterTypes.parameter', itemIndex, []) as unknown;
	if (!Array.isArray(raw)) return [];
	return raw.map((entry: IDataObject) =>
		entry.type === 'date_time'
			? { variable: String(entry.variable ?? ''), type: 'date_time' as const }
			: {
					variable: String(entry.variable ?? ''),
					type: 'currency' as const,
					currencyCode: String(entry.currencyCode ?? ''),
					amount: entry.amount,
				},
	);
}

/**
 * Message Type → Template for one item: the sender's templates (read once per number and
 * execution), the chosen one among the approved, its variables checked, the Graph `template`.
 */
export async function readTemplateObject(
	this: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	memo: Memo,
): Promise<IDataObject> {
	const node = this.getNode();
	const value = String(this.getNodeParameter('templateId', itemIndex, '') ?? '').trim();
	if (!value) {
		throw fieldError(
			node,
			itemIndex,
			'Template',
			"is required: choose one of the number's approved templates",
		);
	}
	const templates = await memo(
		`templates:${phoneNumberId}`,
		async (shared) => await templatesOfNumber.call(this, shared, phoneNumberId, node, itemIndex),
	);
	const found = findTemplate(templates, value, KAPSO_TEMPLATE_SOURCE);
	if ('problem' in found) throw fieldError(node, itemIndex, 'Template', found.problem);
	const values = (this.getNodeParameter('templateVariables.value', itemIndex, {}) ??
		{}) as IDataObject;
	const filled = readTemplateValues(node, itemIndex, found.template, values);
	return buildTemplateObject(
		node,
		itemIndex,
		found.template,
		filled,
		readTypedParameters.call(this, itemIndex),
	);
}

/**
 * The edited node's sender number and its templates, for the editor's lists; undefined while no
 * number is chosen (or it is an expression the editor cannot resolve).
 */
export async function editedTemplates(
	this: ILoadOptionsFunctions,
): Promise<WhatsAppTemplate[] | undefined> {
	const phoneNumberId = currentValue.call(this, 'phoneNumberId');
	if (!phoneNumberId) return undefined;
	if (!/^\d{1,30}$/.test(phoneNumberId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Phone Number: must be a phone number ID made of digits, such as 100000000000001 (got "${phoneNumberId}")`,
		);
	}
	const connection = await getConnection.call(this);
	return await templatesOfNumber.call(this, connection, phoneNumberId, this.getNode());
}

/** The chosen template in the editor, or why there is none yet. */
export async function editedTemplate(
	this: ILoadOptionsFunctions,
): Promise<{ template: WhatsAppTemplate } | { notice: string }> {
	const value = currentValue.call(this, 'templateId');
	const templates = await editedTemplates.call(this);
	if (!templates || !value) return { notice: 'Choose the phone number and the template first' };
	const found = findTemplate(templates, value, KAPSO_TEMPLATE_SOURCE);
	if ('problem' in found)
		throw new NodeOperationError(this.getNode(), `Template: ${found.problem}`);
	return found;
}
