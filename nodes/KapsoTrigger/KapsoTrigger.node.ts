import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { kapsoApiTest, listSearch } from '../KapsoWhatsApp/methods';
import { triggerProperties } from './actions/description';

/**
 * Starts a workflow on Kapso's WhatsApp events. Thin like the other nodes: the fields live in
 * actions/description.ts, the webhook's life in Kapso in actions/registration.ts, and each request
 * in actions/receive.ts.
 */
export class KapsoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kapso Trigger',
		name: 'kapsoTrigger',
		icon: { light: 'file:../../icons/kapso.svg', dark: 'file:../../icons/kapso.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).map(e => e.replace("whatsapp.", "")).join(", ") }}',
		description:
			'Starts the workflow when a WhatsApp message or conversation event happens on a Kapso phone number',
		defaults: { name: 'Kapso Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Manual setup needs no API: the webhook is made in Kapso's dashboard.
		credentials: [
			{
				name: 'kapsoApi',
				required: true,
				testedBy: 'kapsoApiTest',
				displayOptions: { show: { setup: ['automatic'] } },
			},
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

	methods = { credentialTest: { kapsoApiTest }, listSearch };

	webhookMethods = {
		default: {
			// Loaded on first use: n8n loads every installed node at start-up.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { webhookExists } = await import('./actions/registration');
				return await webhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { registerWebhook } = await import('./actions/registration');
				return await registerWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const { unregisterWebhook } = await import('./actions/registration');
				return await unregisterWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { receive } = await import('./actions/receive');
		return await receive.call(this);
	}
}
