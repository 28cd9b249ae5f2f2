// @ts-check
/**
 * scripts/check-layers.js runs in `npm test`: it must pass on this repository and fail, naming the
 * files, on a cycle, an upward import, a reach into another node's actions and a file in no layer.
 * Each case is a small tree of fixture files in a temporary folder.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'check-layers.js');
const { checkLayers } = require('../../scripts/check-layers');

/** @type {string[]} */
const made = [];
afterAll(() => {
	for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes the files into a fresh temporary folder and returns its path.
 * @param {Record<string, string>} files relative path → content
 */
function tree(files) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-layers-'));
	made.push(dir);
	for (const [file, content] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), content);
	}
	return dir;
}

/** A well-layered node: every import goes down. */
const GOOD = {
	'nodes/Foo/Foo.node.ts': "import { router } from './actions/router';\nexport { router };\n",
	'nodes/Foo/actions/router.ts':
		"import { send } from '../composer/send';\nimport type { Page } from '../../shared/page';\nexport const router = send;\nexport type P = Page;\n",
	'nodes/Foo/composer/send.ts':
		"import { request } from '../transport';\nexport const send = request;\n",
	'nodes/Foo/transport/index.ts': "export { request } from './request';\n",
	'nodes/Foo/transport/request.ts':
		"import { retry } from '../../shared/retry';\nexport const request = retry;\n",
	'nodes/shared/retry.ts': 'export const retry = 1;\n',
	'nodes/shared/page.ts': 'export interface Page { n: number }\n',
	'nodes/FooTrigger/FooTrigger.node.ts':
		"import { request } from '../Foo/transport';\nexport { request };\n",
	'credentials/FooApi.credentials.ts':
		"import { retry } from '../nodes/shared/retry';\nexport { retry };\n",
};

describe('check-layers', () => {
	it('passes on this repository', () => {
		expect(checkLayers(ROOT)).toEqual([]);
	});

	it('passes on a well-layered tree, and exits 0', () => {
		const dir = tree(GOOD);
		expect(checkLayers(dir)).toEqual([]);
		expect(execFileSync('node', [SCRIPT, dir], { encoding: 'utf8' })).toMatch(
			/no cycle, no upward import/,
		);
	});

	it('fails on an import cycle, and exits 1', () => {
		const dir = tree({
			...GOOD,
			'nodes/Foo/transport/errors.ts':
				"import type { Req } from './request';\nexport type E = Req;\n",
			'nodes/Foo/transport/request.ts':
				"import type { E } from './errors';\nexport type Req = E;\nexport const request = 1;\n",
		});
		expect(checkLayers(dir)).toEqual([
			'import cycle: nodes/Foo/transport/errors.ts ⇄ nodes/Foo/transport/request.ts',
		]);
		let status = 0;
		let stderr = '';
		try {
			execFileSync('node', [SCRIPT, dir], { encoding: 'utf8', stdio: 'pipe' });
		} catch (error) {
			status = /** @type {{ status: number }} */ (error).status;
			stderr = String(/** @type {{ stderr: string }} */ (error).stderr);
		}
		expect(status).toBe(1);
		expect(stderr).toContain('import cycle: nodes/Foo/transport/errors.ts');
	});

	it('fails on a cycle through an index file', () => {
		const dir = tree({
			...GOOD,
			'nodes/Foo/transport/request.ts':
				"import { retry } from '.';\nexport const request = retry;\n",
		});
		expect(checkLayers(dir)).toEqual([
			'import cycle: nodes/Foo/transport/index.ts ⇄ nodes/Foo/transport/request.ts',
		]);
	});

	it('fails on an upward import: a lower layer importing actions', () => {
		const dir = tree({
			...GOOD,
			'nodes/Foo/composer/send.ts':
				"import type { P } from '../actions/router';\nexport const send = 1;\nexport type Q = P;\n",
		});
		expect(checkLayers(dir)).toEqual([
			'nodes/Foo/composer/send.ts: upward import of nodes/Foo/actions/router.ts (composer is below actions)',
			'import cycle: nodes/Foo/actions/router.ts ⇄ nodes/Foo/composer/send.ts',
		]);
	});

	it('fails when transport reaches up into helpers, or shared into a node', () => {
		const dir = tree({
			...GOOD,
			'nodes/Foo/helpers/ids.ts': 'export const id = 1;\n',
			'nodes/Foo/transport/request.ts':
				"import { id } from '../helpers/ids';\nexport const request = id;\n",
			'nodes/shared/retry.ts':
				"import { id } from '../Foo/helpers/ids';\nexport const retry = id;\n",
		});
		expect(checkLayers(dir)).toEqual([
			'nodes/Foo/transport/request.ts: upward import of nodes/Foo/helpers/ids.ts (transport is below helpers)',
			'nodes/shared/retry.ts: upward import of nodes/Foo/helpers/ids.ts (nodes/shared/ imports nothing of a node)',
		]);
	});

	it("fails on actions and methods importing each other, and on another node's actions", () => {
		const dir = tree({
			...GOOD,
			'nodes/Foo/methods/lists.ts':
				"import { router } from '../actions/router';\nexport const lists = router;\n",
			'nodes/FooTrigger/FooTrigger.node.ts':
				"import { router } from '../Foo/actions/router';\nexport { router };\n",
		});
		expect(checkLayers(dir)).toEqual([
			'nodes/Foo/methods/lists.ts: upward import of nodes/Foo/actions/router.ts (methods and actions do not import each other)',
			"nodes/FooTrigger/FooTrigger.node.ts: upward import of nodes/Foo/actions/router.ts (another node's actions is not for reuse)",
		]);
	});

	it('fails on a file in no layer and on an import that resolves to nothing', () => {
		const dir = tree({
			...GOOD,
			'nodes/Foo/misc/util.ts':
				"import { gone } from '../transport/gone';\nexport const util = gone;\n",
		});
		expect(checkLayers(dir)).toEqual([
			'nodes/Foo/misc/util.ts: in no layer (see scripts/check-layers.js for where files go)',
			"nodes/Foo/misc/util.ts: imports '../transport/gone', which is no TypeScript file here",
		]);
	});
});
