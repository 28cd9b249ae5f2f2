import type { INodeProperties } from 'n8n-workflow';

import * as addToInbox from './addToInbox.operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getConversations from './getConversations.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export {
	addToInbox,
	create,
	deleteContact as delete,
	get,
	getAll,
	getConversations,
	search,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add to Inbox',
				value: 'addToInbox',
				description:
					'Give a contact an address in an inbox (contact inbox) so conversations can start there',
				action: 'Add a contact to an inbox',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact, optionally in an inbox',
				action: 'Create a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact and its conversations',
				action: 'Delete a contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact with its inboxes',
				action: 'Get a contact',
			},
			{
				name: 'Get Conversations',
				value: 'getConversations',
				description: 'Get the latest conversations of a contact',
				action: 'Get the conversations of a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the contacts of the account',
				action: 'Get many contacts',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find contacts by name, email, phone number or identifier',
				action: 'Search contacts',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a contact’s fields',
				action: 'Update a contact',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...search.description,
	...update.description,
	...deleteContact.description,
	...addToInbox.description,
	...getConversations.description,
];
