import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { readId } from '../../../shared/ids';
import { inboxField, contactLocator, inboxLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	contactLocator,
	inboxLocator,
	{
		displayName: 'Source ID',
		name: 'sourceId',
		type: 'string',
		default: '',
		description:
			'The contact’s address in the inbox. Leave empty to use the one Chatwoot proposes: the phone number for WhatsApp/SMS, the email for email inboxes, a random ID for API inboxes.',
	},
];

export const description = showOnlyFor('contact', 'addToInbox', properties);

/**
 * Creates the contact inbox (the contact's address in an inbox). Without a Source ID, an existing
 * contact inbox is returned as is (`created: false`), so running it twice adds nothing twice.
 */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { createContactInbox, existingContactInbox } = await import('../../helpers/contacts');
	const contact = itemTarget.call(this, 'contact', itemIndex, connection);
	const contactId = contact.id;
	const inboxId = readId.call(this, itemIndex, inboxField.name, inboxField.label, connection);
	const sourceId = String(this.getNodeParameter('sourceId', itemIndex, '') ?? '').trim();
	if (!sourceId) {
		const response = await contact.request({ method: 'GET' });
		const existing = existingContactInbox((response.payload ?? response) as IDataObject, inboxId);
		if (existing) return { contact_id: contactId, inbox_id: inboxId, ...existing, created: false };
	}
	const created = await createContactInbox.call(
		this,
		connection,
		contactId,
		inboxId,
		itemIndex,
		sourceId || undefined,
	);
	return { contact_id: contactId, inbox_id: inboxId, ...created, created: true };
};
