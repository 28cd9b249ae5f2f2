import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as message from './actions/message';
import { kapsoApiTest, listSearch } from './methods';

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
			'={{ ({"getAll":"Get Many","markAsRead":"Mark as Read","send":"Send","sendInConversation":"Send in Conversation (Legacy API)"}[$parameter["operation"]] || $parameter["operation"]) + ": " + ({"message":"Message"}[$parameter["resource"]] || $parameter["resource"]) }}',
		description:
			'Send every kind of WhatsApp message through Kapso: text, media, buttons, lists, locations, contacts, reactions and templates',
		defaults: { name: 'Kapso WhatsApp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kapsoApi', required: true, testedBy: 'kapsoApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Message', value: 'message' }],
				default: 'message',
			},
			...message.description,
		],
	};

	methods = {
		credentialTest: { kapsoApiTest },
		listSearch,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { router } = await import('./actions/router');
		return await router.call(this);
	}
}
