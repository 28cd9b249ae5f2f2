/**
 * `npm run bench` (the npm script builds first): 1000 message sends in a real n8n.
 *
 *   (a) our Chatwoot node, Message → Send, default options
 *   (b) n8n's HTTP Request node doing the identical POST (same credential, predefined credential type)
 *   (c) the trigger + Code node alone (baseline: what n8n costs around the sending node)
 *   raw: Node's http with a keep-alive agent, the same 1000 POSTs, sequential and all at once
 *
 * 1000 items go to 100 API-inbox conversations (10 each, item i → conversation i % 100), created in the
 * sandbox before every run (the sandbox is reset in between, so every run starts from the same state).
 * Time of a workflow variant = `executionTime` of its sending node in n8n's run data (not n8n's start-up).
 * Sandbox latency 0 ms and 20 ms; ROUNDS rounds per latency, variants interleaved (rotated each round);
 * medians. Then the micro-benchmarks (scripts/bench/micro.js). Results: stdout and
 * scripts/bench/last-results.md. Prints numbers; asserts nothing.
 *
 * Env: BENCH_ROUNDS (default 3), BENCH_ITEMS (1000), BENCH_LATENCIES ("0,20"), BENCH_SKIP_MICRO=1,
 * BENCH_EXPRESSION_ENGINE (N8N_EXPRESSION_ENGINE for n8n: legacy, vm, quickjs; default: n8n's).
 */
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(__dirname, 'last-results.md');
const ITEMS = Number(process.env.BENCH_ITEMS || 1000);
const CONVERSATIONS = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const LATENCIES = (process.env.BENCH_LATENCIES || '0,20').split(',').map(Number);
const TOKEN = 'sandbox-user-token';
const ACCOUNT = 1;
const API_INBOX = 1;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sec = (ms) => (ms / 1000).toFixed(2);
const log = (...args) => console.log(...args);

// ---------------------------------------------------------------------------------------------
// HTTP (bench process → sandbox)
// ---------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * One JSON request on the keep-alive agent. A kept-alive socket the sandbox closed while idle fails
 * with ECONNRESET before the request reached it (Node's `reusedSocket`): that one is sent again.
 */
function request(method, url, body, headers = {}, retried = false) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			url,
			{
				method,
				agent,
				headers: {
					accept: 'application/json',
					...(data === undefined
						? {}
						: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }),
					...headers,
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					if ((res.statusCode ?? 0) >= 300)
						return reject(new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
					try {
						resolve(text ? JSON.parse(text) : undefined);
					} catch {
						resolve(text);
					}
				});
			},
		);
		req.on('error', (/** @type {NodeJS.ErrnoException} */ error) => {
			if (!retried && req.reusedSocket && error.code === 'ECONNRESET')
				resolve(request(method, url, body, headers, true));
			else reject(error);
		});
		if (data !== undefined) req.write(data);
		req.end();
	});
}

// ---------------------------------------------------------------------------------------------
// Sandbox in its own process (so neither n8n nor the raw client shares its event loop)
// ---------------------------------------------------------------------------------------------

function startSandboxProcess() {
	const script = `
		require(${JSON.stringify(path.join(ROOT, 'sandbox', 'chatwoot'))}).startSandbox({ quiet: true }).then((sb) => {
			process.stdout.write(sb.url + '\\n');
			process.on('SIGTERM', () => sb.close().then(() => process.exit(0)));
		});`;
	const child = spawn(process.execPath, ['-e', script], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.on('error', reject);
		child.on('exit', (code) => reject(new Error(`sandbox exited (${code}) before start`)));
		child.stdout.on('data', (d) => {
			out += d;
			const line = out.split('\n')[0];
			if (out.includes('\n')) {
				child.removeAllListeners('exit');
				resolve({
					url: line.trim(),
					child,
					stop: () =>
						/** @type {Promise<void>} */ (
							new Promise((r) => {
								if (child.exitCode !== null) return r();
								child.on('exit', () => r());
								child.kill('SIGTERM');
							})
						),
				});
			}
		});
	});
}

