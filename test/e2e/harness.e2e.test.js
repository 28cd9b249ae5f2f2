'use strict';
/**
 * Proves the real-n8n harness (test/e2e/n8n.js) with n8n's built-in nodes and a fake community package
 * written at runtime, so it is independent of this repo's own nodes.
 *
 *   node_modules/.bin/jest -c test/e2e/jest.config.js harness          # n8n 2.40.7 (default)
 *   N8N_TARGET=1 node_modules/.bin/jest -c test/e2e/jest.config.js harness   # n8n 1.123.81
 */
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const n8n = require('./n8n');
const fake = require('./fake-package');

const TARGET = process.env.N8N_TARGET || '2';
const info = n8n.resolveTarget(TARGET);

/** A tiny HTTP service on 127.0.0.1 standing in for a remote API: GET /ping needs api_access_token: good-token */
async function startMockApi() {
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		const ok = req.url === '/ping' && req.headers.api_access_token === 'good-token';
		res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
		res.end(JSON.stringify(ok ? { pong: true } : { error: 'Invalid Access Token' }));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('net').AddressInfo} */ (server.address());
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const manualTrigger = {
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
};
const threeItems = {
	name: 'Three items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: 'return [1, 2, 3].map((n) => ({ json: { n } }));' },
};
const setDoubled = {
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		includeOtherFields: true,
		assignments: {
			assignments: [{ id: 'a1', name: 'doubled', value: '={{ $json.n * 2 }}', type: 'number' }],
		},
		options: {},
	},
};
const chain = (...names) => {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++)
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return connections;
};

