import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { readOptionalId } from '../../../shared/ids';
import {
	inboxLocator,
	labelsField,
	limitField,
	returnAllField,
	teamIdField,
} from '../descriptions';
import type { OperationExecute } from '../operation.types';

const properties: INodeProperties[] = [
	returnAllField,
	{ ...limitField, description: 'Max number of conversations to return' },
	{
		...inboxLocator,
		required: false,
		description: 'Only conversations of this inbox; leave empty for all inboxes',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assignee Type',
				name: 'assigneeType',
				type: 'options',
				default: 'all',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Assigned', value: 'assigned', description: 'Assigned to any agent' },
					{ name: 'Mine', value: 'me', description: 'Assigned to the token’s user' },
					{ name: 'Unassigned', value: 'unassigned' },
				],
			},
			{ ...labelsField, description: 'Only conversations with any of these labels' },
			{
				displayName: 'Search Term',
				name: 'query',
				type: 'string',
				default: '',
				description: 'Only conversations whose messages contain this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'open',
				description: 'Chatwoot returns open conversations unless told otherwise',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Open', value: 'open' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Resolved', value: 'resolved' },
					{ name: 'Snoozed', value: 'snoozed' },
				],
			},
			{ ...teamIdField, description: 'Only conversations of this team' },
		],
	},
];

export const description = showOnlyFor('conversation', 'getAll', properties);

/** Chatwoot counts the filtered list per assignee type in `meta`: the total of the list asked for. */
const COUNT_FOR_ASSIGNEE_TYPE: Record<string, string> = {
	all: 'all_count',
	me: 'mine_count',
	unassigned: 'unassigned_count',
	assigned: 'assigned_count',
};

interface Filters {
	assigneeType?: string;
	labels?: unknown;
	query?: string;
	status?: string;
	teamId?: number | string;
}

/** Walks Chatwoot's 25-per-page conversation list (`{data: {meta, payload}}`), newest activity first. */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const { chatwootApiRequest, CONVERSATIONS_PAGE_SIZE } = await import('../../transport');
	const { collectPages, readLimit } = await import('../../../shared/pagination');
	const { readLabels } = await import('./labels');
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const qs: IDataObject = {
		status: filters.status || 'open',
		assignee_type: filters.assigneeType || 'all',
	};
	const inboxId = readOptionalId.call(this, itemIndex, 'inboxId', 'Inbox', connection);
	if (inboxId !== undefined) qs.inbox_id = inboxId;
	const teamId = readOptionalId.call(this, itemIndex, 'filters.teamId', 'Team', connection);
	if (teamId !== undefined) qs.team_id = teamId;
	const labels = readLabels(filters.labels);
	if (labels.length > 0) qs.labels = labels;
	const query = String(filters.query ?? '').trim();
	if (query) qs.q = query;

	return await collectPages(
		async (page) => {
			const response = await chatwootApiRequest.call(this, connection, {
				method: 'GET',
				path: 'conversations',
				qs: { ...qs, page },
				subject: `the conversations of account ${connection.accountId}`,
				itemIndex,
			});
			const data = (response.data ?? {}) as IDataObject;
			const count = Number(
				((data.meta ?? {}) as IDataObject)[COUNT_FOR_ASSIGNEE_TYPE[String(qs.assignee_type)]],
			);
			return {
				items: Array.isArray(data.payload) ? (data.payload as IDataObject[]) : [],
				total: Number.isSafeInteger(count) && count >= 0 ? count : undefined,
			};
		},
		{
			pageSize: CONVERSATIONS_PAGE_SIZE,
			noun: 'conversations',
			narrow: 'use Filters: status, inbox, team, labels or a search term',
			node: this.getNode(),
			itemIndex,
		},
		limit,
	);
};
