import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import {
	parseMetaTemplate,
	variableLabel,
	type FilledTemplate,
	type TemplateSender,
	type WhatsAppTemplate,
} from '../../shared/whatsappTemplates';

/**
 * A Meta template with one item's values as Kapso's WhatsApp API takes it: the Graph `template`
 * object of `POST /{phone_number_id}/messages`.
 */

/** Kapso's WhatsApp API is Meta's: every header kind, media by link or id, quick-reply payloads. */
export const KAPSO_TEMPLATE_SENDER: TemplateSender = {
	api: "Kapso's WhatsApp API",
	locationHeader: true,
	mediaIds: true,
	quickReplyPayloads: true,
};

/** Reads one template of `GET /{business_account_id}/message_templates`. */
export function parseKapsoTemplate(raw: IDataObject): WhatsAppTemplate {
	return parseMetaTemplate(raw, KAPSO_TEMPLATE_SENDER);
}

/** The field that gives body variables a type other than text, in errors. */
export const PARAMETER_TYPES_LABEL = 'Parameter Types';

/**
 * A body variable sent as a currency or a date instead of text. The resource mapper's value for
 * the variable is the `fallback_value`: the text the customer sees where WhatsApp does not
 * localise the amount or date itself.
 */
export type TypedParameter =
	| { variable: string; type: 'currency'; currencyCode: string; amount: unknown }
	| { variable: string; type: 'date_time' };

/** A body parameter as Meta takes it. */
type BodyParameter = IDataObject & { type: 'text' | 'currency' | 'date_time' };

function bodyParameters(
	node: INode,
	itemIndex: number,
	template: WhatsAppTemplate,
	filled: FilledTemplate,
	typed: TypedParameter[],
): BodyParameter[] {
	const fail = (problem: string) => fieldError(node, itemIndex, PARAMETER_TYPES_LABEL, problem);
	const bodyNames = filled.body.map((parameter) => parameter.name);
	const types = new Map<string, TypedParameter>();
	for (const entry of typed) {
		const name = entry.variable.trim().replace(/^body\./, '');
		if (!bodyNames.includes(name)) {
			const list = bodyNames.map(variableLabel).join(', ') || 'none';
			throw fail(
				`${JSON.stringify(entry.variable)} is not a body variable of template ${template.name} (${template.language}); its body variables: ${list}`,
			);
		}
		if (types.has(name)) throw fail(`${variableLabel(name)} is given a type twice`);
		types.set(name, entry);
	}
	return filled.body.map(({ name, value }) => {
		const named = template.named ? { parameter_name: name } : {};
		const entry = types.get(name);
		if (entry?.type === 'currency') {
			const code = entry.currencyCode.trim().toUpperCase();
			if (!/^[A-Z]{3}$/.test(code)) {
				throw fail(
					`${variableLabel(name)}: the currency code must be three letters (ISO 4217), e.g. USD or EUR (got ${JSON.stringify(entry.currencyCode)})`,
				);
			}
			const amount =
				typeof entry.amount === 'string' && entry.amount.trim() !== ''
					? Number(entry.amount)
					: entry.amount;
			const amount1000 = typeof amount === 'number' ? Math.round(amount * 1000) : NaN;
			if (!Number.isSafeInteger(amount1000)) {
				throw fail(
					`${variableLabel(name)}: the amount must be a number such as 12.5 (got ${JSON.stringify(entry.amount)})`,
				);
			}
			return {
				type: 'currency',
				...named,
				currency: { fallback_value: value, code, amount_1000: amount1000 },
			};
		}
		if (entry?.type === 'date_time') {
			return { type: 'date_time', ...named, date_time: { fallback_value: value } };
		}
		return { type: 'text', ...named, text: value };
	});
}

function headerComponent(
	template: WhatsAppTemplate,
	filled: FilledTemplate,
): IDataObject | undefined {
	const header = filled.header;
	if (!header) return undefined;
	if (header.kind === 'text') {
		return {
			type: 'header',
			parameters: [
				{
					type: 'text',
					...(template.named ? { parameter_name: header.parameterName } : {}),
					text: header.value,
				},
			],
		};
	}
	if (header.kind === 'media') {
		const type = header.format.toLowerCase();
		const media: IDataObject = header.id ? { id: header.id } : { link: header.link };
		if (header.fileName) media.filename = header.fileName;
		return { type: 'header', parameters: [{ type, [type]: media }] };
	}
	const location: IDataObject = { latitude: header.latitude, longitude: header.longitude };
	if (header.name) location.name = header.name;
	if (header.address) location.address = header.address;
	return { type: 'header', parameters: [{ type: 'location', location }] };
}

/** A button's value as Meta's parameter of that sub_type. */
const BUTTON_PARAMETERS = {
	url: (value: string) => ({ type: 'text', text: value }),
	copy_code: (value: string) => ({ type: 'coupon_code', coupon_code: value }),
	quick_reply: (value: string) => ({ type: 'payload', payload: value }),
};

/**
 * The Graph `template` object: `{name, language: {code}, components}` with the header, the body
 * (`parameter_name` on each parameter of a NAMED template) and one component per button that
 * sends a value, indexed by its position in the template. Components without parameters are left
 * out; a template without variables sends none.
 */
export function buildTemplateObject(
	node: INode,
	itemIndex: number,
	template: WhatsAppTemplate,
	filled: FilledTemplate,
	typed: TypedParameter[] = [],
): IDataObject {
	const components: IDataObject[] = [];
	const header = headerComponent(template, filled);
	if (header) components.push(header);
	const body = bodyParameters(node, itemIndex, template, filled, typed);
	if (body.length > 0) components.push({ type: 'body', parameters: body });
	for (const button of filled.buttons) {
		components.push({
			type: 'button',
			sub_type: button.subType,
			index: String(button.index),
			parameters: [BUTTON_PARAMETERS[button.subType](button.value)],
		});
	}
	return {
		name: template.name,
		language: { code: template.language },
		...(components.length > 0 ? { components } : {}),
	};
}
