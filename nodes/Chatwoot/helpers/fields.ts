import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';

/**
 * Deeper JSON than any Chatwoot attribute needs; thousands of levels would overflow the stack
 * while the body is serialised ("Maximum call stack size exceeded", naming nothing).
 */
export const MAX_JSON_DEPTH = 100;

function tooDeep(node: INode, itemIndex: number, field: string) {
	return fieldError(node, itemIndex, field, `is nested more than ${MAX_JSON_DEPTH} levels deep`);
}

/** The deepest bracket nesting of JSON text, without parsing it (brackets in strings ignored). */
function textNestingDepth(text: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
		else if (char === '}' || char === ']') depth--;
	}
	return deepest;
}

/** The nesting depth of a value from an expression, walked without recursion. */
function valueNestingDepth(value: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (current === null || typeof current !== 'object') continue;
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_JSON_DEPTH) return deepest;
		for (const child of Object.values(current)) stack.push([child, depth + 1]);
	}
	return deepest;
}

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
		if (textNestingDepth(raw) > MAX_JSON_DEPTH) throw tooDeep(node, itemIndex, field);
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw fieldError(node, itemIndex, field, `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (value === undefined || value === null) return {};
	if (typeof raw !== 'string' && valueNestingDepth(value) > MAX_JSON_DEPTH)
		throw tooDeep(node, itemIndex, field);
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw fieldError(node, itemIndex, field, `must be a JSON object such as ${example}`);
	}
	return value as IDataObject;
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

/** Custom Attributes (JSON) of a contact or conversation; undefined when not given or empty. */
export function readCustomAttributes(
	node: INode,
	itemIndex: number,
	raw: unknown,
): IDataObject | undefined {
	if (raw === undefined) return undefined;
	const attributes = parseJsonObject(node, itemIndex, 'Custom Attributes (JSON)', raw);
	return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/** Snoozed Until as Unix seconds, for a conversation set to snoozed; undefined otherwise or when empty. */
export function readSnoozedUntil(
	this: IExecuteFunctions,
	itemIndex: number,
	status: string,
): number | undefined {
	if (status !== 'snoozed') return undefined;
	const raw = this.getNodeParameter('snoozedUntil', itemIndex, '');
	return toUnixSeconds.call(this, itemIndex, 'Snoozed Until', raw);
}
