#!/usr/bin/env node
'use strict';
/**
 * `npm run start:queue`: `npm start` on n8n's queue mode. Same sandboxes, credentials and example
 * workflows as scripts/start.js, but n8n 2.40.7 runs as a main process, QUEUE_WORKERS (default 2)
 * `n8n worker`s and one `n8n webhook` process, on a private PostgreSQL and Redis
 * (scripts/queue/services.sh, installed from Debian's packages the first time).
 *
 *  1. npm run build; bash scripts/n8n/install.sh queue (n8n 2.40.7 + Node 24 in the cache, once)
 *  2. the Chatwoot, Kapso and model sandboxes on 3001, 3002, 3003 (SANDBOX_PORT, KAPSO_SANDBOX_PORT, MODEL_PORT)
 *  3. Redis on 127.0.0.1:26379, PostgreSQL on 127.0.0.1:25432 (QUEUE_REDIS_PORT, QUEUE_PG_PORT), database n8n_local
 *  4. the package packed and installed into <cache>/queue/local-home/main/.n8n/nodes, credentials and
 *     examples imported, then main on 5678 (N8N_PORT), the webhook process on 5679 (WEBHOOK_PORT), the workers
 *
 * Ctrl-C stops the n8n processes and the sandboxes; Redis and PostgreSQL keep running for the next start
 * (`bash scripts/queue/services.sh stop` stops them, `… reset` deletes their data).
 */
const path = require('path');

const paths = require('../n8n/paths');
const {
	OWNER,
	buildAndInstall,
	startSandboxes,
	packFresh,
	importSandboxSetup,
	readyBanner,
	stopOnSignals,
	persistentKey,
} = require('../start');

async function main() {
	const t0 = Date.now();
	const mainPort = Number(process.env.N8N_PORT || 5678);
	const webhookPort = Number(process.env.WEBHOOK_PORT || 5679);
	const workers = Number(process.env.QUEUE_WORKERS || 2);
	const userFolder = path.join(paths.cacheRoot(), 'queue', 'local-home');

	/** @type {any} */
	let stack;
	/** @type {any} */
	let sandboxes;
	const { shutdown, isStopping } = stopOnSignals('n8n and the sandboxes', async () => {
		const results = stack ? await stack.stop() : [];
		if (sandboxes) await sandboxes.close();
		const forced = results.filter((r) => r && r.forced).length;
		return [
			`${results.length} n8n processes stopped${forced ? ` (${forced} forced)` : ''}, sandboxes stopped.`,
			'Redis and PostgreSQL keep running: bash scripts/queue/services.sh stop',
		].join('\n');
	});

	const info = await buildAndInstall('queue');
	sandboxes = await startSandboxes({
		sandboxPort: Number(process.env.SANDBOX_PORT || 3001),
		kapsoSandboxPort: Number(process.env.KAPSO_SANDBOX_PORT || 3002),
		modelPort: Number(process.env.MODEL_PORT || 3003),
	});
	const tarball = await packFresh(path.join(userFolder, 'main'));

	process.stdout.write(
		`\n▶ Starting Redis and PostgreSQL, then n8n ${info.n8nVersion}: main, ${workers} workers, webhook process\n`,
	);
	const { startQueueStack } = require('../../test/e2e/queue-stack');
	stack = await startQueueStack({
		name: 'local',
		userFolder,
		workers,
		mainPort,
		webhookPort,
		packages: [tarball],
		encryptionKey: persistentKey(path.join(userFolder, 'encryption-key')),
		owner: OWNER,
		netGuard: false,
		install: false,
		quiet: false,
		prepareHome: (home) => importSandboxSetup(home, sandboxes),
	});
	require('fs').rmSync(path.dirname(tarball), { recursive: true, force: true });

	const logs = stack.logs();
	const processes = [
		`  Processes:    main ${stack.mainUrl} (editor, REST, test webhooks)`,
		`                webhook ${stack.webhookUrl} (WEBHOOK_URL: production webhooks, resume URLs)`,
		...stack.workers.map(
			(w) => `                ${w.name} pid ${w.pid}, health ${w.url}/healthz/readiness`,
		),
		`  Queue:        Redis 127.0.0.1:${stack.services.redisPort}, PostgreSQL 127.0.0.1:${stack.services.pgPort} database ${stack.services.database}`,
		`  Logs:         ${path.dirname(logs.main)}/ (${Object.keys(logs).join(', ')})`,
		`  Data:         ${userFolder} and the database; reset: bash scripts/queue/services.sh reset`,
	];
	process.stdout.write(
		readyBanner({
			...sandboxes,
			url: stack.mainUrl,
			t0,
			lines: processes,
			stopWhat: 'the n8n processes and the sandboxes',
		}),
	);

	for (const p of [stack.main, stack.webhookProcess, ...stack.workers]) {
		const label = p.name || 'main';
		p.exited.then(({ code, signal }) => {
			if (!isStopping()) {
				process.stderr.write(
					`n8n ${label} exited on its own (${signal || `code ${code}`}); see ${p.logFile}\n`,
				);
				void shutdown(`n8n ${label} exited`);
			}
		});
	}
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`\nnpm run start:queue failed: ${e.message}\n`);
		process.exit(1);
	});
}
