import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { contactLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [contactLocator];

export const description = showOnlyFor('contact', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const contactId = readId.call(this, itemIndex, 'contactId', 'Contact', connection);
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `contacts/${contactId}`,
		subject: `contact ${contactId}`,
		itemIndex,
	});
	return (response.payload ?? response) as IDataObject;
}
