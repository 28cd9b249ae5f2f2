import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The two ways n8n shows that it runs a node inside another node's step (an AI Agent before
 * version 3 calling it as a tool): what a Send and Wait test adds to the node's context.
 */
export function inAnotherStep(node: INode): Array<[string, Record<string, unknown>]> {
	return [
		['n8n 2.x says the tool runs inside the agent’s step', { isToolExecution: () => true }],
		[
			'n8n 1.x: the running step is the agent’s',
			{ getExecuteData: () => ({ node: { ...node, name: 'AI Agent' }, data: { main: [] } }) },
		],
	];
}

/** Send and Wait refused there: our error, nothing sent, nothing waiting. */
export function expectRefusedInAnotherStep(run: {
	error: unknown;
	requests: unknown[];
	waits: unknown[];
}): void {
	expect(run.error).toBeInstanceOf(NodeOperationError);
	expect(run.error).toMatchObject({
		message: 'Send and Wait for Reply cannot wait inside this tool call',
		description: expect.stringContaining(
			'Connect the tool to an AI Agent node of version 3 or later, or put Send and Wait for Reply after the agent as a regular node.',
		),
	});
	expect(run.requests).toEqual([]);
	expect(run.waits).toEqual([]);
}
