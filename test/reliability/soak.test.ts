/**
 * Soak: 2,000 sends against a sandbox that answers 5 % 429s, 1 % 500s and 1 % connection resets.
 * Every item must end delivered exactly once (per the sandbox's delivery log) or as a reported
 * error item; nothing is delivered twice and nothing is unaccounted for.
 */
import { runChatwoot, sendParameters } from '../helpers/run';
import { realHttp } from '../helpers/realHttp';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

const ITEMS = 2000;
// Open and resolved conversations of the sandbox's API inbox: Chatwoot accepts messages in both.
const CONVERSATIONS = [1, 3, 4, 5, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 21, 22, 23, 24, 26, 27];

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		faults: {
			seed: 20261122,
			retryAfterSeconds: 0,
			rates: { status429: 0.05, status500: 0.01, resetBeforeRead: 0.005, resetAfterWrite: 0.005 },
		},
	});
});
afterAll(async () => await sandbox.close());

it('delivers every item exactly once or reports it, under 429s, 500s and resets', async () => {
	const run = await runChatwoot({
		items: Array.from({ length: ITEMS }, (_, index) => ({ json: { index } })),
		continueOnFail: true,
		credentials: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 },
		http: realHttp,
		parameters: (itemIndex) =>
			sendParameters({
				conversationId: {
					__rl: true,
					mode: 'id',
					value: String(CONVERSATIONS[itemIndex % CONVERSATIONS.length]),
				},
				content: `soak message ${itemIndex}`,
				options: { echoId: `soak-${itemIndex}`, retryAttempts: 5, retryBackoffMs: 0 },
			}),
	});
	expect(run.error).toBeUndefined();
	const output = run.output ?? [];
	expect(output).toHaveLength(ITEMS);

	const deliveriesByEcho = new Map<string, Array<{ message_id: number }>>();
	for (const delivery of sandbox.state.deliveries as Array<{
		echo_id: string;
		message_id: number;
	}>) {
		const list = deliveriesByEcho.get(delivery.echo_id) ?? [];
		list.push(delivery);
		deliveriesByEcho.set(delivery.echo_id, list);
	}

	const counts = {
		delivered: 0,
		errorNotDelivered: 0,
		errorMaybeDelivered: 0,
		duplicates: 0,
		unaccounted: 0,
	};
	output.forEach((item, position) => {
		expect(item.pairedItem).toEqual({ item: position });
		const deliveries = deliveriesByEcho.get(`soak-${position}`) ?? [];
		if (deliveries.length > 1) counts.duplicates++;
		if (item.json.error === undefined) {
			if (deliveries.length === 1 && deliveries[0].message_id === item.json.id) counts.delivered++;
			else counts.unaccounted++;
		} else if (deliveries.length === 0) {
			counts.errorNotDelivered++;
		} else {
			counts.errorMaybeDelivered++;
			// The only way to be delivered and reported as an error: the connection broke after sending,
			// and the look for the message in the conversation failed too (or was not made).
			expect(item.json.error).toMatch(
				/failed after the request was sent .*(it may have been carried out|The message may have been sent: check conversation \d+ before running this item again)$/,
			);
		}
	});

	const faults = sandbox.requests.reduce<Record<string, number>>((tally, request) => {
		const key = (request as { fault?: string }).fault ?? String(request.status);
		tally[key] = (tally[key] ?? 0) + 1;
		return tally;
	}, {});
	// eslint-disable-next-line no-console
	console.log(
		`soak: ${ITEMS} items, ${sandbox.requests.length} requests ${JSON.stringify(faults)} → ${JSON.stringify(counts)}`,
	);

	expect(counts.duplicates).toBe(0);
	expect(counts.unaccounted).toBe(0);
	expect(counts.delivered + counts.errorNotDelivered + counts.errorMaybeDelivered).toBe(ITEMS);
	// The faults really happened, and 429s were retried rather than reported.
	expect(faults.status429).toBeGreaterThan(50);
	expect(counts.errorNotDelivered + counts.errorMaybeDelivered).toBeLessThan(ITEMS * 0.05);
	expect(sandbox.violations).toEqual([]);
}, 120_000);
