import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createContactInbox, existingContactInbox } from '../../helpers/contacts';
import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { contactLocator, inboxLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

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
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const contactId = readId.call(this, itemIndex, 'contactId', 'Contact', connection);
	const inboxId = readId.call(this, itemIndex, 'inboxId', 'Inbox', connection);
	const sourceId = String(this.getNodeParameter('sourceId', itemIndex, '') ?? '').trim();
	if (!sourceId) {
		const response = await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: `contacts/${contactId}`,
			subject: `contact ${contactId}`,
			itemIndex,
		});
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
}
