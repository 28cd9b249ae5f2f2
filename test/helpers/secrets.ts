/**
 * Finds a secret anywhere in a value: own properties (enumerable or not, so an Error's message,
 * stack, description and cause are searched), nested objects, buffers and strings.
 * Returns the path where it was found.
 */
export function findSecret(
	secret: string,
	value: unknown,
	path = '$',
	seen = new Set<unknown>(),
): string | undefined {
	if (!secret) return undefined;
	if (typeof value === 'string') return value.includes(secret) ? path : undefined;
	if (Buffer.isBuffer(value)) return value.includes(secret) ? path : undefined;
	if (!value || typeof value !== 'object' || seen.has(value)) return undefined;
	seen.add(value);
	for (const key of Object.getOwnPropertyNames(value)) {
		if (key.includes(secret)) return `${path}[key]`;
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		const found = findSecret(secret, child, `${path}.${key}`, seen);
		if (found) return found;
	}
	return undefined;
}
