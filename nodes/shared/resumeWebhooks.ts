import type { INodeTypeDescription } from 'n8n-workflow';

/**
 * The path, under the execution's resume URL, where the wait watcher asks whether the execution
 * still waits (see `waitWatcher.ts`). Its own path, never the resume URL itself: should the
 * execution wait at another node by then (a Wait node "On Webhook Call"), a probe there would
 * resume that node; here n8n finds no such webhook and answers 404.
 */
export const PROBE_PATH = 'send-and-wait-probe';

/**
 * The restart webhooks of a node with Send and Wait for Reply: the service posts the customer's
 * messages to the resume URL, the wait watcher its probes to the probe path. They exist only while
 * an execution of the node waits; the operation registers the service webhook per execution and
 * the resume deletes it, so there is no activation lifecycle (checkExists / create / delete) for
 * n8n to run, as with n8n's own Wait node.
 */
export const sendAndWaitWebhooks: INodeTypeDescription['webhooks'] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '',
		restartWebhook: true,
	},
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: PROBE_PATH,
		restartWebhook: true,
	},
];
