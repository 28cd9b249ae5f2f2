import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toUnixSeconds } from '../../helpers/fields';
import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { conversationLocator, conversationStatusOptions, snoozedUntilField } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

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
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const status = this.getNodeParameter('status', itemIndex, 'resolved') as string;
	const body: IDataObject = { status };
	if (status === 'snoozed') {
		const until = toUnixSeconds.call(
			this,
			itemIndex,
			'Snoozed Until',
			this.getNodeParameter('snoozedUntil', itemIndex, ''),
		);
		if (until !== undefined) body.snoozed_until = until;
	}
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `conversations/${conversationId}/toggle_status`,
		body,
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
	});
	return (response.payload ?? response) as IDataObject;
}