/**
 * Reset the sandbox, create 100 fresh conversations in the API inbox, then set the latency.
 * After a reset the new conversations always get the same display ids, so the workflows imported
 * once keep pointing at them; checked here.
 */
async function prepareSandbox(sandbox, latencyMs, expectedIds) {
	await request('POST', `${sandbox.url}/__sandbox/reset`);
	const api = `${sandbox.url}/api/v1/accounts/${ACCOUNT}`;
	const auth = { 'Api-Access-Token': TOKEN };
	const ids = [];
	for (let n = 0; n < CONVERSATIONS; n++) {
		const conversation = await request(
			'POST',
			`${api}/conversations`,
			{ inbox_id: API_INBOX, contact_id: 1 + (n % 25), status: 'open' },
			auth,
		);
		ids.push(conversation.id);
	}
	if (expectedIds && ids.join() !== expectedIds.join())
		throw new Error(`sandbox gave other conversation ids after reset: ${ids.slice(0, 5)}…`);
	await request('POST', `${sandbox.url}/__sandbox/faults`, { latencyMs });
	return ids;
}

/** Delivered messages of this run, per conversation, must carry increasing item numbers. */
async function deliveryCheck(sandbox) {
	const deliveries = await request('GET', `${sandbox.url}/__sandbox/deliveries`);
	const byConversation = new Map();
	let delivered = 0;
	for (const d of [...deliveries].sort((a, b) => a.seq - b.seq)) {
		const match = /^bench item (\d+)$/.exec(d.content || '');
		if (!match) continue;
		if (d.delivered) delivered++;
		const list = byConversation.get(d.conversation_id) || [];
		list.push(Number(match[1]));
		byConversation.set(d.conversation_id, list);
	}
	let outOfOrder = 0;
	for (const list of byConversation.values())
		if (list.some((v, i) => i > 0 && v < list[i - 1])) outOfOrder++;
	const violations = await request('GET', `${sandbox.url}/__sandbox/violations`);
	return {
		messages: delivered,
		conversations: byConversation.size,
		outOfOrder,
		violations: violations.length,
	};
}

// ---------------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------------

const messageBody = (index) => ({
	content: `bench item ${index}`,
	message_type: 'outgoing',
	private: false,
});

function itemsCode(conversationIds) {
	return [
		`const ids = ${JSON.stringify(conversationIds)};`,
		`return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { conversationId: ids[i % ids.length], content: 'bench item ' + i } }));`,
	].join('\n');
}

