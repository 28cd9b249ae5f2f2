import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';

/** Who a message goes to: a phone number (as WhatsApp's digits and as +E.164) or a BSUID. */
export type Recipient =
	| { kind: 'phone'; digits: string; e164: string }
	| { kind: 'bsuid'; id: string };

/**
 * A phone number as people write it, in E.164: `+1 (555) 010-0001`, `0015550100001` and WhatsApp's
 * own `15550100001` are one number. A number without its country code cannot be told apart from
 * one with it, so digits are taken as already international (as WhatsApp gives them in webhooks).
 */
export function normalizePhone(
	raw: unknown,
): { digits: string; e164: string } | { problem: string } {
	const text = String(raw ?? '').trim();
	const compact = text.replace(/[\s().\-/]/g, '');
	const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
	const digits = international.replace(/^\+/, '');
	if (!/^\d+$/.test(digits) || digits.startsWith('0'))
		return {
			problem: `must be a phone number with its country code, such as +15550100001 (got ${JSON.stringify(text)})`,
		};
	if (digits.length < 8 || digits.length > 15)
		return {
			problem: `must have 8 to 15 digits with the country code (got ${digits.length} in ${JSON.stringify(text)})`,
		};
	return { digits, e164: `+${digits}` };
}

/** A business-scoped user ID as WhatsApp gives it (`US.1000000000000001`): no spaces, not too long. */
export function checkBsuid(raw: unknown): { id: string } | { problem: string } {
	const id = String(raw ?? '').trim();
	if (!id) return { problem: 'is empty' };
	if (/\s/.test(id) || id.length > 128)
		return { problem: `is not a business-scoped user ID (got ${JSON.stringify(id)})` };
	return { id };
}

/** The item's recipient, from Recipient Type and its field; errors name the field and the item. */
export function readRecipient(this: IExecuteFunctions, itemIndex: number): Recipient {
	const node = this.getNode();
	const type = this.getNodeParameter('recipientType', itemIndex, 'phone') as string;
	if (type === 'bsuid') {
		const checked = checkBsuid(this.getNodeParameter('recipientBsuid', itemIndex, ''));
		if ('problem' in checked)
			throw fieldError(node, itemIndex, 'Business-Scoped User ID', checked.problem);
		return { kind: 'bsuid', id: checked.id };
	}
	const checked = normalizePhone(this.getNodeParameter('recipientPhone', itemIndex, ''));
	if ('problem' in checked)
		throw fieldError(node, itemIndex, 'Recipient Phone Number', checked.problem);
	return { kind: 'phone', ...checked };
}

/** The key that orders items: one recipient's messages go out one after another. Lenient. */
export function recipientKey(this: IExecuteFunctions, itemIndex: number): string {
	try {
		const recipient = readRecipient.call(this, itemIndex);
		return recipient.kind === 'phone' ? recipient.digits : `bsuid:${recipient.id}`;
	} catch {
		return `\u0000item-${itemIndex}`;
	}
}
