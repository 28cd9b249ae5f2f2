import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chatwootApiRequest, type ChatwootConnection } from '../transport';
import { matchesIdentity, type ContactIdentity } from './identity';
import { findInPages, type Page, type PageFetcher } from './pagination';

/** Chatwoot returns contacts 15 a page (`{meta: {count, current_page}, payload}`). */
export const CONTACTS_PAGE_SIZE = 15;
/** Chatwoot returns conversations 25 a page (`{data: {meta, payload}}`). */
export const CONVERSATIONS_PAGE_SIZE = 25;

/**
 * Conversation statuses a Send to Contact may continue: open (agents are on it) and pending (a bot
 * or the queue has it). Resolved ones are closed and snoozed ones are parked until a set time;
 * writing into those would reopen them behind the agents' backs, so a new one is started instead.
 */
export const REUSABLE_STATUSES: readonly string[] = ['open', 'pending'];

export function contactsPage(response: IDataObject): Page<IDataObject> {
	const meta = (response.meta ?? {}) as IDataObject;
	return {
		items: Array.isArray(response.payload) ? (response.payload as IDataObject[]) : [],
		hasMore: typeof meta.has_more === 'boolean' ? meta.has_more : undefined,
	};
}

/** Pages of `GET contacts/search?q=`: Chatwoot matches name, email, phone and identifier loosely. */
export function contactSearchPages(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	query: string,
	itemIndex: number,
): PageFetcher<IDataObject> {
	return async (page) =>
		contactsPage(
			await chatwootApiRequest.call(this, connection, {
				method: 'GET',
				path: 'contacts/search',
				qs: { q: query, page },
				subject: `contacts matching "${query}"`,
				itemIndex,
			}),
		);
}

/** The contact with exactly this phone, email or identifier, or undefined. */
export async function findContact(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	identity: ContactIdentity,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return await findInPages(
		contactSearchPages.call(this, connection, identity.value, itemIndex),
		CONTACTS_PAGE_SIZE,
		(contact) => matchesIdentity(contact, identity),
	);
}

/** Chatwoot answers a duplicate phone/email/identifier with 422 "… has already been taken". */
export function isAlreadyTaken(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '422' &&
		/already been taken/i.test(error.message)
	);
}

export interface ContactInboxRef {
	source_id: string;
	inbox?: IDataObject;
}

function inboxIdOf(contactInbox: IDataObject): number | undefined {
	const inbox = contactInbox.inbox as IDataObject | undefined;
	const id = inbox?.id ?? contactInbox.inbox_id;
	return id === undefined || id === null ? undefined : Number(id);
}

/** The contact's existing contact inbox (its address in that inbox), from a contact as Chatwoot lists it. */
export function existingContactInbox(
	contact: IDataObject,
	inboxId: number,
): ContactInboxRef | undefined {
	const contactInboxes = Array.isArray(contact.contact_inboxes)
		? (contact.contact_inboxes as IDataObject[])
		: [];
	const found = contactInboxes.find(
		(contactInbox) => inboxIdOf(contactInbox) === inboxId && contactInbox.source_id,
	);
	return found
		? { source_id: String(found.source_id), inbox: found.inbox as IDataObject | undefined }
		: undefined;
}

/**
 * Gives a contact an address in an inbox. Chatwoot's `POST contacts/{id}/contact_inboxes` makes up a
 * random source_id when none is sent, which is only right for API inboxes: WhatsApp needs the phone
 * digits, Twilio `whatsapp:+…`, email the address. So the source_id Chatwoot itself proposes for
 * the contact (`GET contacts/{id}/contactable_inboxes`) is sent along.
 */
export async function createContactInbox(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	contactId: number,
	inboxId: number,
	itemIndex: number,
	sourceId?: string,
): Promise<IDataObject> {
	let source = sourceId;
	if (!source) {
		const response = await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: `contacts/${contactId}/contactable_inboxes`,
			subject: `contact ${contactId}`,
			itemIndex,
		});
		const contactable = Array.isArray(response.payload) ? (response.payload as IDataObject[]) : [];
		const match = contactable.find((entry) => inboxIdOf(entry) === inboxId);
		if (!match?.source_id) {
			throw new NodeOperationError(
				this.getNode(),
				`Contact ${contactId} cannot be reached in inbox ${inboxId}`,
				{
					description:
						'Chatwoot does not offer this inbox for the contact: WhatsApp and SMS inboxes need a phone number, email inboxes an email address, and website inboxes only reach their own visitors. Add the missing detail to the contact or pick another inbox.',
					itemIndex,
				},
			);
		}
		source = String(match.source_id);
	}
	return await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `contacts/${contactId}/contact_inboxes`,
		body: { inbox_id: inboxId, source_id: source },
		subject: `contact ${contactId} or inbox ${inboxId}`,
		itemIndex,
	});
}

function activityOf(conversation: IDataObject): number {
	return (
		Number(
			conversation.last_activity_at ?? conversation.timestamp ?? conversation.created_at ?? 0,
		) || 0
	);
}

/**
 * The conversation a new message should continue: the contact's most recently active open or
 * pending conversation in the inbox (ties: the newest), or undefined when there is none.
 */
export function pickReusableConversation(
	conversations: IDataObject[],
	inboxId: number,
): IDataObject | undefined {
	let best: IDataObject | undefined;
	for (const conversation of conversations) {
		if (Number(conversation.inbox_id) !== inboxId) continue;
		if (!REUSABLE_STATUSES.includes(String(conversation.status))) continue;
		if (
			!best ||
			activityOf(conversation) > activityOf(best) ||
			(activityOf(conversation) === activityOf(best) && Number(conversation.id) > Number(best.id))
		) {
			best = conversation;
		}
	}
	return best;
}

/** `GET contacts/{id}/conversations`: Chatwoot returns the contact's latest 20, newest first. */
export async function contactConversations(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	contactId: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `contacts/${contactId}/conversations`,
		subject: `contact ${contactId}`,
		itemIndex,
	});
	return Array.isArray(response.payload) ? (response.payload as IDataObject[]) : [];
}
