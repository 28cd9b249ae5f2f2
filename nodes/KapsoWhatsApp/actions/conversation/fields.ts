import type { INodeProperties } from 'n8n-workflow';

/** The conversation operations' own fields, written once. */
export const conversationIdField: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'd0000000-0000-4000-8000-000000000001',
	description:
		'Kapso’s ID of the conversation, as Conversation → Get Many and the Kapso Trigger’s events (conversation → ID) give it',
};

export const CONVERSATION_ID_EXAMPLE = 'd0000000-0000-4000-8000-000000000001';
