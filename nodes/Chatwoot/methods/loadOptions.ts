import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { templateOptions } from '../../shared/whatsappTemplates';
import { editedTemplateInbox } from '../composer/inboxTemplate';
import { listContext, OWN_INBOX_FIELD, payloadOf } from './shared';

/**
 * The approved templates of the Template Inbox, fresh from Chatwoot: "name · language · category",
 * described by their body and which button each button field fills.
 */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = await editedTemplateInbox.call(this, OWN_INBOX_FIELD);
	return chosen ? templateOptions(chosen.templates) : [];
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
