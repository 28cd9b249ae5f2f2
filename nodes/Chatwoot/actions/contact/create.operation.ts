import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { readOptionalId } from '../../../shared/ids';
import { inboxLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';
import { contactAttributeFields, readContactAttributes } from './contactFields';

const properties: INodeProperties[] = [
	{
		...inboxLocator,
		required: false,
		description:
			'Optional: the inbox to add the contact to. The output then has contact_inbox.source_id, the contact’s address in that inbox, for Conversation → Create.',
	},
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Give at least a name, email, phone number or identifier',
		options: contactAttributeFields,
	},
];

export const description = showOnlyFor('contact', 'create', properties);

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { chatwootApiRequest } = await import('../../transport');
	const inboxId = readOptionalId.call(this, itemIndex, 'inboxId', 'Inbox', connection);
	const body = readContactAttributes.call(this, itemIndex, 'contactFields');
	if (!body.name && !body.email && !body.phone_number && !body.identifier) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Contact Fields',
			'give at least a Name, Email, Phone Number or Identifier',
		);
	}
	if (inboxId !== undefined) body.inbox_id = inboxId;
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: 'contacts',
		body,
		subject: inboxId === undefined ? 'the contact' : `inbox ${inboxId}`,
		itemIndex,
	});
	const payload = (response.payload ?? response) as IDataObject;
	const contact = (payload.contact ?? payload) as IDataObject;
	return payload.contact_inbox ? { ...contact, contact_inbox: payload.contact_inbox } : contact;
};
