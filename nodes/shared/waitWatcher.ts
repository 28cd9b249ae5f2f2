import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookResponseData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { PROBE_PATH } from './resumeWebhooks';

/**
 * The wait watcher of Send and Wait for Reply (Chatwoot's and Kapso's alike). n8n runs no node
 * code when a wait times out (it resumes the execution with the waiting node disabled) nor when
 * a waiting execution is cancelled, so the service webhook at the resume URL would stay behind.
 * After `putExecutionToWait` the operation starts a watcher in the process that ran it: it asks
 * n8n now and then whether the execution still waits (a probe to the resume URL, which the node's
 * resume webhook answers without resuming) and deletes the webhook once n8n says the execution no
 * longer waits, or at the wait's deadline. It lives as long as that process (holding the node's
 * context, its credential included, in memory while the wait lasts); the sweep of ended waits is
 * the fallback (see README, Send and Wait for Reply).
 */

/** The probe's body: the webhook the watcher guards, so a later wait of the same execution is told apart. */
export const PROBE_FIELD = 'n8nSendAndWaitProbe';
/** n8n's time limit comes this much after the wait's: at a timeout the watcher deletes the webhook first. */
export const TIMEOUT_LEAD_MS = 5_000;
/**
 * How often n8n is asked: every 5 s at first, so a cancelled execution loses its webhook within
 * seconds; then a tenth of the time waited so far (a wait of an hour is asked every 6 minutes at
 * most, a cancel noticed within 10 % of its age), never less often than every 5 minutes. A probe
 * makes n8n read the execution from its database: a thousand day-long waits cost about three
 * probes a second.
 */
export const MIN_PROBE_INTERVAL_MS = 5_000;
export const MAX_PROBE_INTERVAL_MS = 300_000;
const PROBE_TIMEOUT_MS = 10_000;
/** Deleting the webhook is tried this often (the transport retries each try itself), a minute apart. */
const DELETE_TRIES = 3;
const DELETE_RETRY_MS = 60_000;

export function probeIntervalMs(waitedMs: number): number {
	return Math.min(
		MAX_PROBE_INTERVAL_MS,
		Math.max(MIN_PROBE_INTERVAL_MS, Math.round(waitedMs / 10)),
	);
}

/** What the watcher needs of one wait. */
export interface WaitWatch {
	executionId: string;
	/** `$execution.resumeUrl`: its token is n8n's, sent to n8n only and never logged. */
	resumeUrl: string;
	/** The service webhook the wait registered (as the wait's state records it). */
	webhookId: string;
	/** The wait's deadline as the user set it. */
	until: Date;
	/** The node's credential: the probe goes through it, and it adds its secret to its own origin only. */
	credentialType: string;
	authentication?: IAdditionalCredentialOptions;
	/** Deletes the service webhook; one that is gone already counts as deleted. */
	deleteWebhook: () => Promise<unknown>;
}

export interface WatchClock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

const realClock: WatchClock = { now: () => Date.now(), sleep };

export type WatchContext = Pick<IExecuteFunctions, 'helpers'>;

/** What the probe learnt: the execution waits here, no longer waits, or nothing certain. */
export type ProbeVerdict = 'waiting' | 'ended' | 'unknown';

/** How a watch ended: why the webhook was deleted, and whether the delete went through. */
export interface WatchEnd {
	reason: 'ended' | 'deadline';
	deleted: boolean;
}

