import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { addShowConditions, showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { readId, readOptionalId } from '../../../shared/ids';
import { messageContentFields } from '../../composer/messageFields';
import {
	assigneeIdField,
	conversationStatusOptions,
	snoozedUntilField,
	contactLocator,
	customAttributesField,
	inboxLocator,
	inboxField,
	teamIdField,
} from '../descriptions';
import type { OperationExecute } from '../operation.types';

/** Chatwoot's conversation create takes a first message with content and template_params only. */
const FIRST_MESSAGE_CONTENT_TYPES = ['text', 'template'];
const NOT_FOR_FIRST_MESSAGE = [
	'messageType',
	'private',
	'attributesMode',
	'contentAttributesJson',
	'selectOptions',
	'cards',
	'formFields',
	'articles',
];

const firstMessageFields = addShowConditions(
	{ sendMessage: [true] },
	messageContentFields(inboxField)
		.filter((field) => !NOT_FOR_FIRST_MESSAGE.includes(field.name))
		.map((field) =>
			field.name === 'contentType'
				? {
						...field,
						description:
							'A text, or a WhatsApp template to write first or after 24 hours of silence',
						options: (field.options ?? []).filter(
							(option) =>
								'value' in option && FIRST_MESSAGE_CONTENT_TYPES.includes(String(option.value)),
						),
					}
				: field,
		),
);

const properties: INodeProperties[] = [
	{
		displayName: 'Create By',
		name: 'createBy',
		type: 'options',
		noDataExpression: true,
		default: 'contact',
		options: [
			{
				name: 'Inbox and Contact',
				value: 'contact',
				description: 'Chatwoot adds the contact to the inbox if needed',
			},
			{
				name: 'Source ID',
				value: 'sourceId',
				description:
					'The contact’s address in the inbox (contact_inbox.source_id from Contact → Create)',
			},
		],
	},
	inboxLocator,
	{ ...contactLocator, displayOptions: { show: { createBy: ['contact'] } } },
	{
		displayName: 'Source ID',
		name: 'sourceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '14155550123',
		description:
			'The contact inbox’s source_id: for WhatsApp the phone number without +, for API inboxes an ID',
		displayOptions: { show: { createBy: ['sourceId'] } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'open',
		options: conversationStatusOptions,
	},
	snoozedUntilField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [assigneeIdField, customAttributesField, teamIdField],
	},
	{
		displayName: 'Send a First Message',
		name: 'sendMessage',
		type: 'boolean',
		default: false,
		description:
			'Whether to create the conversation with a first message (text or WhatsApp template) from your team',
	},
	...firstMessageFields,
];

export const description = showOnlyFor('conversation', 'create', properties);

interface AdditionalFields {
	assigneeId?: number | string;
	teamId?: number | string;
	customAttributes?: unknown;
}

export const execute: OperationExecute = async function (itemIndex, context) {
	const { chatwootApiRequest } = await import('../../transport');
	const { readCustomAttributes, readSnoozedUntil } = await import('../../helpers/fields');
	const { readMessageDraft } = await import('../../composer/readMessage');
	const { connection } = context;
	const node = this.getNode();
	const createBy = this.getNodeParameter('createBy', itemIndex, 'contact') as string;
	const inboxId = readId.call(this, itemIndex, inboxField.name, inboxField.label, connection);
	const body: IDataObject = { inbox_id: inboxId };
	if (createBy === 'sourceId') {
		const sourceId = String(this.getNodeParameter('sourceId', itemIndex, '') ?? '').trim();
		if (!sourceId)
			throw fieldError(
				node,
				itemIndex,
				'Source ID',
				'is empty; use contact_inbox.source_id from Contact → Create',
			);
		body.source_id = sourceId;
	} else {
		body.contact_id = readId.call(this, itemIndex, 'contactId', 'Contact', connection);
	}
	const status = this.getNodeParameter('status', itemIndex, 'open') as string;
	body.status = status;
	const until = readSnoozedUntil.call(this, itemIndex, status);
	if (until !== undefined) body.snoozed_until = new Date(until * 1000).toISOString();
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as AdditionalFields;
	const assigneeId = readOptionalId.call(
		this,
		itemIndex,
		'additionalFields.assigneeId',
		'Agent',
		connection,
	);
	if (assigneeId !== undefined) body.assignee_id = assigneeId;
	const teamId = readOptionalId.call(
		this,
		itemIndex,
		'additionalFields.teamId',
		'Team',
		connection,
	);
	if (teamId !== undefined) body.team_id = teamId;
	const customAttributes = readCustomAttributes(node, itemIndex, additional.customAttributes);
	if (customAttributes) body.custom_attributes = customAttributes;

	if (this.getNodeParameter('sendMessage', itemIndex, false) as boolean) {
		const { payload } = await readMessageDraft.call(this, itemIndex, {}, context, inboxField);
		if (payload.content === undefined && payload.template_params === undefined) {
			throw fieldError(
				node,
				itemIndex,
				'Content',
				'is empty; write the first message or turn off "Send a First Message"',
			);
		}
		const message: IDataObject = {};
		if (payload.content !== undefined) message.content = payload.content;
		if (payload.template_params !== undefined) message.template_params = payload.template_params;
		body.message = message;
	}

	return await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: 'conversations',
		body,
		subject:
			createBy === 'sourceId'
				? `the contact inbox "${String(body.source_id)}"`
				: `contact ${String(body.contact_id)} or inbox ${inboxId}`,
		itemIndex,
	});
};
