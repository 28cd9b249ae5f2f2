import type { IDataObject } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { contactLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

export const description = showOnlyFor('contact', 'get', [contactLocator]);

export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const response = await itemTarget
		.call(this, 'contact', itemIndex, connection)
		.request({ method: 'GET' });
	return (response.payload ?? response) as IDataObject;
};
