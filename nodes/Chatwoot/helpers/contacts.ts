import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Page, PageFetcher } from '../../shared/pagination';
import { chatwootApiRequest, type ChatwootConnection } from '../transport';
import type { ItemTarget } from './itemTargets';

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

/** `GET contacts/{id}/conversations`: Chatwoot returns the contact's latest 20, newest first. */
export async function contactConversations(contact: ItemTarget): Promise<IDataObject[]> {
	const response = await contact.request({ method: 'GET', path: '/conversations' });
	return Array.isArray(response.payload) ? (response.payload as IDataObject[]) : [];
}
