import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { idKey, readId } from '../../../shared/ids';
import { messageContentFields, messageOptionFields } from '../../composer/messageFields';
import type { MessageOptions } from '../../composer/readMessage';
import { phoneDigits } from '../../helpers/phoneAndEmail';
import { inboxField, inboxLocator, transportOptionFields } from '../descriptions';
import type { OperationExecute } from '../operation.types';
import type { IdentityKind } from './sendToContact.identity';

const properties: INodeProperties[] = [
	{
		...inboxLocator,
		description: 'The inbox (channel) to write from, e.g. your WhatsApp or API inbox',
	},
	{
		displayName: 'Identify Contact By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		default: 'phone',
		description:
			'How to recognise the person in Chatwoot; the contact is created when no contact matches exactly',
		options: [
			{ name: 'Email', value: 'email' },
			{
				name: 'Identifier',
				value: 'identifier',
				description: 'The ID of the person in your own system',
			},
			{ name: 'Phone Number', value: 'phone' },
		],
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123',
		description:
			'In international E.164 form: + and country code. Spaces, dashes and parentheses are removed.',
		displayOptions: { show: { identifyBy: ['phone'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: { identifyBy: ['email'] } },
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'crm-1042',
		displayOptions: { show: { identifyBy: ['identifier'] } },
	},
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		placeholder: 'Ana Alvarez',
		description: 'Name given to the contact when it is created; an existing contact keeps its name',
	},
	...messageContentFields(inboxField),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Always Start a New Conversation',
				name: 'newConversation',
				type: 'boolean',
				default: false,
				description:
					'Whether to open a new conversation even when the contact has an open or pending one in the inbox',
			},
			...messageOptionFields,
			...transportOptionFields,
		],
	},
];

export const description = showOnlyFor('message', 'sendToContact', properties);

const IDENTITY_FIELDS: Record<IdentityKind, string> = {
	phone: 'phoneNumber',
	email: 'email',
	identifier: 'identifier',
};

function readKind(this: IExecuteFunctions, itemIndex: number): IdentityKind {
	const kind = this.getNodeParameter('identifyBy', itemIndex, 'phone') as string;
	return kind === 'email' || kind === 'identifier' ? kind : 'phone';
}

/**
 * Items for the same person in the same inbox run one after another, so the second finds the
 * contact and conversation the first created; different people run side by side. Lenient on
 * purpose: invalid input is reported by execute.
 */
export function orderingKey(this: IExecuteFunctions, itemIndex: number): string {
	const inbox = idKey(this.getNodeParameter('inboxId', itemIndex, '', { extractValue: true }));
	const kind = readKind.call(this, itemIndex);
	const raw = String(this.getNodeParameter(IDENTITY_FIELDS[kind], itemIndex, '') ?? '').trim();
	const value = kind === 'phone' ? phoneDigits(raw) : kind === 'email' ? raw.toLowerCase() : raw;
	return `${inbox}|${kind}:${value}`;
}

interface SendToContactOptions extends MessageOptions {
	newConversation?: boolean;
}

/**
 * Send to Contact: find or create the contact (exact phone, email or identifier), make sure it has
 * a contact inbox in the inbox, continue its most recent open or pending conversation there (or
 * start one), then send. Running it again for the same person creates no second contact.
 */
export const execute: OperationExecute = async function (itemIndex, context) {
	const { chatwootApiRequest } = await import('../../transport');
	const { targetById } = await import('../../helpers/itemTargets');
	const { contactConversations } = await import('../../helpers/contacts');
	const { readMessageDraft } = await import('../../composer/readMessage');
	const { sendMessage } = await import('../../composer/sendMessage');
	const { assertReplyWindowOpen, needsReplyWindow } = await import('../../composer/replyWindow');
	const { convergeOnFirstConversation, pickReusableConversation, resolveContact } = await import(
		'./sendToContact.lookup'
	);
	const { readIdentity } = await import('./sendToContact.identity');
	const { connection } = context;
	const node = this.getNode();
	// Everything the user typed is checked before the first request.
	const inboxId = readId.call(this, itemIndex, inboxField.name, inboxField.label, connection);
	const kind = readKind.call(this, itemIndex);
	const identity = readIdentity(
		node,
		itemIndex,
		kind,
		this.getNodeParameter(IDENTITY_FIELDS[kind], itemIndex, ''),
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as SendToContactOptions;
	const draft = await readMessageDraft.call(this, itemIndex, options, context, inboxField);

	const { contact, contactCreated, contactInboxCreated, sourceId } = await resolveContact.call(
		this,
		connection,
		identity,
		inboxId,
		itemIndex,
	);
	const contactId = Number(contact.id);

	let conversation: IDataObject | undefined;
	// A contact or contact inbox created just now has no conversation in this inbox yet.
	if (!options.newConversation && !contactCreated && !contactInboxCreated) {
		conversation = pickReusableConversation(
			await contactConversations(
				targetById.call(this, 'contact', itemIndex, connection, contactId),
			),
			inboxId,
		);
		if (conversation && options.checkReplyWindow !== false && needsReplyWindow(draft.payload))
			assertReplyWindowOpen(node, itemIndex, conversation, Number(conversation.id));
	}
	const conversationCreated = conversation === undefined;
	if (!conversation) {
		conversation = await chatwootApiRequest.call(this, connection, {
			method: 'POST',
			path: 'conversations',
			body: { source_id: sourceId, inbox_id: inboxId, contact_id: contactId },
			subject: `contact ${contactId} or inbox ${inboxId}`,
			itemIndex,
		});
		if (!options.newConversation)
			conversation = await convergeOnFirstConversation.call(
				this,
				connection,
				conversation,
				contactId,
				inboxId,
				itemIndex,
			);
	}

	const conversationId = Number(conversation.id);
	const message = await sendMessage.call(this, connection, conversationId, draft, itemIndex);

	return {
		contact,
		conversation,
		message,
		contactCreated,
		contactInboxCreated,
		conversationCreated,
	};
};
