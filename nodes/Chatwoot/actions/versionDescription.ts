/* eslint-disable n8n-nodes-base/node-filename-against-convention -- the description of the node in Chatwoot.node.ts, kept apart so a version 2 is a small change (as n8n's own versioned nodes do) */
import type { INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import * as contact from './contact';
import * as conversation from './conversation';
import { accountLocator } from './descriptions';
import * as message from './message';

/** Version 1 of the Chatwoot node: what the editor shows. A version 2 gets a file beside this one. */
export const versionDescription: INodeTypeDescription = {
	displayName: 'Chatwoot',
	name: 'chatwoot',
	icon: 'file:../../icons/chatwoot.svg',
	group: ['output'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description:
		'Send messages, private notes, interactive messages and WhatsApp templates through Chatwoot, to a conversation or straight to a contact, and manage contacts and conversations',
	defaults: { name: 'Chatwoot' },
	usableAsTool: true,
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: CREDENTIAL_TYPE, required: true, testedBy: 'chatwootAccessTokenApiTest' }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Contact', value: 'contact' },
				{ name: 'Conversation', value: 'conversation' },
				{ name: 'Message', value: 'message' },
			],
			default: 'message',
		},
		...contact.description,
		...conversation.description,
		...message.description,
		// Keep last: an optional override of the credential's account for every operation.
		accountLocator,
	],
};
