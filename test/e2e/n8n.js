'use strict';
/**
 * Harness to run a REAL n8n headless (CLI and server mode) against a community package.
 * The REST client of a running server (`server.rest`) lives in ./n8n-rest.js.
 *
 * n8n itself is installed by `scripts/n8n/install.sh [2|1]` into a cache outside the checkout;
 * the paths come from scripts/n8n/paths.js. See test/e2e/README.md.
 *
 *   const n8n = require('./n8n');
 *   const tgz = await n8n.packPackage(repoRoot);                 // npm pack of the built package
 *   const home = await n8n.createN8nHome({ target: '2', packages: [tgz] });
 *   await home.importCredentials([{ id: 'cred1', name: 'c', type: 'chatwootAccessTokenApi', data: {...} }]);
 *   const id = await home.importWorkflow({ name: 'wf', nodes: [...], connections: {...} });
 *   const res = await home.execute(id);
 *   res.ok; res.items('Chatwoot'); res.error; res.nodeError('Chatwoot'); res.stdout; res.stderr
 *   const server = await home.start({ port: 5678 });
 *   await server.rest.setupOwner(); await server.rest.testCredential({ name, type, data });
 *   await server.stop(); await home.cleanup();
 *
 * Plain CommonJS (no TypeScript), usable from jest and from plain node scripts. No TTY or stdin needed.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const fsp = require('fs/promises');
const net = require('net');
const os = require('os');
const path = require('path');

const paths = require('../../scripts/n8n/paths');
const { DEFAULT_OWNER, httpRequest, restClient, sleep } = require('./n8n-rest');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const VERBOSE = /^(1|true|yes)$/i.test(process.env.N8N_E2E_VERBOSE || '');
const KEEP = /^(1|true|yes)$/i.test(process.env.N8N_E2E_KEEP || '');

/** Servers still running, killed on process exit so a failed test never leaves n8n behind. */
const liveChildren = new Set();
process.on('exit', () => {
	for (const child of liveChildren) killGroup(child, 'SIGKILL');
});

