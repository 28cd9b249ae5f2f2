import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { conversationLocator, conversationStatusOptions, snoozedUntilField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	conversationLocator,
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'resolved',
		options: conversationStatusOptions,
	},
	snoozedUntilField,
];

export const description = showOnlyFor('conversation', 'setStatus', properties);

/** Output: Chatwoot's answer `{success, current_status, conversation_id}`. */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { readSnoozedUntil } = await import('../../helpers/fields');
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
	const status = this.getNodeParameter('status', itemIndex, 'resolved') as string;
	const body: IDataObject = { status };
	const until = readSnoozedUntil.call(this, itemIndex, status);
	if (until !== undefined) body.snoozed_until = until;
	const response = await conversation.request({ method: 'POST', path: '/toggle_status', body });
	return (response.payload ?? response) as IDataObject;
};
