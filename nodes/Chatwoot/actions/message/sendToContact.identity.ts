import type { INode } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { normalizeEmail, normalizePhone, phoneDigits } from '../../helpers/phoneAndEmail';

/** How Send to Contact recognises a person: by phone, email or identifier, compared exactly. */

export type IdentityKind = 'phone' | 'email' | 'identifier';

/** How a person is recognised in Chatwoot, normalised so that equal people give equal identities. */
export interface ContactIdentity {
	kind: IdentityKind;
	/** What is searched for and stored: E.164 phone, trimmed email, identifier as given (trimmed). */
	value: string;
}

export function readIdentity(
	node: INode,
	itemIndex: number,
	kind: IdentityKind,
	raw: unknown,
): ContactIdentity {
	switch (kind) {
		case 'phone':
			return { kind, value: normalizePhone(node, itemIndex, 'Phone Number', raw) };
		case 'email':
			return { kind, value: normalizeEmail(node, itemIndex, 'Email', raw) };
		case 'identifier': {
			const value = String(raw ?? '').trim();
			if (value === '')
				throw fieldError(
					node,
					itemIndex,
					'Identifier',
					'is empty; give the ID of the person in your system, e.g. crm-1042',
				);
			return { kind, value };
		}
	}
}

/** A key equal for the same person however they were typed: for ordering items. */
export function identityKey(identity: ContactIdentity): string {
	const value = identity.kind === 'email' ? identity.value.toLowerCase() : identity.value;
	return `${identity.kind}:${value}`;
}

/**
 * Chatwoot's search is a fuzzy ILIKE over name, email, phone and identifier: only an exact match
 * counts. Phones compare by digits, emails case-insensitively, identifiers exactly.
 */
export function matchesIdentity(
	contact: { phone_number?: unknown; email?: unknown; identifier?: unknown },
	identity: ContactIdentity,
): boolean {
	switch (identity.kind) {
		case 'phone':
			return (
				typeof contact.phone_number === 'string' &&
				phoneDigits(contact.phone_number) === phoneDigits(identity.value)
			);
		case 'email':
			return (
				typeof contact.email === 'string' &&
				contact.email.trim().toLowerCase() === identity.value.toLowerCase()
			);
		case 'identifier':
			return contact.identifier === identity.value;
	}
}
