import type { IDataObject } from 'n8n-workflow';

import { isMessageEvent, MESSAGE_RECEIVED } from './events';

/**
 * Reading Kapso's webhook deliveries (NOTES §6): the event comes in `X-Webhook-Event` (a v2 body has
 * no event field), a buffered batch is `{type, batch: true, data: [...]}` marked by
 * `X-Webhook-Batch`, and each payload becomes one item with flat fields beside Kapso's own.
 */

export type Headers = Record<string, string | string[] | undefined>;

/** One delivery as Kapso sent it: its event, its payloads (one, or a batch's) and its key. */
export interface KapsoDelivery {
	event: string;
	batch: boolean;
	payloads: IDataObject[];
	idempotencyKey?: string;
	payloadVersion?: string;
}

/** The first value of a header (n8n gives header names in lower case). */
export function header(headers: Headers, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

export function asObject(value: unknown): IDataObject | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

function text(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

function at(source: unknown, ...path: string[]): unknown {
	let current: unknown = source;
	for (const key of path) {
		const object = asObject(current);
		if (!object) return undefined;
		current = object[key];
	}
	return current;
}

/**
 * The delivery in a request, or a reason it is not one (answered 400, nothing started). A batch
 * is recognised by its header or by its body, whichever Kapso sent.
 */
export function readDelivery(headers: Headers, body: unknown): KapsoDelivery | string {
	const object = asObject(body);
	if (!object) return 'The body is not a JSON object';
	const batchHeader = header(headers, 'x-webhook-batch')?.toLowerCase() === 'true';
	const isBatch = batchHeader || object.batch === true;
	const event = header(headers, 'x-webhook-event') ?? text(object.type) ?? text(object.event);
	if (!event) return 'The X-Webhook-Event header is missing';
	const common = {
		event,
		idempotencyKey: header(headers, 'x-idempotency-key'),
		payloadVersion: header(headers, 'x-webhook-payload-version'),
	};
	if (isBatch) {
		if (!Array.isArray(object.data)) return 'A batch must carry its payloads in "data"';
		const payloads = object.data.map(asObject);
		if (payloads.some((payload) => payload === undefined))
			return 'Every payload of a batch must be a JSON object';
		return { ...common, batch: true, payloads: payloads as IDataObject[] };
	}
	// A v1 envelope may wrap its payload as {event, data} (UNCONFIRMED); v2 sends the payload bare.
	const wrapped = typeof object.event === 'string' ? asObject(object.data) : undefined;
	return { ...common, batch: false, payloads: [wrapped ?? object] };
}

/** What a reply to an interactive message or a template's quick-reply button chose. */
function replyOf(message: unknown): { id: string | null; title: string | null } {
	const interactive = at(message, 'interactive');
	const chosen = at(interactive, 'button_reply') ?? at(interactive, 'list_reply');
	if (chosen) return { id: text(at(chosen, 'id')), title: text(at(chosen, 'title')) };
	const button = at(message, 'button');
	if (button) return { id: text(at(button, 'payload')), title: text(at(button, 'text')) };
	return { id: null, title: null };
}

/** The words of a message, whatever its type; Kapso's own rendering (`kapso.content`) last. */
function textOf(message: unknown, type: string | null, replyTitle: string | null): string | null {
	const candidates = [
		at(message, 'text', 'body'),
		replyTitle,
		type ? at(message, type, 'caption') : undefined,
		at(message, 'reaction', 'emoji'),
		at(message, 'kapso', 'transcript', 'text'),
		at(message, 'kapso', 'content'),
		at(message, 'content'),
	];
	for (const candidate of candidates) {
		const value = text(candidate);
		if (value !== null && value !== '') return value;
	}
	return null;
}

function isoTime(unixSeconds: unknown): string | null {
	const seconds = Number(unixSeconds);
	if (unixSeconds === undefined || unixSeconds === null || !Number.isFinite(seconds)) return null;
	return new Date(seconds * 1000).toISOString();
}

/** Flat fields of a message event (v2; v1's `message_type`/`content` as a fallback). */
function messageFields(event: string, payload: IDataObject): IDataObject {
	const message = at(payload, 'message');
	const conversation = at(payload, 'conversation');
	const type = text(at(message, 'type')) ?? text(at(message, 'message_type'));
	const direction =
		text(at(message, 'kapso', 'direction')) ??
		text(at(message, 'direction')) ??
		(event === MESSAGE_RECEIVED ? 'inbound' : 'outbound');
	const contactPhone =
		text(at(conversation, 'phone_number')) ??
		text(at(message, direction === 'inbound' ? 'from' : 'to'));
	const reply = replyOf(message);
	return {
		direction,
		from: direction === 'inbound' ? (text(at(message, 'from')) ?? contactPhone) : null,
		to: direction === 'outbound' ? (text(at(message, 'to')) ?? contactPhone) : null,
		contactPhone,
		contactName:
			text(at(conversation, 'kapso', 'contact_name')) ?? text(at(conversation, 'contact_name')),
		type,
		text: textOf(message, type, reply.title),
		replyId: reply.id,
		replyTitle: reply.title,
		messageId: text(at(message, 'id')),
		status: text(at(message, 'kapso', 'status')) ?? text(at(message, 'status')),
		origin: text(at(message, 'kapso', 'origin')),
		mediaUrl: text(at(message, 'kapso', 'media_url')),
		timestamp: isoTime(at(message, 'timestamp')),
		isNewConversation:
			typeof payload.is_new_conversation === 'boolean' ? payload.is_new_conversation : null,
	};
}

/** Flat fields of a conversation or contact event. */
function conversationFields(payload: IDataObject): IDataObject {
	const conversation = at(payload, 'conversation');
	const minutes = Number(at(payload, 'inactivity', 'minutes'));
	return {
		contactPhone: text(at(conversation, 'phone_number')),
		contactName:
			text(at(conversation, 'kapso', 'contact_name')) ?? text(at(conversation, 'contact_name')),
		status: text(at(conversation, 'status')),
		...(at(payload, 'inactivity') !== undefined && Number.isFinite(minutes)
			? { inactivityMinutes: minutes }
			: {}),
	};
}

/**
 * One output item's JSON: `event`, the flat fields, then Kapso's payload as it came (its keys are
 * snake_case, the flat ones camelCase; where a v1 payload shares a name, the flat field wins).
 */
export function normalisePayload(event: string, payload: IDataObject): IDataObject {
	const conversation = at(payload, 'conversation');
	const flat: IDataObject = {
		event,
		...(isMessageEvent(event) ? messageFields(event, payload) : conversationFields(payload)),
		conversationId: text(at(conversation, 'id')),
		phoneNumberId: text(payload.phone_number_id) ?? text(at(conversation, 'phone_number_id')),
	};
	return { ...flat, ...payload, ...flat };
}

/** The value every item shares, else null (a batch's conversation, say). */
function shared(items: IDataObject[], key: string): IDataObject[string] {
	const first = items[0]?.[key] ?? null;
	return items.every((item) => (item[key] ?? null) === first) ? first : null;
}

/**
 * A batch kept as one item: the conversation-level fields when all its messages share them, the
 * texts joined by new lines (a customer who typed three short lines gets one answer), and every
 * message normalised under `messages`.
 */
export function batchItem(event: string, items: IDataObject[]): IDataObject {
	const texts = items.map((item) => item.text).filter((value) => typeof value === 'string');
	return {
		event,
		batch: true,
		batchSize: items.length,
		from: shared(items, 'from'),
		contactPhone: shared(items, 'contactPhone'),
		contactName: shared(items, 'contactName'),
		conversationId: shared(items, 'conversationId'),
		phoneNumberId: shared(items, 'phoneNumberId'),
		text: texts.length > 0 ? texts.join('\n') : null,
		messageId: items.length > 0 ? (items[items.length - 1].messageId ?? null) : null,
		messages: items,
	};
}
