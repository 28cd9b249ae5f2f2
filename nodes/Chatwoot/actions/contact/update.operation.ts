import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { contactLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';
import { contactAttributeFields, readContactAttributes } from './contactFields';

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

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const contact = itemTarget.call(this, 'contact', itemIndex, connection);
	const body = readContactAttributes.call(this, itemIndex, 'updateFields');
	if (Object.keys(body).length === 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Update Fields',
			'add at least one field to change',
		);
	}
	const response = await contact.request({ method: 'PUT', body });
	return (response.payload ?? response) as IDataObject;
};
