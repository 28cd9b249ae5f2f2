#!/usr/bin/env node
'use strict';
/**
 * `npm run scan`: the analysis of n8n's community-package scanner (@n8n/scan-community-package), run on
 * this checkout and on the tarball `npm pack` makes from it, without the registry. Fails on any error
 * AND any warning. Needs a build (`npm run build`): the tarball carries dist/.
 *
 * The scanner's CLI only takes a published package name: it downloads the tarball and the source its
 * provenance points at, then lints both with `analyzePackage`. This script does the same two passes
 * locally, with the scanner's own ESLint config (`buildScanConfig`) and file patterns:
 *   source:  SOURCE_FILE_PATTERNS (package.json, nodes/ and credentials/) of the checkout
 *   tarball: every .js file and package.json of the extracted `npm pack` output
 * It lints with ESLint itself (the scanner's copy, the scanner's options) instead of calling
 * `analyzePackage`, because that one passes a package with warnings and hides them.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { createRequire } = require('module');

const REPO_ROOT = path.resolve(__dirname, '..');
const SCANNER = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', {
	paths: [REPO_ROOT],
});
const fromScanner = createRequire(SCANNER);
const { ESLint } = fromScanner('eslint');
const glob = fromScanner('fast-glob');

/** The scanner's analyzePackage, minus its pass/fail shortcut: every message counts. */
async function lintLikeTheScanner(packageDir, filePatterns, scanConfig) {
	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scanConfig,
	});
	const files = glob.sync(filePatterns, {
		cwd: packageDir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const formatter = await eslint.loadFormatter('stylish');
	return {
		files: files.length,
		errors: results.reduce((sum, r) => sum + r.errorCount + r.fatalErrorCount, 0),
		warnings: results.reduce((sum, r) => sum + r.warningCount, 0),
		report: await formatter.format(results),
	};
}

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
	}
	return result.stdout;
}

/** `npm pack` into a scratch folder and extract it the way the scanner does (--strip-components=1). */
function packAndExtract(root, scratch) {
	const [packed] = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root),
	);
	const packageDir = path.join(scratch, 'package');
	fs.mkdirSync(packageDir);
	run(
		'tar',
		['-xzf', path.join(scratch, packed.filename), '-C', packageDir, '--strip-components=1'],
		scratch,
	);
	return { packageDir, filename: packed.filename, entries: packed.entryCount };
}

function assertBuilt(root) {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(root, file)),
	);
	if (missing.length > 0) {
		throw new Error(`${missing.join(', ')} missing: run npm run build first`);
	}
}

/**
 * Both passes of the scanner on root: its source files, then its `npm pack` tarball. Returns one
 * result per pass: {name, passed, files, errors, warnings, report}; passed means files were found
 * and none has an error or a warning.
 */
async function scanPackage(root) {
	// eslint-plugin-n8n-nodes-base reads NODE_ENV once, when loaded: =test skips its file-name rules.
	if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
	const scanner = await import(pathToFileURL(SCANNER).href);
	const scanConfig = await scanner.buildScanConfig();
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		const tarball = packAndExtract(root, scratch);
		const passes = [
			{ name: 'source', dir: root, patterns: scanner.SOURCE_FILE_PATTERNS },
			{
				name: `tarball ${tarball.filename}`,
				dir: tarball.packageDir,
				patterns: ['**/*.js', 'package.json'],
			},
		];
		const results = [];
		for (const pass of passes) {
			const result = await lintLikeTheScanner(pass.dir, pass.patterns, scanConfig);
			results.push({
				name: pass.name,
				passed: result.files > 0 && result.errors === 0 && result.warnings === 0,
				...result,
				report: result.report.split(scratch).join('<tarball>'),
			});
		}
		return results;
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

async function main() {
	assertBuilt(REPO_ROOT);
	let failed = false;
	for (const pass of await scanPackage(REPO_ROOT)) {
		process.stdout.write(pass.report);
		console.log(
			`n8n scanner, ${pass.name}: ${pass.files} files, ${pass.errors} errors, ${pass.warnings} warnings`,
		);
		if (!pass.passed) failed = true;
	}
	if (failed) process.exitCode = 1;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}

module.exports = { scanPackage };
