'use strict';
/**
 * n8n 2.40.7 in queue mode on this machine: one main (`n8n start`), N workers (`n8n worker`) and one
 * webhook process (`n8n webhook`), sharing a PostgreSQL database and Redis (scripts/queue/services.sh),
 * with this package installed as a community package. Used by the queue e2e tests, the queue benchmark
 * and `npm run start:queue` (scripts/start-queue.js).
 *
 *   const { startQueueStack } = require('./queue-stack');
 *   const stack = await startQueueStack({ workers: 2 });
 *   stack.mainUrl            http://127.0.0.1:<port>  editor + REST (test webhooks /webhook-test/ too)
 *   stack.webhookUrl         http://127.0.0.1:<port>  the webhook process = WEBHOOK_URL: production
 *                            webhooks (/webhook/…) and $execution.resumeUrl (/webhook-waiting/…) land here
 *   stack.rest               n8n-rest.js client of main, logged in as the owner; rest.webhook(),
 *                            rest.waitForWebhook() and rest.productionWebhookUrl() use the webhook process
 *   stack.home               the n8n home (test/e2e/n8n.js) of main: importCredentials, importWorkflows, run…
 *   stack.main               main's server object (n8n.js startServer): child, logFile, logs(), exited
 *   stack.webhookProcess     the webhook process: { name, pid, port, url, logFile, logs(), kill, restart, stop, exited }
 *   stack.workers            [{ name: 'worker-1', index: 0, pid, port (health server), logFile, logs(),
 *                               kill(signal = 'SIGKILL'), restart(), stop(), running, exited }]
 *                            kill() signals the worker's whole process group (n8n worker + its task runner)
 *                            and resolves when it is gone; restart() starts it again (same name, same
 *                            user folder, a new log file; after a SIGKILL n8n logs "Last session crashed"
 *                            and waits 10 s before it starts); stop() is a graceful SIGTERM
 *   await stack.addWorker()  one more worker (appended to stack.workers), ready when it resolves
 *   stack.workerOf(executionId)      'worker-2' … from the workers' logs ("Worker started execution <id>"),
 *                                    undefined when no worker ran it (main never runs one in queue mode)
 *   stack.executionsByWorker()       { 'worker-1': ['12', …], 'worker-2': [...] } (every log file of each)
 *   stack.logs()                     { main: file, webhook: file, 'worker-1': file, … } (current files)
 *   stack.services           { redisPort, pgPort, database, bullPrefix, redisPrefix }
 *   await stack.stop()       stops every process (SIGTERM, then SIGKILL after 20 s), drops a temporary database
 *
 * Options of startQueueStack (all optional):
 *   workers: 2               number of `n8n worker` processes
 *   concurrency: 10          `n8n worker --concurrency` (n8n's default 10)
 *   packages                 tarballs/dirs to install as community packages (default: `npm pack` of this
 *                            repo, which must be built: `npm run build`)
 *   name                     stack name: database n8n_<name> and the Redis prefixes (default e2e_<random>;
 *                            each stack its own, so several stacks can share the services)
 *   userFolder               root folder of the stack (default a temp dir); main/, worker-N/, webhook/ in it
 *   keepDatabase             keep the database at stop() (default: kept only when `name` is given)
 *   mainPort, webhookPort    default: free ports
 *   encryptionKey            default: random (pass one to reuse a userFolder/database)
 *   env                      extra env for every n8n process
 *   prepareHome(home)        runs after the package is installed, before main starts (import credentials
 *                            and workflows with the CLI here)
 *   owner                    the owner account (default n8n-rest.js DEFAULT_OWNER)
 *   install: true            run scripts/n8n/install.sh queue first (instant when installed)
 *   quiet: true              hide the install/services progress (errors are always shown)
 *   netGuard: true           record outbound connections (test/e2e/netguard.js) in main/logs/outbound.jsonl
 *
 * Each process has its own N8N_USER_FOLDER (as separate machines would): n8n keeps a crash journal and
 * its event log there, which processes must not share. Their .n8n/nodes is a symlink to main's, so the
 * package is installed once. Logs: <userFolder>/main/logs/<name>-<port>-<time>.log.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');

const n8n = require('./n8n');
const { DEFAULT_OWNER } = require('./n8n-rest');

const TARGET = 'queue';
const SERVICES_SH = path.join(n8n.REPO_ROOT, 'scripts', 'queue', 'services.sh');
const INSTALL_SH = path.join(n8n.REPO_ROOT, 'scripts', 'n8n', 'install.sh');

/**
 * Run a bash script with its progress on stderr (hidden when quiet, then shown on failure).
 * @param {string} script @param {string[]} args @param {{quiet?: boolean, capture?: boolean}} [options]
 * @returns {Promise<string>} its stdout
 */
