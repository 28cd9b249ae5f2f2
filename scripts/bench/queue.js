/**
 * `npm run bench:queue` (the npm script builds first): sends per second in n8n's queue mode (n8n
 * 2.40.7: main, two workers, one webhook process on Redis and PostgreSQL; test/e2e/queue-stack.js),
 * with 1 worker and with 2 workers on the same stack.
 *
 * One run: BENCH_QUEUE_EXECUTIONS (10) webhook calls at once to the webhook process, each starting an
 * execution of Webhook → Code (BENCH_QUEUE_ITEMS, 500 items, item i to conversation i mod 100) → our
 * Chatwoot node, Message → Send, default options. Timed from the first webhook call to the last
 * message the sandbox stored (the sandbox runs in its own process and is reset before every run:
 * 100 fresh API-inbox conversations, no latency). Sends per second = messages / that time. Every run
 * is checked: each message stored once, in item order per conversation within each execution, every
 * execution `success`. With 1 worker the other is stopped (SIGTERM, n8n's graceful shutdown) and
 * started again for the 2-worker runs; rounds go 2, 1, 1, 2, 2, 1, … (BENCH_QUEUE_ROUNDS per worker
 * count, default 3) so a drift in the machine's load hits both alike. The 1-minute loadavg is
 * recorded before every run; the core count is printed. Results: stdout and the `queue` section of
 * scripts/bench/last-results.md (the rest of the file is left as it is). Prints numbers; asserts nothing.
 *
 * Env: BENCH_QUEUE_EXECUTIONS, BENCH_QUEUE_ITEMS, BENCH_QUEUE_ROUNDS, BENCH_NO_WRITE=1.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const { prepareSandbox, startSandboxProcess } = require('./index');
const { writeSection } = require('./results-file');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(__dirname, 'last-results.md');
const EXECUTIONS = Number(process.env.BENCH_QUEUE_EXECUTIONS || 10);
const ITEMS = Number(process.env.BENCH_QUEUE_ITEMS || 500);
const ROUNDS = Number(process.env.BENCH_QUEUE_ROUNDS || 3);
const TOKEN = 'sandbox-user-token';
const CREDENTIAL = Object.freeze({
	id: 'BenchChatwoot001',
	name: 'Chatwoot sandbox',
	type: 'chatwootAccessTokenApi',
});
const PREFIX = 'bench';

const log = (...args) => console.log(...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const loadavg = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ');

/** 2, 1, 1, 2, 2, 1, …: `rounds` runs of each worker count. */
function schedule(rounds) {
	const order = [];
	for (let i = 0; i < rounds * 2; i++) order.push(Math.floor((i + 1) / 2) % 2 === 0 ? 2 : 1);
	return order;
}

