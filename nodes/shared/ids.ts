import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from './fieldError';

/** Reads a Chatwoot numeric ID from a plain field or a resource locator, naming the field on error. */
export function readId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): number {
	const raw = this.getNodeParameter(parameter, itemIndex, undefined, {
		extractValue: true,
	}) as unknown;
	const text = String(raw ?? '')
		.trim()
		.replace(/^#/, '');
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			label,
			`must be a positive whole number such as 42 (got ${JSON.stringify(raw ?? '')})`,
		);
	}
	return Number(text);
}

/** Like readId, for an optional field: empty (or 0) means "not set". */
export function readOptionalId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): number | undefined {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	const text = String(raw ?? '').trim();
	if (text === '' || text === '0') return undefined;
	return readId.call(this, itemIndex, parameter, label);
}
