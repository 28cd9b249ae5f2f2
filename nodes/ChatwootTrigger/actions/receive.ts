import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	BurstBuffer,
	claimDelivery,
	DeliveryLog,
	headerReader,
	rawBodyOf,
	type DeliveryClaim,
} from '../../shared/webhooks';
import { downloadAttachments } from '../helpers/attachments';
import { ownUser, webhookSecret } from '../helpers/deliveryContext';
import { decide } from '../helpers/filters';
import { asItem, mergedJson, outputJson } from '../helpers/output';
import { flatFields, type AttachmentRef, type FlatFields } from '../helpers/payload';
import { readSettings, type TriggerSettings } from '../helpers/settings';
import { memoryOf, staticDataOf, type NodeMemory } from '../helpers/state';
import {
	checkDelivery,
	DELIVERY_HEADER,
	SIGNATURE_HEADER,
	type DeliveryCheck,
} from '../helpers/verification';

/** Consecutive failures, none verified ever, after which the log says verification never works. */
const ALL_FAIL_THRESHOLD = 3;
const LOGGED_FAILURES = 3;
const MAX_BURST_MS = 120_000;
const MAX_BURST_EVENTS = 50;
/** Delivery ids kept in static data (saved with each delivery): a retry comes within minutes. */
const KEPT_DELIVERY_IDS = 200;

/** Answers Chatwoot ourselves and starts nothing. */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** Signature and timestamp; on a mismatch with a kept secret, once more with Chatwoot's current one. */
async function verify(
	context: IWebhookFunctions,
	settings: TriggerSettings,
): Promise<DeliveryCheck> {
	const raw = await rawBodyOf(context);
	if (!raw)
		return { verified: false, kind: 'malformed', reason: 'n8n did not keep the raw request body' };
	const header = headerReader(context.getRequestObject().headers);
	// Unsigned (an old Chatwoot, or not Chatwoot): said as such, without asking Chatwoot for a secret.
	if (header(SIGNATURE_HEADER) === undefined)
		return checkDelivery('', raw, header, settings.maxAgeSeconds, Date.now());
	const kept = await webhookSecret(context, settings);
	if (!kept.secret)
		return {
			verified: false,
			kind: 'no-secret',
			reason:
				settings.setup === 'manual'
					? 'no Webhook Secret is set in the node: paste the secret Chatwoot shows for this webhook'
					: 'the webhook secret is unknown (not kept at activation, and Chatwoot did not list it): deactivate and activate the workflow',
		};
	const check = checkDelivery(kept.secret, raw, header, settings.maxAgeSeconds, Date.now());
	if (check.verified || check.kind !== 'mismatch' || kept.source !== 'static data') return check;
	const current = await webhookSecret(context, settings, true);
	if (!current.secret || current.secret === kept.secret) return check;
	const recheck = checkDelivery(current.secret, raw, header, settings.maxAgeSeconds, Date.now());
	// Static data is saved after this delivery: the next one, in any process, verifies at once.
	if (recheck.verified) staticDataOf(context).secret = current.secret;
	return recheck;
}

/** Logs every refusal, and loudly when no delivery has ever verified (chatwoot/chatwoot#13809). */
function noteRefusal(
	context: IWebhookFunctions,
	memory: NodeMemory,
	check: DeliveryCheck & { verified: false },
) {
	memory.failures++;
	// The first few, then every hundredth: a flood of forged requests must not flood the log.
	if (memory.failures > LOGGED_FAILURES && memory.failures % 100 !== 0) return;
	const node = context.getNode().name;
	const meta = { workflowId: context.getWorkflow().id };
	if (!memory.everVerified && memory.failures >= ALL_FAIL_THRESHOLD && check.kind === 'mismatch') {
		context.logger.error(
			`Chatwoot Trigger "${node}": all ${memory.failures} deliveries so far failed signature verification and none has ever verified. Chatwoot's signature does not match the secret it gave (a known Chatwoot problem for some setups, chatwoot/chatwoot#13809), or a proxy changes the body on the way. Check the secret (Webhook Secret, or re-activate the workflow); for a Chatwoot that cannot sign correctly, turn off Verify Signature.`,
			meta,
		);
		return;
	}
	context.logger.warn(
		`Chatwoot Trigger "${node}": refused a delivery (401, ${memory.failures} in a row): ${check.reason}`,
		meta,
	);
}

