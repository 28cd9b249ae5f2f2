import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';

import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import * as listSearch from '../../nodes/Chatwoot/methods/listSearch';
import * as loadOptions from '../../nodes/Chatwoot/methods/loadOptions';
import * as resourceMapping from '../../nodes/Chatwoot/methods/resourceMapping';

/**
 * n8n requires every installed node when it starts (and again in each task runner), so what the
 * node file loads is paid by every user whether or not they use the node. The sources are compiled
 * here with the build's settings (`tsconfig.build.json`: CommonJS, so `await import()` becomes a
 * `require` on first call) and loaded in a fresh Node.js process, which lists the package's modules it loaded.
 */
const ROOT = path.resolve(__dirname, '..', '..');

function compileSources(): string {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-lazy-'));
	const configFile = path.join(ROOT, 'tsconfig.build.json');
	const { config } = ts.readConfigFile(configFile, (file) => fs.readFileSync(file, 'utf8'));
	const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configFile);
	const walk = (dir: string): string[] =>
		fs
			.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
			.flatMap((entry) =>
				entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
			);
	for (const file of [...walk('nodes'), ...walk('credentials')]) {
		const target = path.join(out, file.replace(/\.ts$/, '.js'));
		fs.mkdirSync(path.dirname(target), { recursive: true });
		const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
		fs.writeFileSync(
			target,
			file.endsWith('.ts')
				? ts.transpileModule(source, { compilerOptions: options }).outputText
				: source,
		);
	}
	return out;
}

function operationFiles(): string[] {
	const actions = 'nodes/Chatwoot/actions';
	return fs
		.readdirSync(path.join(ROOT, actions), { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) =>
			fs
				.readdirSync(path.join(ROOT, actions, entry.name))
				.filter((file) => file.endsWith('.operation.ts'))
				.map((file) => `${actions}/${entry.name}/${file}`),
		)
		.sort();
}

/** In a fresh process: the package modules loaded by requiring the node and the credential, then by one execution. */
function loadedModules(out: string): { atRequire: string[]; afterExecute: string[] } {
	const script = `
		require('n8n-workflow');
		const out = ${JSON.stringify(out)};
		const ours = () => Object.keys(require.cache).filter((file) => file.startsWith(out + '/')).map((file) => file.slice(out.length + 1)).sort();
		const { Chatwoot } = require(out + '/nodes/Chatwoot/Chatwoot.node.js');
		require(out + '/credentials/ChatwootAccessTokenApi.credentials.js');
		const atRequire = ours();
		const parameters = { resource: 'contact', operation: 'get', contactId: '7', options: {} };
		const context = {
			getNode: () => ({ name: 'Chatwoot', type: 'chatwoot', typeVersion: 1, parameters: {} }),
			getInputData: () => [{ json: {} }],
			continueOnFail: () => false,
			getCredentials: async () => ({ baseUrl: 'https://chat.example.com', accessToken: 't', accountId: 1 }),
			getNodeParameter: (name, index, fallback) => name in parameters ? parameters[name] : fallback,
			helpers: { httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: { payload: { id: 7 } } }) },
		};
		new Chatwoot().execute.call(context).then(([[item]]) => {
			if (item.json.id !== 7) throw new Error('unexpected output ' + JSON.stringify(item.json));
			process.stdout.write(JSON.stringify({ atRequire, afterExecute: ours() }));
		});`;
	const output = execFileSync(process.execPath, ['-e', script], {
		env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
	});
	return JSON.parse(output.toString()) as { atRequire: string[]; afterExecute: string[] };
}

/** In a fresh process: the package modules loaded by requiring one shipped node file. */
function loadedByRequire(out: string, file: string): string[] {
	const script = `
		require('n8n-workflow');
		const out = ${JSON.stringify(out)};
		require(out + '/' + ${JSON.stringify(file)});
		process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(out + '/')).map((f) => f.slice(out.length + 1))));`;
	const output = execFileSync(process.execPath, ['-e', script], {
		env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
	});
	return JSON.parse(output.toString()) as string[];
}

