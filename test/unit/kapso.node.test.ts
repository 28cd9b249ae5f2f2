import type { INodeProperties } from 'n8n-workflow';

import { KapsoWhatsApp } from '../../nodes/KapsoWhatsApp/KapsoWhatsApp.node';

describe('Kapso WhatsApp node description', () => {
	const node = new KapsoWhatsApp();
	const { properties } = node.description;

	it('uses the kapsoApi credential, tested by the node', () => {
		expect(node.description.credentials).toEqual([
			{ name: 'kapsoApi', required: true, testedBy: 'kapsoApiTest' },
		]);
		expect(typeof node.methods.credentialTest.kapsoApiTest).toBe('function');
	});

	it('gives every field a display name and a description (options aside)', () => {
		const missing = (fields: INodeProperties[]): string[] =>
			fields.flatMap((field) => {
				const own =
					field.type !== 'notice' &&
					!['resource', 'operation', 'options', 'filters'].includes(field.name) &&
					!field.description
						? [field.name]
						: [];
				const nested = (field.options ?? []).filter(
					(option): option is INodeProperties => 'type' in option,
				);
				return [...own, ...missing(nested)];
			});
		expect(missing(properties)).toEqual([]);
	});

	it('names every operation and resource in its subtitle map', () => {
		const subtitle = String(node.description.subtitle);
		const operations = properties
			.filter((field) => field.name === 'operation')
			.flatMap((field) => field.options ?? [])
			.map((option) => option as { name: string; value: string });
		for (const { name, value } of operations) expect(subtitle).toContain(`"${value}":"${name}"`);
	});
});

describe('Kapso WhatsApp node loading', () => {
	it('loads neither the router, the composer readers nor the HTTP door with the node', () => {
		jest.isolateModules(() => {
			const refuse = (what: string) => () => {
				throw new Error(`${what} was loaded with the node`);
			};
			jest.doMock('../../nodes/KapsoWhatsApp/transport', refuse('transport'));
			jest.doMock('../../nodes/KapsoWhatsApp/transport/request', refuse('transport/request'));
			jest.doMock('../../nodes/KapsoWhatsApp/actions/router', refuse('router'));
			jest.doMock('../../nodes/KapsoWhatsApp/composer/cloudContent', refuse('cloudContent'));
			jest.doMock('../../nodes/KapsoWhatsApp/composer/sendCloud', refuse('sendCloud'));
			const loaded = jest.requireActual<
				typeof import('../../nodes/KapsoWhatsApp/KapsoWhatsApp.node')
			>('../../nodes/KapsoWhatsApp/KapsoWhatsApp.node');
			expect(new loaded.KapsoWhatsApp().description.name).toBe('kapsoWhatsApp');
		});
	});
});