function killGroup(child, signal) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function log(...args) {
	if (VERBOSE) process.stderr.write(`[n8n-e2e] ${args.join(' ')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Generic process helpers
// ---------------------------------------------------------------------------------------------

/**
 * Spawn a command in its own process group, collect output, never reject on a non-zero exit.
 * @param {string} cmd @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, label?: string}} [options]
 * @returns {Promise<{code:number|null, signal:string|null, stdout:string, stderr:string, durationMs:number, timedOut:boolean}>}
 */
function runProcess(
	cmd,
	args,
	{ cwd, env, timeoutMs = 10 * 60 * 1000, label = path.basename(cmd) } = {},
) {
	return new Promise((resolve, reject) => {
		const t0 = Date.now();
		log(`$ ${label} ${args.join(' ')}`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		liveChildren.add(child);
		const out = [];
		const err = [];
		child.stdout.on('data', (d) => {
			out.push(d);
			if (VERBOSE) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			err.push(d);
			if (VERBOSE) process.stderr.write(d);
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGTERM');
			setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			liveChildren.delete(child);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			liveChildren.delete(child);
			// the command may leave children in its group (e.g. a task runner): clean them up
			try {
				process.kill(-Number(child.pid), 'SIGKILL');
			} catch {
				/* group already empty */
			}
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				durationMs: Date.now() - t0,
				timedOut,
			});
		});
	});
}

/**
 * A workflow as `n8n import:workflow` wants it: inactive, with settings, pin data, an id, and every
 * node with an id, a position and parameters, unless the workflow gives them.
 */
function withWorkflowDefaults(workflow) {
	const wf = {
		active: false,
		settings: {},
		pinData: {},
		...workflow,
		id: workflow.id || newId(),
	};
	wf.nodes = wf.nodes.map((n) => ({
		id: n.id || crypto.randomUUID(),
		position: [0, 0],
		parameters: {},
		...n,
	}));
	return wf;
}

/** Environment for npm commands: ignore the user's yes=false / nodedir=/usr and npm-run leftovers. */
function npmEnv(extra = {}) {
	const env = { ...process.env };
	for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
	return {
		...env,
		npm_config_yes: 'true',
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_progress: 'false',
		...extra,
	};
}

function getFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('net').AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
	});
}

function isPortFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** n8n-style id (16 alphanumerics), valid for workflows and credentials. */
function newId(len = 16) {
	const bytes = crypto.randomBytes(len);
	let s = '';
	for (let i = 0; i < len; i++) s += ID_ALPHABET[bytes[i] % ID_ALPHABET.length];
	return s;
}

// ---------------------------------------------------------------------------------------------
// Packaging
// ---------------------------------------------------------------------------------------------

/**
 * `npm pack` an already-built package directory (default: this repo) into a temp dir.
 * Does NOT build: throws with a clear message when files named in the package.json `n8n` section are missing.
 * @param {string} [packageDir] @param {{destDir?: string}} [options]
 * @returns {Promise<string>} absolute tarball path
 */
async function packPackage(packageDir = REPO_ROOT, { destDir } = {}) {
	const dir = path.resolve(packageDir);
	const pkg = JSON.parse(await fsp.readFile(path.join(dir, 'package.json'), 'utf8'));
	const declared = [
		...((pkg.n8n && pkg.n8n.nodes) || []),
		...((pkg.n8n && pkg.n8n.credentials) || []),
	];
	const missing = declared.filter((f) => !fs.existsSync(path.join(dir, f)));
	if (missing.length) {
		throw new Error(
			`packPackage(${dir}): ${missing.length} file(s) listed in package.json "n8n" are missing ` +
				`(${missing.join(', ')}). Build the package first (npm run build).`,
		);
	}
	const dest = destDir || (await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-pack-')));
	await fsp.mkdir(dest, { recursive: true });
	const res = await runProcess(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', dest],
		{
			cwd: dir,
			env: npmEnv(),
			timeoutMs: 5 * 60 * 1000,
			label: 'npm',
		},
	);
	if (res.code !== 0)
		throw new Error(`npm pack failed in ${dir} (exit ${res.code}):\n${res.stderr}\n${res.stdout}`);
	let filename;
	try {
		const start = res.stdout.indexOf('[');
		filename = JSON.parse(res.stdout.slice(start))[0].filename;
	} catch (e) {
		throw new Error(
			`could not parse npm pack --json output: ${/** @type {Error} */ (e).message}\n${res.stdout}`,
		);
	}
	// npm names scoped tarballs "scope-name-1.0.0.tgz"
	const tarball = path.join(dest, filename.replace(/^@/, '').replace(/\//, '-'));
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack reported ${filename} but ${tarball} does not exist`);
	return tarball;
}

// ---------------------------------------------------------------------------------------------
// Run data parsing
// ---------------------------------------------------------------------------------------------

/**
 * Find the pretty-printed top-level JSON object n8n prints (`JSON.stringify(data, null, 2)`):
 * a line that is exactly "{" up to the next line that is exactly "}". The last such block wins.
 */
function extractTopLevelJson(text) {
	const lines = text.split(/\r?\n/);
	let found = null;
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		for (let j = i + 1; j < lines.length; j++) {
			if (lines[j] === '}') {
				try {
					found = JSON.parse(lines.slice(i, j + 1).join('\n'));
				} catch {
					/* not JSON after all */
				}
				i = j;
				break;
			}
		}
	}
	return found;
}

