import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The ordering key and the operation read the same parameters of an item (the conversation, the
 * inbox and identity of a contact). n8n evaluates an expression again on every read, in n8n 2.x
 * inside an isolate (about 0.4 ms each), so the second read is remembered: a string, number or
 * boolean per (parameter, item, extractValue), for parameters the node has (so the fallback
 * never applies). Objects are not kept (callers may change them); failures are not kept.
 */
export function rememberPrimitiveParameters(context: IExecuteFunctions): IExecuteFunctions {
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
		if (other || typeof itemIndex !== 'number' || !hasPath(present, name))
			return read(name, itemIndex, fallback, options);
		const key = `${options?.extractValue ? 1 : 0}\u0000${itemIndex}\u0000${name}`;
		if (values.has(key)) return values.get(key);
		const value = read(name, itemIndex, fallback, options);
		if (
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

function hasPath(source: IDataObject, path: string): boolean {
	let value: unknown = source;
	for (const key of path.split('.')) {
		if (
			value === null ||
			typeof value !== 'object' ||
			!Object.prototype.hasOwnProperty.call(value, key)
		)
			return false;
		value = (value as IDataObject)[key];
	}
	return value !== undefined;
}
