import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { templateOptions, variableLabel } from '../../shared/whatsappTemplates';
import { editedTemplate, editedTemplates } from '../composer/templateLookup';

/**
 * The Template dropdown: the approved templates of the sender number's WhatsApp Business Account
 * ("name · language · category"), then the others, each saying why it cannot be sent.
 */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await editedTemplates.call(this);
	return templates ? templateOptions(templates, { explainOthers: true }) : [];
}

/** The chosen template's body variables, for Parameter Types: `{{total}}` → `total`. */
export async function getTemplateBodyVariables(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const chosen = await editedTemplate.call(this);
	if ('notice' in chosen) return [];
	return chosen.template.variables
		.filter((variable) => variable.kind === 'body')
		.map((variable) => ({ name: variableLabel(variable.key), value: variable.key }));
}