/** Strip ANSI colour codes. */
function plain(s) {
	// eslint-disable-next-line no-control-regex
	return s.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * Turn the output of `n8n execute --rawOutput` into an easy-to-query result.
 * Works for failed executions too: n8n then logs the run data after "Execution error:".
 */
function parseExecuteOutput(proc) {
	const stdout = plain(proc.stdout);
	const stderr = plain(proc.stderr);
	const run = extractTopLevelJson(stdout) || extractTopLevelJson(stderr);
	const resultData = (run && run.data && run.data.resultData) || {};
	const runData = resultData.runData || {};
	let error = resultData.error || null;
	if (!run && !error) {
		// n8n died before producing run data (bad workflow, unknown node type, crash...)
		const text = `${stdout}\n${stderr}`;
		const m =
			text.match(/Execution error:\s*\n(?:=+\s*\n)?([^\n]+)/) ||
			text.match(/(?:Error|error)[^\n]*\n?[^\n]*/);
		error = {
			message: m ? m[1] || m[0] : `n8n execute exited with code ${proc.code}`,
			fromLog: true,
		};
	}
	const nodeRuns = (node) => runData[node] || [];
	const result = {
		ok: proc.code === 0 && !!run && !resultData.error,
		exitCode: proc.code,
		signal: proc.signal,
		timedOut: proc.timedOut,
		durationMs: proc.durationMs,
		status: run ? run.status : undefined,
		finished: run ? run.finished : undefined,
		run,
		runData,
		error,
		lastNodeExecuted: resultData.lastNodeExecuted,
		/** names of the nodes that ran */
		nodes: Object.keys(runData),
		/** items [{json, pairedItem, binary?}] of a node's output (default main output 0, first run) */
		items(node, { output = 0, runIndex = 0 } = {}) {
			const r = nodeRuns(node)[runIndex];
			if (!r)
				throw new Error(
					`node "${node}" has no run ${runIndex}; nodes that ran: ${Object.keys(runData).join(', ') || '(none)'}`,
				);
			const main = (r.data && r.data.main) || [];
			return main[output] || [];
		},
		/** all outputs of a node's run: array (per output) of item arrays */
		outputs(node, { runIndex = 0 } = {}) {
			const r = nodeRuns(node)[runIndex];
			return (r && r.data && r.data.main) || [];
		},
		/** the json of each item (shortcut) */
		json(node, opts) {
			return result.items(node, opts).map((i) => i.json);
		},
		/** error object of a node's run, or undefined */
		nodeError(node, { runIndex = 0 } = {}) {
			const r = nodeRuns(node)[runIndex];
			return r ? r.error : undefined;
		},
		stdout: proc.stdout,
		stderr: proc.stderr,
	};
	return result;
}

// ---------------------------------------------------------------------------------------------
// n8n home (user folder)
// ---------------------------------------------------------------------------------------------

function n8nEnv(info, userFolder, extra = {}) {
	const env = { ...process.env };
	// jest sets NODE_ENV=test, which makes n8n refuse to load nodes ("Not available in tests")
	for (const k of Object.keys(env)) {
		if (
			/^(npm_|JEST_|N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_PATH$)/i.test(
				k,
			)
		)
			delete env[k];
	}
	return {
		...env,
		PATH: `${info.nodeBinDir}${path.delimiter}${env.PATH || ''}`,
		NODE_ENV: 'production',
		NO_COLOR: '1',
		TZ: 'UTC',
		GENERIC_TIMEZONE: 'UTC',
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		DB_SQLITE_DATABASE: path.join(userFolder, '.n8n', 'database.sqlite'),
		// nothing may try to reach the internet; keep start-up fast
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_LICENSE_DETACH_FLOATING_ON_SHUTDOWN: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'text',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_RUNNERS_ENABLED: 'true', // 1.x: use task runners like 2.x does (ignored by 2.x)
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		...disabledModulesEnv(info),
		...extra,
	};
}

/**
 * n8n modules that call n8n's servers on their own (found with netguard.js): 2.x refreshes an MCP server
 * registry from api.n8n.io at start-up. Module names must exist in that version or n8n refuses to start.
 */
function disabledModulesEnv(info) {
	const major = Number(info.n8nVersion.split('.')[0]);
	if (major >= 2) return { N8N_DISABLED_MODULES: 'mcp-registry' };
	return {};
}

/**
 * Make a fresh n8n user folder with the given community packages installed in `.n8n/nodes`.
 *
 * @param {object} [opts]
 * @param {string} [opts.target='2']      '2' or '1': which cached n8n install to use (scripts/n8n/install.sh <target>)
 * @param {string[]} [opts.packages=[]]   tarballs (from packPackage) or package directories to install
 * @param {string} [opts.userFolder]      reuse/choose the folder instead of a fresh temp dir
 * @param {object} [opts.env]             extra env for every n8n command
 * @param {string} [opts.encryptionKey]
 * @param {boolean} [opts.netGuard=true]   record every outbound connection in logs/outbound.jsonl
 */
async function createN8nHome(opts = {}) {
	const info = paths.resolveTarget(opts.target || process.env.N8N_TARGET || '2');
	if (!paths.isInstalled(info.target)) {
		throw new Error(
			`n8n ${info.n8nVersion} (target ${info.target}) is not installed in ${info.installDir}. ` +
				`Run: bash scripts/n8n/install.sh ${info.target}`,
		);
	}
	const userFolder =
		opts.userFolder || (await fsp.mkdtemp(path.join(os.tmpdir(), `n8n-e2e-home-${info.target}-`)));
	const dotN8n = path.join(userFolder, '.n8n');
	const nodesDir = path.join(dotN8n, 'nodes');
	const tmpDir = path.join(userFolder, 'tmp');
	const logsDir = path.join(userFolder, 'logs');
	await Promise.all([nodesDir, tmpDir, logsDir].map((d) => fsp.mkdir(d, { recursive: true })));

	const encryptionKey = opts.encryptionKey || crypto.randomBytes(24).toString('hex');
	const netguardFile = path.join(logsDir, 'outbound.jsonl');
	const env = n8nEnv(info, userFolder, {
		N8N_ENCRYPTION_KEY: encryptionKey,
		...(opts.netGuard === false
			? {}
			: {
					NODE_OPTIONS: `--require ${path.join(__dirname, 'netguard.js')}`,
					N8N_E2E_NETGUARD_FILE: netguardFile,
				}),
		...(opts.env || {}),
	});

	const installed = await installPackages(nodesDir, opts.packages || [], tmpDir);

	let counter = 0;
	const tmpFile = async (name, content) => {
		const f = path.join(tmpDir, `${Date.now()}-${++counter}-${name}`);
		await fsp.writeFile(
			f,
			typeof content === 'string' ? content : JSON.stringify(content, null, 2),
		);
		return f;
	};

	const home = {
		target: info.target,
		n8nVersion: info.n8nVersion,
		nodeVersion: info.nodeVersion,
		info,
		userFolder,
		nodesDir,
		env,
		encryptionKey,
		installedPackages: installed,

		/**
		 * Run any n8n CLI command; resolves {code, stdout, stderr, durationMs} (never rejects on exit code).
		 * Each n8n process gets its own task-broker port, so CLI runs can overlap a running server.
		 */
		/** @param {string[]} args @param {{timeoutMs?: number, env?: NodeJS.ProcessEnv}} [options] */
		async run(args, { timeoutMs = 5 * 60 * 1000, env: extraEnv } = {}) {
			return runProcess(info.nodeBin, [info.n8nBin, ...args], {
				cwd: userFolder,
				env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await getFreePort()), ...(extraEnv || {}) },
				timeoutMs,
				label: 'n8n',
			});
		},

		/** Like run() but throws (with output) on a non-zero exit. */
		async runOk(args, options) {
			const res = await home.run(args, options);
			if (res.code !== 0) {
				throw new Error(
					`n8n ${args.join(' ')} failed (exit ${res.code}):\n${res.stdout}\n${res.stderr}`,
				);
			}
			return res;
		},

		/**
		 * Import credentials (array of {id?, name, type, data: {…plain object…}}). n8n encrypts `data`.
		 * Missing ids are generated. @returns {Promise<string[]>} the ids, in order
		 */
		async importCredentials(credentials) {
			const list = (Array.isArray(credentials) ? credentials : [credentials]).map((c) => ({
				id: c.id || newId(),
				isManaged: false,
				...c,
			}));
			const file = await tmpFile('credentials.json', list);
			await home.runOk(['import:credentials', `--input=${file}`]);
			return list.map((c) => c.id);
		},

		/**
		 * Import one workflow object ({name, nodes, connections, settings?, id?}). Missing id/active/settings
		 * are filled in. @returns {Promise<string>} the workflow id
		 */
		async importWorkflow(workflow) {
			const wf = withWorkflowDefaults(workflow);
			const file = await tmpFile('workflow.json', wf);
			await home.runOk(['import:workflow', `--input=${file}`]);
			return wf.id;
		},

		/**
		 * Import many workflows with ONE `import:workflow` (n8n boots once): much faster than one import each.
		 * Same filling-in as importWorkflow(). @returns {Promise<string[]>} the ids, in order
		 */
		async importWorkflows(workflows) {
			const list = workflows.map(withWorkflowDefaults);
			if (!list.length) return [];
			const file = await tmpFile('workflows.json', list);
			await home.runOk(['import:workflow', `--input=${file}`]);
			return list.map((wf) => wf.id);
		},

		/** Execute a workflow by id with `n8n execute --id --rawOutput`; see parseExecuteOutput(). */
		async execute(id, { timeoutMs = 5 * 60 * 1000 } = {}) {
			const res = await home.run(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
			return parseExecuteOutput(res);
		},

		/**
		 * Mark a workflow active in the DB with the CLI, for a server started AFTERWARDS (a running n8n does
		 * not notice): 2.x `publish:workflow --id`, 1.x `update:workflow --id --active=true`.
		 * For a running server use server.rest.activateWorkflow(id).
		 */
		async publishWorkflow(id) {
			const major = Number(info.n8nVersion.split('.')[0]);
			return home.runOk(
				major >= 2
					? ['publish:workflow', `--id=${id}`]
					: ['update:workflow', `--id=${id}`, '--active=true'],
			);
		},

		/** Import then execute: the execution's result with the workflow's id. */
		async importAndExecute(workflow, options) {
			const id = await home.importWorkflow(workflow);
			return { ...(await home.execute(id, options)), workflowId: id };
		},

		/**
		 * Connections/DNS lookups to non-loopback hosts made by any n8n process of this home so far
		 * (recorded by netguard.js, not blocked): [{pid, kind: 'lookup'|'connect', host, stack}]
		 */
		outboundAttempts() {
			if (!fs.existsSync(netguardFile)) return [];
			return fs
				.readFileSync(netguardFile, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((l) => JSON.parse(l));
		},

		/**
		 * Content of a binary entry from run data (`item.binary.data`) as a Buffer: inline base64
		 * (1.x default mode) or a file in the user folder (2.x filesystem mode: `id` "filesystem-v2:…").
		 */
		readBinary(entry) {
			if (entry && typeof entry.id === 'string' && entry.id.includes(':')) {
				const [mode, ...rest] = entry.id.split(':');
				const fileId = rest.join(':');
				const candidates =
					mode === 'filesystem-v2'
						? [path.join(dotN8n, 'storage', fileId), path.join(dotN8n, 'binaryData', fileId)]
						: [path.join(dotN8n, 'binaryData', fileId), path.join(dotN8n, 'storage', fileId)];
				const file = candidates.find((f) => fs.existsSync(f));
				if (!file)
					throw new Error(`binary ${entry.id} not found (looked in ${candidates.join(', ')})`);
				return fs.readFileSync(file);
			}
			if (entry && typeof entry.data === 'string') return Buffer.from(entry.data, 'base64');
			throw new Error(`not a binary entry: ${JSON.stringify(entry)}`);
		},

		/** Start `n8n start` on 127.0.0.1. */
		start(startOpts = {}) {
			return startServer(home, startOpts);
		},

		/** Remove the user folder (kept when N8N_E2E_KEEP=1). */
		async cleanup() {
			if (KEEP) {
				process.stderr.write(`[n8n-e2e] keeping ${userFolder}\n`);
				return;
			}
			await fsp.rm(userFolder, { recursive: true, force: true, maxRetries: 3 });
		},
	};
	return home;
}

/**
 * Install tarballs / package dirs into `<nodesDir>/node_modules` the way n8n does for community packages:
 * no scripts, no dev deps, no peer deps (n8n-workflow etc. resolve to n8n's own copy via NODE_PATH).
 */
async function installPackages(nodesDir, packages, packDir) {
	const deps = {};
	const names = [];
	for (const p of packages) {
		let spec = path.resolve(p);
		if (fs.statSync(spec).isDirectory()) spec = await packPackage(spec, { destDir: packDir }); // a real copy, not a symlink
		const name = await tarballPackageName(spec);
		deps[name] = `file:${spec}`;
		names.push(name);
	}
	await fsp.writeFile(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: deps }, null, 2),
	);
	if (!names.length) return names;
	const res = await runProcess(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--omit=dev',
			'--omit=peer',
			'--no-audit',
			'--no-fund',
			'--no-package-lock',
			'--install-links',
			'--prefer-offline',
		],
		{ cwd: nodesDir, env: npmEnv(), timeoutMs: 10 * 60 * 1000, label: 'npm' },
	);
	if (res.code !== 0)
		throw new Error(
			`npm install in ${nodesDir} failed (exit ${res.code}):\n${res.stderr}\n${res.stdout}`,
		);
	for (const n of names) {
		if (!fs.existsSync(path.join(nodesDir, 'node_modules', n, 'package.json'))) {
			throw new Error(`package ${n} not found in ${nodesDir}/node_modules after npm install`);
		}
	}
	return names;
}

