'use strict';
/**
 * The Kapso WhatsApp node of the packed package, proven in a REAL n8n: workflows built here are
 * imported with `n8n import:workflow` (all at once) and run with `n8n execute --id` against the Kapso
 * sandbox, which runs in this jest process. Each test checks the node's output, the requests the
 * sandbox recorded and that it found zero violations; at the end, that the API key never appears in
 * anything n8n printed and that n8n connected to no other host.
 *
 * n8n 2.x only (N8N_TARGET=1 skips this file).
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const { fullSuite, N8N_ENV } = require('./chatwoot-e2e');
const { startSandbox } = require('../../sandbox/kapso');

const { describeFull, n8nVersion } = fullSuite('kapso-workflows.e2e');

const CREDENTIAL = Object.freeze({
	id: 'KapsoSandbox0001',
	name: 'Kapso sandbox',
	type: 'kapsoApi',
});
const NODE_TYPE = 'n8n-nodes-chatwoot-kapso.kapsoWhatsApp';
const SENDER = { __rl: true, mode: 'list', value: '100000000000001' };
const MARIA = '+1 555 123 0001'; // last wrote 1 h ago: inside the window
const JOHN = '+1 555 123 0002'; // 30 h ago: outside
const CONVERSATION = 'd0000000-0000-4000-8000-000000000001';
/** A key the sandbox does not know: it must not show in n8n's output either. */
const WRONG_KEY = 'e2e-wrong-kapso-key-7c2d';

