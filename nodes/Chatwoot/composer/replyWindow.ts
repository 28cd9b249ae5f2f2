import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatwootApiRequest, type ChatwootConnection } from '../transport';

/**
 * WhatsApp (and other channels with a messaging window) accept a free-form message only within
 * 24 hours of the customer's last message. Chatwoot answers 200 to a message outside it and
 * fails it later in its send job, so the customer silently never gets it. Chatwoot tells in the
 * conversation's `can_reply`; the node reads it before sending and stops the item instead.
 */

/** The option that turns the check off (for example to record the message anyway). */
export const CHECK_REPLY_WINDOW_OPTION = 'checkReplyWindow';

/** Whether a message is bound by the window: free-form, meant for the customer. */
export function needsReplyWindow(payload: IDataObject): boolean {
	return (
		payload.template_params === undefined &&
		payload.private !== true &&
		payload.message_type !== 'incoming'
	);
}

/** Stops the item when Chatwoot says the conversation cannot be replied to now. */
export function assertReplyWindowOpen(
	node: INode,
	itemIndex: number,
	conversation: IDataObject,
	conversationId: number,
): void {
	if (conversation.can_reply !== false) return;
	const channel = String(((conversation.meta ?? {}) as IDataObject).channel ?? '');
	const whatsApp = channel === '' || /whatsapp|twilio/i.test(channel);
	const window = whatsApp ? 'WhatsApp’s 24-hour window' : 'the channel’s reply window';
	throw new NodeOperationError(
		node,
		`Conversation ${conversationId} is outside ${window}: a free-form message would not be delivered [item ${itemIndex}]`,
		{
			itemIndex,
			description: `${
				whatsApp
					? 'The customer last wrote more than 24 hours ago, so WhatsApp only delivers an approved template: set Content Type → WhatsApp Template.'
					: 'The channel does not accept a reply now (Chatwoot’s can_reply is false).'
			} Private notes are not affected. To send anyway (Chatwoot will mark the message failed), turn off Options → Check 24-Hour Window.`,
		},
	);
}

/**
 * Reads the conversation once per execution (memo) and stops the item if its window is closed.
 * Nothing is read for messages the window does not bind, or when the option is off.
 */
export async function checkReplyWindow(
	this: IExecuteFunctions,
	itemIndex: number,
	context: {
		connection: ChatwootConnection;
		memo<T>(key: string, load: (shared: ChatwootConnection) => Promise<T>): Promise<T>;
	},
	conversationId: number,
	payload: IDataObject,
	enabled: boolean,
): Promise<void> {
	if (!enabled || !needsReplyWindow(payload)) return;
	const { connection } = context;
	const conversation = await context.memo(
		`conversation:${connection.accountId}:${conversationId}`,
		async (shared) =>
			await chatwootApiRequest.call(this, shared, {
				method: 'GET',
				path: `conversations/${conversationId}`,
				subject: `conversation ${conversationId} in account ${connection.accountId}`,
				itemIndex,
			}),
	);
	assertReplyWindowOpen(this.getNode(), itemIndex, conversation, conversationId);
}
