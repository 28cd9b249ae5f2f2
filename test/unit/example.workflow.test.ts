import { readFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

const workflow = JSON.parse(
	readFileSync(join(__dirname, '../../examples/new-lead-send-to-contact.json'), 'utf8'),
) as {
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
};
const properties = new Chatwoot().description.properties;

/** Whether a top-level property is shown for this resource and operation. */
function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show ?? {};
	const resources = show.resource as string[] | undefined;
	const operations = show.operation as string[] | undefined;
	return (
		(!resources || resources.includes(resource)) && (!operations || operations.includes(operation))
	);
}

describe('examples/new-lead-send-to-contact.json', () => {
	const chatwootNodes = workflow.nodes.filter(
		(node) => node.type === 'n8n-nodes-chatwoot-kapso.chatwoot',
	);

	it('uses the package’s node type and credential type', () => {
		expect(chatwootNodes.map((node) => node.parameters.operation)).toEqual([
			'sendToContact',
			'addLabels',
		]);
		for (const node of chatwootNodes)
			expect(Object.keys(node.credentials ?? {})).toEqual(['chatwootAccessTokenApi']);
		expect(Object.keys(workflow.connections)).toEqual(['Lead form', 'Send to Contact']);
	});

	it('sets only parameters the node has for that operation', () => {
		for (const node of chatwootNodes) {
			const { resource, operation } = node.parameters as { resource: string; operation: string };
			const known = new Set(
				properties
					.filter((property) => shownFor(property, resource, operation))
					.map((property) => property.name),
			);
			const unknown = Object.keys(node.parameters).filter((name) => !known.has(name));
			expect({ node: node.name, unknown }).toEqual({ node: node.name, unknown: [] });
		}
	});
});
