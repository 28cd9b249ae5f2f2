import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

/**
 * n8n evaluates a parameter again on every read; in n8n 2.x an expression is evaluated inside an
 * isolate (about 1 ms), and even a plain value goes through type lookup, copying and validation.
 * So reads are remembered, for parameters the node has (so the fallback never applies) and plain
 * options (extractValue only):
 * - a parameter without any expression has the same value for every item: it is read once per
 *   execution (objects are handed out as copies, callers may change them);
 * - an expression's value is remembered per item when it is a string, number, boolean or null,
 *   since the ordering key and the operation read the same fields (the conversation, a contact's
 *   inbox and identity).
 * Failures are not kept: every read that failed fails again.
 */
export function rememberParameters(context: IExecuteFunctions): IExecuteFunctions {
	const read = context.getNodeParameter.bind(context) as (...args: unknown[]) => unknown;
	let present: IDataObject | undefined;
	const values = new Map<string, unknown>();
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	) => {
		present ??= context.getNode().parameters ?? {};
		const other =
			options !== undefined && Object.keys(options).some((key) => key !== 'extractValue');
		const raw = other || typeof itemIndex !== 'number' ? undefined : valueAt(present, name);
		if (raw === undefined) return read(name, itemIndex, fallback, options);
		const sameForAllItems = !hasExpression(raw);
		const key = `${options?.extractValue ? 1 : 0}\u0000${sameForAllItems ? '*' : itemIndex}\u0000${name}`;
		if (values.has(key)) {
			const value = values.get(key);
			return typeof value === 'object' && value !== null ? deepCopy(value) : value;
		}
		const value = read(name, itemIndex, fallback, options);
		if (sameForAllItems) values.set(key, typeof value === 'object' ? deepCopy(value) : value);
		else if (
			value === null ||
			typeof value === 'string' ||
			typeof value === 'number' ||
			typeof value === 'boolean'
		)
			values.set(key, value);
		return value;
	};
	return Object.assign(Object.create(context) as IExecuteFunctions, { getNodeParameter });
}

function valueAt(source: IDataObject, path: string): unknown {
	let value: unknown = source;
	for (const key of path.split('.')) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** n8n treats a string starting with "=" as an expression, at any depth. */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}
