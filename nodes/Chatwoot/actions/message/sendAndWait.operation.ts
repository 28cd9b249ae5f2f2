import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { waitLimitFields } from '../../../shared/waitLimit';
import { messageContentFields } from '../../composer/messageFields';
import { conversationLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';
import { messageOptionsCollection } from './send.operation';
import type { ResponseKind } from './sendAndWait.reply';

const forKinds = (kinds: ResponseKind[]) => ({ displayOptions: { show: { responseKind: kinds } } });

const properties: INodeProperties[] = [
	conversationLocator,
	...messageContentFields(),
	{
		displayName: 'Response Kind',
		name: 'responseKind',
		type: 'options',
		noDataExpression: true,
		default: 'freeText',
		description: 'What the customer is asked for, and how their reply is read',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description:
					'Adds Approve and Decline options to the message; the output says approved: true or false',
			},
			{
				name: 'Choice',
				value: 'choice',
				description:
					'The options of the message (Content Type: Options); the output names the option picked',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'Any message the customer writes back in the conversation',
			},
		],
	},
	{
		displayName: 'Approve Label',
		name: 'approveLabel',
		type: 'string',
		default: 'Approve',
		description: 'The title of the option that approves, as the customer sees it',
		...forKinds(['approval']),
	},
	{
		displayName: 'Decline Label',
		name: 'declineLabel',
		type: 'string',
		default: 'Decline',
		description: 'The title of the option that declines, as the customer sees it',
		...forKinds(['approval']),
	},
	{
		displayName: 'On Another Reply',
		name: 'otherReply',
		type: 'options',
		default: 'reAsk',
		description:
			'What happens when the customer writes something that is not one of the options (the title or value of an option counts, in any letter case)',
		options: [
			{
				name: 'Accept It as Text',
				value: 'acceptAsText',
				description: 'Resume with the text; the option is empty (and approved is empty)',
			},
			{
				name: 'Ask Once More',
				value: 'reAsk',
				description:
					'Send the options again with the text below; a second reply that is no option is accepted as text',
			},
		],
		...forKinds(['choice', 'approval']),
	},
	{
		displayName: 'Re-Ask Text',
		name: 'reAskText',
		type: 'string',
		default: 'Please choose one of the options.',
		description: 'The text sent with the options when the customer is asked once more',
		displayOptions: { show: { responseKind: ['choice', 'approval'], otherReply: ['reAsk'] } },
	},
	...waitLimitFields,
	messageOptionsCollection,
];

export const description = showOnlyFor('message', 'sendAndWaitForReply', properties);

/** One conversation per execution; the key is Send's, so both read the same field. */
export { orderingKey } from './send.operation';

/** Loaded on the first run: the send, the webhook registration and the wait (`sendAndWait.execute.ts`). */
export const execute: OperationExecute = async function (itemIndex, context) {
	const { sendAndWait } = await import('./sendAndWait.execute');
	return await sendAndWait.call(this, itemIndex, context);
};
