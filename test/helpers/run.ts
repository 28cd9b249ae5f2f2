import type { INodeExecutionData } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { createContext, type ContextOptions } from './context';

/** Runs the Chatwoot node's execute() over a fake context; returns its single output and the requests sent. */
export async function runChatwoot(options: ContextOptions) {
	const harness = createContext(options);
	const node = new Chatwoot();
	let output: INodeExecutionData[] | undefined;
	let error: unknown;
	try {
		[output] = await node.execute.call(harness.context);
	} catch (caught) {
		error = caught;
	}
	return { ...harness, output, error };
}

export const sendParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: '42' },
	contentType: 'text',
	content: 'Hello',
	...extra,
});
