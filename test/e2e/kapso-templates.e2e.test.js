'use strict';
/**
 * Kapso WhatsApp templates in a real n8n: workflows whose Kapso WhatsApp node holds a template as
 * the editor saves it (the dropdown's `name|language`, the resource mapper's values and schema,
 * Parameter Types), run with `n8n execute` against the Kapso sandbox, which checks each send
 * against the template on the number's WABA. 0 violations; the API key in no output.
 */
const n8n = require('./n8n');
const { startSandbox } = require('../../sandbox/kapso');

const TARGET = process.env.N8N_TARGET || '2';
const CREDENTIAL = { id: 'KapsoSandboxTpl1', name: 'Kapso sandbox', type: 'kapsoApi' };
const NUMBER = {
	__rl: true,
	mode: 'list',
	value: '100000000000001',
	cachedResultName: 'Acme Support',
};
const OUTSIDE = '+1 555 123 0002'; // last wrote 30 h ago: only a template reaches him

/** A resource mapper value as the editor stores it: the values and the fields it showed. */
const mapper = (value) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: Object.keys(value).map((id) => ({
		id,
		displayName: id,
		required: true,
		defaultMatch: false,
		display: true,
		type: 'string',
		canBeUsedToMatch: false,
		removed: false,
	})),
	attemptToConvertTypes: false,
	convertFieldsToString: true,
});

