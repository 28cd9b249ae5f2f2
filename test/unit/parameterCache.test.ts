import type { IExecuteFunctions } from 'n8n-workflow';

import { rememberParameters } from '../../nodes/shared/parameterCache';

/** n8n's getNodeParameter, counted: expressions (`=…`) resolve to `<value> #<item>`. */
function counted(parameters: Record<string, unknown>) {
	const reads: string[] = [];
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('='))
			return `${value.slice(1)} #${itemIndex}`;
		if (Array.isArray(value)) return value.map((entry) => resolve(entry, itemIndex));
		if (typeof value === 'object' && value !== null)
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, resolve(entry, itemIndex)]),
			);
		return value;
	};
	const context = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads.push(`${name}@${itemIndex}`);
			if (name === 'broken') throw new Error('bad value');
			return name in parameters ? resolve(parameters[name], itemIndex) : fallback;
		},
	} as unknown as IExecuteFunctions;
	return { context: rememberParameters(context), reads };
}

describe('rememberParameters', () => {
	it('reads a parameter without an expression once per execution, and hands out copies', () => {
		const { context, reads } = counted({ contentType: 'text', options: { echoId: 'a' } });
		for (const item of [0, 1, 2]) {
			expect(context.getNodeParameter('contentType', item)).toBe('text');
			const options = context.getNodeParameter('options', item) as { echoId: string };
			expect(options).toEqual({ echoId: 'a' });
			options.echoId = 'changed by a caller';
		}
		expect(reads).toEqual(['contentType@0', 'options@0']);
	});

	it('reads an expression once per item', () => {
		const { context, reads } = counted({ content: '=hello', nested: { value: '=id' } });
		for (const item of [0, 1]) {
			expect(context.getNodeParameter('content', item)).toBe(`hello #${item}`);
			expect(context.getNodeParameter('content', item)).toBe(`hello #${item}`);
			expect(context.getNodeParameter('nested', item)).toEqual({ value: `id #${item}` });
			expect(context.getNodeParameter('nested', item)).toEqual({ value: `id #${item}` });
		}
		// Objects holding an expression are read every time (callers may change them).
		expect(reads).toEqual([
			'content@0',
			'nested@0',
			'nested@0',
			'content@1',
			'nested@1',
			'nested@1',
		]);
	});

	it('passes absent parameters and failures through every time', () => {
		const { context, reads } = counted({ broken: 'x' });
		expect(context.getNodeParameter('absent', 0, 'fallback')).toBe('fallback');
		expect(context.getNodeParameter('absent', 1, 'other')).toBe('other');
		expect(() => context.getNodeParameter('broken', 0)).toThrow('bad value');
		expect(() => context.getNodeParameter('broken', 1)).toThrow('bad value');
		expect(reads).toEqual(['absent@0', 'absent@1', 'broken@0', 'broken@1']);
	});
});
