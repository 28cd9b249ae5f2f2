import type { INode } from 'n8n-workflow';

import {
	identityKey,
	matchesIdentity,
	readIdentity,
} from '../../nodes/Chatwoot/actions/message/sendToContact.identity';
import { normalizeEmail, normalizePhone } from '../../nodes/Chatwoot/helpers/phoneAndEmail';

const node = { name: 'Chatwoot' } as INode;
const phone = (raw: string) => normalizePhone(node, 0, 'Phone Number', raw);
const email = (raw: string) => normalizeEmail(node, 0, 'Email', raw);

describe('phone numbers (E.164)', () => {
	it.each([
		['+14155550123', '+14155550123'],
		['+1 (415) 555-0123', '+14155550123'],
		['  +44 20 7946 0958 ', '+442079460958'],
		['+49-30-1234567', '+49301234567'],
		['+55.11.91234.5678', '+5511912345678'],
	])('accepts %j as %s', (raw, expected) => {
		expect(phone(raw)).toBe(expected);
	});

	it.each([
		[
			'4155550123',
			'Phone Number: must start with + and the country code (got "4155550123") [item 0]',
		],
		[
			'0044 20 7946 0958',
			'Phone Number: must start with + and the country code (got "0044 20 7946 0958") [item 0]',
		],
		[
			'+1 415 CALL NOW',
			'Phone Number: may only contain digits after the +, besides spaces, dashes and parentheses (got "+1 415 CALL NOW") [item 0]',
		],
		[
			'+0 415 555 0123',
			'Phone Number: has a 0 right after the +; the country code comes first (got "+0 415 555 0123") [item 0]',
		],
		['+12345', 'Phone Number: has 5 digits; E.164 numbers have 7 to 15 (got "+12345") [item 0]'],
		[
			'+1234567890123456',
			'Phone Number: has 16 digits; E.164 numbers have at most 15 (got "+1234567890123456") [item 0]',
		],
		[
			'',
			'Phone Number: is empty; give a phone number in E.164 form, e.g. +14155550123 or +44 20 7946 0958 [item 0]',
		],
	])('refuses %j with a message saying what is wrong', (raw, message) => {
		expect(() => phone(raw)).toThrow(message);
	});

	it('the error gives an example', () => {
		try {
			phone('4155550123');
		} catch (error) {
			expect((error as { description: string }).description).toBe(
				'Write the number in international E.164 form, e.g. +14155550123 or +44 20 7946 0958.',
			);
		}
		expect.assertions(1);
	});
});

describe('emails', () => {
	it('accepts and trims a normal address', () => {
		expect(email('  Ana.Alvarez+lead@Example.co.uk ')).toBe('Ana.Alvarez+lead@Example.co.uk');
	});
	it.each(['ana', 'ana@', '@example.com', 'ana@example', 'ana @example.com', 'ana@@example.com'])(
		'refuses %j',
		(raw) => {
			expect(() => email(raw)).toThrow(
				`Email: is not a valid email address (got ${JSON.stringify(raw.trim())}); expected something like ana@example.com [item 0]`,
			);
		},
	);
});

describe('exact matching of Chatwoot’s fuzzy search results', () => {
	const byPhone = readIdentity(node, 0, 'phone', '+1 415 555 0123');
	const byEmail = readIdentity(node, 0, 'email', 'Ana@Example.com');
	const byIdentifier = readIdentity(node, 0, 'identifier', ' crm-7 ');

	it('phones compare by digits', () => {
		expect(matchesIdentity({ phone_number: '+14155550123' }, byPhone)).toBe(true);
		expect(matchesIdentity({ phone_number: '+141555501234' }, byPhone)).toBe(false);
		expect(matchesIdentity({ phone_number: null }, byPhone)).toBe(false);
	});
	it('emails compare case-insensitively', () => {
		expect(matchesIdentity({ email: 'ana@example.com' }, byEmail)).toBe(true);
		expect(matchesIdentity({ email: 'joana@example.com' }, byEmail)).toBe(false);
	});
	it('identifiers compare exactly', () => {
		expect(matchesIdentity({ identifier: 'crm-7' }, byIdentifier)).toBe(true);
		expect(matchesIdentity({ identifier: 'crm-70' }, byIdentifier)).toBe(false);
		expect(matchesIdentity({ identifier: 'CRM-7' }, byIdentifier)).toBe(false);
	});
	it('the ordering key is the same however the person was written', () => {
		expect(identityKey(readIdentity(node, 0, 'phone', '+1 (415) 555-0123'))).toBe(
			identityKey(byPhone),
		);
		expect(identityKey(readIdentity(node, 0, 'email', 'ANA@example.com'))).toBe(
			identityKey(byEmail),
		);
	});
});
