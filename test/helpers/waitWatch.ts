import * as waitWatcher from '../../nodes/shared/waitWatcher';
import type { SentRequest } from './context';

/** Keeps the watchers execute() starts from running (a test runs one itself, on a fake clock). */
export const holdWatchers = () =>
	jest.spyOn(waitWatcher, 'startWaitWatcher').mockImplementation(() => undefined);

/**
 * Runs the one watcher execute() started, on a clock that moves only when it sleeps; returns its
 * watch, how it ended and the requests it sent.
 */
export async function runHeldWatcher(
	watchers: ReturnType<typeof holdWatchers>,
	requests: SentRequest[],
	nowMs: number,
) {
	expect(watchers).toHaveBeenCalledTimes(1);
	const [context, watch] = watchers.mock.calls[0];
	let now = nowMs;
	const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
	const before = requests.length;
	const end = await waitWatcher.watchWait(context, watch, clock);
	return { context, watch, end, sent: requests.slice(before) };
}

/** The probe of execution 77's watcher as n8n receives it: no credential header, no secret. */
export function expectProbe(request: SentRequest, webhookId: string, secret: string): void {
	expect(request).toMatchObject({
		method: 'POST',
		url: 'https://n8n.example.com/webhook-waiting/77/send-and-wait-probe?signature=resume-token',
		body: { [waitWatcher.PROBE_FIELD]: webhookId },
		headers: {},
	});
	expect(JSON.stringify(request)).not.toContain(secret);
}
