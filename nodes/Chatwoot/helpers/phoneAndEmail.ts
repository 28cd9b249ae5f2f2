import type { INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';

/** Chatwoot stores phone numbers in E.164: "+", country code, subscriber number, 7–15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;
/** Deliberately plain: something@domain.tld, no spaces; Chatwoot does its own stricter check. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const PHONE_EXAMPLE = 'e.g. +14155550123 or +44 20 7946 0958';

/**
 * Turns what people type (`+1 (415) 555-0123`, `+49-30-1234567`) into E.164 (`+14155550123`) and
 * explains what is wrong otherwise. Never guesses a country: a number without "+" is refused.
 */
export function normalizePhone(
	node: INode,
	itemIndex: number,
	field: string,
	raw: unknown,
): string {
	const text = String(raw ?? '').trim();
	const fail = (problem: string) =>
		fieldError(
			node,
			itemIndex,
			field,
			`${problem} (got ${JSON.stringify(text)})`,
			`Write the number in international E.164 form, ${PHONE_EXAMPLE}.`,
		);
	if (text === '')
		throw fieldError(
			node,
			itemIndex,
			field,
			`is empty; give a phone number in E.164 form, ${PHONE_EXAMPLE}`,
		);
	const phone = text.replace(/[\s\-().]/g, '');
	if (!phone.startsWith('+')) throw fail('must start with + and the country code');
	const digits = phone.slice(1);
	if (!/^\d+$/.test(digits))
		throw fail('may only contain digits after the +, besides spaces, dashes and parentheses');
	if (digits.startsWith('0')) throw fail('has a 0 right after the +; the country code comes first');
	if (digits.length < 7) throw fail(`has ${digits.length} digits; E.164 numbers have 7 to 15`);
	if (digits.length > 15) throw fail(`has ${digits.length} digits; E.164 numbers have at most 15`);
	if (!E164.test(phone)) throw fail('is not a valid E.164 number');
	return phone;
}

/** The digits of a phone number, for comparing numbers written differently. */
export function phoneDigits(phone: unknown): string {
	return String(phone ?? '').replace(/\D/g, '');
}

export function normalizeEmail(
	node: INode,
	itemIndex: number,
	field: string,
	raw: unknown,
): string {
	const email = String(raw ?? '').trim();
	if (email === '')
		throw fieldError(
			node,
			itemIndex,
			field,
			'is empty; give an email address such as ana@example.com',
		);
	if (!EMAIL.test(email)) {
		throw fieldError(
			node,
			itemIndex,
			field,
			`is not a valid email address (got ${JSON.stringify(email)}); expected something like ana@example.com`,
		);
	}
	return email;
}
