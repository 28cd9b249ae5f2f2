import { readFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties } from 'n8n-workflow';

import { KapsoTrigger } from '../../../nodes/KapsoTrigger/KapsoTrigger.node';
import { KapsoWhatsApp } from '../../../nodes/KapsoWhatsApp/KapsoWhatsApp.node';
import { sendOnly } from '../../helpers/kapso';

interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}

const FILE = join(__dirname, '../../../examples/kapso-trigger-buttons-reply.json');
/** The reply-button message the example sends Maria (the e2e checks the same in the sandbox). */
const SENT_BUTTONS = JSON.parse(
	readFileSync(
		join(__dirname, '../../fixtures/kapso-trigger-buttons-reply.interactive.json'),
		'utf8',
	),
) as unknown;
const workflow = JSON.parse(readFileSync(FILE, 'utf8')) as {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	meta: Record<string, unknown>;
};
const TRIGGER = 'n8n-nodes-chatwoot-kapso.kapsoTrigger';
const KAPSO = 'n8n-nodes-chatwoot-kapso.kapsoWhatsApp';
const kapsoNodes = workflow.nodes.filter((node) => node.type === TRIGGER || node.type === KAPSO);

/** The top-level fields a node shows for its parameters (resource/operation and setup conditions). */
function shownNames(
	properties: INodeProperties[],
	parameters: Record<string, unknown>,
): Set<string> {
	const shown = properties.filter((property) =>
		Object.entries(property.displayOptions?.show ?? {}).every(
			([name, values]) =>
				name.startsWith('/') || (values ?? []).includes(parameters[name] as never),
		),
	);
	return new Set(shown.map((property) => property.name));
}

describe('examples/kapso-trigger-buttons-reply.json', () => {
	it('starts with a Kapso Trigger that has a fixed webhook id and leaves the credential to "Set up template"', () => {
		const [trigger] = workflow.nodes.filter((node) => node.type === TRIGGER);
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(trigger.parameters).toMatchObject({
			setup: 'automatic',
			events: ['whatsapp.message.received'],
		});
		for (const node of kapsoNodes) expect(node.credentials).toBeUndefined();
		expect(workflow.meta).toEqual({
			templateId: 'kapso_trigger_buttons_reply',
			templateCredsSetupCompleted: false,
		});
	});

	it('sets only parameters the nodes have', () => {
		for (const node of kapsoNodes) {
			const properties =
				node.type === TRIGGER
					? new KapsoTrigger().description.properties
					: new KapsoWhatsApp().description.properties;
			const known = shownNames(properties, node.parameters);
			const unknown = Object.keys(node.parameters).filter((name) => !known.has(name));
			expect({ node: node.name, unknown }).toEqual({ node: node.name, unknown: [] });
		}
	});

	it('answers with the trigger’s flat fields: the sender, the number, the tapped button', () => {
		const replies = workflow.nodes.filter((node) => node.type === KAPSO);
		expect(replies.map((node) => node.parameters.recipientPhone)).toEqual([
			'={{ $json.from }}',
			'={{ $json.from }}',
		]);
		expect(JSON.stringify(replies)).toContain('replyTitle');
	});

	it('answers a new message with three reply buttons, and a tapped button with text', () => {
		const byName = (name: string) => workflow.nodes.find((node) => node.name === name)!;
		expect(workflow.connections['Tapped a button?'].main.map((out) => out[0].node)).toEqual([
			'Confirm the choice',
			'Offer reply buttons',
		]);
		expect(byName('Confirm the choice').parameters.messageType).toBe('text');
		expect(byName('Offer reply buttons').parameters).toMatchObject({
			messageType: 'buttons',
			bodyText: "=Hi {{ $json.contactName || 'there' }}, thanks for your message. How can we help?",
		});
	});

	it('its reply buttons, as the node sends them: an interactive message with the three buttons', async () => {
		const offer = workflow.nodes.find((node) => node.name === 'Offer reply buttons')!;
		// the fake context does not evaluate expressions: the body text as n8n resolves it for Maria
		const request = await sendOnly({
			...offer.parameters,
			phoneNumberId: { __rl: true, mode: 'id', value: '100000000000001' },
			recipientPhone: '15551230001',
			bodyText: 'Hi Maria Garcia, thanks for your message. How can we help?',
		});
		expect(request.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15551230001',
			type: 'interactive',
			interactive: SENT_BUTTONS,
		});
	});

	it('connects every node but the sticky notes, with names n8n can import', () => {
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		const targets = new Set(
			Object.values(workflow.connections).flatMap((c) => c.main.flat().map((t) => t.node)),
		);
		for (const node of workflow.nodes.filter(
			(n) => n.type !== TRIGGER && n.type !== 'n8n-nodes-base.stickyNote',
		))
			expect(targets).toContain(node.name);
	});
});
