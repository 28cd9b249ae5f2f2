import { MESSAGE_EVENTS } from './events';
import type { FlatFields } from './payload';

/** What decides, before an execution starts, whether an event starts one. */
export interface EventFilter {
	/** The events chosen on the node (Chatwoot may send more to a manually set up webhook). */
	events: string[];
	/** Inboxes the event must come from; empty: any. Events without an inbox (contacts) pass. */
	inboxIds: number[];
	/** Message types that start an execution (message events only); empty: any. */
	messageTypes: string[];
	includePrivateNotes: boolean;
	/** The loop guard: messages written with this credential (its user) start nothing. */
	ignoreOwnMessages: boolean;
	ownUserId?: number;
	ignoreAgentBotMessages: boolean;
	/** Conversation statuses; empty: any. Events without a conversation pass. */
	statuses: string[];
	/** Labels of which the conversation must carry at least one; empty: any. */
	labels: string[];
}

export type FilterDecision = { start: true } | { start: false; reason: string };

const skip = (reason: string): FilterDecision => ({ start: false, reason });

export function decide(fields: FlatFields, filter: EventFilter): FilterDecision {
	if (!filter.events.includes(fields.event))
		return skip(`event ${fields.event || '(none)'} is not among the node's events`);
	if (
		filter.inboxIds.length > 0 &&
		fields.inboxId !== undefined &&
		!filter.inboxIds.includes(fields.inboxId)
	)
		return skip(`inbox ${fields.inboxId} is not among the node's inboxes`);
	if (MESSAGE_EVENTS.has(fields.event)) {
		const message = decideMessage(fields, filter);
		if (!message.start) return message;
	}
	if (fields.conversationId !== undefined) {
		if (filter.statuses.length > 0 && !filter.statuses.includes(fields.status ?? ''))
			return skip(
				`conversation status ${fields.status ?? '(none)'} is not among the node's statuses`,
			);
		if (filter.labels.length > 0 && !fields.labels.some((label) => filter.labels.includes(label)))
			return skip('the conversation carries none of the node’s labels');
	}
	return { start: true };
}

function decideMessage(fields: FlatFields, filter: EventFilter): FilterDecision {
	if (filter.messageTypes.length > 0 && !filter.messageTypes.includes(fields.messageType ?? ''))
		return skip(
			`message type ${fields.messageType ?? '(none)'} is not among the node's message types`,
		);
	if (fields.private === true && !filter.includePrivateNotes) return skip('a private note');
	const sender = fields.sender;
	if (
		filter.ignoreOwnMessages &&
		filter.ownUserId !== undefined &&
		sender?.type === 'user' &&
		Number(sender.id) === filter.ownUserId
	)
		return skip('sent with this credential (loop guard)');
	if (filter.ignoreAgentBotMessages && sender?.type === 'agent_bot')
		return skip('sent by an agent bot (loop guard)');
	return { start: true };
}