function workflows(conversationIds, credential, sandboxUrl) {
	const trigger = {
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const code = {
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: {
			language: 'javaScript',
			mode: 'runOnceForAllItems',
			jsCode: itemsCode(conversationIds),
		},
	};
	const credentials = { chatwootAccessTokenApi: credential };
	const ours = {
		name: 'Send',
		type: 'n8n-nodes-chatwoot-kapso.chatwoot',
		typeVersion: 1,
		position: [400, 0],
		credentials,
		parameters: {
			resource: 'message',
			operation: 'send',
			conversationId: { __rl: true, mode: 'id', value: '={{ $json.conversationId }}' },
			contentType: 'text',
			content: '={{ $json.content }}',
			options: {},
		},
	};
	const httpRequest = {
		name: 'Send',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		credentials,
		parameters: {
			method: 'POST',
			url: `=${sandboxUrl}/api/v1/accounts/${ACCOUNT}/conversations/{{ $json.conversationId }}/messages`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'chatwootAccessTokenApi',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ content: $json.content, message_type: 'outgoing', private: false }) }}`,
			options: {},
		},
	};
	const chain = (...nodes) => {
		const connections = {};
		for (let i = 0; i < nodes.length - 1; i++)
			connections[nodes[i].name] = {
				main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
			};
		return connections;
	};
	return {
		ours: {
			name: 'bench: Chatwoot node Send',
			nodes: [trigger, code, ours],
			connections: chain(trigger, code, ours),
		},
		httpNode: {
			name: 'bench: HTTP Request node',
			nodes: [trigger, code, httpRequest],
			connections: chain(trigger, code, httpRequest),
		},
		baseline: {
			name: 'bench: baseline (trigger + Code)',
			nodes: [trigger, code],
			connections: chain(trigger, code),
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Raw client
// ---------------------------------------------------------------------------------------------

async function rawSend(sandbox, conversationIds, concurrent) {
	const api = `${sandbox.url}/api/v1/accounts/${ACCOUNT}/conversations`;
	const auth = { 'Api-Access-Token': TOKEN };
	const send = (i) =>
		request(
			'POST',
			`${api}/${conversationIds[i % conversationIds.length]}/messages`,
			messageBody(i),
			auth,
		);
	const start = process.hrtime.bigint();
	if (concurrent) await Promise.all(Array.from({ length: ITEMS }, (_, i) => send(i)));
	else for (let i = 0; i < ITEMS; i++) await send(i);
	return Number(process.hrtime.bigint() - start) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function otherN8nProcesses() {
	const out = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout || '';
	return out.split('\n').filter((l) => /n8n/.test(l) && !/scripts\/bench/.test(l)).length;
}

async function runWorkflow(home, id, nodeName) {
	const res = await home.execute(id, { timeoutMs: 10 * 60 * 1000 });
	if (!res.ok)
		throw new Error(
			`workflow ${id} failed: ${JSON.stringify(res.error)}\n${res.stderr.slice(-2000)}`,
		);
	const run = res.runData[nodeName][0];
	const items = res.items(nodeName);
	const errors = items.filter((i) => i.json && i.json.error).length;
	return {
		ms: run.executionTime,
		items: items.length,
		errors,
		processMs: res.durationMs,
		codeMs: res.runData.Items[0].executionTime,
	};
}

async function main() {
	const n8n = require('../../test/e2e/n8n');
	const install = spawnSync('bash', [path.join(ROOT, 'scripts/n8n/install.sh'), '2'], {
		cwd: ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (install.status !== 0) throw new Error('scripts/n8n/install.sh 2 failed');

	const startedAt = new Date();
	const tarball = await n8n.packPackage(ROOT);
	const engine = process.env.BENCH_EXPRESSION_ENGINE; // e.g. legacy; unset = n8n's default
	const home = await n8n.createN8nHome({
		target: '2',
		packages: [tarball],
		env: engine ? { N8N_EXPRESSION_ENGINE: engine } : {},
	});
	home.expressionEngine = engine || "n8n's default (2.40: vm, an isolate)";
	const sandbox = await startSandboxProcess();
	const cleanup = async () => {
		await sandbox.stop();
		await home.cleanup();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	};
	try {
		log(
			`n8n ${home.n8nVersion} (Node ${home.nodeVersion}), expression engine ${home.expressionEngine}, ${os.cpus().length} cores, sandbox ${sandbox.url}`,
		);
		log(
			`${ITEMS} items → ${CONVERSATIONS} API-inbox conversations; latencies ${LATENCIES.join(', ')} ms; ${ROUNDS} rounds, medians\n`,
		);
		const conversationIds = await prepareSandbox(sandbox, 0);
		const [credentialId] = await home.importCredentials([
			{
				name: 'Chatwoot sandbox',
				type: 'chatwootAccessTokenApi',
				data: { baseUrl: sandbox.url, accessToken: TOKEN, accountId: ACCOUNT },
			},
		]);
		const wf = workflows(
			conversationIds,
			{ id: credentialId, name: 'Chatwoot sandbox' },
			sandbox.url,
		);
		const ids = {};
		for (const [key, workflow] of Object.entries(wf))
			ids[key] = await home.importWorkflow(workflow);

		const variants = {
			ours: { label: 'Chatwoot node (Send)', run: () => runWorkflow(home, ids.ours, 'Send') },
			httpNode: { label: 'HTTP Request node', run: () => runWorkflow(home, ids.httpNode, 'Send') },
			rawSequential: {
				label: 'raw http, sequential',
				run: async () => ({
					ms: await rawSend(sandbox, conversationIds, false),
					items: ITEMS,
					errors: 0,
				}),
			},
			rawConcurrent: {
				label: 'raw http, all concurrent',
				run: async () => ({
					ms: await rawSend(sandbox, conversationIds, true),
					items: ITEMS,
					errors: 0,
				}),
			},
			baseline: {
				label: 'baseline (trigger + Code, no send)',
				run: () => runWorkflow(home, ids.baseline, 'Items'),
			},
		};
		const keys = Object.keys(variants);
		const samples = {};
		for (const latency of LATENCIES) {
			samples[latency] = Object.fromEntries(keys.map((k) => [k, []]));
			for (let round = 0; round < ROUNDS; round++) {
				const order = keys.map((_, i) => keys[(i + round) % keys.length]);
				for (const key of order) {
					const others = otherN8nProcesses();
					await prepareSandbox(sandbox, latency, conversationIds);
					const result = await variants[key].run();
					const check = key === 'baseline' ? null : await deliveryCheck(sandbox);
					samples[latency][key].push({ ...result, check, otherN8n: others });
					log(
						`  ${String(latency).padStart(2)} ms  round ${round + 1}  ${variants[key].label.padEnd(36)} ${sec(result.ms).padStart(6)} s` +
							(result.processMs ? `  (n8n process ${sec(result.processMs)} s)` : '') +
							(check
								? `  ${check.messages} sent, ${check.outOfOrder}/${check.conversations} conversations out of order, ${check.violations} violations`
								: '') +
							(result.errors ? `  ${result.errors} error items` : '') +
							(others ? `  [${others} other n8n processes running]` : ''),
					);
				}
			}
		}

		const table = summarise(samples, variants, keys);
		log(`\n${table.text}`);

		let micro = null;
		if (!/^(1|true)$/i.test(process.env.BENCH_SKIP_MICRO || ''))
			micro = await require('./micro').main();

		const md = markdown({ table, micro, startedAt, home, samples, variants, keys });
		fs.writeFileSync(RESULTS_FILE, md);
		log(`\nready-to-paste markdown (also in ${path.relative(ROOT, RESULTS_FILE)}):\n\n${md}`);
	} finally {
		agent.destroy();
		await cleanup();
	}
}

function summarise(samples, variants, keys) {
	const rows = [];
	const medians = {};
	for (const latency of Object.keys(samples)) {
		medians[latency] = {};
		for (const key of keys) medians[latency][key] = median(samples[latency][key].map((s) => s.ms));
	}
	const orderText = (latency, key) => {
		const checks = samples[latency][key].map((s) => s.check).filter(Boolean);
		if (!checks.length) return '';
		const bad = checks.reduce((n, c) => n + c.outOfOrder, 0);
		const sent = checks.every((c) => c.messages === ITEMS)
			? 'all sent'
			: `sent ${checks.map((c) => c.messages).join('/')}`;
		return `${latency} ms: ${sent}, ${bad ? `order broken in ${checks.map((c) => c.outOfOrder).join('/')} of ${CONVERSATIONS} conversations` : 'order kept'}`;
	};
	for (const key of keys) {
		const row = [variants[key].label];
		for (const latency of Object.keys(samples)) row.push(`${sec(medians[latency][key])} s`);
		row.push(
			Object.keys(samples)
				.map((l) => orderText(l, key))
				.filter(Boolean)
				.join('; ') || '–',
		);
		rows.push(row);
	}
	const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
	const ratios = [
		[
			'ours / HTTP Request node',
			...Object.keys(samples).map((l) => `${ratio(medians[l].ours, medians[l].httpNode)}×`),
			'goal ≤ 1.0×',
		],
		[
			'ours / raw concurrent',
			...Object.keys(samples).map((l) => `${ratio(medians[l].ours, medians[l].rawConcurrent)}×`),
			'',
		],
		[
			'HTTP Request node / raw concurrent',
			...Object.keys(samples).map(
				(l) => `${ratio(medians[l].httpNode, medians[l].rawConcurrent)}×`,
			),
			'',
		],
	];
	const header = [
		'',
		...Object.keys(samples).map((l) => `${l} ms latency`),
		'per-conversation order',
	];
	const all = [header, ...rows, ...ratios];
	const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c] ?? '').length)));
	const text = all
		.map((r) => r.map((v, c) => String(v ?? '').padEnd(widths[c])).join('  '))
		.join('\n');
	return { header, rows, ratios, medians, text };
}

function markdown({ table, micro, startedAt, home, samples, variants, keys }) {
	const latencies = Object.keys(samples);
	const lines = [];
	const date = startedAt.toISOString().slice(0, 10);
	const others = Math.max(
		...latencies.flatMap((l) => keys.flatMap((k) => samples[l][k].map((s) => s.otherN8n))),
	);
	lines.push(
		`Measured ${date} with \`npm run bench\`: n8n ${home.n8nVersion} (Node ${home.nodeVersion}, expression engine ${home.expressionEngine}), ${os.cpus().length} cores, ` +
			`${ITEMS} sends to ${CONVERSATIONS} conversations of the sandbox's API inbox, median of ${ROUNDS} interleaved rounds. ` +
			`Time in the sending node (n8n's \`executionTime\`), not n8n's start-up.` +
			(others
				? ` Other n8n processes were running on the machine during some runs (up to ${others}).`
				: ''),
		'',
	);
	lines.push(
		`| | ${latencies.map((l) => `${l} ms latency`).join(' | ')} | per-conversation order |`,
	);
	lines.push(`| --- | ${latencies.map(() => '---:').join(' | ')} | --- |`);
	for (const row of table.rows) lines.push(`| ${row.join(' | ')} |`);
	for (const row of table.ratios)
		lines.push(
			`| **${row[0]}** | ${row.slice(1, 1 + latencies.length).join(' | ')} | ${row[1 + latencies.length]} |`,
		);
	lines.push('');
	lines.push('All runs (seconds, in round order):', '');
	for (const latency of latencies) {
		for (const key of keys)
			lines.push(
				`- ${latency} ms, ${variants[key].label}: ${samples[latency][key].map((s) => sec(s.ms)).join(', ')}`,
			);
	}
	if (micro) {
		const rss = micro.rss;
		lines.push(
			'',
			'| micro-benchmark | result | goal |',
			'| --- | --- | --- |',
			`| cold require of node + credential (median of 7) | ${micro.cold.toFixed(1)} ms | ≤ 15 ms |`,
			`| request-building CPU per item (5,000 sends) | ${micro.cpu.toFixed(3)} ms | ≤ 0.3 ms |`,
			`| packed tarball | ${micro.packed.sizeKb.toFixed(1)} KB, ${micro.packed.files} files | ≤ 80 KB |`,
			`| runtime dependencies | ${micro.runtimeDependencies.length} | 0 |`,
			`| 50 MB attachment: peak RSS growth | ${(rss.growth / 1024 / 1024).toFixed(1)} MB = ${(rss.growth / rss.size).toFixed(2)}× the file | ≤ 1.5× |`,
		);
	}
	return `${lines.join('\n')}\n`;
}

module.exports = { main, workflows, startSandboxProcess, prepareSandbox, deliveryCheck };
if (require.main === module) {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
