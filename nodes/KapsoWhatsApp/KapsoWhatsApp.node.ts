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
import * as media from './actions/media';
import * as message from './actions/message';
import * as phoneNumber from './actions/phoneNumber';
import * as template from './actions/template';
import { kapsoApiTest, listSearch, loadOptions, resourceMapping } from './methods';
import { sendAndWaitWebhooks } from '../shared/resumeWebhooks';

/**
 * Thin node class: the description lists resources, the router runs them. Only descriptions are
 * loaded with the node; the router, the composer and the HTTP door load on the first run, the
 * lists and the credential test when the editor asks for them.
 */
export class KapsoWhatsApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kapso WhatsApp',
		name: 'kapsoWhatsApp',
		icon: { light: 'file:../../icons/kapso.svg', dark: 'file:../../icons/kapso.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ ({"delete":"Delete","download":"Download","get":"Get","getAll":"Get Many","getUrl":"Get URL","markAsRead":"Mark as Read","send":"Send","sendAndWaitForReply":"Send and Wait for Reply","sendInConversation":"Send in Conversation (Legacy API)","setStatus":"Set Status","update":"Update","upload":"Upload"}[$parameter["operation"]] || $parameter["operation"]) + ": " + ({"contact":"Contact","conversation":"Conversation","media":"Media","message":"Message","phoneNumber":"Phone Number","template":"Template"}[$parameter["resource"]] || $parameter["resource"]) }}',
		description:
			'Send every kind of WhatsApp message through Kapso: text, media, buttons, lists, locations, contacts, reactions and templates',
		defaults: { name: 'Kapso WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: sendAndWaitWebhooks,
		credentials: [{ name: 'kapsoApi', required: true, testedBy: 'kapsoApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Media', value: 'media' },
					{ name: 'Message', value: 'message' },
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'Template', value: 'template' },
				],
				default: 'message',
			},
			...contact.description,
			...conversation.description,
			...media.description,
			...message.description,
			...phoneNumber.description,
			...template.description,
		],
	};

	methods = {
		credentialTest: { kapsoApiTest },
		listSearch,
		loadOptions,
		resourceMapping,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { sendAndWaitWebhook } = await import('./actions/message/sendAndWait.webhook');
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { router } = await import('./actions/router');
		return await router.call(this);
	}
}
