import type { IDataObject } from 'n8n-workflow';

import { isMessageEvent } from './events';

/**
 * Which deliveries start the workflow. Filters look at the normalised item (helpers/payload.ts);
 * conversation and contact events have no direction or type, so only the event filter applies.
 */

export type Direction = 'any' | 'inbound' | 'outbound';

/** What marks a message this workflow's own side sent, so answering it cannot loop. */
export type LoopGuard = 'apiMessages' | 'callbackTag' | 'off';

export interface EventFilter {
	events: readonly string[];
	direction: Direction;
	/** Empty: every type. */
	messageTypes: readonly string[];
	loopGuard: LoopGuard;
	/** With the callback-tag guard: the start of `biz_opaque_callback_data` that marks our sends. */
	callbackTag: string;
}

/**
 * Where `biz_opaque_callback_data` comes back. Meta returns it on status updates, which Kapso keeps
 * in `message.kapso.statuses`; whether Kapso also copies it onto the message is UNCONFIRMED, so
 * both places are read.
 */
export function callbackData(payload: IDataObject): string[] {
	const message = payload.message as IDataObject | undefined;
	if (!message || typeof message !== 'object') return [];
	const kapso = (message.kapso ?? {}) as IDataObject;
	const statuses = Array.isArray(kapso.statuses) ? (kapso.statuses as IDataObject[]) : [];
	return [message, kapso, ...statuses]
		.map((source) => source?.biz_opaque_callback_data)
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * Whether an item is the echo of a message sent through Kapso's API: an outbound message event
 * that came from the Cloud API (`kapso.origin`), or, with the tag guard, whose callback data
 * starts with the tag. Messages sent from Kapso's inbox or the WhatsApp Business app, and every
 * inbound message, pass.
 */
export function isOwnEcho(item: IDataObject, filter: EventFilter): boolean {
	if (filter.loopGuard === 'off' || !isMessageEvent(String(item.event))) return false;
	if (item.direction !== 'outbound') return false;
	if (filter.loopGuard === 'apiMessages') return item.origin === 'cloud_api';
	const tag = filter.callbackTag;
	return tag !== '' && callbackData(item).some((value) => value.startsWith(tag));
}

/** Why an item is dropped, or undefined when it starts the workflow. */
export function dropReason(item: IDataObject, filter: EventFilter): string | undefined {
	const event = String(item.event);
	if (!filter.events.includes(event)) return `event ${event} is not selected`;
	if (!isMessageEvent(event)) return undefined;
	if (filter.direction !== 'any' && item.direction !== filter.direction)
		return `direction ${String(item.direction)} is filtered out`;
	if (filter.messageTypes.length > 0 && !filter.messageTypes.includes(String(item.type)))
		return `message type ${String(item.type)} is filtered out`;
	if (isOwnEcho(item, filter)) return 'it echoes a message sent through the API';
	return undefined;
}
