import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { mediaIdField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	mediaIdField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary property of the output item that receives the file',
	},
];

export const description = showOnlyFor('media', 'download', properties);

export const execute: OperationExecute = executeFrom(
	async () => await import('./download.execute'),
);
