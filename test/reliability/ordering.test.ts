/**
 * Messages to one conversation must arrive in item order even when items for different
 * conversations are sent in parallel and the server answers with random latency.
 */
import { runChatwoot, sendParameters } from '../helpers/run';
import { realHttp } from '../helpers/realHttp';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

const CONVERSATIONS = [1, 3, 4, 5, 9, 11, 12, 13, 14, 16];
const ITEMS = 300;

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ faults: { seed: 7, latencyMs: 1, jitterMs: 15 } });
});
afterAll(async () => await sandbox.close());

it('keeps each conversation’s messages in item order under latency jitter, output in input order', async () => {
	// Items for a conversation are spread unevenly through the input, as a real workflow would.
	const conversationOf = (index: number) =>
		CONVERSATIONS[(index * 7 + Math.floor(index / 13)) % CONVERSATIONS.length];
	const run = await runChatwoot({
		items: Array.from({ length: ITEMS }, (_, index) => ({ json: { index } })),
		credentials: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 },
		http: realHttp,
		parameters: (index) =>
			sendParameters({
				conversationId: { mode: 'id', value: String(conversationOf(index)) },
				content: `item ${index}`,
				options: { echoId: String(index), parallelConversations: 8 },
			}),
	});
	expect(run.error).toBeUndefined();
	expect(run.output?.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: ITEMS }, (_, item) => ({ item })),
	);
	expect(run.output?.map((item) => item.json.content)).toEqual(
		Array.from({ length: ITEMS }, (_, index) => `item ${index}`),
	);

	const arrivals = sandbox.state.deliveries as Array<{ conversation_id: number; echo_id: string }>;
	expect(arrivals).toHaveLength(ITEMS);
	for (const conversation of CONVERSATIONS) {
		const order = arrivals
			.filter((delivery) => delivery.conversation_id === conversation)
			.map((delivery) => Number(delivery.echo_id));
		expect(order.length).toBeGreaterThan(0);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	}
	// Parallelism really happened: arrivals as a whole are not in item order.
	const all = arrivals.map((delivery) => Number(delivery.echo_id));
	expect(all).not.toEqual([...all].sort((a, b) => a - b));
});
