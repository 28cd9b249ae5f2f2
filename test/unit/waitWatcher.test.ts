import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { KapsoApi } from '../../credentials/KapsoApi.credentials';
import {
	MAX_PROBE_INTERVAL_MS,
	MIN_PROBE_INTERVAL_MS,
	PROBE_FIELD,
	answerProbe,
	probeIntervalMs,
	probeVerdict,
	watchWait,
	type WaitWatch,
	type WatchClock,
} from '../../nodes/shared/waitWatcher';
import { createContext, json, TEST_TOKEN, type HttpHandler } from '../helpers/context';
import { KAPSO_CREDENTIALS, KAPSO_KEY } from '../helpers/kapso';

const RESUME_URL = 'https://n8n.example.com/webhook-waiting/77?signature=resume-token';
const PROBE_URL =
	'https://n8n.example.com/webhook-waiting/77/send-and-wait-probe?signature=resume-token';
const START = Date.parse('2026-12-02T00:00:00.000Z');

/** A clock that moves only when the watcher sleeps; records every sleep. */
function fakeClock(start = START) {
	let now = start;
	const sleeps: number[] = [];
	const clock: WatchClock = {
		now: () => now,
		sleep: async (ms) => {
			sleeps.push(ms);
			now += ms;
		},
	};
	return { clock, sleeps, at: () => now };
}

const stillWaiting = () => json({ probe: true, waiting: true, resumed: false });
const n8nError = (statusCode: number, message: string) => () =>
	json({ code: statusCode, message }, statusCode);

/** n8n answering the probes in turn (the last answer repeats); counts the deletes of the webhook. */
function watchOf(answers: HttpHandler[], extra: Partial<WaitWatch> = {}, untilMs = 3_600_000) {
	let probes = 0;
	const deleted: string[] = [];
	const http: HttpHandler = (request) => answers[Math.min(probes++, answers.length - 1)](request);
	const harness = createContext({ parameters: {}, http });
	const watch: WaitWatch = {
		executionId: '77',
		resumeUrl: RESUME_URL,
		webhookId: '31',
		until: new Date(START + untilMs),
		credentialType: 'chatwootAccessTokenApi',
		deleteWebhook: async () => void deleted.push('31'),
		...extra,
	};
	return { harness, watch, deleted, probes: () => probes };
}

describe('the probe', () => {
	it('POSTs the webhook id to the probe path under the resume URL, with no credential header', async () => {
		const { harness, watch } = watchOf([n8nError(404, 'The execution "77" does not exist.')]);
		const { clock } = fakeClock();
		await watchWait(harness.context, watch, clock);
		expect(harness.requests).toHaveLength(1);
		const [probe] = harness.requests;
		expect(probe).toMatchObject({
			method: 'POST',
			url: PROBE_URL,
			body: { [PROBE_FIELD]: '31' },
			headers: {},
		});
		expect(probe.options).toMatchObject({
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		});
		expect(JSON.stringify(probe)).not.toContain(TEST_TOKEN);
	});

	it('carries no Kapso key either: the credential adds it to its own origin only', async () => {
		const { watch } = watchOf([]);
		const harness = createContext({
			parameters: {},
			defaultCredentials: KAPSO_CREDENTIALS,
			authenticate: async (data, options) =>
				await new KapsoApi().authenticate(data as never, options as IHttpRequestOptions),
			http: n8nError(409, 'The execution "77" has finished with error.'),
		});
		await watchWait(harness.context, { ...watch, credentialType: 'kapsoApi' }, fakeClock().clock);
		expect(harness.requests.map((r) => [r.url, r.headers])).toEqual([[PROBE_URL, {}]]);
		expect(JSON.stringify(harness.requests)).not.toContain(KAPSO_KEY);
	});
});