describe(`real n8n ${info.n8nVersion} (target ${TARGET}, Node ${info.nodeVersion})`, () => {
	let home;
	let fakeDir;
	let mock;

	beforeAll(async () => {
		fakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-fake-pkg-'));
		fake.writeFakePackage(fakeDir);
		mock = await startMockApi();
		home = await n8n.createN8nHome({ target: TARGET, packages: [fakeDir] });
	});

	afterAll(async () => {
		if (home) {
			// n8n and the nodes must have stayed on this machine
			const outbound = home.outboundAttempts();
			await home.cleanup();
			expect(outbound).toEqual([]);
		}
		if (mock) await mock.close();
		if (fakeDir) fs.rmSync(fakeDir, { recursive: true, force: true });
	});

	test('the fake community package is installed in .n8n/nodes/node_modules', () => {
		expect(home.installedPackages).toEqual([fake.PACKAGE_NAME]);
		const pkgJson = path.join(
			home.userFolder,
			'.n8n',
			'nodes',
			'node_modules',
			fake.PACKAGE_NAME,
			'package.json',
		);
		expect(fs.existsSync(pkgJson)).toBe(true);
		expect(fs.lstatSync(path.dirname(pkgJson)).isSymbolicLink()).toBe(false);
	});

	test('built-in nodes: Manual Trigger -> Code (3 items) -> Set', async () => {
		const id = await home.importWorkflow({
			name: 'built-ins',
			nodes: [manualTrigger, threeItems, setDoubled],
			connections: chain('Start', 'Three items', 'Set'),
		});
		expect(id).toMatch(/^[A-Za-z0-9]{16}$/);
		const res = await home.execute(id);
		if (!res.ok)
			throw new Error(
				`execution failed: ${JSON.stringify(res.error)}\n${res.stdout}\n${res.stderr}`,
			);
		expect(res.nodes).toEqual(['Start', 'Three items', 'Set']);
		expect(res.json('Three items')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(res.json('Set')).toEqual([
			{ n: 1, doubled: 2 },
			{ n: 2, doubled: 4 },
			{ n: 3, doubled: 6 },
		]);
		expect(res.items('Set').map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(res.lastNodeExecuted).toBe('Set');
	});

	test('a failing workflow surfaces the node error instead of throwing it away', async () => {
		const res = await home.importAndExecute({
			name: 'fails',
			nodes: [
				manualTrigger,
				{ ...threeItems, name: 'Boom', parameters: { jsCode: 'throw new Error("boom 42")' } },
			],
			connections: chain('Start', 'Boom'),
		});
		expect(res.ok).toBe(false);
		expect(res.exitCode).not.toBe(0);
		expect(res.error.message).toContain('boom 42');
		expect(res.nodeError('Boom').message).toContain('boom 42');
		expect(res.json('Start')).toEqual([{}]);
	});

	test('an unknown node type is reported (no run data at all)', async () => {
		const res = await home.importAndExecute({
			name: 'unknown type',
			nodes: [
				manualTrigger,
				{ name: 'Nope', type: 'n8n-nodes-nope.nope', typeVersion: 1, parameters: {} },
			],
			connections: chain('Start', 'Nope'),
		});
		expect(res.ok).toBe(false);
		expect(res.run).toBeNull();
		expect(res.error.message).toContain('Unrecognized node type: n8n-nodes-nope.nope');
	});

	test('binary output can be read back (inline base64 on 1.x, filesystem storage on 2.x)', async () => {
		const res = await home.importAndExecute({
			name: 'binary',
			nodes: [
				manualTrigger,
				{
					...threeItems,
					name: 'Text',
					parameters: { jsCode: 'return [{ json: { text: "hello binary" } }];' },
				},
				{
					name: 'File',
					type: 'n8n-nodes-base.convertToFile',
					typeVersion: 1.1,
					parameters: {
						operation: 'toText',
						sourceProperty: 'text',
						options: { fileName: 'a.txt' },
					},
				},
			],
			connections: chain('Start', 'Text', 'File'),
		});
		if (!res.ok)
			throw new Error(
				`execution failed: ${JSON.stringify(res.error)}\n${res.stdout}\n${res.stderr}`,
			);
		const [item] = res.items('File');
		expect(item.binary.data).toMatchObject({ fileName: 'a.txt', mimeType: 'text/plain' });
		expect(home.readBinary(item.binary.data).toString('utf8')).toBe('hello binary');
	});

	test('the community node from .n8n/nodes is loaded and executed by `n8n execute`', async () => {
		const res = await home.importAndExecute(fake.fakeWorkflow());
		if (!res.ok)
			throw new Error(
				`execution failed: ${JSON.stringify(res.error)}\n${res.stdout}\n${res.stderr}`,
			);
		expect(res.json('E2E Fake')).toEqual([
			{ n: 1, greeting: 'hi from e2e', fake: true, index: 0 },
			{ n: 2, greeting: 'hi from e2e', fake: true, index: 1 },
			{ n: 3, greeting: 'hi from e2e', fake: true, index: 2 },
		]);
	});

	test('credentials imported with the CLI are decrypted and used by the community node', async () => {
		const [credId] = await home.importCredentials([
			{
				name: 'fake cred',
				type: fake.CREDENTIAL_TYPE,
				data: { baseUrl: mock.baseUrl, apiToken: 'good-token' },
			},
		]);
		const before = mock.requests.length;
		const res = await home.importAndExecute(
			fake.fakeWorkflow({ operation: 'ping', credentialId: credId }),
		);
		if (!res.ok)
			throw new Error(
				`execution failed: ${JSON.stringify(res.error)}\n${res.stdout}\n${res.stderr}`,
			);
		expect(res.json('E2E Fake').map((j) => j.ping)).toEqual([
			{ pong: true },
			{ pong: true },
			{ pong: true },
		]);
		const seen = mock.requests.slice(before);
		expect(seen).toHaveLength(3);
		expect(seen.every((r) => r.headers.api_access_token === 'good-token')).toBe(true);
	});

	test('an HTTP error in the community node fails the execution with the node error', async () => {
		const [credId] = await home.importCredentials([
			{
				name: 'bad cred',
				type: fake.CREDENTIAL_TYPE,
				data: { baseUrl: mock.baseUrl, apiToken: 'wrong' },
			},
		]);
		const res = await home.importAndExecute(
			fake.fakeWorkflow({ operation: 'ping', credentialId: credId }),
		);
		expect(res.ok).toBe(false);
		expect(res.nodeError('E2E Fake')).toBeDefined();
		expect(JSON.stringify(res.error)).toMatch(/401|authori[sz]/i);
	});

	describe('server mode (n8n start)', () => {
		let server;

		beforeAll(async () => {
			server = await home.start({ port: await n8n.getFreePort() });
		});

		afterAll(async () => {
			if (server) {
				const exit = await server.stop();
				// a clean SIGTERM shutdown, no SIGKILL needed
				expect({
					...exit,
					stopMs: undefined,
					log: exit.forced || exit.code ? server.logs().slice(-3000) : '',
				}).toEqual({
					code: 0,
					signal: null,
					forced: false,
					stopMs: undefined,
					log: '',
				});
			}
		});

		test('owner setup, then login with the same account', async () => {
			const owner = await server.rest.ensureOwner();
			expect(owner.email).toBe(n8n.DEFAULT_OWNER.email);
			expect(server.rest.cookie).toMatch(/^n8n-auth=/);
			const again = await server.rest.login();
			expect(again.email).toBe(n8n.DEFAULT_OWNER.email);
		});

		test('the server knows the community node and credential types', async () => {
			const nodeTypes = await server.rest.nodeTypes();
			expect(nodeTypes.map((t) => t.name)).toContain(fake.NODE_TYPE);
			const credTypes = await server.rest.credentialTypes();
			expect(credTypes.map((t) => t.name)).toContain(fake.CREDENTIAL_TYPE);
		});

		test('credential test button: OK with a good token, Error with a bad one', async () => {
			const good = await server.rest.testCredential({
				type: fake.CREDENTIAL_TYPE,
				data: { baseUrl: mock.baseUrl, apiToken: 'good-token' },
			});
			expect(good.status).toBe('OK');
			const bad = await server.rest.testCredential({
				type: fake.CREDENTIAL_TYPE,
				data: { baseUrl: mock.baseUrl, apiToken: 'wrong' },
			});
			expect(bad.status).toBe('Error');
			expect(bad.message).toMatch(/unauthori[sz]ed|authori[sz]ation failed/i);
		});

		test('activate a webhook workflow and call its production URL', async () => {
			const hookPath = `e2e-${crypto.randomUUID()}`;
			const wf = await server.rest.createWorkflow({
				name: 'webhook to fake node',
				nodes: [
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: crypto.randomUUID(),
						parameters: {
							httpMethod: 'POST',
							path: hookPath,
							responseMode: 'lastNode',
							options: {},
						},
					},
					{
						name: 'E2E Fake',
						type: fake.NODE_TYPE,
						typeVersion: 1,
						parameters: { operation: 'echo', greeting: 'via webhook' },
					},
				],
				connections: chain('Webhook', 'E2E Fake'),
			});
			await server.rest.activateWorkflow(wf.id);
			const res = await server.rest.webhook(hookPath, { body: { hello: 'world' } });
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({
				greeting: 'via webhook',
				fake: true,
				body: { hello: 'world' },
			});
			await server.rest.deactivateWorkflow(wf.id);
		});
	});
});
