import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/nodeError';
import { findInPages } from '../../../shared/pagination';
import {
	contactConversations,
	contactSearchPages,
	createContactInbox,
	existingContactInbox,
} from '../../helpers/contacts';
import { chatwootApiRequest, CONTACTS_PAGE_SIZE, type ChatwootConnection } from '../../transport';
import { targetById } from '../../helpers/itemTargets';
import { matchesIdentity, type ContactIdentity } from './sendToContact.identity';

/** Finding the person and the conversation Send to Contact writes to. */

/**
 * Conversation statuses a Send to Contact may continue: open (agents are on it) and pending (a bot
 * or the queue has it). Resolved ones are closed and snoozed ones are parked until a set time;
 * writing into those would reopen them behind the agents' backs, so a new one is started instead.
 */
export const REUSABLE_STATUSES: readonly string[] = ['open', 'pending'];

/** The contact with exactly this phone, email or identifier, or undefined. */
export async function findContact(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	identity: ContactIdentity,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return await findInPages(
		contactSearchPages.call(this, connection, identity.value, itemIndex),
		{
			pageSize: CONTACTS_PAGE_SIZE,
			noun: 'contacts',
			narrow: 'search by a more specific phone, email or identifier',
			node: this.getNode(),
			itemIndex,
		},
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

function activityOf(conversation: IDataObject): number {
	return (
		Number(
			conversation.last_activity_at ?? conversation.timestamp ?? conversation.created_at ?? 0,
		) || 0
	);
}

/**
 * The conversation a new message should continue: the contact's most recently active open or
 * pending conversation in the inbox, or undefined when there is none. On ties the older one wins:
 * conversations created by racing executions tie, and all racers must pick the same one.
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
			(activityOf(conversation) === activityOf(best) && Number(conversation.id) < Number(best.id))
		) {
			best = conversation;
		}
	}
	return best;
}

export interface ResolvedContact {
	contact: IDataObject;
	contactCreated: boolean;
	contactInboxCreated: boolean;
	sourceId: string;
}

/** Finds the contact by exact match or creates it in the inbox; makes sure it has an address there. */
export async function resolveContact(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	identity: ContactIdentity,
	inboxId: number,
	itemIndex: number,
): Promise<ResolvedContact> {
	let contact = await findContact.call(this, connection, identity, itemIndex);
	if (!contact) {
		const name = String(this.getNodeParameter('contactName', itemIndex, '') ?? '').trim();
		const body: IDataObject = { inbox_id: inboxId };
		if (name) body.name = name;
		body[identity.kind === 'phone' ? 'phone_number' : identity.kind] = identity.value;
		try {
			const response = await chatwootApiRequest.call(this, connection, {
				method: 'POST',
				path: 'contacts',
				body,
				subject: `inbox ${inboxId}`,
				itemIndex,
			});
			const payload = (response.payload ?? {}) as IDataObject;
			const created = (payload.contact ?? {}) as IDataObject;
			const contactInbox = payload.contact_inbox as IDataObject | null | undefined;
			if (contactInbox?.source_id) {
				return {
					contact: created,
					contactCreated: true,
					contactInboxCreated: true,
					sourceId: String(contactInbox.source_id),
				};
			}
			const ensured = await createContactInbox.call(
				this,
				connection,
				Number(created.id),
				inboxId,
				itemIndex,
			);
			return {
				contact: created,
				contactCreated: true,
				contactInboxCreated: true,
				sourceId: String(ensured.source_id),
			};
		} catch (error) {
			// Someone else created the person between our search and our create: use theirs.
			if (!isAlreadyTaken(error)) throw asNodeError(this.getNode(), error, itemIndex);
			contact = await findContact.call(this, connection, identity, itemIndex);
			if (!contact) throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	const existing = existingContactInbox(contact, inboxId);
	if (existing)
		return {
			contact,
			contactCreated: false,
			contactInboxCreated: false,
			sourceId: existing.source_id,
		};
	const created = await createContactInbox.call(
		this,
		connection,
		Number(contact.id),
		inboxId,
		itemIndex,
	);
	return {
		contact,
		contactCreated: false,
		contactInboxCreated: true,
		sourceId: String(created.source_id),
	};
}

/**
 * Executions racing for one new contact each find no conversation and each create one. Right
 * after creating ours, the contact's conversations are read again: if an open or pending one in
 * the inbox is older than ours (another execution created it meanwhile), the message goes there
 * and ours, still empty, is resolved, so all racers converge on the first conversation.
 */
export async function convergeOnFirstConversation(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	created: IDataObject,
	contactId: number,
	inboxId: number,
	itemIndex: number,
): Promise<IDataObject> {
	const ours = Number(created.id);
	const first = (
		await contactConversations(targetById.call(this, 'contact', itemIndex, connection, contactId))
	)
		.filter(
			(candidate) =>
				Number(candidate.inbox_id) === inboxId &&
				REUSABLE_STATUSES.includes(String(candidate.status)) &&
				Number(candidate.id) < ours,
		)
		.sort((a, b) => Number(a.id) - Number(b.id))[0];
	if (!first) return created;
	await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `conversations/${ours}/toggle_status`,
		body: { status: 'resolved' },
		subject: `conversation ${ours} in account ${connection.accountId}`,
		itemIndex,
	});
	return first;
}