/** Whether this delivery id is new, was seen within the window (here or, via static data, elsewhere), or is in flight here. */
function claim(context: IWebhookFunctions, settings: TriggerSettings, id: string): DeliveryClaim {
	const memory = memoryOf(context);
	const windowMs = settings.duplicateWindowSeconds * 1000;
	if (windowMs <= 0) return 'new';
	if (!memory.deliveries || memory.deliveries.windowMs !== windowMs)
		memory.deliveries = { windowMs, log: new DeliveryLog(windowMs) };
	return claimDelivery(
		memory.deliveries.log,
		staticDataOf(context),
		id,
		context.getResponseObject(),
		Date.now(),
		KEPT_DELIVERY_IDS,
	);
}

function burstsOf(memory: NodeMemory, settings: TriggerSettings): BurstBuffer<IDataObject> {
	const key = String(settings.burstSeconds);
	if (!memory.bursts || memory.bursts.key !== key)
		memory.bursts = {
			key,
			buffer: new BurstBuffer<IDataObject>({
				quietMs: settings.burstSeconds * 1000,
				maxWaitMs: MAX_BURST_MS,
				maxEvents: MAX_BURST_EVENTS,
			}),
		};
	return memory.bursts.buffer;
}

const mergesInBursts = (settings: TriggerSettings, fields: FlatFields) =>
	settings.burstSeconds > 0 &&
	fields.event === 'message_created' &&
	fields.messageType === 'incoming' &&
	fields.conversationId !== undefined;

/**
 * One delivery from Chatwoot: verified on its raw bytes, de-duplicated by X-Chatwoot-Delivery,
 * filtered, and only then (or, for a burst, once the contact is quiet) an execution.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readSettings.call(this);
	const memory = memoryOf(this);
	if (settings.verifySignature) {
		const check = await verify(this, settings);
		if (!check.verified) {
			noteRefusal(this, memory, check);
			return answer(this, 401, { error: `Signature verification failed: ${check.reason}` });
		}
		memory.failures = 0;
		memory.everVerified = true;
	}

	const deliveryId = headerReader(this.getRequestObject().headers)(DELIVERY_HEADER);
	const seen = deliveryId ? claim(this, settings, deliveryId) : 'new';
	if (seen === 'duplicate')
		return answer(this, 200, { received: true, started: false, reason: 'duplicate delivery' });
	// Whether the first one starts is not known yet: a retry later finds out (never two executions).
	if (seen === 'in flight')
		return answer(this, 503, {
			received: false,
			reason:
				'a delivery with this X-Chatwoot-Delivery is still being handled: send it again later',
		});

	const payload = this.getBodyData();
	const fields = flatFields(payload);
	const needsOwnUser =
		settings.filter.ignoreOwnMessages &&
		fields.sender?.type === 'user' &&
		fields.messageId !== undefined;
	const decision = decide(fields, {
		...settings.filter,
		ownUserId: needsOwnUser ? await ownUser(this) : undefined,
	});
	if (!decision.start) {
		this.logger.debug(
			`Chatwoot Trigger "${this.getNode().name}": ignored ${fields.event}: ${decision.reason}`,
		);
		return answer(this, 200, { received: true, started: false, reason: decision.reason });
	}

	if (mergesInBursts(settings, fields)) {
		const joined = burstsOf(memory, settings).add(
			`${fields.accountId ?? ''}:${fields.conversationId ?? ''}`,
			payload,
		);
		// Chatwoot gives up after 5 s: every delivery of a burst is answered now.
		answer(this, 200, { received: true, merged: true });
		if (joined.role === 'joined') return { noWebhookResponse: true };
		const events = await joined.events;
		// n8n saves this request's static data, read when the burst opened, once it returns.
		if (memory.deliveries)
			staticDataOf(this).deliveries = memory.deliveries.log.entries(Date.now(), KEPT_DELIVERY_IDS);
		return await started(this, settings, mergedJson(events), true);
	}
	return await started(this, settings, outputJson(fields, payload), false);
}

/** The execution's item; attachments downloaded after Chatwoot has its answer (downloads take time). */
async function started(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	json: IDataObject,
	answered: boolean,
): Promise<IWebhookResponseData> {
	const attachments = (json.attachments ?? []) as unknown as AttachmentRef[];
	if (!settings.downloadAttachments || attachments.length === 0)
		return answered
			? { noWebhookResponse: true, workflowData: [[asItem(json)]] }
			: { workflowData: [[asItem(json)]] };
	if (!answered) answer(context, 200, { received: true });
	const { binary, notes } = await downloadAttachments(
		context,
		attachments,
		settings.binaryPrefix,
		settings.verifySignature,
	);
	const item = asItem(notes.length > 0 ? { ...json, attachmentDownloadErrors: notes } : json);
	if (Object.keys(binary).length > 0) item.binary = binary;
	return { noWebhookResponse: true, workflowData: [[item]] };
}
