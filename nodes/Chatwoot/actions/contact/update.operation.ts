import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { contactAttributeFields, readContactAttributes } from './contactFields';
import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { contactLocator } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields given are changed. Custom attributes are merged into the existing ones.',
		options: contactAttributeFields,
	},
];

export const description = showOnlyFor('contact', 'update', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const contactId = readId.call(this, itemIndex, 'contactId', 'Contact', connection);
	const body = readContactAttributes.call(this, itemIndex, 'updateFields');
	if (Object.keys(body).length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Update Fields',
			'add at least one field to change',
		);
	}
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'PUT',
		path: `contacts/${contactId}`,
		body,
		subject: `contact ${contactId}`,
		itemIndex,
	});
	return (response.payload ?? response) as IDataObject;
}