describe('every node and credential of the package loads without its execution code', () => {
	let out: string;
	beforeAll(() => {
		out = compileSources();
	}, 60_000);
	afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	// What runs requests, executions or deliveries: loaded on the first run, list or delivery only.
	const executionCode =
		/(\/transport\/|\/composer\/(?!contentTypes|contentFields|messageFields|messageTypes|templateFields)|shared\/(operationRunner|scheduler|webhooks\/)|\/actions\/(router|receive|registration)\.|\.execute\.)/;
	it.each([...manifest.n8n.nodes, ...manifest.n8n.credentials])('%s', (shipped) => {
		const loaded = loadedByRequire(out, shipped.replace(/^dist\//, ''));
		expect(loaded.length).toBeGreaterThan(0);
		expect(loaded.filter((file) => executionCode.test(file))).toEqual([]);
	});
});

describe('what loading the node loads', () => {
	let out: string;
	let modules: { atRequire: string[]; afterExecute: string[] };
	beforeAll(() => {
		out = compileSources();
		modules = loadedModules(out);
	}, 60_000);
	afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

	it('requiring the node and credential loads the descriptions and nothing that runs requests', () => {
		const operations = modules.atRequire.filter((file) => file.endsWith('.operation.js'));
		// every operation's description, and only those: one module per operation file
		expect(operations).toEqual(operationFiles().map((file) => file.replace(/\.ts$/, '.js')));
		// Everything else: the node class, the field descriptions, the readers an ordering key
		// needs before the first turn, and the editor methods' lazy stubs. A module added here is
		// paid by every n8n start-up: load it inside `execute` or the method instead.
		expect(modules.atRequire.filter((file) => !operations.includes(file))).toEqual([
			'credentials/ChatwootAccessTokenApi.credentials.js',
			'nodes/Chatwoot/Chatwoot.node.js',
			'nodes/Chatwoot/actions/contact/contactFields.js',
			'nodes/Chatwoot/actions/contact/index.js',
			'nodes/Chatwoot/actions/conversation/index.js',
			'nodes/Chatwoot/actions/descriptions.js',
			'nodes/Chatwoot/actions/message/index.js',
			'nodes/Chatwoot/composer/contentTypes.js',
			'nodes/Chatwoot/composer/messageFields.js',
			'nodes/Chatwoot/composer/templateFields.js',
			'nodes/Chatwoot/helpers/chatwootEnums.js',
			'nodes/Chatwoot/helpers/fields.js',
			'nodes/Chatwoot/helpers/phoneAndEmail.js',
			'nodes/Chatwoot/methods/index.js',
			'nodes/shared/credentialScope.js',
			'nodes/shared/displayOptions.js',
			'nodes/shared/fieldError.js',
			'nodes/shared/ids.js',
			'nodes/shared/lazyMethods.js',
			'nodes/shared/locatorModes.js',
			'nodes/shared/optionFields.js',
			'nodes/shared/resumeWebhooks.js',
			'nodes/shared/waitLimit.js',
		]);
	});

	it('loads the router, the scheduler and the HTTP door on the first execution', () => {
		const loadedLater = modules.afterExecute.filter((file) => !modules.atRequire.includes(file));
		expect(loadedLater).toEqual(
			expect.arrayContaining([
				'nodes/Chatwoot/actions/router.js',
				'nodes/Chatwoot/helpers/itemTargets.js',
				'nodes/Chatwoot/transport/request.js',
				'nodes/shared/scheduler.js',
			]),
		);
		// Only what Contact → Get uses: no message composer, no editor lists.
		expect(loadedLater).not.toContain('nodes/Chatwoot/composer/readMessage.js');
		expect(loadedLater).not.toContain('nodes/Chatwoot/methods/listSearch.js');
	});
});

describe('the editor methods loaded on first call', () => {
	const node = new Chatwoot();

	it.each([
		['listSearch', node.methods.listSearch, listSearch],
		['loadOptions', node.methods.loadOptions, loadOptions],
		['resourceMapping', node.methods.resourceMapping, resourceMapping],
	])('%s lists every method its module exports', (_, methods, module) => {
		const exported = Object.keys(module).filter(
			(name) => typeof (module as Record<string, unknown>)[name] === 'function',
		);
		expect(Object.keys(methods).sort()).toEqual(exported.sort());
	});
});
