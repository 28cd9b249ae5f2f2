import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

interface Workflow {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	meta?: Record<string, unknown>;
}

const EXAMPLES = join(__dirname, '../../examples');
const files = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.sort();
const load = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Workflow;
const properties = new Chatwoot().description.properties;
const CHATWOOT = 'n8n-nodes-chatwoot-kapso.chatwoot';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exampleWorkflows, CREDENTIAL } = require('../../scripts/start') as {
	exampleWorkflows(): Array<{ file: string; workflow: Workflow }>;
	CREDENTIAL: { id: string; name: string; type: string };
};

/** Whether a top-level property is shown for this resource and operation. */
function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show ?? {};
	const resources = show.resource as string[] | undefined;
	const operations = show.operation as string[] | undefined;
	return (
		(!resources || resources.includes(resource)) && (!operations || operations.includes(operation))
	);
}

/** Every resource-locator value in a node's parameters, with its path. */
function locators(value: unknown, path = ''): Array<[string, { mode: string; value: unknown }]> {
	if (!value || typeof value !== 'object') return [];
	const record = value as Record<string, unknown>;
	if (record.__rl === true) return [[path, record as { mode: string; value: unknown }]];
	return Object.entries(record).flatMap(([key, entry]) => locators(entry, `${path}.${key}`));
}

it('there are examples', () => {
	expect(files).toEqual([
		'chatwoot-order-confirmation-send-and-wait.json',
		'new-lead-send-to-contact.json',
		'schedule-template-reminder.json',
		'send-every-message-kind.json',
	]);
});

describe.each(files)('examples/%s', (file) => {
	const workflow = load(file);
	const chatwootNodes = workflow.nodes.filter((node) => node.type === CHATWOOT);
	const stickyNotes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');

	it('credential picked once: no credential in the nodes, n8n’s "Set up template" asks for it', () => {
		expect(chatwootNodes.length).toBeGreaterThan(0);
		for (const node of chatwootNodes) expect(node.credentials).toBeUndefined();
		expect(workflow.meta).toEqual({
			templateId: expect.stringMatching(/^chatwoot_/),
			templateCredsSetupCompleted: false,
		});
	});

	it('no sandbox id typed "By ID": ids are picked from a list or come from an expression', () => {
		for (const node of chatwootNodes) {
			for (const [path, locator] of locators(node.parameters)) {
				const fromExpression = String(locator.value).startsWith('=');
				expect({ node: node.name, path, ok: locator.mode === 'list' || fromExpression }).toEqual({
					node: node.name,
					path,
					ok: true,
				});
			}
		}
	});

	it('node names are unique (n8n refuses to import a workflow otherwise)', () => {
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('sticky notes explain the steps, and every Chatwoot node is connected', () => {
		expect(stickyNotes.length).toBeGreaterThanOrEqual(2);
		expect(String(stickyNotes[0].parameters.content)).toContain('Set up template');
		const targets = new Set(
			Object.values(workflow.connections).flatMap((connection) =>
				connection.main.flat().map((target) => target.node),
			),
		);
		for (const node of chatwootNodes) expect(targets).toContain(node.name);
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

describe('npm start imports the examples ready to run', () => {
	it.each(exampleWorkflows().map((example) => [example.file, example.workflow] as const))(
		'%s: the sandbox credential on every Chatwoot node, the setup step done',
		(_file, workflow) => {
			for (const node of workflow.nodes.filter((entry) => entry.type === CHATWOOT))
				expect(node.credentials).toEqual({
					[CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name },
				});
			expect(workflow.meta?.templateCredsSetupCompleted).toBe(true);
		},
	);
});