/** The probe: a POST to the probe path under the resume URL (its query, with n8n's token, kept). */
export function probeRequest(
	watch: Pick<WaitWatch, 'resumeUrl' | 'webhookId'>,
): IHttpRequestOptions {
	const url = new URL(watch.resumeUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${PROBE_PATH}`;
	return {
		method: 'POST',
		url: url.toString(),
		body: { [PROBE_FIELD]: watch.webhookId },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: PROBE_TIMEOUT_MS,
	};
}

const asObject = (value: unknown): IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: {};

/**
 * Reads n8n's answer. 200 from our resume webhook says whether this wait still waits. n8n itself
 * answers 404 (the execution is gone, or waits at a node without a probe webhook) and 409 (it
 * finished, failed or was cancelled; "running" while it is being saved or resumed, which settles
 * nothing). Only an answer that names the execution counts: a proxy's 404 or a 401, 5xx, HTML or
 * network failure changes nothing.
 */
export function probeVerdict(response: IN8nHttpFullResponse, executionId: string): ProbeVerdict {
	const body = asObject(response.body);
	if (response.statusCode === 200 && typeof body.waiting === 'boolean' && body.probe === true)
		return body.waiting ? 'waiting' : 'ended';
	if (response.statusCode !== 404 && response.statusCode !== 409) return 'unknown';
	const message = typeof body.message === 'string' ? body.message : '';
	// n8n writes `execution "12"` and, once, `execution "12 has finished already.`
	const named = new RegExp(`execution "${executionId.replace(/\W/g, '\\$&')}[" ]`).test(message);
	if (!named || /is running/.test(message)) return 'unknown';
	return 'ended';
}

/** One probe; never throws. */
export async function probeWait(context: WatchContext, watch: WaitWatch): Promise<ProbeVerdict> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context as IExecuteFunctions,
			watch.credentialType,
			probeRequest(watch),
			watch.authentication,
		)) as IN8nHttpFullResponse;
		return probeVerdict(response, watch.executionId);
	} catch {
		return 'unknown';
	}
}

/** The body of a probe, if this request is one: the webhook id it asks about. */
export function probedWebhookId(body: unknown): string | undefined {
	const value = asObject(body)[PROBE_FIELD];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * The resume webhook's answer to a probe, or undefined for any other request. Answered at once,
 * without asking the service: the execution is waiting (n8n runs the resume webhook only then),
 * and it waits for this webhook's reply if its state names it.
 */
export function answerProbe(
	body: unknown,
	waitingFor: string | number | undefined,
): IWebhookResponseData | undefined {
	const asked = probedWebhookId(body);
	if (asked === undefined) return undefined;
	const waiting = waitingFor !== undefined && String(waitingFor) === asked;
	return { webhookResponse: { probe: true, waiting, resumed: false } };
}

async function deleteWithRetries(watch: WaitWatch, clock: WatchClock): Promise<boolean> {
	for (let attempt = 1; ; attempt++) {
		try {
			await watch.deleteWebhook();
			return true;
		} catch {
			// The service is down: try again later; the sweep of ended waits is the last resort.
			if (attempt >= DELETE_TRIES) return false;
			await clock.sleep(DELETE_RETRY_MS);
		}
	}
}

/**
 * Watches one wait until n8n says it no longer waits or its deadline comes, then deletes the
 * webhook. Resolves how it ended; never rejects.
 */
export async function watchWait(
	context: WatchContext,
	watch: WaitWatch,
	clock: WatchClock = realClock,
): Promise<WatchEnd> {
	const deadline = watch.until.getTime();
	const started = clock.now();
	try {
		for (;;) {
			const now = clock.now();
			if (now >= deadline) break;
			await clock.sleep(Math.min(probeIntervalMs(now - started), deadline - now));
			if (clock.now() >= deadline) break;
			if ((await probeWait(context, watch)) === 'ended')
				return { reason: 'ended', deleted: await deleteWithRetries(watch, clock) };
		}
		return { reason: 'deadline', deleted: await deleteWithRetries(watch, clock) };
	} catch {
		// Nothing above throws by design; should anything, the sweep of ended waits remains.
		return { reason: 'deadline', deleted: false };
	}
}

/**
 * Starts the watcher and returns at once (it is not awaited: the execution is waiting). n8n's
 * commands end with `process.exit`, so a pending probe never keeps one alive.
 */
export function startWaitWatcher(context: WatchContext, watch: WaitWatch): void {
	void watchWait(context, watch).catch(() => undefined);
}
