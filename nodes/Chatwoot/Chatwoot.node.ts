import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import * as contact from './actions/contact';
import * as conversation from './actions/conversation';
import { accountLocator } from './actions/descriptions';
import * as message from './actions/message';
import { chatwootAccessTokenApiTest, listSearch, loadOptions, resourceMapping } from './methods';
import { sendAndWaitWebhooks } from '../shared/resumeWebhooks';

/**
 * Thin node class: the description lists resources, the router runs them. The description is
 * written here, in the class, where n8n's lint checks it (icon, connections, credential test).
 */
export class Chatwoot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatwoot',
		name: 'chatwoot',
		icon: { light: 'file:../../icons/chatwoot.svg', dark: 'file:../../icons/chatwoot.dark.svg' },
		group: ['output'],
		version: 1,
		// "Send to Contact: Message": the display names of the operation and the resource, one map each
		// (an operation value has the same name in every resource); a unit test keeps them equal to
		// the Operation and Resource options. A literal, because n8n's lint reads it.
		subtitle:
			'={{ ({"addLabels":"Add Labels","addToInbox":"Add to Inbox","assign":"Assign","create":"Create","delete":"Delete","get":"Get","getAll":"Get Many","getConversations":"Get Conversations","getLabels":"Get Labels","search":"Search","send":"Send","sendAndWaitForReply":"Send and Wait for Reply","sendToContact":"Send to Contact","setCustomAttributes":"Set Custom Attributes","setStatus":"Set Status","update":"Update"}[$parameter["operation"]] || $parameter["operation"]) + ": " + {"contact":"Contact","conversation":"Conversation","message":"Message"}[$parameter["resource"]] }}',
		description:
			'Send messages, private notes, interactive messages and WhatsApp templates through Chatwoot, to a conversation or straight to a contact, and manage contacts and conversations',
		defaults: { name: 'Chatwoot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: sendAndWaitWebhooks,
		// Written out: n8n's lint reads the credential's name and testedBy here, as literals.
		credentials: [
			{ name: 'chatwootAccessTokenApi', required: true, testedBy: 'chatwootAccessTokenApiTest' },
		],
		properties: [
			// First, under the credential whose account it overrides: every list below follows it.
			accountLocator,
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
		],
	};

	methods = {
		credentialTest: { chatwootAccessTokenApiTest },
		listSearch,
		loadOptions,
		resourceMapping,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { sendAndWaitWebhook } = await import('./actions/message/sendAndWait.webhook');
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// n8n loads every installed node at start-up; the run engine is loaded on the first run.
		const { router } = await import('./actions/router');
		return await router.call(this);
	}
}
