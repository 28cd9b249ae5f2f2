import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { contactLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [contactLocator];

export const description = showOnlyFor('contact', 'delete', properties);

/** Chatwoot deletes the contact with its conversations and answers with an empty 200. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const contactId = readId.call(this, itemIndex, 'contactId', 'Contact', connection);
	await chatwootApiRequest.call(this, connection, {
		method: 'DELETE',
		path: `contacts/${contactId}`,
		subject: `contact ${contactId}`,
		itemIndex,
	});
	return { id: contactId, deleted: true };
}
