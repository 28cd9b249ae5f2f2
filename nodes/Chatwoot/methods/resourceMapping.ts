import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { currentValue } from '../../shared/currentValue';
import { editedTemplateInbox } from '../composer/inboxTemplate';
import { templateMapping } from '../../shared/whatsappTemplates';
import { findTemplate } from '../composer/templateDefinitions';
import { OWN_INBOX_FIELD } from './shared';

/**
 * The chosen template's variables as resource-mapper fields: header (text variable, or media URL
 * and document filename), body variables, then each button's dynamic part, in template order.
 */
export async function getTemplateVariables(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const value = currentValue.call(this, 'templateId');
	const chosen = await editedTemplateInbox.call(this, OWN_INBOX_FIELD);
	if (!chosen || !value)
		return {
			fields: [],
			emptyFieldsNotice:
				'Choose the template first (and the Template Inbox when the conversation is an expression)',
		};
	const found = findTemplate(chosen.templates, value);
	if ('problem' in found)
		throw new NodeOperationError(this.getNode(), `Template: ${found.problem}`);
	return templateMapping(this.getNode(), found.template);
}
