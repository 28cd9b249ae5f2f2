import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Recipient } from '../helpers/recipient';
import { kapsoApiRequest, type KapsoConnection } from '../transport';

/**
 * WhatsApp delivers a free-form message only within 24 hours of the customer's last message on
 * that number; Meta refuses a later one (131047) at send time, or accepts it and fails it
 * afterwards, so the customer silently never gets it. Kapso's conversation tells when the
 * customer last wrote (`kapso.last_inbound_at`); the node reads it once per recipient per
 * execution and stops the item before sending.
 */

export const WINDOW_HOURS = 24;

/** The newest inbound time Kapso knows for the recipient, null when they never wrote, undefined when Kapso does not say. */
export function lastInboundAt(conversations: IDataObject[]): Date | null | undefined {
	if (conversations.length === 0) return null;
	let newest: Date | null | undefined;
	for (const conversation of conversations) {
		const kapso = (conversation.kapso ?? {}) as IDataObject;
		const raw = 'last_inbound_at' in kapso ? kapso.last_inbound_at : conversation.last_inbound_at;
		if (raw === undefined) continue;
		if (raw === null || raw === '') {
			newest ??= null;
			continue;
		}
		const at = new Date(String(raw));
		if (Number.isNaN(at.getTime())) continue;
		if (!newest || at > newest) newest = at;
	}
	return newest;
}

export async function checkReplyWindow(
	this: IExecuteFunctions,
	itemIndex: number,
	memo: <T>(key: string, load: (shared: KapsoConnection) => Promise<T>) => Promise<T>,
	phoneNumberId: string,
	recipient: Recipient,
	now = Date.now(),
): Promise<void> {
	// Kapso's conversation list is by phone number; a BSUID-only recipient cannot be looked up.
	if (recipient.kind !== 'phone') return;
	const conversations = await memo(
		`window:${phoneNumberId}:${recipient.digits}`,
		async (shared) => {
			const answer = await kapsoApiRequest.call(this, shared, {
				api: 'whatsapp',
				method: 'GET',
				path: `/${phoneNumberId}/conversations`,
				qs: { phone_number: recipient.e164, limit: 100 },
				subject: `the conversations of ${recipient.e164} on phone number ${phoneNumberId}`,
				itemIndex,
			});
			return Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
		},
	);
	const last = lastInboundAt(conversations);
	if (last === undefined) return; // Kapso does not say: Meta's own check (131047) applies
	const ageHours = last === null ? undefined : (now - last.getTime()) / 3_600_000;
	if (ageHours !== undefined && ageHours < WINDOW_HOURS) return;
	const when =
		ageHours === undefined
			? 'has never written to this number'
			: `last wrote ${Math.floor(ageHours)} hours ago`;
	throw new NodeOperationError(
		this.getNode(),
		`${recipient.e164} is outside WhatsApp’s 24-hour window: send a template [item ${itemIndex}]`,
		{
			itemIndex,
			description: `The customer ${when}, so WhatsApp would not deliver a free-form message. Send an approved template (Message Type → Template); nothing was sent. To send anyway, turn off Options → Check 24-Hour Window.`,
		},
	);
}