async function tarballPackageName(tarball) {
	const res = await runProcess('tar', ['-xzOf', tarball, 'package/package.json'], {
		timeoutMs: 60000,
		label: 'tar',
	});
	if (res.code !== 0) throw new Error(`cannot read package.json from ${tarball}: ${res.stderr}`);
	return JSON.parse(res.stdout).name;
}

// ---------------------------------------------------------------------------------------------
// Server mode
// ---------------------------------------------------------------------------------------------

/**
 * Start `n8n start` on 127.0.0.1 and wait until it serves.
 * Queue mode (test/e2e/queue-stack.js) starts its other processes the same way: `command: 'worker'`
 * (`port` is then its health server, QUEUE_HEALTH_CHECK_PORT) or `command: 'webhook'`; those are ready
 * when `/healthz/readiness` answers 200 (they have no REST API).
 * @param {any} home what createN8nHome returned
 * @param {{port?: number, timeoutMs?: number, env?: NodeJS.ProcessEnv, command?: 'start' | 'worker' | 'webhook', args?: string[], logName?: string}} [options]
 */
async function startServer(
	home,
	{
		port = 5678,
		timeoutMs = 3 * 60 * 1000,
		env: extraEnv,
		command = 'start',
		args = [],
		logName = command === 'start' ? 'server' : command,
	} = {},
) {
	if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is already in use`);
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = {
		...home.env,
		N8N_RUNNERS_BROKER_PORT: String(await getFreePort()),
		N8N_PORT: String(port),
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: baseUrl,
		...(command === 'worker' ? { QUEUE_HEALTH_CHECK_PORT: String(port) } : {}),
		...(extraEnv || {}),
	};
	const logFile = path.join(home.userFolder, 'logs', `${logName}-${port}-${Date.now()}.log`);
	const logStream = fs.createWriteStream(logFile);
	const chunks = [];
	const t0 = Date.now();
	const child = spawn(home.info.nodeBin, [home.info.n8nBin, command, ...args], {
		cwd: home.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	liveChildren.add(child);
	const onData = (d) => {
		chunks.push(d);
		logStream.write(d);
		if (VERBOSE) process.stderr.write(d);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			liveChildren.delete(child);
			resolve({ code, signal });
		}),
	);
	const logs = () => plain(Buffer.concat(chunks).toString('utf8'));

	let stopResult = null;
	async function doStop(graceMs) {
		const s0 = Date.now();
		let forced = false;
		if (child.exitCode === null && child.signalCode === null) {
			try {
				process.kill(Number(child.pid), 'SIGTERM'); // main process first: n8n shuts down its task runner itself
			} catch {
				/* gone */
			}
			let timer;
			const res = await Promise.race([
				exited,
				new Promise((r) => (timer = setTimeout(() => r(null), graceMs))),
			]);
			clearTimeout(timer);
			if (!res) {
				log(`n8n did not stop within ${graceMs}ms, SIGKILL`);
				forced = true;
				killGroup(child, 'SIGKILL');
				await exited;
			}
		}
		try {
			process.kill(-Number(child.pid), 'SIGKILL'); // leftovers in the group (task runner)
		} catch {
			/* empty group */
		}
		await new Promise((r) => logStream.end(r));
		return { ...(await exited), forced, stopMs: Date.now() - s0 };
	}
	/**
	 * SIGTERM, wait up to graceMs for n8n's graceful shutdown, then SIGKILL the whole process group.
	 * Idempotent. @returns {Promise<{code:number|null, signal:string|null, forced:boolean, stopMs:number}>}
	 */
	function stop({ graceMs = 20000 } = {}) {
		if (!stopResult) stopResult = doStop(graceMs);
		return stopResult;
	}

	// wait for the REST API
	let ready = false;
	let exitInfo = null;
	exited.then((e) => (exitInfo = e));
	while (Date.now() - t0 < timeoutMs) {
		if (exitInfo) break;
		try {
			// /healthz answers as soon as the port is open; /healthz/readiness once the DB is migrated
			// (2.x: and start-up finished). Before that, /rest/* answers 200 "n8n is starting up", so also
			// require real JSON from /rest/settings.
			const r = await httpRequest('GET', `${baseUrl}/healthz/readiness`, { timeoutMs: 5000 });
			if (r.status === 200 && command !== 'start') {
				ready = true;
				break;
			}
			if (r.status === 200) {
				const s = await httpRequest('GET', `${baseUrl}/rest/settings`, { timeoutMs: 5000 });
				if (s.status === 200 && s.json && s.json.data) {
					ready = true;
					break;
				}
			}
		} catch {
			/* not listening yet */
		}
		await sleep(250);
	}
	if (!ready) {
		await stop({ graceMs: 5000 });
		throw new Error(
			`n8n ${command} did not become ready on ${baseUrl} within ${timeoutMs}ms` +
				(exitInfo ? ` (exited: ${JSON.stringify(exitInfo)})` : '') +
				`\n--- n8n output (${logFile}) ---\n${logs().slice(-8000)}`,
		);
	}
	const startupMs = Date.now() - t0;
	log(`n8n ${home.n8nVersion} ${command} ready on ${baseUrl} in ${startupMs}ms`);

	const server = {
		baseUrl,
		port,
		child,
		logFile,
		startupMs,
		logs,
		stop,
		exited,
		// only `n8n start` has a REST API; production webhooks are where WEBHOOK_URL says
		rest: restClient(baseUrl, home, { webhookBaseUrl: String(env.WEBHOOK_URL).replace(/\/$/, '') }),
	};
	return server;
}

module.exports = {
	REPO_ROOT,
	startServer,
	DEFAULT_OWNER,
	paths,
	packPackage,
	createN8nHome,
	installPackages,
	parseExecuteOutput,
	extractTopLevelJson,
	runProcess,
	httpRequest,
	getFreePort,
	newId,
	isInstalled: paths.isInstalled,
	resolveTarget: paths.resolveTarget,
};