/** Manual Trigger → Set (the data) → Kapso WhatsApp with `parameters`. */
function workflow(id, name, parameters) {
	return {
		id,
		name,
		nodes: [
			{
				parameters: {},
				id: `${id}-trigger`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'a1', name: 'customer', value: 'John', type: 'string' },
							{ id: 'a2', name: 'total', value: 12.5, type: 'number' },
						],
					},
					options: {},
				},
				id: `${id}-data`,
				name: 'Invoice',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
			},
			{
				parameters,
				id: `${id}-kapso`,
				name: 'Kapso WhatsApp',
				type: 'n8n-nodes-chatwoot-kapso.kapsoWhatsApp',
				typeVersion: 1,
				position: [440, 0],
				credentials: { kapsoApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Invoice', type: 'main', index: 0 }]] },
			Invoice: { main: [[{ node: 'Kapso WhatsApp', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const send = (extra) => ({
	resource: 'message',
	operation: 'send',
	phoneNumberId: NUMBER,
	recipientType: 'phone',
	recipientPhone: OUTSIDE,
	messageType: 'template',
	...extra,
	options: {},
});

const WORKFLOWS = {
	typed: workflow(
		'e2eKapsoTplTyped1',
		'E2E: Kapso template, NAMED with currency and date',
		send({
			templateId: 'payment_due|en',
			templateVariables: mapper({
				'body.customer_name': '={{ $json.customer }}',
				'body.amount': '={{ "$" + $json.total.toFixed(2) }}',
				'body.due_date': 'March 3, 2026',
			}),
			templateParameterTypes: {
				parameter: [
					{
						variable: 'amount',
						type: 'currency',
						currencyCode: 'USD',
						amount: '={{ $json.total }}',
					},
					{ variable: 'due_date', type: 'date_time' },
				],
			},
		}),
	),
	buttons: workflow(
		'e2eKapsoTplButtons1',
		'E2E: Kapso template, positional with header and buttons',
		send({
			templateId: 'order_update|en_US',
			templateVariables: mapper({
				'header.text': 'A-1042',
				'body.1': '={{ $json.customer }}',
				'body.2': 'A-1042',
				'body.3': 'Monday',
				'button.0': 'A-1042',
				'button.1': 'TALK_A1042',
				'button.2': 'SAVE10',
			}),
		}),
	),
	pending: workflow(
		'e2eKapsoTplPending1',
		'E2E: Kapso template still in review',
		send({ templateId: 'welcome_pending|en', templateVariables: mapper({ 'body.1': 'John' }) }),
	),
	list: workflow('e2eKapsoTplList1', 'E2E: Kapso Template → Get Many', {
		resource: 'template',
		operation: 'getAll',
		phoneNumberId: NUMBER,
		returnAll: true,
		filters: { status: 'APPROVED', name: 'order' },
	}),
};

/**
 * examples/kapso-schedule-template-reminder.json as `npm start` imports it (its Kapso node given the
 * sandbox credential), the Schedule Trigger swapped for a manual one so `n8n execute` can start it.
 */
function scheduleExample() {
	const { exampleWorkflows } = require('../../scripts/start');
	const example = exampleWorkflows(undefined, undefined, undefined, CREDENTIAL).find(
		(e) => e.file === 'kapso-schedule-template-reminder.json',
	);
	if (!example) throw new Error('examples/kapso-schedule-template-reminder.json is missing');
	const { workflow } = example;
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.scheduleTrigger')
			Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	return { ...workflow, id: 'e2eKapsoExample1' };
}
WORKFLOWS.example = scheduleExample();

const { n8nVersion } = n8n.resolveTarget(TARGET);
const describeFull = TARGET === '2' ? describe : describe.skip;

describeFull(`Kapso WhatsApp templates in n8n ${n8nVersion}`, () => {
	let sb;
	let home;
	let tarball;
	const outputs = [];

	beforeAll(async () => {
		sb = await startSandbox({ quiet: true });
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		home = await n8n.createN8nHome({
			target: TARGET,
			packages: [tarball],
			env: { N8N_SSRF_PROTECTION_ENABLED: 'false' },
		});
		await home.importCredentials([
			{
				...CREDENTIAL,
				data: { apiKey: sb.apiKey, baseUrl: sb.url, legacyBaseUrl: `${sb.url}/api/v1` },
			},
		]);
		await home.importWorkflows(Object.values(WORKFLOWS));
	});

	afterAll(async () => {
		if (sb) await sb.close();
		if (home) await home.cleanup();
		if (tarball)
			require('fs').rmSync(require('path').dirname(tarball), { recursive: true, force: true });
	});

	async function execute(name) {
		sb.reset();
		const res = await home.execute(WORKFLOWS[name].id);
		outputs.push(res.stdout, res.stderr);
		return res;
	}

	const lastTemplate = () => {
		const sends = sb.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
		expect(sends).toHaveLength(1);
		expect(sends[0].status).toBe(200);
		return sends[0].body.template;
	};

	it('a NAMED template from the dropdown with a currency and a date_time parameter', async () => {
		const res = await execute('typed');
		expect(res.ok).toBe(true);
		expect(res.json('Kapso WhatsApp')[0].messageId).toMatch(/^wamid\./);
		expect(lastTemplate()).toEqual({
			name: 'payment_due',
			language: { code: 'en' },
			components: [
				{
					type: 'body',
					parameters: [
						{ type: 'text', parameter_name: 'customer_name', text: 'John' },
						{
							type: 'currency',
							parameter_name: 'amount',
							currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 },
						},
						{
							type: 'date_time',
							parameter_name: 'due_date',
							date_time: { fallback_value: 'March 3, 2026' },
						},
					],
				},
			],
		});
		expect(sb.violations).toEqual([]);
	});

	it('a positional template with a text header, URL, quick-reply and copy-code buttons', async () => {
		const res = await execute('buttons');
		expect(res.ok).toBe(true);
		const template = lastTemplate();
		expect(template.components.map((c) => [c.type, c.sub_type, c.index])).toEqual([
			['header', undefined, undefined],
			['body', undefined, undefined],
			['button', 'url', '0'],
			['button', 'quick_reply', '1'],
			['button', 'copy_code', '2'],
		]);
		expect(sb.violations).toEqual([]);
	});

	it('a template still in review stops before anything is sent, saying why', async () => {
		const res = await execute('pending');
		expect(res.ok).toBe(false);
		expect(res.nodeError('Kapso WhatsApp').message).toBe(
			'Template: "welcome_pending" (en) is PENDING, not approved: WhatsApp only sends approved templates [item 0]',
		);
		expect(sb.requests.filter((r) => r.method === 'POST')).toEqual([]);
		expect(sb.violations).toEqual([]);
	});

	it('Template → Get Many lists the WABA’s approved templates', async () => {
		const res = await execute('list');
		expect(res.ok).toBe(true);
		expect(res.json('Kapso WhatsApp').map((t) => `${t.name}|${t.language}`)).toEqual([
			'order_update|en_US',
			'order_update|es',
		]);
		expect(sb.violations).toEqual([]);
	});

	it('examples/kapso-schedule-template-reminder.json: one payment_due template per payment, typed, to numbers in and out of the window', async () => {
		const res = await execute('example');
		expect(res.ok).toBe(true);
		const sends = sb.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
		expect(sends.map((r) => [r.status, r.body.to, r.body.template.name])).toEqual([
			[200, '15551230002', 'payment_due'],
			[200, '15551230001', 'payment_due'],
		]);
		expect(sends[0].body.template.components[0].parameters).toEqual([
			{ type: 'text', parameter_name: 'customer_name', text: 'John Miller' },
			{
				type: 'currency',
				parameter_name: 'amount',
				currency: { fallback_value: 'USD 49.90', code: 'USD', amount_1000: 49900 },
			},
			{
				type: 'date_time',
				parameter_name: 'due_date',
				date_time: { fallback_value: 'March 3, 2026' },
			},
		]);
		expect(sb.violations).toEqual([]);
	});

	it('the API key appears in no n8n output, and n8n reached no other host', () => {
		expect(outputs.join('\n')).not.toContain(sb.apiKey);
		expect(home.outboundAttempts()).toEqual([]);
	});
});
