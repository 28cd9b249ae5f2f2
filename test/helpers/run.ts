import type { INodeExecutionData } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { createContext, DEFAULT_CREDENTIALS, type ContextOptions } from './context';
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

export const sendParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: '42' },
	contentType: 'text',
	content: 'Hello',
	...extra,
});