function bashScript(script, args, { quiet = false, capture = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [script, ...args], {
			env: process.env, // install.sh cleans npm_config_* itself; N8N_CACHE_DIR must reach both
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out = [];
		const err = [];
		child.stdout.on('data', (d) => {
			out.push(d);
			if (!quiet && !capture) process.stderr.write(d);
		});
		child.stderr.on('data', (d) => {
			err.push(d);
			if (!quiet) process.stderr.write(d);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			const stdout = Buffer.concat(out).toString('utf8');
			if (code === 0) return resolve(stdout);
			const text = `${quiet && !capture ? stdout : ''}${Buffer.concat(err).toString('utf8')}`;
			reject(
				new Error(`${path.basename(script)} ${args.join(' ')} failed (exit ${code}):\n${text}`),
			);
		});
	});
}

/** `services.sh env` parsed: { QUEUE_REDIS_PORT: '26379', … } */
async function servicesEnv() {
	const text = await bashScript(SERVICES_SH, ['env'], { capture: true });
	/** @type {Record<string, string>} */
	const vars = {};
	for (const line of text.split('\n')) {
		const m = line.match(/^([A-Z_]+)='(.*)'$/);
		if (m) vars[m[1]] = m[2];
	}
	return vars;
}

/**
 * Why this machine cannot run the queue stack (a sentence), or null when it can: Redis and PostgreSQL
 * are installed, or they can be (root, apt-get, the Debian mirror reachable). Synchronous, for
 * `describe.skip` at load time.
 */
function queueStackUnavailable() {
	const { spawnSync } = require('child_process');
	const sh = (cmd) => spawnSync('bash', ['-c', cmd], { timeout: 10000 }).status === 0;
	if (sh('command -v redis-server && ls /usr/lib/postgresql/*/bin/pg_ctl')) return null;
	if (!sh('command -v apt-get'))
		return 'redis-server/PostgreSQL are not installed and there is no apt-get';
	if (process.getuid && process.getuid() !== 0)
		return 'redis-server/PostgreSQL are not installed and installing them needs root';
	const hosts = new Set();
	for (const f of ['/etc/apt/sources.list', ...listDir('/etc/apt/sources.list.d')]) {
		const text = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
		for (const m of text.matchAll(/https?:\/\/([^/\s:]+)/g)) hosts.add(m[1]);
	}
	const reachable = [...hosts].some((h) =>
		sh(`timeout 5 bash -c 'exec 3<>/dev/tcp/${h.replace(/[^\w.-]/g, '')}/80'`),
	);
	if (!reachable)
		return `redis-server/PostgreSQL are not installed and no apt source is reachable (${[...hosts].join(', ') || 'none configured'})`;
	return null;
}

function listDir(dir) {
	try {
		return fs.readdirSync(dir).map((f) => path.join(dir, f));
	} catch {
		return [];
	}
}

/** Lines "Worker started execution <id>" of a worker's log: the executions it ran. */
function executionsInLog(text) {
	return [...text.matchAll(/Worker started execution (\S+)/g)].map((m) => m[1]);
}

/**
 * @param {{workers?: number, concurrency?: number, packages?: string[], name?: string, userFolder?: string,
 *   keepDatabase?: boolean, mainPort?: number, webhookPort?: number, encryptionKey?: string,
 *   env?: NodeJS.ProcessEnv, prepareHome?: (home: any) => Promise<unknown>,
 *   owner?: {email: string, firstName: string, lastName: string, password: string},
 *   install?: boolean, quiet?: boolean, netGuard?: boolean}} [options]
 */
