import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { DeliveryLog, headerReader, rawBodyOf, verifySignature } from '../../shared/webhooks';
import { dropReason } from '../helpers/filters';
import { KAPSO_SIGNATURE } from '../helpers/signature';
import { batchItem, normalisePayload, readDelivery, type Headers } from '../helpers/payload';
import { readReceiveSettings } from './settings';

/**
 * One request to the trigger's URL: checked (signature over the raw bytes, then the idempotency
 * key), read (a batch split or kept), filtered, and answered at once so Kapso's 10 s are never at
 * risk: n8n answers 200 as soon as the workflow starts (responseMode onReceived).
 */

/** Kapso retries after 10 s, 40 s and 90 s (each try may wait 10 s): 10 minutes covers them all. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
const KEPT_KEYS = 500;

/** Per node of each workflow, in this process; static data carries it across processes and restarts. */
const deliveryLogs = new Map<string, DeliveryLog>();

function deliveryLog(context: IWebhookFunctions): DeliveryLog {
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	let log = deliveryLogs.get(key);
	if (!log) {
		log = new DeliveryLog(DUPLICATE_WINDOW_MS, KEPT_KEYS);
		deliveryLogs.set(key, log);
	}
	return log;
}

function refuse(context: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json({ error });
	return { noWebhookResponse: true };
}

function parseJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
	} catch {
		return undefined;
	}
}

function secretOf(context: IWebhookFunctions, manual: boolean): string {
	const value = manual
		? context.getNodeParameter('secretKey', '')
		: (context.getWorkflowStaticData('node') as IDataObject).secret;
	return typeof value === 'string' ? value.trim() : '';
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readReceiveSettings(this);
	const headers = this.getHeaderData() as Headers;
	const secret = secretOf(this, settings.setup === 'manual');
	if (secret === '') {
		return refuse(this, 401, 'This trigger has no webhook secret yet: activate the workflow again');
	}
	const raw = await rawBodyOf(this);
	if (raw === undefined) return refuse(this, 401, 'The request body could not be read');
	if (!verifySignature(KAPSO_SIGNATURE, secret, raw, headerReader(headers)).valid) {
		return refuse(this, 401, 'Invalid X-Webhook-Signature');
	}
	const delivery = readDelivery(headers, parseJson(raw));
	if (typeof delivery === 'string') return refuse(this, 400, delivery);

	if (delivery.idempotencyKey !== undefined && isDuplicate(this, delivery.idempotencyKey)) {
		return { webhookResponse: { received: true, duplicate: true } };
	}
	const items = delivery.payloads
		.map((payload) => normalisePayload(delivery.event, payload))
		.filter((item) => dropReason(item, settings.filter) === undefined);
	if (items.length === 0) return { webhookResponse: { received: true, started: false } };

	const output: IDataObject[] =
		delivery.batch && settings.batchMode === 'keep' ? [batchItem(delivery.event, items)] : items;
	const workflowItems: INodeExecutionData[] = output.map((json) => ({ json }));
	return { workflowData: [workflowItems] };
}

/**
 * Whether this idempotency key was accepted before within the window (Kapso sends a delivery again
 * with the same key when an answer was late or lost). The key is recorded once the signature holds.
 */
function isDuplicate(context: IWebhookFunctions, key: string): boolean {
	const now = Date.now();
	const log = deliveryLog(context);
	const stored = context.getWorkflowStaticData('node') as IDataObject;
	log.merge(stored.deliveries, now);
	const duplicate = log.seen(key, now);
	if (!duplicate) stored.deliveries = log.entries(now);
	return duplicate;
}
