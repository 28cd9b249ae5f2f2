#!/usr/bin/env node
'use strict';
/**
 * `npm run lint`: n8n's own `n8n-node lint` (strict mode, the official eslint.config.mjs) on what the
 * package ships: package.json, nodes/ and credentials/. Fails on any error AND any warning.
 *
 * Why a copy: `n8n-node lint` always runs `eslint .`, and the official config has no ignores besides
 * dist/. In the checkout it would hold tests, the sandbox and scripts to n8n Cloud's node rules (no
 * `fs`, no `setTimeout`…), which are meant for node code; those folders have their own lint. So the
 * shipped sources are copied, with the config, into a scratch folder and linted there, which is the
 * scope n8n's scanner calls "what `n8n-node lint` covers" (SOURCE_FILE_PATTERNS).
 *
 *   node scripts/n8n-lint.js          lint
 *   node scripts/n8n-lint.js --fix    lint with --fix, and copy fixed files back
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { stripVTControlCharacters } = require('util');

const REPO_ROOT = path.resolve(__dirname, '..');
/** The linted surface; icons/ for the icon rules, tsconfig.json for the import resolver. */
const SHIPPED = [
	'package.json',
	'eslint.config.mjs',
	'tsconfig.json',
	'nodes',
	'credentials',
	'icons',
];
const FIXABLE = ['package.json', 'nodes', 'credentials'];

function copyInto(fromRoot, toRoot, entries) {
	for (const entry of entries) {
		fs.cpSync(path.join(fromRoot, entry), path.join(toRoot, entry), { recursive: true });
	}
}

/** Copies back only files whose content changed, so untouched files keep their timestamps. */
function copyChangedBack(fromRoot, toRoot, entries) {
	const changed = [];
	const visit = (relative) => {
		const source = path.join(fromRoot, relative);
		if (fs.statSync(source).isDirectory()) {
			for (const child of fs.readdirSync(source)) visit(path.join(relative, child));
			return;
		}
		const target = path.join(toRoot, relative);
		const content = fs.readFileSync(source);
		if (!fs.existsSync(target) || !content.equals(fs.readFileSync(target))) {
			fs.writeFileSync(target, content);
			changed.push(relative);
		}
	};
	entries.forEach(visit);
	return changed;
}

/** eslint-plugin-n8n-nodes-base skips its file-name rules when NODE_ENV=test (as under jest). */
function withoutTestMode(env) {
	const { NODE_ENV, ...rest } = env;
	return NODE_ENV === 'test' ? rest : env;
}

/** ESLint's summary line, "✖ 3 problems (2 errors, 1 warning)"; no line means no problems. */
function countProblems(plainOutput) {
	const match = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(plainOutput);
	return match
		? { errors: Number(match[2]), warnings: Number(match[3]) }
		: { errors: 0, warnings: 0 };
}

/**
 * Runs `n8n-node lint` on a copy of root's shipped files, with this project's node_modules.
 * Returns the output (paths as in root), ESLint's counts, the exit status, `passed` (no error, no
 * warning) and, with fix, the files it changed (copied back into root).
 */
function lintShipped(root, { fix = false } = {}) {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-node-lint-'));
	try {
		copyInto(
			root,
			scratch,
			SHIPPED.filter((entry) => fs.existsSync(path.join(root, entry))),
		);
		fs.symlinkSync(
			fs.realpathSync(path.join(REPO_ROOT, 'node_modules')),
			path.join(scratch, 'node_modules'),
		);

		const bin = path.join(scratch, 'node_modules', '.bin', 'n8n-node');
		const run = spawnSync(bin, ['lint', ...(fix ? ['--fix'] : [])], {
			cwd: scratch,
			encoding: 'utf8',
			env: withoutTestMode(process.env),
		});
		const output = `${run.stdout}${run.stderr}${run.error ?? ''}`.split(scratch).join(root);
		const plain = stripVTControlCharacters(output);
		const fixed = fix ? copyChangedBack(scratch, root, FIXABLE) : [];
		const { errors, warnings } = countProblems(plain);
		// eslint exits 0 on warnings; n8n's verification counts them, so this check does too.
		const passed = run.status === 0 && errors === 0 && warnings === 0;
		return { output, plain, status: run.status, fixed, errors, warnings, passed };
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

function main() {
	const result = lintShipped(REPO_ROOT, { fix: process.argv.includes('--fix') });
	process.stdout.write(process.stdout.isTTY ? result.output : result.plain);
	for (const file of result.fixed) console.log(`fixed: ${file}`);
	console.log(`n8n-node lint: ${result.errors} errors, ${result.warnings} warnings`);
	if (!result.passed) process.exitCode = 1;
}

if (require.main === module) main();

module.exports = { lintShipped, countProblems, withoutTestMode };
