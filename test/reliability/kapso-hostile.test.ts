/**
 * The Kapso WhatsApp node against servers that misbehave on purpose, through n8n's own request
 * helper (its redirect handling, timeouts and JSON parsing): the key goes
 * to no other host, never shows in an error, and a send that may have gone out is not repeated.
 */
import { NodeApiError } from 'n8n-workflow';

import { KAPSO_KEY, kapsoSend, runKapso } from '../helpers/kapso';
import {
	bigBody,
	echoHeaders,
	redirect,
	reply,
	resetAfterRequest,
	silence,
	startHostile,
	type HostileServer,
} from '../helpers/hostile';
import { n8nHttp } from '../helpers/realHttp';

let kapso: HostileServer;
let elsewhere: HostileServer;

jest.setTimeout(30_000);

beforeEach(async () => {
	kapso = await startHostile();
	elsewhere = await startHostile({ '*': reply(200, { messages: [{ id: 'wamid.STOLEN' }] }) });
});
afterEach(async () => {
	await kapso.close();
	await elsewhere.close();
});

const MESSAGES = '/meta/whatsapp/v24.0/100000000000001/messages';

async function sendTo(options: Record<string, unknown> = {}) {
	return await runKapso({
		parameters: kapsoSend({ options: { retryBackoffMs: 0, ...options } }),
		credentials: { baseUrl: kapso.origin, legacyBaseUrl: `${kapso.origin}/api/v1` },
		http: n8nHttp,
	});
}

describe('Kapso WhatsApp against hostile servers', () => {
	it.each([301, 302, 307, 308] as const)(
		'does not follow a %s to another host: the key and the message stay put',
		async (status) => {
			kapso.on(MESSAGES, redirect(status, `${elsewhere.origin}/steal`));
			const run = await sendTo();
			expect(run.error).toBeInstanceOf(NodeApiError);
			expect((run.error as Error).message).toBe(
				`Kapso answered ${status} → ${elsewhere.origin}/steal: redirects are not followed`,
			);
			expect(elsewhere.requests).toHaveLength(0);
			expect(kapso.requests).toHaveLength(1);
			expect(kapso.requests[0].headers['x-api-key']).toBe(KAPSO_KEY);
		},
	);

	it('scrubs the key from a proxy that echoes the request headers (JSON and text)', async () => {
		kapso.on(MESSAGES, echoHeaders(400, { asJson: true }));
		let run = await sendTo();
		expect((run.error as Error).message).toContain('x-api-key: [redacted]');
		kapso.on(MESSAGES, echoHeaders(403));
		run = await sendTo();
		expect(run.error).toBeInstanceOf(NodeApiError);
		// runKapso fails the test if the key is anywhere in the error, the output or the logs
	});

	it('refuses an HTML page answered with 200, and says the send may have gone out', async () => {
		kapso.on(MESSAGES, reply(200, '<html><body>Welcome to the hotel Wi-Fi</body></html>'));
		const run = await sendTo();
		expect((run.error as Error).message).toBe(
			'The server did not answer like Kapso (HTTP 200 with an HTML page)',
		);
		expect(kapso.requests).toHaveLength(1);
	});

	it('gives up on silence after the timeout, and does not send again', async () => {
		kapso.on(MESSAGES, silence());
		const run = await sendTo({ requestTimeoutMs: 1000 });
		expect((run.error as Error).message).toBe(
			`The request to Kapso at ${kapso.origin} got no answer within 1 s: it may have been carried out`,
		);
		expect(kapso.requests).toHaveLength(1);
	});

	it('does not send again after the connection dropped with the request delivered', async () => {
		kapso.on(MESSAGES, resetAfterRequest());
		const run = await sendTo();
		expect((run.error as Error).message).toMatch(
			/failed after it was sent .*: it may have been carried out$/,
		);
		expect(kapso.requests).toHaveLength(1);
	});

	it('cuts a huge error text short', async () => {
		kapso.on(MESSAGES, bigBody(422, 200_000, { asJson: true }));
		const run = await sendTo();
		const { message } = run.error as Error;
		expect(message.length).toBeLessThan(1000);
		expect(message).toContain('more characters)');
	});
});
