import type {
	INode,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { templateLabel, templateOptionValue, type WhatsAppTemplate } from './definition';

/** The resource mapper's fields for a template: header, then body, then buttons (template order). */
export function templateFields(
	template: Pick<WhatsAppTemplate, 'variables'>,
): ResourceMapperField[] {
	return template.variables.map((variable) => ({
		id: variable.id,
		displayName: variable.displayName,
		required: variable.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
	}));
}

/**
 * The resource mapper's answer for the chosen template: its fields, or a notice when it has no
 * variables; a template the node cannot send is an error with the reason.
 */
export function templateMapping(node: INode, template: WhatsAppTemplate): ResourceMapperFields {
	if (template.unsupported) {
		throw new NodeOperationError(
			node,
			`Template ${template.name} (${template.language}): ${template.unsupported}`,
		);
	}
	const fields = templateFields(template);
	return fields.length > 0
		? { fields }
		: { fields, emptyFieldsNotice: `${template.name} has no variables: nothing to fill in` };
}

/**
 * Which button each button field fills, for a Template list (n8n's resource mapper shows no field
 * descriptions): `Button 1 · URL suffix ("Track order"), Button 2 · Copy code ("Copy code")`.
 */
export function templateButtonsSummary(template: Pick<WhatsAppTemplate, 'buttons'>): string {
	return template.buttons
		.flatMap((button) =>
			button.variable
				? [`${button.variable.displayName}${button.text ? ` ("${button.text}")` : ''}`]
				: [],
		)
		.join(', ');
}

/** The longest description a template option gets in a dropdown. */
const MAX_DESCRIPTION = 200;

function clip(text: string): string {
	return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

const byNameAndLanguage = (a: WhatsAppTemplate, b: WhatsAppTemplate) =>
	a.name.localeCompare(b.name) || a.language.localeCompare(b.language);

/**
 * A Template dropdown: the approved templates as "name · language · category", described by their
 * body and which button each button field fills. With `explainOthers`, the templates that cannot be
 * sent follow, each saying why (pending review, rejected and Meta's reason, paused…), so a template
 * missing from the top of the list is not a mystery; choosing one fails with that reason.
 */
export function templateOptions(
	templates: WhatsAppTemplate[],
	options: { explainOthers?: boolean } = {},
): INodePropertyOptions[] {
	const approved = templates
		.filter((template) => template.approved)
		.sort(byNameAndLanguage)
		.map((template) => {
			const summary = [
				template.bodyText.replace(/\s+/g, ' ').trim(),
				templateButtonsSummary(template),
			]
				.filter(Boolean)
				.join(' · ');
			return {
				name: templateLabel(template),
				value: templateOptionValue(template),
				description: clip(summary) || undefined,
			};
		});
	if (!options.explainOthers) return approved;
	const others = templates
		.filter((template) => !template.approved)
		.sort(byNameAndLanguage)
		.map((template) => {
			const status = template.status || 'not approved';
			const reason = template.statusReason ? ` (${template.statusReason})` : '';
			return {
				name: `${templateLabel(template)} — ${status}, cannot be sent`,
				value: templateOptionValue(template),
				description: clip(
					`WhatsApp sends only approved templates; this one is ${status}${reason}. Check it in WhatsApp Manager.`,
				),
			};
		});
	return [...approved, ...others];
}
