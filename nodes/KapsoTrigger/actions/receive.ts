import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	claimDelivery,
	headerReader,
	rawBodyOf,
	verifySignature,
	type DeliveryClaim,
} from '../../shared/webhooks';
import { dropReason } from '../helpers/filters';
import { KAPSO_SIGNATURE } from '../helpers/signature';
import { batchItem, normalisePayload, readDelivery, type Headers } from '../helpers/payload';
import { KEPT_DELIVERY_KEYS, memoryOf, registeredWebhook } from '../helpers/state';
import { secretFromKapso } from '../helpers/webhookSecret';
import { readPhoneNumberId, readReceiveSettings } from './settings';

/**
 * One request to the trigger's URL: checked (signature over the raw bytes, then the idempotency
 * key), read (a batch split or kept), filtered, and answered at once so Kapso's 10 s are never at
 * risk: n8n answers 200 as soon as the workflow starts (responseMode onReceived).
 */

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

/**
 * Whether the request is signed with the webhook's secret: the pasted one (manual setup), else the
 * one kept in static data, else (none kept, or it does not verify) the one Kapso holds now.
 */
async function isSigned(
	context: IWebhookFunctions,
	manual: boolean,
	raw: Buffer,
	headers: Headers,
): Promise<boolean | 'no secret'> {
	const header = headerReader(headers);
	const verifies = (secret: string) =>
		secret !== '' && verifySignature(KAPSO_SIGNATURE, secret, raw, header).valid;
	if (manual) {
		const pasted = String(context.getNodeParameter('secretKey', '') ?? '').trim();
		return pasted === '' ? 'no secret' : verifies(pasted);
	}
	const kept = String(registeredWebhook(context).secret ?? '').trim();
	if (verifies(kept)) return true;
	// Unsigned: not Kapso, and no reason to ask Kapso for the secret.
	if (header(KAPSO_SIGNATURE.signatureHeader) === undefined)
		return kept === '' ? 'no secret' : false;
	const current = await secretFromKapso(context, () => readPhoneNumberId(context));
	if (current === undefined || current === kept) return kept === '' ? 'no secret' : false;
	return verifies(current);
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readReceiveSettings(this);
	const headers = this.getHeaderData() as Headers;
	const raw = await rawBodyOf(this);
	if (raw === undefined) return refuse(this, 401, 'The request body could not be read');
	const signed = await isSigned(this, settings.setup === 'manual', raw, headers);
	if (signed === 'no secret')
		return refuse(this, 401, 'This trigger has no webhook secret yet: activate the workflow again');
	if (!signed) return refuse(this, 401, 'Invalid X-Webhook-Signature');
	const delivery = readDelivery(headers, parseJson(raw));
	if (typeof delivery === 'string') return refuse(this, 400, delivery);

	const seen = delivery.idempotencyKey === undefined ? 'new' : claim(this, delivery.idempotencyKey);
	if (seen === 'duplicate') return { webhookResponse: { received: true, duplicate: true } };
	// Whether the first one starts is not known yet: Kapso's next retry finds out (never two executions).
	if (seen === 'in flight')
		return refuse(
			this,
			503,
			'A delivery with this X-Idempotency-Key is still being handled: send it again later',
		);
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
 * Whether this idempotency key is new, was accepted before within the window (Kapso sends a
 * delivery again with the same key when an answer was late or lost), or is in flight here. The
 * key is claimed once the signature holds.
 */
function claim(context: IWebhookFunctions, key: string): DeliveryClaim {
	return claimDelivery(
		memoryOf(context).deliveries,
		registeredWebhook(context),
		key,
		context.getResponseObject(),
		Date.now(),
		KEPT_DELIVERY_KEYS,
	);
}