let nodeCount = 0;
function node(name, type, parameters, typeVersion = 1) {
	nodeCount += 1;
	const id = `00000000-0000-4000-8000-${String(nodeCount).padStart(12, '0')}`;
	const built = { id, name, type, typeVersion, position: [nodeCount * 220, 0], parameters };
	if (type === NODE_TYPE)
		built.credentials = { kapsoApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
	return built;
}

const kapso = (name, parameters) => node(name, NODE_TYPE, { resource: 'message', ...parameters });

/** A manual trigger followed by `steps`, each fed by the one before. */
function chain(id, name, steps) {
	const nodes = [node('Start', 'n8n-nodes-base.manualTrigger', {}), ...steps];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const send = (name, fields) =>
	kapso(name, {
		operation: 'send',
		phoneNumberId: SENDER,
		recipientType: 'phone',
		recipientPhone: MARIA,
		...fields,
		options: { ...(fields.options || {}) },
	});

/** Every message type of Message → Send, one node each, to a recipient inside the window. */
/** @type {Array<[string, Record<string, any>]>} */
const SEND_TYPES = [
	[
		'Text',
		{
			messageType: 'text',
			text: 'Hi Maria, your order shipped: https://shop.example/1042',
			previewUrl: true,
		},
	],
	[
		'Image',
		{
			messageType: 'image',
			mediaSource: 'url',
			mediaUrl: 'https://cdn.example/p.jpg',
			caption: 'Receipt',
		},
	],
	['Video', { messageType: 'video', mediaSource: 'url', mediaUrl: 'https://cdn.example/v.mp4' }],
	['Audio', { messageType: 'audio', mediaSource: 'url', mediaUrl: 'https://cdn.example/a.mp3' }],
	[
		'Voice note',
		{
			messageType: 'audio',
			mediaSource: 'url',
			mediaUrl: 'https://cdn.example/a.ogg',
			voice: true,
		},
	],
	[
		'Document',
		{
			messageType: 'document',
			mediaSource: 'url',
			mediaUrl: 'https://cdn.example/i.pdf',
			filename: 'i.pdf',
		},
	],
	[
		'Sticker',
		{ messageType: 'sticker', mediaSource: 'url', mediaUrl: 'https://cdn.example/s.webp' },
	],
	[
		'Location',
		{ messageType: 'location', latitude: 52.52, longitude: 13.405, locationName: 'Acme' },
	],
	[
		'Contacts',
		{
			messageType: 'contacts',
			contactCards: { card: [{ formattedName: 'Acme Desk', phone: '+15550100001' }] },
		},
	],
	[
		'Buttons',
		{
			messageType: 'buttons',
			bodyText: 'Solved?',
			replyButtons: {
				button: [
					{ title: 'Yes', id: 'yes' },
					{ title: 'No', id: 'no' },
				],
			},
		},
	],
	[
		'List',
		{
			messageType: 'list',
			bodyText: 'Pick a slot',
			listButtonText: 'Slots',
			listRows: { row: [{ section: 'Mon', id: 'm9', title: '9:00' }] },
		},
	],
	[
		'CTA URL',
		{
			messageType: 'ctaUrl',
			bodyText: 'Track it',
			ctaDisplayText: 'Track',
			ctaUrl: 'https://shop.example/t/1042',
		},
	],
	[
		'Reaction',
		{ messageType: 'reaction', reactionMessageId: 'wamid.SEED1-6', reactionEmoji: '👍' },
	],
	[
		'Reply',
		{
			messageType: 'text',
			text: 'Answering you',
			options: { replyToMessageId: 'wamid.SEED1-6', bizOpaqueCallbackData: 'order-1042' },
		},
	],
];

/** @type {Array<[string, Record<string, any>]>} */
const LEGACY_TYPES = [
	['Legacy text', { messageType: 'text', text: 'Hello from the legacy API' }],
	[
		'Legacy image',
		{
			messageType: 'image',
			mediaSource: 'url',
			mediaUrl: 'https://cdn.example/p.jpg',
			caption: 'Hi',
		},
	],
	['Legacy location', { messageType: 'location', latitude: 1.5, longitude: 2.5 }],
	[
		'Legacy buttons',
		{
			messageType: 'buttons',
			bodyText: 'Solved?',
			replyButtons: { button: [{ title: 'Yes', id: 'y' }] },
		},
	],
	[
		'Legacy list',
		{
			messageType: 'list',
			bodyText: 'Pick',
			listButtonText: 'Open',
			listRows: { row: [{ title: 'A', id: 'a' }] },
		},
	],
	[
		'Legacy reaction',
		{ messageType: 'reaction', reactionMessageId: 'wamid.SEED1-6', reactionEmoji: '👍' },
	],
	[
		'Legacy contacts',
		{ messageType: 'contacts', contactCards: { card: [{ formattedName: 'Desk' }] } },
	],
	[
		'Legacy template',
		{ messageType: 'template', legacyTemplateName: 'hello_world', legacyTemplateLanguage: 'en_US' },
	],
];

const WORKFLOWS = {
	sendTypes: chain(
		'e2eKapsoSendAll1',
		'E2E Kapso: every message type',
		SEND_TYPES.map(([name, fields]) => send(name, fields)),
	),
	binary: chain('e2eKapsoBinary01', 'E2E Kapso: binary upload then send', [
		node(
			'Build file',
			'n8n-nodes-base.code',
			{
				jsCode: "return [{ json: { report: 'order,total\\nORD-1042,99.90\\n' } }];",
			},
			2,
		),
		node(
			'Convert to File',
			'n8n-nodes-base.convertToFile',
			{
				operation: 'toText',
				sourceProperty: 'report',
				options: { fileName: 'orders.txt' },
			},
			1.1,
		),
		send('Send file', {
			messageType: 'document',
			mediaSource: 'binary',
			binaryPropertyName: 'data',
			caption: 'Your orders',
		}),
	]),
	outsideWindow: chain('e2eKapsoWindow01', 'E2E Kapso: outside the 24-hour window', [
		send('Send late text', {
			recipientPhone: JOHN,
			messageType: 'text',
			text: 'Are you still there?',
		}),
	]),
	legacy: chain(
		'e2eKapsoLegacy01',
		'E2E Kapso: Send in Conversation (legacy API)',
		LEGACY_TYPES.map(([name, fields]) =>
			kapso(name, {
				operation: 'sendInConversation',
				conversationId: CONVERSATION,
				...fields,
				options: {},
			}),
		),
	),
	readAndList: chain('e2eKapsoReadList', 'E2E Kapso: Mark as Read and Get Many', [
		kapso('Mark as read', {
			operation: 'markAsRead',
			phoneNumberId: SENDER,
			messageId: 'wamid.SEED1-6',
			typingIndicator: true,
			options: {},
		}),
		kapso('Get messages', {
			operation: 'getAll',
			phoneNumberId: SENDER,
			returnAll: true,
			filters: { conversationId: CONVERSATION, direction: 'inbound' },
			options: {},
		}),
	]),
};

describeFull(`Kapso WhatsApp workflows in real n8n ${n8nVersion}`, () => {
	let sandbox;
	let home;
	let tarball;
	const outputs = [];

	/** `n8n execute` of a workflow after a sandbox reset, with what the sandbox saw during it. */
	async function execute(workflow) {
		sandbox.reset();
		const res = await home.execute(workflow.id);
		outputs.push(res.stdout, res.stderr);
		res.requests = sandbox.requests.slice();
		res.violations = sandbox.violations.slice();
		return res;
	}
	const calls = (res) => res.requests.map((r) => `${r.method} ${r.path}`);

	beforeAll(async () => {
		sandbox = await startSandbox({ quiet: true });
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		home = await n8n.createN8nHome({ target: '2', packages: [tarball], env: { ...N8N_ENV } });
		await home.importCredentials([
			{
				...CREDENTIAL,
				data: {
					apiKey: sandbox.apiKey,
					baseUrl: sandbox.url,
					legacyBaseUrl: `${sandbox.url}/api/v1`,
				},
			},
		]);
		await home.importWorkflows(Object.values(WORKFLOWS));
	});

	afterAll(async () => {
		const outbound = home ? home.outboundAttempts() : [];
		const printed = outputs.join('\n');
		if (sandbox) await sandbox.close();
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (home) await home.cleanup();
		expect(printed).toContain('wamid.');
		expect(printed).not.toContain(sandbox.apiKey);
		expect(printed).not.toContain(WRONG_KEY);
		expect(outbound).toEqual([]);
	});

	test('Message → Send: every message type, each after its 24-hour-window read, 0 violations', async () => {
		const res = await execute(WORKFLOWS.sendTypes);
		if (!res.ok)
			throw new Error(
				`execution failed (exit ${res.exitCode}): ${JSON.stringify(res.error)}\n${res.stdout.slice(-1500)}\n${res.stderr.slice(-1500)}`,
			);
		expect(res.violations).toEqual([]);
		const posts = res.requests.filter((r) => r.method === 'POST');
		expect(posts.map((r) => r.body.type)).toEqual([
			'text',
			'image',
			'video',
			'audio',
			'audio',
			'document',
			'sticker',
			'location',
			'contacts',
			'interactive',
			'interactive',
			'interactive',
			'reaction',
			'text',
		]);
		for (const post of posts) expect(post.status).toBe(200);
		expect(calls(res).filter((call) => call.startsWith('GET'))).toHaveLength(SEND_TYPES.length);
		for (const [name] of SEND_TYPES) expect(res.json(name)[0].messageId).toMatch(/^wamid\./);
		expect(posts[13].body).toMatchObject({
			context: { message_id: 'wamid.SEED1-6' },
			biz_opaque_callback_data: 'order-1042',
		});
	});

	test('binary data from the workflow is uploaded, then sent by its media ID', async () => {
		const res = await execute(WORKFLOWS.binary);
		if (!res.ok)
			throw new Error(
				`execution failed (exit ${res.exitCode}): ${JSON.stringify(res.error)}\n${res.stdout.slice(-1500)}\n${res.stderr.slice(-1500)}`,
			);
		expect(res.violations).toEqual([]);
		expect(calls(res)).toEqual([
			'GET /meta/whatsapp/v24.0/100000000000001/conversations',
			'POST /meta/whatsapp/v24.0/100000000000001/media',
			'POST /meta/whatsapp/v24.0/100000000000001/messages',
		]);
		const sent = res.requests[2].body;
		expect(sent.document).toEqual({
			id: expect.any(String),
			caption: 'Your orders',
			filename: 'orders.txt',
		});
		expect(sandbox.state.media.get(sent.document.id)).toMatchObject({ mime_type: 'text/plain' });
	});

	test('a free-form message outside the 24-hour window is stopped before sending', async () => {
		const res = await execute(WORKFLOWS.outsideWindow);
		expect(res.ok).toBe(false);
		expect(res.nodeError('Send late text').message).toBe(
			'+15551230002 is outside WhatsApp’s 24-hour window: send a template [item 0]',
		);
		expect(calls(res)).toEqual(['GET /meta/whatsapp/v24.0/100000000000001/conversations']);
		expect(res.violations).toEqual([]);
	});

	test('Send in Conversation (legacy API): every message_type, 0 violations', async () => {
		const res = await execute(WORKFLOWS.legacy);
		if (!res.ok)
			throw new Error(
				`execution failed (exit ${res.exitCode}): ${JSON.stringify(res.error)}\n${res.stdout.slice(-1500)}\n${res.stderr.slice(-1500)}`,
			);
		expect(res.violations).toEqual([]);
		expect(res.requests.map((r) => [r.path, r.status, r.body.message.message_type])).toEqual(
			[
				'text',
				'image',
				'location',
				'interactive',
				'interactive',
				'reaction',
				'contacts',
				'template',
			].map((type) => [
				`/api/v1/whatsapp_conversations/${CONVERSATION}/whatsapp_messages`,
				201,
				type,
			]),
		);
		for (const [name] of LEGACY_TYPES) expect(res.json(name)[0].id).toEqual(expect.any(String));
	});

	test('Mark as Read with the typing indicator, then Get Many through the cursors', async () => {
		const res = await execute(WORKFLOWS.readAndList);
		if (!res.ok)
			throw new Error(
				`execution failed (exit ${res.exitCode}): ${JSON.stringify(res.error)}\n${res.stdout.slice(-1500)}\n${res.stderr.slice(-1500)}`,
			);
		expect(res.violations).toEqual([]);
		expect(res.json('Mark as read')).toEqual([{ messageId: 'wamid.SEED1-6', success: true }]);
		expect(res.json('Get messages').map((message) => message.id)).toEqual([
			'wamid.SEED1-6',
			'wamid.SEED1-4',
			'wamid.SEED1-2',
		]);
	});

	test('the credential test under `n8n start` says what the key sees, and refuses a wrong key', async () => {
		const server = await home.start({ port: await n8n.getFreePort() });
		try {
			await server.rest.ensureOwner();
			const data = {
				apiKey: sandbox.apiKey,
				baseUrl: sandbox.url,
				legacyBaseUrl: `${sandbox.url}/api/v1`,
			};
			const ok = await server.rest.testCredential({ type: 'kapsoApi', data });
			expect(ok).toMatchObject({
				status: 'OK',
				message:
					'The API key sees 2 WhatsApp numbers: Acme Support +1 555-010-0001, Acme Sales +1 555-010-0002',
			});
			const wrong = await server.rest.testCredential({
				type: 'kapsoApi',
				data: { ...data, apiKey: WRONG_KEY },
			});
			expect(wrong).toMatchObject({
				status: 'Error',
				message: 'Kapso rejected the API key: Invalid API key',
			});
		} finally {
			outputs.push(server.logs());
			await server.stop();
		}
	});
});
