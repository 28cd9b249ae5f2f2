import type { IDataObject } from 'n8n-workflow';

import { MESSAGE_TYPE_NAMES } from '../helpers/chatwootEnums';
import {
	chatwootApiRequest,
	type ChatwootConnection,
	type ChatwootContext,
	type Confirmation,
} from '../transport';
import { draftToRequest, type MessageDraft } from './readMessage';

/**
 * When Chatwoot's answer to a send is lost (a 5xx, a timeout, a reset after sending), the message
 * may or may not be stored. Instead of guessing, look: read the conversation's newest messages and
 * find this one (same content, message type, privacy, content type and number of attachments, not
 * from the contact, created since the first attempt started). Found: it was sent, and that is the
 * result. Not found: it was not, and sending it again is safe. The look itself failing is the only
 * case left as "may have been sent".
 */

/** Chatwoot dates messages by its own clock, in whole seconds; allow it to run a little behind. */
const CLOCK_SKEW_SECONDS = 10;

/** Messages this execution already claimed, so two identical sends are never both "found" in one. */
const claimed = new WeakMap<ChatwootConnection, Set<string>>();

function messageType(value: unknown): string {
	return typeof value === 'number'
		? (MESSAGE_TYPE_NAMES[value] ?? String(value))
		: String(value ?? '');
}

function isThisMessage(stored: IDataObject, draft: MessageDraft, since: number): boolean {
	const sent = draft.payload;
	const attachments = Array.isArray(stored.attachments) ? stored.attachments.length : 0;
	return (
		attachments === draft.files.length &&
		String(stored.content ?? '') === String(sent.content ?? '') &&
		Boolean(stored.private) === Boolean(sent.private) &&
		messageType(stored.message_type) === String(sent.message_type ?? 'outgoing') &&
		String(stored.content_type ?? 'text') === String(sent.content_type ?? 'text') &&
		(stored.sender as IDataObject | undefined)?.type !== 'contact' &&
		Number(stored.created_at) >= since
	);
}

/** Sends a message to a conversation; a lost answer is settled by looking, not by guessing. */
export async function sendMessage(
	this: ChatwootContext,
	connection: ChatwootConnection,
	conversationId: string | number,
	draft: MessageDraft,
	itemIndex: number,
): Promise<IDataObject> {
	return await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `conversations/${conversationId}/messages`,
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
		...draftToRequest(draft),
		confirm: lookForSentMessage.call(this, connection, String(conversationId), draft, itemIndex),
	});
}

function lookForSentMessage(
	this: ChatwootContext,
	connection: ChatwootConnection,
	conversationId: string,
	draft: MessageDraft,
	itemIndex: number,
): (startedAt: number) => Promise<Confirmation> {
	const where = `conversation ${conversationId}`;
	return async (startedAt) => {
		let messages: unknown;
		try {
			const page = await chatwootApiRequest.call(this, connection, {
				method: 'GET',
				path: `conversations/${conversationId}/messages`,
				subject: where,
				itemIndex,
			});
			messages = page.payload;
		} catch {
			messages = undefined;
		}
		if (!Array.isArray(messages)) {
			return {
				outcome: 'unknown',
				note: `The message may have been sent: check ${where} before running this item again`,
				description:
					'Chatwoot’s answer was lost, and reading the conversation to see whether the message was stored failed too.',
			};
		}
		const since = Math.floor(startedAt / 1000) - CLOCK_SKEW_SECONDS;
		const taken = claimed.get(connection) ?? new Set<string>();
		claimed.set(connection, taken);
		const found = (messages as IDataObject[])
			.filter((message) => isThisMessage(message, draft, since) && !taken.has(String(message.id)))
			.pop();
		if (found) {
			taken.add(String(found.id));
			return { outcome: 'stored', result: found };
		}
		return {
			outcome: 'not-stored',
			note: `The message was not stored in ${where} (checked): running this item again is safe`,
			description:
				'Chatwoot’s answer was lost; its newest messages show that this one was not stored.',
		};
	};
}
