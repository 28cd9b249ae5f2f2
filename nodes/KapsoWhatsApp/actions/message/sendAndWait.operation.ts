import type { INodeProperties } from 'n8n-workflow';

import { addShowConditions } from '../../../shared/displayOptions';
import { waitLimitFields } from '../../../shared/waitLimit';
import type { OperationExecute } from '../operation.types';
import type { ResponseKind } from './sendAndWait.reply';

const forKinds = (kinds: ResponseKind[]) => ({ displayOptions: { show: { responseKind: kinds } } });

/** Shown after Send's content fields, before its options (message/index.ts orders them). */
const properties: INodeProperties[] = [
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
					'Sends the text with Approve and Decline buttons; the output says approved: true or false',
			},
			{
				name: 'Choice',
				value: 'choice',
				description:
					'The reply buttons or list rows of the message (Message Type: Reply Buttons or List); the output names the one chosen',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'Any message the customer sends back (text, a file, a button)',
			},
		],
	},
	{
		displayName: 'Approve Label',
		name: 'approveLabel',
		type: 'string',
		default: 'Approve',
		description:
			'The title of the button that approves, as the customer sees it (up to 20 characters)',
		...forKinds(['approval']),
	},
	{
		displayName: 'Decline Label',
		name: 'declineLabel',
		type: 'string',
		default: 'Decline',
		description:
			'The title of the button that declines, as the customer sees it (up to 20 characters)',
		...forKinds(['approval']),
	},
	{
		displayName: 'On Another Reply',
		name: 'otherReply',
		type: 'options',
		default: 'reAsk',
		description:
			'What happens when the customer writes something instead of tapping a button or row (typing its title or ID, in any letter case, counts as choosing it)',
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
					'Send the buttons or list again with the text below; a second reply that is none of them is accepted as text',
			},
		],
		...forKinds(['choice', 'approval']),
	},
	{
		displayName: 'Re-Ask Text',
		name: 'reAskText',
		type: 'string',
		default: 'Please choose one of the options.',
		description: 'The text sent with the buttons or list when the customer is asked once more',
		displayOptions: { show: { responseKind: ['choice', 'approval'], otherReply: ['reAsk'] } },
	},
	...waitLimitFields,
];

export const description = addShowConditions(
	{ resource: ['message'], operation: ['sendAndWaitForReply'] },
	properties,
);

/** One recipient per execution; the key is Send's, so both read the same fields. */
export { orderingKey } from './send.operation';

export const execute: OperationExecute = async function (itemIndex, context) {
	const { sendAndWait } = await import('./sendAndWait.execute');
	return await sendAndWait.call(this, itemIndex, context);
};
