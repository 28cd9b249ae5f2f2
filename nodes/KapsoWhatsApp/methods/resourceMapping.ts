import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { templateMapping } from '../../shared/whatsappTemplates';
import { editedTemplate } from '../composer/templateLookup';

/**
 * The chosen template's variables as resource-mapper fields, in template order: the header (text
 * variable; media URL or media ID, and a document's file name; a location's coordinates, name and
 * address), the body variables, then each button's dynamic part.
 */
export async function getTemplateVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const chosen = await editedTemplate.call(this);
	if ('notice' in chosen) return { fields: [], emptyFieldsNotice: chosen.notice };
	return templateMapping(this.getNode(), chosen.template);
}