async function main() {
	const n8n = require('../../test/e2e/n8n');
	const queueStack = require('../../test/e2e/queue-stack');
	const { sendWorkflow, checkSends } = require('../../test/e2e/queue-workflows');
	const { chatwootSent } = require('../../test/e2e/sent-messages');
	const { httpRequest } = n8n;

	const startedAt = new Date();
	const loadAtStart = loadavg();
	const cores = os.cpus().length;
	const cpuModel = os.cpus()[0].model.trim();
	const tarball = await n8n.packPackage(ROOT);
	const sandbox = await startSandboxProcess();
	/** @type {any} */
	let stack;
	try {
		const { ids: conversationIds } = await prepareSandbox(sandbox, 0);
		stack = await queueStack.startQueueStack({
			packages: [tarball],
			prepareHome: (home) =>
				home.importCredentials([
					{ ...CREDENTIAL, data: { baseUrl: sandbox.url, accessToken: TOKEN, accountId: 1 } },
				]),
		});
		const plan = { conversationIds, executions: EXECUTIONS, count: ITEMS, prefix: PREFIX };
		const workflow = await stack.rest.createWorkflow(
			sendWorkflow({
				...plan,
				name: 'bench: queue mode',
				webhookPath: 'bench-queue',
				credential: CREDENTIAL,
			}),
		);
		await stack.rest.activateWorkflow(workflow.id);
		const environment =
			`n8n ${stack.home.n8nVersion} in queue mode (main, 2 workers, 1 webhook process; Redis, PostgreSQL), ` +
			`${cores} cores (${cpuModel})`;
		log(environment);
		log(`at start: loadavg ${loadAtStart} (1 / 5 / 15 min)`);
		log(
			`${EXECUTIONS} executions × ${ITEMS} messages over 100 conversations per run, started together through the webhook process\n`,
		);

		const [, second] = stack.workers;
		let running = 2;
		/** @type {Record<number, Array<{rate: number, seconds: number, load: number, problems: string[]}>>} */
		const samples = { 1: [], 2: [] };
		let finishedBefore = 0;
		for (const workers of schedule(ROUNDS)) {
			if (workers !== running) {
				if (workers === 1) await second.stop();
				else await second.restart();
				running = workers;
			}
			await prepareSandbox(sandbox, 0, conversationIds);
			await sleep(1000);
			const load = os.loadavg()[0];
			const t0 = Date.now();
			await Promise.all(
				Array.from({ length: EXECUTIONS }, async (_, e) => {
					const res = await httpRequest('POST', `${stack.webhookUrl}/webhook/bench-queue`, {
						body: { execution: e },
					});
					if (res.status !== 200) throw new Error(`webhook: HTTP ${res.status} ${res.text}`);
				}),
			);
			const runs = await stack.rest.waitForExecutions(workflow.id, finishedBefore + EXECUTIONS, {
				timeoutMs: 10 * 60 * 1000,
			});
			const deliveries = (await httpRequest('GET', `${sandbox.url}/__sandbox/deliveries`)).json;
			const ours = deliveries.filter((d) => d.delivered && /^bench e\d+ i\d+$/.test(d.content));
			const lastAt = Math.max(...ours.map((d) => d.at));
			const seconds = (lastAt - t0) / 1000;
			const sent = chatwootSent(ours);
			const problems = [
				...checkSends(plan, sent.byKey),
				...sent.duplicates.map((d) => `sent twice: ${d.text}`),
				...runs
					.slice(finishedBefore)
					.filter((r) => r.status !== 'success')
					.map((r) => `execution ${r.id} ${r.status}`),
			];
			finishedBefore += EXECUTIONS;
			const rate = sent.total / seconds;
			samples[workers].push({ rate, seconds, load, problems });
			log(
				`  ${workers} worker${workers > 1 ? 's' : ' '}  ${sent.total} messages in ${seconds.toFixed(2)} s = ${rate.toFixed(0)}/s` +
					`  ${problems.length ? `PROBLEMS: ${problems.slice(0, 3).join('; ')}` : 'all once, in order'}  [load ${load.toFixed(2)}]`,
			);
		}

		const one = median(samples[1].map((s) => s.rate));
		const two = median(samples[2].map((s) => s.rate));
		const loadAtEnd = loadavg();
		const loads = [...samples[1], ...samples[2]].map((s) => s.load);
		const cell = (list) =>
			`${median(list.map((s) => s.rate)).toFixed(0)}/s (${Math.min(...list.map((s) => s.rate)).toFixed(0)}–${Math.max(...list.map((s) => s.rate)).toFixed(0)})`;
		const checks = (list) =>
			list.every((s) => !s.problems.length)
				? 'every message once, in item order; every execution success'
				: list
						.flatMap((s) => s.problems)
						.slice(0, 3)
						.join('; ');
		const md = [
			'## Queue mode (`npm run bench:queue`)',
			'',
			`Measured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${environment}. ` +
				`${EXECUTIONS} executions × ${ITEMS} messages over 100 conversations per run, started together by webhook calls to the webhook process; ` +
				`timed from the first call to the last message the sandbox stored; median (min–max) of ${ROUNDS} runs each, in the order ${schedule(ROUNDS).join(', ')} workers. ` +
				`Load: at start loadavg ${loadAtStart} (1 / 5 / 15 min); 1-minute loadavg before the runs ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}; at end ${loadAtEnd}.`,
			'',
			'| workers | sends per second | checks (every run) |',
			'| --- | ---: | --- |',
			`| 1 | ${cell(samples[1])} | ${checks(samples[1])} |`,
			`| 2 | ${cell(samples[2])} | ${checks(samples[2])} |`,
			`| **2 workers / 1 worker** | **${(two / one).toFixed(2)}×** | ${cores} cores: main, webhook process, PostgreSQL, Redis and the sandbox share them with the workers |`,
			'',
			`All runs (sends per second; 1-minute loadavg before each): 1 worker ${samples[1].map((s) => `${s.rate.toFixed(0)} [${s.load.toFixed(1)}]`).join(', ')}; ` +
				`2 workers ${samples[2].map((s) => `${s.rate.toFixed(0)} [${s.load.toFixed(1)}]`).join(', ')}.`,
		].join('\n');
		log(`\n${md}\n`);
		if (!/^(1|true)$/i.test(process.env.BENCH_NO_WRITE || '')) {
			writeSection(RESULTS_FILE, 'queue', md);
			log(`(written to the queue section of ${path.relative(ROOT, RESULTS_FILE)})`);
		}
	} finally {
		if (stack) await stack.stop();
		await sandbox.stop();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

module.exports = { main, schedule };
if (require.main === module) {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
