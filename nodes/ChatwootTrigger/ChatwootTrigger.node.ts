import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './actions/description';
import { chatwootAccessTokenApiTest } from '../Chatwoot/methods';
import { loadOptions } from './methods';

/**
 * Thin node class: the description, the webhook's life cycle in Chatwoot (actions/registration)
 * and each delivery (actions/receive). Both are loaded on first use, as the Chatwoot node's router.
 */
export class ChatwootTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatwoot Trigger',
		name: 'chatwootTrigger',
		icon: { light: 'file:../../icons/chatwoot.svg', dark: 'file:../../icons/chatwoot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["setup"] === "manual" ? $parameter["manualEvents"] : $parameter["events"]).join(", ") }}',
		description:
			'Starts the workflow when something happens in Chatwoot: a message, a conversation, a contact. Verified, filtered, without loops or duplicates.',
		defaults: { name: 'Chatwoot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Written out: n8n's lint reads the credential's name and testedBy here, as literals.
		credentials: [
			{ name: 'chatwootAccessTokenApi', required: true, testedBy: 'chatwootAccessTokenApiTest' },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { chatwootAccessTokenApiTest }, loadOptions };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { checkExists } = await import('./actions/registration');
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { create } = await import('./actions/registration');
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const { deleteHook } = await import('./actions/registration');
				return await deleteHook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { receive } = await import('./actions/receive');
		return await receive.call(this);
	}
}
