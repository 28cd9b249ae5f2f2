/**
 * A send whose answer is lost, against the Chatwoot sandbox over n8n's own request helper: the
 * message is stored, then Chatwoot answers 500 (or the connection drops). The node must not send
 * it a second time, and must say what happened.
 */
import { NodeApiError } from 'n8n-workflow';

import { n8nHttp } from '../helpers/realHttp';
import { runChatwoot, sendParameters } from '../helpers/run';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const content = 'Your order has shipped';

async function send() {
	return await runChatwoot({
		parameters: sendParameters({
			conversationId: { __rl: true, mode: 'id', value: '1' },
			content,
		}),
		credentials: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 },
		http: n8nHttp,
	});
}

/** The messages with this content stored in the sandbox. */
const stored = () =>
	[...(sandbox.state.messages as Map<number, { content?: string }>).values()].filter(
		(message) => message.content === content,
	);

describe('a send whose answer is lost', () => {
	it('stored, then answered 500: reported as sent with its id, not sent again', async () => {
		sandbox.setFaults({ rates: { storeThen500: 1 } });
		const run = await send();
		expect(run.error).toBeUndefined();
		expect(stored()).toHaveLength(1);
		expect(run.output?.[0].json).toMatchObject({ content, conversation_id: 1 });
		expect(run.output?.[0].json.id).toBe((stored()[0] as { id?: number }).id);
		expect(sandbox.requests.map((request) => `${request.method} ${request.status}`)).toEqual([
			'POST 200',
			'GET 200',
		]);
		expect(sandbox.violations).toEqual([]);
	});

	it('stored, then the connection drops (and the look fails too): "may have been sent", once', async () => {
		sandbox.setFaults({ rates: { resetAfterWrite: 1 } });
		const run = await send();
		expect(stored()).toHaveLength(1);
		expect((run.error as NodeApiError).message).toMatch(
			/\. The message may have been sent: check conversation 1 before running this item again$/,
		);
		expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});
});
