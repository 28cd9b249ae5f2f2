import type { INodeProperties } from 'n8n-workflow';

import * as addLabels from './addLabels.operation';
import * as assign from './assign.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getLabels from './getLabels.operation';
import * as setCustomAttributes from './setCustomAttributes.operation';
import * as setStatus from './setStatus.operation';

export { addLabels, assign, create, get, getAll, getLabels, setCustomAttributes, setStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Add Labels',
				value: 'addLabels',
				description: 'Add labels to a conversation, keeping its other labels',
				action: 'Add labels to a conversation',
			},
			{
				name: 'Assign',
				value: 'assign',
				description: 'Assign a conversation to an agent, a team or both',
				action: 'Assign a conversation',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Start a conversation with a contact in an inbox, optionally with a first message',
				action: 'Create a conversation',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a conversation',
				action: 'Get a conversation',
			},
			{
				name: 'Get Labels',
				value: 'getLabels',
				description: 'Get the labels of a conversation',
				action: 'Get the labels of a conversation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List conversations, filtered by status, assignee, inbox, team, labels or text',
				action: 'Get many conversations',
			},
			{
				name: 'Set Custom Attributes',
				value: 'setCustomAttributes',
				description: 'Set custom attributes of a conversation',
				action: 'Set custom attributes of a conversation',
			},
			{
				name: 'Set Status',
				value: 'setStatus',
				description: 'Open, resolve, set pending or snooze a conversation',
				action: 'Set the status of a conversation',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...setStatus.description,
	...assign.description,
	...addLabels.description,
	...getLabels.description,
	...setCustomAttributes.description,
];
