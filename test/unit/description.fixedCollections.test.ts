import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';

/**
 * The helpers read every fixedCollection group as a list (`value.option`, `value.field`, …). Without
 * `multipleValues`, n8n's editor stores a single object there and n8n's parameter resolution drops a list,
 * so the values never reach Chatwoot (found by the real-n8n e2e test: a form's select options vanished).
 */
function fixedCollections(
	properties: INodeProperties[],
	path = '',
): Array<[string, INodeProperties]> {
	const found: Array<[string, INodeProperties]> = [];
	for (const property of properties) {
		const here = `${path}/${property.name}`;
		if (property.type === 'fixedCollection') {
			found.push([here, property]);
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				found.push(...fixedCollections(group.values ?? [], `${here}.${group.name}`));
			}
		} else if (property.type === 'collection') {
			found.push(...fixedCollections((property.options ?? []) as INodeProperties[], here));
		}
	}
	return found;
}

describe('node description', () => {
	// the message fields appear once per operation that sends a message: one row per distinct path
	const all = [...new Map(fixedCollections(new Chatwoot().description.properties)).entries()];

	it('has the nested form select options among its fixedCollections', () => {
		expect(all.map(([path]) => path)).toContain('/formFields.field/selectOptions');
	});

	it.each(all)('%s takes multiple values', (_path, property) => {
		expect(property.typeOptions?.multipleValues).toBe(true);
	});
});
