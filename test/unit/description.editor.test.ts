import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';

const { properties, subtitle } = new Chatwoot().description;

/** The subtitle expression evaluated as n8n does for the canvas: `$parameter` holds the node's values. */
function subtitleFor(resource: string, operation: string): unknown {
	const body = String(subtitle).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
	// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the node's own expression, as n8n runs it
	return new Function('$parameter', `return (${body});`)({ resource, operation });
}

describe('what the editor shows', () => {
	it('subtitle: the display names of the operation and resource, not their values', () => {
		expect(subtitleFor('message', 'send')).toBe('Send: Message');
		expect(subtitleFor('message', 'sendToContact')).toBe('Send to Contact: Message');
		expect(subtitleFor('contact', 'getAll')).toBe('Get Many: Contact');
		expect(subtitleFor('conversation', 'setCustomAttributes')).toBe(
			'Set Custom Attributes: Conversation',
		);
		expect(subtitleFor('message', 'unknown')).toBe('unknown: Message');
	});

	it('subtitle: the names of every Operation and Resource option, exactly', () => {
		const resources = properties.find((property) => property.name === 'resource');
		for (const resource of resources?.options as Array<{ name: string; value: string }>) {
			const operations = properties.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource.value),
			);
			for (const operation of operations?.options as Array<{ name: string; value: string }>)
				expect(subtitleFor(resource.value, operation.value)).toBe(
					`${operation.name}: ${resource.name}`,
				);
		}
	});

	it('Account comes first, right under the credential it overrides, and is optional', () => {
		const account = properties[0];
		expect(account).toMatchObject({ name: 'accountId', type: 'resourceLocator' });
		expect(account.required).toBeFalsy();
		expect(account.displayOptions).toBeUndefined();
		expect(account.description).toContain('the lists below');
		expect(properties.filter((property) => property.name === 'accountId')).toHaveLength(1);
	});

	describe('form fields', () => {
		const formFields = properties.find((property) => property.name === 'formFields');
		const values = (formFields?.options as INodePropertyCollection[])[0].values;
		const field = (name: string) => values.find((value) => value.name === name) as INodeProperties;

		it('in the order a user fills them in: Type first', () => {
			expect(values.map((value) => value.displayName)).toEqual([
				'Type',
				'Name',
				'Label',
				'Placeholder',
				'Default Value',
				'Required',
				'Select Options',
				'Pattern',
				'Pattern Error',
			]);
		});

		it('Select Options only for a select field; pattern settings for the others', () => {
			expect(field('selectOptions').displayOptions).toEqual({ show: { type: ['select'] } });
			for (const name of ['pattern', 'patternError', 'placeholder'])
				expect(field(name).displayOptions).toEqual({ hide: { type: ['select'] } });
		});

		it('every setting and choice explains itself; no placeholder holds a control character', () => {
			for (const value of values) expect(value.description).toBeTruthy();
			expect(field('pattern').placeholder).toBe('^[0-9]{5}$');
		});
	});

	it('no placeholder anywhere holds a tab or another control character', () => {
		const placeholders: string[] = [];
		const walk = (list: unknown[]) => {
			for (const entry of list as Array<INodeProperties & INodePropertyCollection>) {
				if (typeof entry.placeholder === 'string') placeholders.push(entry.placeholder);
				if (Array.isArray(entry.options)) walk(entry.options);
				if (Array.isArray(entry.values)) walk(entry.values);
			}
		};
		walk(properties);
		expect(placeholders.length).toBeGreaterThan(10);
		// eslint-disable-next-line no-control-regex -- what the test looks for
		expect(placeholders.filter((text) => /[\u0000-\u001f]/.test(text))).toEqual([]);
	});

	it('cards: title, description, button text, URL and payload explain themselves', () => {
		const cards = properties.find((property) => property.name === 'cards');
		const card = (cards?.options as INodePropertyCollection[])[0].values;
		const buttons = (
			card.find((value) => value.name === 'actions')?.options as INodePropertyCollection[]
		)[0].values;
		for (const value of [...card, ...buttons])
			expect({ [value.name]: Boolean(value.description) }).toEqual({ [value.name]: true });
	});
});
