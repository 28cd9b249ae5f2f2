import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { editedTemplateInbox } from '../composer/inboxTemplate';
import {
	templateButtonsSummary,
	templateLabel,
	templateOptionValue,
} from '../composer/templateDefinitions';
import { listContext, OWN_INBOX_FIELD, payloadOf } from './shared';

const MAX_DESCRIPTION = 200;

/**
 * The approved templates of the Template Inbox, fresh from Chatwoot: "name · language · category",
 * described by their body and which button each button field fills.
 */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = await editedTemplateInbox.call(this, OWN_INBOX_FIELD);
	if (!chosen) return [];
	return chosen.templates
		.filter((template) => template.approved)
		.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language))
		.map((template) => {
			const body = [template.bodyText.replace(/\s+/g, ' ').trim(), templateButtonsSummary(template)]
				.filter(Boolean)
				.join(' · ');
			return {
				name: templateLabel(template),
				value: templateOptionValue(template),
				description:
					body.length > MAX_DESCRIPTION
						? `${body.slice(0, MAX_DESCRIPTION - 1)}…`
						: body || undefined,
			};
		});
}

/** The account's labels by title (Chatwoot identifies a conversation's labels by title). */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { get } = await listContext.call(this);
	return payloadOf(await get('labels', undefined, 'the labels'))
		.map((label) => ({
			name: String(label.title),
			value: String(label.title),
			description: label.description ? String(label.description) : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
