import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from './fieldError';

/** Where pasted addresses must point: the credential's server and the account the node works in. */
export interface IdScope {
	baseUrl: string;
	accountId: number;
}

/**
 * "7", "#7", " 7" and "007" are one id. Ids above 2^53 cannot pass through n8n (JSON numbers)
 * unchanged, so they are refused rather than silently rounded.
 */
export function parseId(raw: unknown): { id: number } | { problem: string } {
	const text = String(raw ?? '')
		.trim()
		.replace(/^#/, '');
	if (!/^\d+$/.test(text) || /^0+$/.test(text))
		return {
			problem: `must be a positive whole number such as 42 (got ${JSON.stringify(raw ?? '')})`,
		};
	const digits = text.replace(/^0+/, '');
	const id = Number(digits);
	if (!Number.isSafeInteger(id) || String(id) !== digits)
		return {
			problem: `${digits} is larger than any id n8n can pass on exactly (at most ${Number.MAX_SAFE_INTEGER})`,
		};
	return { id };
}

/** The id as the key that orders items: the same conversation however it was written; lenient. */
export function idKey(raw: unknown): string {
	const parsed = parseId(raw);
	return 'id' in parsed ? String(parsed.id) : String(raw ?? '');
}

/** An optional id given as an option value: empty or 0 means "not set". */
export function readOptionalIdValue(
	node: INode,
	itemIndex: number,
	label: string,
	raw: unknown,
): number | undefined {
	if (raw === undefined || raw === null || raw === 0 || String(raw).trim() === '') return undefined;
	const parsed = parseId(raw);
	if ('problem' in parsed) throw fieldError(node, itemIndex, label, parsed.problem);
	return parsed.id;
}

/**
 * A pasted address names its server and account: `…/app/accounts/2/conversations/1` is
 * conversation 1 of account 2, a different one from conversation 1 of account 1. Only an address
 * of the credential's host and the account in use is taken.
 */
function checkPastedAddress(
	node: INode,
	itemIndex: number,
	label: string,
	value: unknown,
	scope: IdScope,
): void {
	const text = String(value ?? '').trim();
	let address: URL;
	try {
		address = new URL(text);
	} catch {
		throw fieldError(node, itemIndex, label, `is not an address (got ${JSON.stringify(text)})`);
	}
	const expected = new URL(scope.baseUrl);
	if (address.host.toLowerCase() !== expected.host.toLowerCase()) {
		throw fieldError(
			node,
			itemIndex,
			label,
			`the address is on ${address.host}, but the credential points to ${expected.host}`,
			'Paste an address from that server, or give the number By ID.',
		);
	}
	const account = /\/accounts\/(\d+)(?:\/|$)/.exec(address.pathname)?.[1];
	if (account === undefined) {
		throw fieldError(
			node,
			itemIndex,
			label,
			`the address has no /accounts/<number>/ in it (got ${JSON.stringify(text)})`,
			'Copy the address from Chatwoot’s address bar, e.g. https://app.chatwoot.com/app/accounts/1/conversations/42.',
		);
	}
	if (Number(account) !== scope.accountId) {
		throw fieldError(
			node,
			itemIndex,
			label,
			`the address is of account ${account}, but this node works in account ${scope.accountId}`,
			'Numbers are only unique within an account. Use a credential (or the Account field) for that account, or paste an address of this one.',
		);
	}
}

/** The stored mode of a locator parameter ('' for a plain field), or undefined when not stored. */
function storedMode(node: INode, path: string): string | undefined {
	let value: unknown = node.parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	if (value === undefined) return undefined;
	const mode = value && typeof value === 'object' ? (value as { mode?: unknown }).mode : '';
	return typeof mode === 'string' ? mode : '';
}

/**
 * Reads a Chatwoot numeric ID from a plain field or a resource locator, naming the field on
 * error. A locator in "By URL" mode must point to `scope` (see checkPastedAddress).
 */
export function readId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	scope: IdScope,
): number {
	const node = this.getNode();
	// A locator's mode is never an expression: read it from the node's stored parameters, so the
	// value (maybe an expression, costly to evaluate) is read a second time only for "By URL".
	const stored = storedMode(node, parameter);
	if (stored === 'url' || stored === undefined) {
		const locator = this.getNodeParameter(parameter, itemIndex, undefined) as unknown;
		if (locator && typeof locator === 'object' && (locator as { mode?: unknown }).mode === 'url')
			checkPastedAddress(node, itemIndex, label, (locator as { value?: unknown }).value, scope);
	}
	const raw = this.getNodeParameter(parameter, itemIndex, undefined, {
		extractValue: true,
	}) as unknown;
	const parsed = parseId(raw);
	if ('problem' in parsed) throw fieldError(node, itemIndex, label, parsed.problem);
	return parsed.id;
}

/** Like readId, for an optional field: empty (or 0) means "not set". */
export function readOptionalId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	scope: IdScope,
): number | undefined {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	const text = String(raw ?? '').trim();
	if (text === '' || text === '0') return undefined;
	return readId.call(this, itemIndex, parameter, label, scope);
}
