import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactConversations } from '../../helpers/contacts';
import { readId } from '../../../shared/ids';
import { contactLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [contactLocator];

export const description = showOnlyFor('contact', 'getConversations', properties);

/** One item per conversation: Chatwoot returns the contact's latest 20, newest first. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject[]> {
	const contactId = readId.call(this, itemIndex, 'contactId', 'Contact', connection);
	return await contactConversations.call(this, connection, contactId, itemIndex);
}
