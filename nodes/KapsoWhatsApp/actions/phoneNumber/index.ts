import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the WhatsApp numbers of the Kapso project, with their IDs and Business Account',
				action: 'Get many phone numbers',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
