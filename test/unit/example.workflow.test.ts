import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties } from 'n8n-workflow';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { ChatwootTrigger } from '../../nodes/ChatwootTrigger/ChatwootTrigger.node';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

interface Workflow {
	nodes: WorkflowNode[];
	/** main, ai_tool, ai_languageModel…: each output's list of targets */
	connections: Record<string, Record<string, Array<Array<{ node: string }>>>>;
	meta?: Record<string, unknown>;
}

const EXAMPLES = join(__dirname, '../../examples');
const allFiles = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.sort();
/** The Chatwoot examples; the Kapso ones have their own tests (test/unit/kapsoTrigger/example.test.ts). */
const files = allFiles.filter((file) => !file.startsWith('kapso-'));
const load = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Workflow;
const CHATWOOT = 'n8n-nodes-chatwoot-kapso.chatwoot';
/** n8n makes the tool from the node (usableAsTool) and adds its Description fields. */
const CHATWOOT_TOOL = 'n8n-nodes-chatwoot-kapso.chatwootTool';
const CHATWOOT_TRIGGER = 'n8n-nodes-chatwoot-kapso.chatwootTrigger';
const OPENAI_MODEL = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
/** What each of our node types can be given: its properties (a tool also its Description fields). */
const propertiesOf: Record<string, INodeProperties[]> = {
	[CHATWOOT]: new Chatwoot().description.properties,
	[CHATWOOT_TOOL]: [
		...new Chatwoot().description.properties,
		{ displayName: 'Tool Description', name: 'descriptionType', type: 'options', default: 'auto' },
		{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
	],
	[CHATWOOT_TRIGGER]: new ChatwootTrigger().description.properties,
};
type Credential = { id: string; name: string; type: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exampleWorkflows, CREDENTIAL, KAPSO_CREDENTIAL, MODEL_CREDENTIAL } =
	require('../../scripts/start') as {
		exampleWorkflows(): Array<{ file: string; workflow: Workflow }>;
		CREDENTIAL: Credential;
		KAPSO_CREDENTIAL: Credential;
		MODEL_CREDENTIAL: Credential;
	};

/** Every node name a connection starts or ends at, whatever its kind (main, ai_tool…). */
function connectedNodes(workflow: Workflow): Set<string> {
	const names = new Set<string>();
	for (const [source, outputs] of Object.entries(workflow.connections)) {
		names.add(source);
		for (const target of Object.values(outputs).flat(2)) names.add(target.node);
	}
	return names;
}

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
	expect(allFiles).toEqual([
		'chatwoot-ai-agent-asks-customer.json',
		'chatwoot-missed-webhook-sweep.json',
		'chatwoot-order-confirmation-send-and-wait.json',
		'chatwoot-trigger-ai-agent.json',
		'chatwoot-trigger-echo.json',
		'kapso-schedule-template-reminder.json',
		'kapso-trigger-buttons-reply.json',
		'new-lead-send-to-contact.json',
		'schedule-template-reminder.json',
		'send-every-message-kind.json',
	]);
});

it('no two examples share a webhookId (n8n refuses to publish the second one)', () => {
	const ids = files.flatMap((file) =>
		load(file)
			.nodes.map((node) => (node as { webhookId?: string }).webhookId)
			.filter(Boolean),
	);
	expect(ids.length).toBeGreaterThan(0);
	expect(new Set(ids).size).toBe(ids.length);
});

describe.each(files)('examples/%s', (file) => {
	const workflow = load(file);
	const chatwootNodes = workflow.nodes.filter((node) => node.type in propertiesOf);
	const credentialed = workflow.nodes.filter(
		(node) => node.type.startsWith('n8n-nodes-chatwoot-kapso.') || node.type === OPENAI_MODEL,
	);
	const stickyNotes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');

	it('credential picked once: no credential in the nodes, n8n’s "Set up template" asks for it', () => {
		expect(chatwootNodes.length).toBeGreaterThan(0);
		for (const node of credentialed) expect(node.credentials).toBeUndefined();
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

	it('a Chatwoot Trigger has its own webhookId: its Production URL is the same after every import', () => {
		const triggers = workflow.nodes.filter((node) => node.type === CHATWOOT_TRIGGER) as Array<
			WorkflowNode & { webhookId?: string }
		>;
		for (const node of triggers) expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('node names are unique (n8n refuses to import a workflow otherwise)', () => {
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('sticky notes explain the steps, and every Chatwoot node is connected', () => {
		expect(stickyNotes.length).toBeGreaterThanOrEqual(2);
		expect(String(stickyNotes[0].parameters.content)).toContain('Set up template');
		const connected = connectedNodes(workflow);
		for (const node of credentialed) expect(connected).toContain(node.name);
	});

	it('sets only parameters the node has for that operation', () => {
		for (const node of chatwootNodes) {
			const { resource, operation } = node.parameters as { resource: string; operation: string };
			const known = new Set(
				propertiesOf[node.type]
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
		'%s: the sandbox credentials on every node of ours and the model, the setup step done',
		(_file, workflow) => {
			const given = (credential: Credential) => ({
				[credential.type]: { id: credential.id, name: credential.name },
			});
			for (const node of workflow.nodes) {
				if (node.type.startsWith('n8n-nodes-chatwoot-kapso.chatwoot'))
					expect(node.credentials).toEqual(given(CREDENTIAL));
				if (node.type.startsWith('n8n-nodes-chatwoot-kapso.kapso'))
					expect(node.credentials).toEqual(given(KAPSO_CREDENTIAL));
				if (node.type === OPENAI_MODEL) expect(node.credentials).toEqual(given(MODEL_CREDENTIAL));
			}
			expect(workflow.meta?.templateCredsSetupCompleted).toBe(true);
		},
	);
});
