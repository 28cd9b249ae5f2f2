import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import { chatwootApiRequest } from '../../transport';
import { contactLocator } from '../common.descriptions';
import type { OperationContext } from '../operation.types';

const properties: INodeProperties[] = [contactLocator];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, { connection }: OperationContext): Promise<IDataObject> {
	const contactId = readId.call(this, itemIndex, 'contactId', 'Contact');
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `contacts/${contactId}`,
		subject: `contact ${contactId}`,
		itemIndex,
	});
	return (response.payload ?? response) as IDataObject;
}
