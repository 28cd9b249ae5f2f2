import type { INodeExecutionData } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { createContext, DEFAULT_CREDENTIALS, type ContextOptions } from './context';
import { realHttp } from './realHttp';
import { findSecret } from './secrets';

/**
 * Runs the Chatwoot node's execute() over a fake context; returns its single output and the
 * requests sent. Every run is also a leak check: the access token must not appear in the error,
 * the output or anything logged to the console, or the test fails.
 */
export async function runChatwoot(options: ContextOptions) {
	const harness = createContext(options);
	const node = new Chatwoot();
	const logged: unknown[][] = [];
	const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args)),
	);
	let output: INodeExecutionData[] | undefined;
	let error: unknown;
	try {
		[output] = await node.execute.call(harness.context);
	} catch (caught) {
		error = caught;
	} finally {
		for (const spy of consoleSpies) spy.mockRestore();
	}
	const token = String(options.credentials?.accessToken ?? DEFAULT_CREDENTIALS.accessToken);
	const leak = findSecret(token, { error, output, logged });
	if (leak) throw new Error(`The access token leaked into ${leak}`);
	return { ...harness, output, error, logged };
}

/**
 * Message → Send parameters. The 24-hour window check (a GET of the conversation before its
 * first send) is off unless a test turns it on, so request-shape tests see only the send.
 */
/** Runs the node over real HTTP against a Chatwoot sandbox, with its user token for account 1. */
export async function runOnSandbox(
	sandbox: { url: string; userToken: string },
	parameters: ContextOptions['parameters'],
	extra: Partial<ContextOptions> = {},
) {
	return await runChatwoot({
		parameters,
		credentials: { baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 },
		http: realHttp,
		...extra,
	});
}

export const sendParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: '42' },
	contentType: 'text',
	content: 'Hello',
	...extra,
	options: { checkReplyWindow: false, ...(extra.options as Record<string, unknown> | undefined) },
});
