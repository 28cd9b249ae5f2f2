import type {
	IDataObject,
	IExecuteFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldError } from './fieldError';
import { startWaitWatcher, TIMEOUT_LEAD_MS, type WaitWatch } from './waitWatcher';

/**
 * What Send and Wait for Reply does alike in Chatwoot and Kapso: one item per execution, the two
 * options of Approval, the wait and its watcher, and how its resume webhook answers a request
 * that does not resume.
 */

/** One option the customer can pick: `id` is what comes back, `title` what the customer sees. */
export interface Choice {
	id: string;
	title: string;
}

export const APPROVE_ID = 'approve';
export const DECLINE_ID = 'decline';

/** What the customer is asked for; each kind reads a reply differently. */
export type ResponseKind = 'freeText' | 'choice' | 'approval';

/** What a reply that is not one of the options does (Choice and Approval). */
export type OtherReply = 'reAsk' | 'acceptAsText';

/** On Another Reply and Re-Ask Text; Free Text takes any reply as it is. */
export function readOtherReply(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: ResponseKind,
): { otherReply: OtherReply; reAskText: string } {
	if (kind === 'freeText') return { otherReply: 'acceptAsText', reAskText: '' };
	return {
		otherReply: this.getNodeParameter('otherReply', itemIndex) as OtherReply,
		reAskText: String(this.getNodeParameter('reAskText', itemIndex, '')),
	};
}

/**
 * n8n can put the execution to wait only for a node that runs as its own step. An AI Agent of
 * version 3 or later runs its tools so; an older AI Agent (and any node that calls its tools inside
 * its own step, such as the MCP Server Trigger) calls this node inside the agent's step: the wait
 * would fall on the agent after it answered, with the tool's result empty. There n8n says so
 * (`isToolExecution`, n8n 2.x) or the running step is another node's (n8n 1.x too).
 */
export function checkOwnStep(this: IExecuteFunctions, itemIndex: number): void {
	const node = this.getNode();
	const inAnotherStep =
		(typeof this.isToolExecution === 'function' && this.isToolExecution()) ||
		this.getExecuteData().node.name !== node.name;
	if (inAnotherStep)
		throw new NodeOperationError(
			node,
			'Send and Wait for Reply cannot wait inside this tool call',
			{
				itemIndex,
				description:
					'The node calling this tool runs it inside its own step, so the workflow cannot pause for the reply (an AI Agent before version 3, or the MCP Server Trigger). Nothing was sent. Connect the tool to an AI Agent node of version 3 or later, or put Send and Wait for Reply after the agent as a regular node.',
			},
		);
}

/** One execution waits for one reply: its resume URL is the execution's. */
export function checkOneItem(this: IExecuteFunctions, itemIndex: number): void {
	const count = this.getInputData().length;
	if (count !== 1)
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Input',
			`one execution waits for one reply, and ${count} items came in`,
			'Put a Loop Over Items (batch size 1) or an Execute Workflow node (once for each item) before this node.',
		);
}

/** Approval's two options from Approve Label and Decline Label, which must be set and differ. */
export function readApprovalChoices(this: IExecuteFunctions, itemIndex: number): Choice[] {
	const choices = [
		{ id: APPROVE_ID, title: String(this.getNodeParameter('approveLabel', itemIndex)).trim() },
		{ id: DECLINE_ID, title: String(this.getNodeParameter('declineLabel', itemIndex)).trim() },
	];
	if (!choices[0].title || !choices[1].title || choices[0].title === choices[1].title)
		throw fieldError(
			this.getNode(),
			itemIndex,
			'Approve Label',
			'Approve Label and Decline Label must be set and differ',
		);
	return choices;
}

/** Answered 200 without resuming: the execution keeps waiting. */
export const keepWaiting = (reason: string): IWebhookResponseData => ({
	webhookResponse: { received: true, resumed: false, reason },
});

/** Answered with an error status without resuming: the execution keeps waiting. */
export function refuseDelivery(
	context: IWebhookFunctions,
	reason: string,
	status = 401,
): IWebhookResponseData {
	context.getResponseObject().status(status).json({ resumed: false, reason });
	return { noWebhookResponse: true };
}

/** The waiting node's input item, where the operation left the wait's state; undefined if unreadable. */
export function readWaitingInput(context: IWebhookFunctions): unknown {
	try {
		return JSON.parse(String(context.evaluateExpression('{{ JSON.stringify($json) }}')));
	} catch {
		return undefined;
	}
}

const running = new Map<string, Promise<void>>();

/**
 * Runs `task` once every earlier task with this key in this process has settled. A wait's
 * deliveries go one at a time, so two quick replies that are no option ask once more only once
 * (the second sees the first's mark). Other n8n processes are not held back: see the README.
 */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
	const before = running.get(key) ?? Promise.resolve();
	const current = before.then(task);
	const settled = current.then(
		() => undefined,
		() => undefined,
	);
	running.set(key, settled);
	try {
		return await current;
	} finally {
		if (running.get(key) === settled) running.delete(key);
	}
}

/**
 * Puts the execution to wait with `waiting` (the item a timeout hands on) as the node's input, and
 * starts its watcher. n8n resumes a timed-out wait by handing on the waiting node's input, and
 * gives the resume webhook that same input: the wait's state lives in the execution that way.
 * n8n's own limit comes a little after the user's: at a timeout the watcher has deleted the
 * service webhook by then.
 */
export async function waitAndWatch(
	this: IExecuteFunctions,
	itemIndex: number,
	waiting: IDataObject,
	watch: Omit<WaitWatch, 'executionId'>,
): Promise<void> {
	const { pairedItem } = this.getInputData()[itemIndex];
	this.getExecuteData().data.main = [
		[{ json: waiting, ...(pairedItem === undefined ? {} : { pairedItem }) }],
	];
	await this.putExecutionToWait(new Date(watch.until.getTime() + TIMEOUT_LEAD_MS));
	startWaitWatcher(this, { executionId: this.getExecutionId(), ...watch });
}
