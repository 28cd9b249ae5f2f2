import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import {
	createWebhook,
	deleteWebhook,
	listWebhooks,
	type KapsoWebhook,
} from '../../../KapsoTrigger/transport/webhooks';
import type { KapsoConnection, KapsoContext } from '../../transport';

/**
 * A Kapso webhook has no name: ours carry their facts in the headers Kapso adds to each delivery.
 * The marker says whose webhook it is (and which execution), the deadline lets a later run remove
 * it once the wait is over should its watcher have died, and the re-ask mark says the customer was
 * asked again (at most once).
 */
export const WAIT_HEADER = 'X-N8n-Send-And-Wait';
export const UNTIL_HEADER = 'X-N8n-Wait-Until';
export const RE_ASKED_HEADER = 'X-N8n-Re-Asked';
/** A webhook is removed this long after its deadline (the clocks of several n8n mains may differ a little). */
export const SWEEP_GRACE_MS = 30_000;

const headersOf = (webhook: KapsoWebhook): IDataObject =>
	webhook.headers !== null && typeof webhook.headers === 'object' && !Array.isArray(webhook.headers)
		? (webhook.headers as IDataObject)
		: {};

/** The header's value, whatever letter case Kapso gives its name back in. */
export function headerOf(webhook: KapsoWebhook, name: string): string | undefined {
	const headers = headersOf(webhook);
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : headers[key];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The deadline of one of our webhooks; undefined for any other webhook. */
export function deadlineOf(webhook: KapsoWebhook): number | undefined {
	if (headerOf(webhook, WAIT_HEADER) === undefined) return undefined;
	const time = Date.parse(headerOf(webhook, UNTIL_HEADER) ?? '');
	return Number.isFinite(time) ? time : undefined;
}

/** The request body that registers the reply webhook, as sent. */
export function replyWebhookBody(
	resumeUrl: string,
	executionId: string,
	until: Date,
	secret: string,
): IDataObject {
	return {
		whatsapp_webhook: {
			url: resumeUrl,
			events: ['whatsapp.message.received'],
			kind: 'kapso',
			payload_version: 'v2',
			active: true,
			secret_key: secret,
			// One reply resumes: a buffered batch would only delay it.
			buffer_enabled: false,
			headers: { [WAIT_HEADER]: `execution ${executionId}`, [UNTIL_HEADER]: until.toISOString() },
		},
	};
}

/**
 * Deletes our webhooks of this number whose wait is over: the fallback for waits whose watcher
 * died with its process (an n8n restart, a killed worker) before the execution ended. Runs before
 * each new wait and after resumes (see sweepAfterResume). Only the deadline decides: a webhook of
 * a wait still running is never touched.
 */
export async function sweepEndedWaits(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	nowMs: number,
): Promise<string[]> {
	const ended = (await listWebhooks.call(this, connection, phoneNumberId)).filter((webhook) => {
		const deadline = deadlineOf(webhook);
		return deadline !== undefined && deadline + SWEEP_GRACE_MS < nowMs;
	});
	for (const webhook of ended) await deleteWebhook.call(this, connection, webhook.id);
	return ended.map((webhook) => webhook.id);
}

/** A resume sweeps its number at most this often per process: each sweep costs a list request. */
export const RESUME_SWEEP_EVERY_MS = 600_000;
const lastResumeSweep = new Map<string, number>();

/** The sweep after a resume, rate-limited per number; nothing when the last one is recent. */
export async function sweepAfterResume(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	nowMs: number,
): Promise<string[]> {
	const last = lastResumeSweep.get(phoneNumberId);
	if (last !== undefined && nowMs - last < RESUME_SWEEP_EVERY_MS) return [];
	lastResumeSweep.set(phoneNumberId, nowMs);
	return await sweepEndedWaits.call(this, connection, phoneNumberId, nowMs);
}

/**
 * Registers the webhook that brings the number's received messages to the resume URL, with a
 * fresh secret. The secret is not kept here: Kapso returns it when the webhook is read.
 */
export async function registerReplyWebhook(
	this: KapsoContext,
	connection: KapsoConnection,
	phoneNumberId: string,
	resumeUrl: string,
	executionId: string,
	until: Date,
): Promise<KapsoWebhook | undefined> {
	const secret = randomBytes(32).toString('hex');
	return await createWebhook.call(
		this,
		connection,
		phoneNumberId,
		replyWebhookBody(resumeUrl, executionId, until, secret),
	);
}
