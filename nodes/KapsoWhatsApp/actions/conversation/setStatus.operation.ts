import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { phoneNumberLocator } from '../descriptions';
import { executeFrom } from '../../../shared/lazyExecute';
import type { OperationExecute } from '../operation.types';
import { conversationIdField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	conversationIdField,
	{
		displayName: 'Status',
		name: 'status',
		description: 'The conversation’s new status',
		type: 'options',
		default: 'ended',
		options: [
			{ name: 'Active', value: 'active', description: 'Reopen the conversation' },
			{
				name: 'Ended',
				value: 'ended',
				description: 'Close the conversation (Kapso sends whatsapp.conversation.ended)',
			},
		],
	},
];

export const description = showOnlyFor('conversation', 'setStatus', properties);

export const execute: OperationExecute = executeFrom(
	async () => await import('./setStatus.execute'),
);