async function startQueueStack(options = {}) {
	const {
		workers: workerCount = 2,
		concurrency = 10,
		name = `e2e_${crypto.randomBytes(4).toString('hex')}`,
		keepDatabase = options.name !== undefined,
		env: extraEnv = {},
		prepareHome,
		owner = DEFAULT_OWNER,
		install = true,
		quiet = true,
	} = options;
	if (!/^[a-z][a-z0-9_]{0,40}$/.test(name))
		throw new Error(`stack name "${name}": lower-case letters, digits and _ only`);

	if (install) await bashScript(INSTALL_SH, [TARGET], { quiet });
	await bashScript(SERVICES_SH, ['start'], { quiet });
	const svc = await servicesEnv();
	const database = `n8n_${name}`;
	await bashScript(SERVICES_SH, ['createdb', database], { quiet });

	const root =
		options.userFolder || (await fsp.mkdtemp(path.join(os.tmpdir(), `n8n-queue-${name}-`)));
	const mainPort = options.mainPort || (await n8n.getFreePort());
	const webhookPort = options.webhookPort || (await n8n.getFreePort());
	const mainUrl = `http://127.0.0.1:${mainPort}`;
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	const services = {
		redisPort: Number(svc.QUEUE_REDIS_PORT),
		pgPort: Number(svc.QUEUE_PG_PORT),
		database,
		bullPrefix: `bull_${name}`,
		redisPrefix: `n8n_${name}`,
	};

	// what every process of the stack shares (read from n8n 2.40.7's @n8n/config and commands/)
	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true', // editor runs go to the workers too (workflow-runner.js)
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: svc.QUEUE_PG_HOST,
		DB_POSTGRESDB_PORT: svc.QUEUE_PG_PORT,
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: svc.QUEUE_PG_USER,
		DB_POSTGRESDB_PASSWORD: svc.QUEUE_PG_PASSWORD,
		QUEUE_BULL_REDIS_HOST: svc.QUEUE_REDIS_HOST,
		QUEUE_BULL_REDIS_PORT: svc.QUEUE_REDIS_PORT,
		// Bull's keys and n8n's own Redis keys and pub/sub channels, per stack
		QUEUE_BULL_PREFIX: services.bullPrefix,
		N8N_REDIS_KEY_PREFIX: services.redisPrefix,
		// workers answer /healthz/readiness (DB migrated, Redis connected) on QUEUE_HEALTH_CHECK_PORT
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		// the sandboxes listen on 127.0.0.1, in SSRF protection's default block list
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		...extraEnv,
	};

	// given to each start: startServer() would point them at the process itself
	const urlsEnv = { WEBHOOK_URL: `${webhookUrl}/`, N8N_EDITOR_BASE_URL: mainUrl };

	const mainFolder = path.join(root, 'main');
	const packages = options.packages || [await n8n.packPackage(n8n.REPO_ROOT)];
	const home = await n8n.createN8nHome({
		target: TARGET,
		userFolder: mainFolder,
		packages,
		encryptionKey: options.encryptionKey,
		netGuard: options.netGuard,
		env: queueEnv,
	});
	if (!options.packages) await fsp.rm(path.dirname(packages[0]), { recursive: true, force: true });

	/** A user folder for another process of the stack, sharing main's installed community packages. */
	async function processFolder(procName) {
		const folder = path.join(root, procName);
		const nodesLink = path.join(folder, '.n8n', 'nodes');
		await fsp.mkdir(path.dirname(nodesLink), { recursive: true });
		if (!fs.existsSync(nodesLink)) await fsp.symlink(home.nodesDir, nodesLink);
		return folder;
	}

	/**
	 * One process of the stack that can be killed and started again.
	 * @param {string} procName @param {'worker' | 'webhook'} command @param {number} port
	 * @param {string[]} args @param {number} [index] a worker's position in stack.workers
	 */
	async function managedProcess(procName, command, port, args, index) {
		const folder = await processFolder(procName);
		const logFiles = [];
		let server;
		const launch = async () => {
			server = await home.start({
				command,
				port,
				args,
				logName: procName,
				env: { ...urlsEnv, N8N_USER_FOLDER: folder },
			});
			logFiles.push(server.logFile);
			return proc;
		};
		const proc = {
			name: procName,
			index,
			port,
			url: `http://127.0.0.1:${port}`,
			get pid() {
				return server.child.pid;
			},
			get server() {
				return server;
			},
			get logFile() {
				return server.logFile;
			},
			get logFiles() {
				return [...logFiles];
			},
			get exited() {
				return server.exited;
			},
			get running() {
				return server.child.exitCode === null && server.child.signalCode === null;
			},
			/** output of the current process */
			logs: () => server.logs(),
			/** output of every start of this process, oldest first */
			allLogs: () =>
				logFiles.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '')).join('\n'),
			/** signal the process group (n8n + its task runner); resolves with {code, signal} when it exited */
			async kill(signal = 'SIGKILL') {
				if (proc.running) process.kill(-server.child.pid, signal);
				return server.exited;
			},
			/** graceful stop (SIGTERM, SIGKILL after graceMs) */
			stop: (stopOptions) => server.stop(stopOptions),
			/** start it again after kill()/stop(): same name and folder, a new log file */
			async restart() {
				await server.stop(); // also when killed: closes the old log file
				return launch();
			},
		};
		return launch();
	}

	/** @type {any[]} */
	const workers = [];
	let workerSeq = 0;
	async function addWorker() {
		const index = workerSeq++;
		const port = await n8n.getFreePort();
		const worker = await managedProcess(
			`worker-${index + 1}`,
			'worker',
			port,
			[`--concurrency=${concurrency}`],
			index,
		);
		workers[index] = worker;
		return worker;
	}

	let main;
	/** @type {any} */
	let webhookProcess;
	const stopAll = async () => {
		const stops = [...workers, webhookProcess].filter(Boolean).map((p) => p.stop());
		if (main) stops.push(main.stop());
		const results = await Promise.all(stops.map((p) => p.catch((e) => ({ error: e.message }))));
		if (!keepDatabase)
			await bashScript(SERVICES_SH, ['dropdb', database], { quiet: true }).catch(() => undefined);
		if (!options.userFolder) await home.cleanup();
		return results;
	};

	try {
		if (prepareHome) await prepareHome(home); // CLI imports also run the database migrations first
		// main first: it migrates a fresh database; the others only connect to it
		main = await home.start({ port: mainPort, logName: 'main', env: urlsEnv });
		await main.rest.ensureOwner(/** @type {typeof DEFAULT_OWNER} */ (owner));
		const started = await Promise.all([
			managedProcess('webhook', 'webhook', webhookPort, []),
			...Array.from({ length: workerCount }, () => addWorker()),
		]);
		webhookProcess = started[0];
	} catch (e) {
		await stopAll().catch(() => undefined);
		throw e;
	}

	let stopped;
	const stack = {
		name,
		root,
		mainUrl,
		webhookUrl,
		home,
		main,
		rest: main.rest,
		webhookProcess,
		workers,
		services,
		owner,
		addWorker,
		/** @param {string | number} executionId @returns {string | undefined} */
		workerOf(executionId) {
			const id = String(executionId);
			const w = workers.find((wk) => executionsInLog(wk.allLogs()).includes(id));
			return w && w.name;
		},
		executionsByWorker() {
			return Object.fromEntries(workers.map((w) => [w.name, executionsInLog(w.allLogs())]));
		},
		logs() {
			return {
				main: main.logFile,
				webhook: webhookProcess.logFile,
				...Object.fromEntries(workers.map((w) => [w.name, w.logFile])),
			};
		},
		/** Stop every process of the stack (idempotent); the services keep running for the next stack. */
		stop() {
			if (!stopped) stopped = stopAll();
			return stopped;
		},
	};
	return stack;
}

module.exports = {
	startQueueStack,
	queueStackUnavailable,
	servicesEnv,
	SERVICES_SH,
	TARGET,
};
