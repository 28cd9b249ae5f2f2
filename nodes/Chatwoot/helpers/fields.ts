import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from './errors';
import { normalizeEmail, normalizePhone } from './identity';

/** Reads a JSON-object field (text from the editor, or an object from an expression). */
export function parseJsonObject(
	node: INode,
	itemIndex: number,
	field: string,
	raw: unknown,
	example = '{"plan": "pro"}',
): IDataObject {
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw fieldError(node, itemIndex, field, `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw fieldError(node, itemIndex, field, `must be a JSON object such as ${example}`);
	}
	return value as IDataObject;
}

/** Labels from a list field or a comma-separated string: trimmed, without blanks or repeats. */
export function readLabels(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const labels = values.map((value) => String(value ?? '').trim()).filter((value) => value !== '');
	return [...new Set(labels)];
}

interface ContactAttributeInput {
	avatarUrl?: string;
	customAttributes?: unknown;
	email?: string;
	identifier?: string;
	name?: string;
	phoneNumber?: string;
}

/**
 * Reads the contact fields of a collection into Chatwoot's contact body, checking the phone
 * (E.164) and email before anything is sent. Empty fields are left out.
 */
export function readContactAttributes(
	this: IExecuteFunctions,
	itemIndex: number,
	collection: string,
): IDataObject {
	const node = this.getNode();
	const input = this.getNodeParameter(collection, itemIndex, {}) as ContactAttributeInput;
	const body: IDataObject = {};
	if (input.name !== undefined && String(input.name).trim() !== '')
		body.name = String(input.name).trim();
	if (input.email !== undefined && String(input.email).trim() !== '')
		body.email = normalizeEmail(node, itemIndex, 'Email', input.email);
	if (input.phoneNumber !== undefined && String(input.phoneNumber).trim() !== '') {
		body.phone_number = normalizePhone(node, itemIndex, 'Phone Number', input.phoneNumber);
	}
	if (input.identifier !== undefined && String(input.identifier).trim() !== '')
		body.identifier = String(input.identifier).trim();
	if (input.avatarUrl !== undefined && String(input.avatarUrl).trim() !== '') {
		const url = String(input.avatarUrl).trim();
		if (!/^https?:\/\/\S+$/i.test(url))
			throw fieldError(
				node,
				itemIndex,
				'Avatar URL',
				`must be an http:// or https:// URL (got ${JSON.stringify(url)})`,
			);
		body.avatar_url = url;
	}
	if (input.customAttributes !== undefined) {
		const attributes = parseJsonObject(
			node,
			itemIndex,
			'Custom Attributes (JSON)',
			input.customAttributes,
		);
		if (Object.keys(attributes).length > 0) body.custom_attributes = attributes;
	}
	return body;
}

/** A date-time field (ISO text, or Unix seconds from an expression) as Unix seconds. */
export function toUnixSeconds(
	this: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const millis = typeof raw === 'number' ? raw * 1000 : Date.parse(String(raw));
	if (!Number.isFinite(millis)) {
		throw fieldError(
			this.getNode(),
			itemIndex,
			field,
			`is not a date and time (got ${JSON.stringify(raw)})`,
		);
	}
	return Math.floor(millis / 1000);
}