describe('what the watcher does with n8n’s answers', () => {
	it('keeps waiting while the wait answers, then deletes the webhook at the deadline and stops', async () => {
		const { harness, watch, deleted } = watchOf([stillWaiting], {}, 60_000);
		const { clock, at } = fakeClock();
		expect(await watchWait(harness.context, watch, clock)).toEqual({
			reason: 'deadline',
			deleted: true,
		});
		expect(deleted).toEqual(['31']);
		expect(at()).toBe(START + 60_000);
		// every 5 s in the first minute: 11 probes, none at the deadline itself
		expect(harness.requests).toHaveLength(11);
	});

	it.each([
		['the execution is gone (404)', n8nError(404, 'The execution "77" does not exist.')],
		[
			'it waits at a node without a probe webhook (404)',
			n8nError(
				404,
				'The workflow for execution "77" does not contain a waiting webhook with a matching path/method.',
			),
		],
		['it was cancelled (409)', n8nError(409, 'The execution "77" has finished with error.')],
		['it finished (409)', n8nError(409, 'The execution "77 has finished already.')],
		['another wait of ours holds it', () => json({ probe: true, waiting: false, resumed: false })],
	])('%s: deletes the webhook once and stops', async (_name, answer) => {
		const { harness, watch, deleted } = watchOf([stillWaiting, stillWaiting, answer]);
		const { clock, at } = fakeClock();
		expect(await watchWait(harness.context, watch, clock)).toEqual({
			reason: 'ended',
			deleted: true,
		});
		expect(deleted).toEqual(['31']);
		expect(harness.requests).toHaveLength(3);
		expect(at()).toBe(START + 15_000);
	});

	it.each([
		[
			'running (saved as waiting in a moment, or resuming)',
			n8nError(409, 'The execution "77" is running already.'),
		],
		['another execution', n8nError(404, 'The execution "771" does not exist.')],
		['a proxy’s 404', () => json('<html>Not Found</html>', 404)],
		['401', () => json({ error: 'Invalid token' }, 401)],
		['a redirect (not followed)', () => json('', 307, { location: 'https://elsewhere.example/' })],
		['502', () => json('Bad Gateway', 502)],
		['an HTML page with 200', () => json('<html>ok</html>')],
		[
			'a network error',
			() => {
				throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
			},
		],
	])('%s changes nothing: the webhook stays until the deadline', async (_name, answer) => {
		const { harness, watch, deleted } = watchOf([answer], {}, 30_000);
		const { clock, at } = fakeClock();
		expect(await watchWait(harness.context, watch, clock)).toEqual({
			reason: 'deadline',
			deleted: true,
		});
		expect(deleted).toEqual(['31']);
		expect(at()).toBe(START + 30_000);
		expect(harness.requests).toHaveLength(5);
	});

	it('a delete that fails is tried three times a minute apart, then left to the sweep', async () => {
		const failing = jest.fn(async () => {
			throw new Error('Service Unavailable');
		});
		const { harness, watch } = watchOf([n8nError(404, 'The execution "77" does not exist.')], {
			deleteWebhook: failing,
		});
		const { clock, sleeps } = fakeClock();
		expect(await watchWait(harness.context, watch, clock)).toEqual({
			reason: 'ended',
			deleted: false,
		});
		expect(failing).toHaveBeenCalledTimes(3);
		expect(sleeps.slice(1)).toEqual([60_000, 60_000]);
	});

	it('never rejects, whatever fails', async () => {
		const { harness, watch } = watchOf([stillWaiting]);
		const clock: WatchClock = {
			now: () => START,
			sleep: async () => {
				throw new Error('clock broke');
			},
		};
		await expect(watchWait(harness.context, watch, clock)).resolves.toEqual({
			reason: 'deadline',
			deleted: false,
		});
	});

	it('several watchers are independent: each deletes its own webhook when its wait ends', async () => {
		const ends: string[] = [];
		const run = (id: string, answers: HttpHandler[], untilMs: number) => {
			const { harness, watch } = watchOf(
				answers,
				{
					executionId: id,
					resumeUrl: `https://n8n.example.com/webhook-waiting/${id}?signature=t${id}`,
					webhookId: `w${id}`,
					deleteWebhook: async () => void ends.push(`w${id}`),
				},
				untilMs,
			);
			return watchWait(harness.context, watch, fakeClock().clock).then((end) => ({
				end,
				probed: harness.requests.map((r) => [r.url, r.body]),
			}));
		};
		const [a, b, c] = await Promise.all([
			run(
				'5',
				[stillWaiting, n8nError(409, 'The execution "5" has finished with error.')],
				3_600_000,
			),
			run('6', [stillWaiting], 20_000),
			run('7', [n8nError(404, 'The execution "5" does not exist.')], 10_000),
		]);
		expect(a.end.reason).toBe('ended');
		expect(a.probed).toHaveLength(2);
		expect(a.probed[0]).toEqual([
			'https://n8n.example.com/webhook-waiting/5/send-and-wait-probe?signature=t5',
			{ [PROBE_FIELD]: 'w5' },
		]);
		expect(b.end.reason).toBe('deadline');
		expect(c.end.reason).toBe('deadline');
		expect(ends.sort()).toEqual(['w5', 'w6', 'w7']);
	});
});

describe('the probe interval', () => {
	it('is 5 s for the first minute, a tenth of the time waited after, 5 minutes at most', () => {
		expect(probeIntervalMs(0)).toBe(MIN_PROBE_INTERVAL_MS);
		expect(probeIntervalMs(50_000)).toBe(5_000);
		expect(probeIntervalMs(600_000)).toBe(60_000);
		expect(probeIntervalMs(86_400_000)).toBe(MAX_PROBE_INTERVAL_MS);
	});

	it('a day-long wait is probed 330 times (every 5 s would be 17,279)', async () => {
		const { harness, watch } = watchOf([stillWaiting], {}, 86_400_000);
		await watchWait(harness.context, watch, fakeClock().clock);
		expect(harness.requests).toHaveLength(330);
	});
});

describe('reading answers', () => {
	it('trusts only our own 200 answer or n8n’s verdict about this execution', () => {
		const verdict = (body: unknown, statusCode = 200) =>
			probeVerdict({ body: body as IDataObject, statusCode, headers: {} }, '77');
		expect(verdict({ probe: true, waiting: true })).toBe('waiting');
		expect(verdict({ probe: true, waiting: false })).toBe('ended');
		expect(verdict({ waiting: false })).toBe('unknown');
		expect(verdict({ message: 'Webhook call received' })).toBe('unknown');
		expect(verdict({ message: 'The execution "77" does not exist.' }, 404)).toBe('ended');
		expect(verdict({ message: 'The execution "7" does not exist.' }, 404)).toBe('unknown');
		expect(verdict({ message: 'The execution "77" is running already.' }, 409)).toBe('unknown');
		expect(verdict({ message: 'The execution "77" does not exist.' }, 500)).toBe('unknown');
	});

	it('the resume webhook answers a probe for its own webhook, and only a probe', () => {
		expect(answerProbe({ [PROBE_FIELD]: '31' }, 31)).toEqual({
			webhookResponse: { probe: true, waiting: true, resumed: false },
		});
		expect(answerProbe({ [PROBE_FIELD]: '31' }, 'wh-9')).toEqual({
			webhookResponse: { probe: true, waiting: false, resumed: false },
		});
		expect(answerProbe({ [PROBE_FIELD]: '31' }, undefined)).toEqual({
			webhookResponse: { probe: true, waiting: false, resumed: false },
		});
		expect(answerProbe({ event: 'message_created' }, 31)).toBeUndefined();
		expect(answerProbe(undefined, 31)).toBeUndefined();
	});
});
