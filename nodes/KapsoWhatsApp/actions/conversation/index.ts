import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as setStatus from './setStatus.operation';

export { get, getAll, setStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a conversation with its last activity and contact name',
				action: 'Get a conversation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the conversations of a phone number, by customer or status',
				action: 'Get many conversations',
			},
			{
				name: 'Set Status',
				value: 'setStatus',
				description: 'End a conversation or make it active again',
				action: 'Set the status of a conversation',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...setStatus.description,
];
