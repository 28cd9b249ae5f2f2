/**
 * The two n8n verification gates (scripts/n8n-lint.js, scripts/scan-package.js) on a tiny n8n package
 * written at runtime. A clean one passes the scanner (the checkout itself shows a clean n8n-node
 * lint). A warning alone fails both; an inline eslint-disable does not hide a finding from the
 * scanner; a problem only in the build output is caught by the tarball pass; n8n-node lint refuses
 * a modified eslint.config.mjs.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const { lintShipped, withoutTestMode } = require('../../scripts/n8n-lint');

/** scanPackage in a child process: the scanner is ESM, which jest's module system cannot import. */
function scanPackage(dir) {
	const script = `require('./scripts/scan-package').scanPackage(${JSON.stringify(dir)})
		.then((passes) => process.stdout.write(JSON.stringify(passes)))`;
	const out = execFileSync(process.execPath, ['-e', script], {
		cwd: ROOT,
		encoding: 'utf8',
		env: withoutTestMode(process.env),
	});
	return JSON.parse(out);
}

const TIMEOUT = 120_000;

const PACKAGE_JSON = {
	name: 'n8n-nodes-fixture',
	version: '1.0.0',
	description: 'A fixture package',
	keywords: ['n8n-community-node-package'],
	license: 'MIT',
	homepage: 'https://example.com/n8n-nodes-fixture',
	author: { name: 'Fixture', email: 'fixture@example.com' },
	repository: { type: 'git', url: 'git+https://github.com/example/n8n-nodes-fixture.git' },
	files: ['dist'],
	n8n: {
		n8nNodesApiVersion: 1,
		strict: true,
		credentials: ['dist/credentials/FixtureApi.credentials.js'],
		nodes: ['dist/nodes/Fixture/Fixture.node.js'],
	},
	peerDependencies: { 'n8n-workflow': '*' },
};

const THEMED_CREDENTIAL_ICON =
	"{ light: 'file:../icons/chatwoot.svg', dark: 'file:../icons/chatwoot.dark.svg' }";

const credentialSource = (icon = THEMED_CREDENTIAL_ICON) => `import type {
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class FixtureApi implements ICredentialType {
	name = 'fixtureApi';

	displayName = 'Fixture API';

	icon: Icon = ${icon};

	documentationUrl = 'https://example.com/docs';

	properties: INodeProperties[] = [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
	];

	test: ICredentialTestRequest = { request: { baseURL: 'https://example.com', url: '/me' } };
}
`;

const nodeSource = (inputs = '[NodeConnectionTypes.Main]') => `import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export class Fixture implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fixture',
		name: 'fixture',
		icon: { light: 'file:../../icons/chatwoot.svg', dark: 'file:../../icons/chatwoot.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'A fixture node',
		defaults: { name: 'Fixture' },
		inputs: ${inputs},
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'fixtureApi', required: true }],
		properties: [],
	};
}
`;

const COMPILED_NODE = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Fixture = void 0;
class Fixture {
	constructor() {
		this.description = { displayName: 'Fixture', name: 'fixture' };
	}
}
exports.Fixture = Fixture;
`;

const COMPILED_CREDENTIAL = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FixtureApi = void 0;
class FixtureApi {
	constructor() {
		this.name = 'fixtureApi';
	}
}
exports.FixtureApi = FixtureApi;
`;

const made = [];

/** Writes the fixture package; `files` replaces or adds files (relative path → content). */
function fixturePackage(files = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-checks-fixture-'));
	made.push(dir);
	const all = {
		'package.json': JSON.stringify(PACKAGE_JSON, null, 2),
		'eslint.config.mjs': fs.readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8'),
		'tsconfig.json': fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'),
		'icons/chatwoot.svg': fs.readFileSync(path.join(ROOT, 'icons/chatwoot.svg'), 'utf8'),
		'icons/chatwoot.dark.svg': fs.readFileSync(path.join(ROOT, 'icons/chatwoot.dark.svg'), 'utf8'),
		'credentials/FixtureApi.credentials.ts': credentialSource(),
		'nodes/Fixture/Fixture.node.ts': nodeSource(),
		'dist/credentials/FixtureApi.credentials.js': COMPILED_CREDENTIAL,
		'dist/nodes/Fixture/Fixture.node.js': COMPILED_NODE,
		...files,
	};
	for (const [file, content] of Object.entries(all)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), content);
	}
	return dir;
}

afterAll(() => {
	for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const counts = ({ errors, warnings, passed }) => ({ errors, warnings, passed });

describe('a clean package', () => {
	const dir = fixturePackage();

	test(
		'passes both scanner passes',
		() => {
			const [source, tarball] = scanPackage(dir);
			expect([source.name, counts(source), source.files]).toEqual([
				'source',
				{ errors: 0, warnings: 0, passed: true },
				3,
			]);
			expect([tarball.name, counts(tarball), tarball.files]).toEqual([
				'tarball n8n-nodes-fixture-1.0.0.tgz',
				{ errors: 0, warnings: 0, passed: true },
				3,
			]);
		},
		TIMEOUT,
	);
});

describe('a package with a warning, a silenced error and a problem only in dist/', () => {
	const dir = fixturePackage({
		// warning: icon-prefer-themed-variants
		'credentials/FixtureApi.credentials.ts': credentialSource("'file:../icons/chatwoot.svg'"),
		// error: node-connection-type-literal, silenced inline
		'nodes/Fixture/Fixture.node.ts': nodeSource(
			"[\n\t\t\t// eslint-disable-next-line @n8n/community-nodes/node-connection-type-literal\n\t\t\t'main',\n\t\t]",
		),
		// error only in the build output: no-restricted-imports
		'dist/nodes/Fixture/stream.js':
			"'use strict';\nconst { Readable } = require('stream');\nexports.Readable = Readable;\n",
	});

	test(
		'fails n8n-node lint on the warning alone (the inline disable hides the error there)',
		() => {
			const result = lintShipped(dir);
			expect(counts(result)).toEqual({ errors: 0, warnings: 1, passed: false });
			expect(result.plain).toContain('@n8n/community-nodes/icon-prefer-themed-variants');
			expect(result.plain).toContain(path.join(dir, 'credentials/FixtureApi.credentials.ts'));
		},
		TIMEOUT,
	);

	test(
		'fails the scanner: the silenced error and the warning in the source, the import in the tarball',
		() => {
			const [source, tarball] = scanPackage(dir);
			expect(counts(source)).toEqual({ errors: 1, warnings: 1, passed: false });
			expect(source.report).toContain('@n8n/community-nodes/node-connection-type-literal');
			expect(source.report).toContain('@n8n/community-nodes/icon-prefer-themed-variants');
			expect(counts(tarball)).toEqual({ errors: 1, warnings: 0, passed: false });
			expect(tarball.report).toContain("Require of 'stream' is not allowed");
			expect(tarball.report).toContain('<tarball>/package/dist/nodes/Fixture/stream.js');
		},
		TIMEOUT,
	);
});

test(
	'n8n-node lint refuses to run when eslint.config.mjs is not the official one',
	() => {
		const dir = fixturePackage({
			'eslint.config.mjs':
				"import { config } from '@n8n/node-cli/eslint';\n\nexport default [...config, { rules: {} }];\n",
		});
		const result = lintShipped(dir);
		expect(result.passed).toBe(false);
		expect(result.status).toBe(1);
		expect(result.plain).toContain('Strict mode violation');
	},
	TIMEOUT,
);
