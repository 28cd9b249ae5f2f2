/**
 * `npm run bench` (the npm script builds first): message sends in a real n8n, from one run.
 *
 * What is timed: the sending node's `executionTime` in n8n's run data, i.e. the time inside the
 * sending node, from n8n starting it to it returning its items. Not n8n's start-up, not the Code node
 * that makes the items. Senders, each given the same items (item i: content "bench item i"):
 *
 *   ours ×100     our Chatwoot node, Message → Send, default options; item i → conversation i mod 100
 *   ours ×1       the same node, every item to one conversation (strict order: one request at a time;
 *                 at most 200 items, Chatwoot's flood limit for one conversation per minute)
 *   HTTP header   n8n's HTTP Request node, no credential, the token typed as a header parameter
 *   HTTP cred.    n8n's HTTP Request node with our credential type (predefined credential type)
 *   raw seq.      Node's http with a keep-alive agent, one request at a time, one conversation
 *   raw conc.     the same client, every request at once, 100 conversations
 *   pass-through  n8n's No Operation node in the sender's place (what n8n costs around any node)
 *
 * Every sender POSTs the same JSON body for item i; the sandbox's request log is checked after every
 * run (bodies and Content-Length equal to what the raw client sends, no spec violations, every message
 * delivered, per-conversation order kept). The sandbox runs in its own process and is reset before
 * every run (100 fresh API-inbox conversations). Latencies 0 and 20 ms (the sandbox waits before it
 * reads a request). Rounds are interleaved: every round runs every (latency, sender) pair, in an
 * order rotated from round to round. The table shows medians with min–max. n8n runs with its default
 * settings (SQLite without a tuned pool, its default expression engine), one `n8n execute` per run.
 * The machine's load (1-minute loadavg) is recorded before every run. Results: stdout and
 * scripts/bench/last-results.md. Prints numbers; asserts nothing.
 *
 * Env (for quick runs): BENCH_ROUNDS (default 3), BENCH_ITEMS (600), BENCH_LATENCIES ("0,20"),
 * BENCH_SENDERS (comma-separated keys below, default all), BENCH_SKIP_MICRO=1,
 * BENCH_EXPRESSION_ENGINE (N8N_EXPRESSION_ENGINE for n8n), BENCH_CPU_PROFILE=<dir> (n8n runs with
 * --cpu-prof into that directory), BENCH_N8N_NODE_OPTIONS (more options for n8n's Node),
 * BENCH_NO_WRITE=1 (do not overwrite last-results.md). Where the time between two ordered sends
 * goes: BENCH_SENDERS=ours1 BENCH_TRACE_OUT=<file>
 * BENCH_N8N_NODE_OPTIONS="--require $PWD/scripts/bench/trace-hook.js", then
 * `node scripts/bench/trace-report.js <file>`.
 */
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const { SEND_PARAMETERS } = require('../../test/e2e/queue-workflows');
const { keptSections } = require('./results-file');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(__dirname, 'last-results.md');
const ITEMS = Number(process.env.BENCH_ITEMS || 600);
/** Chatwoot takes at most 200 messages a minute in one conversation (NOTES.md: flood limit). */
const ONE_CONVERSATION_ITEMS = Math.min(ITEMS, 200);
const CONVERSATIONS = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const LATENCIES = (process.env.BENCH_LATENCIES || '0,20').split(',').map(Number);
const TOKEN = 'sandbox-user-token';
const ACCOUNT = 1;
const API_INBOX = 1;
const HTTP_REQUEST_VERSION = 4.5; // what the editor adds in n8n 2.41

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sec = (ms) => (ms / 1000).toFixed(2);
const log = (...args) => console.log(...args);
const load = () => os.loadavg()[0];
const loadText = () =>
	`loadavg ${os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ')} (1 / 5 / 15 min), ${os.cpus().length} cores`;

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
	const { lastSeq } = await request('GET', `${sandbox.url}/__sandbox/state`);
	await request('POST', `${sandbox.url}/__sandbox/faults`, { latencyMs });
	return { ids, lastSeq };
}

/** The JSON body every sender POSTs for item i (what our node sends for a text message). */
const messageBody = (index) => ({
	content: `bench item ${index}`,
	message_type: 'outgoing',
	private: false,
	content_type: 'text',
});

/**
 * After a run, from the sandbox's logs: every message delivered once, per conversation in item
 * order, no spec violations, and every request body (and its Content-Length) equal to messageBody(i).
 */
async function checkRun(sandbox, sinceSeq, expected) {
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
	const violations = await request('GET', `${sandbox.url}/__sandbox/violations?since=${sinceSeq}`);
	const requests = await request('GET', `${sandbox.url}/__sandbox/requests?since=${sinceSeq}`);
	let sent = 0;
	let otherBodies = 0;
	let bodyBytes;
	for (const entry of requests) {
		if (entry.method !== 'POST' || !/\/conversations\/\d+\/messages$/.test(entry.path)) continue;
		sent++;
		const match = /^bench item (\d+)$/.exec((entry.body && entry.body.content) || '');
		const expected = match ? JSON.stringify(messageBody(Number(match[1]))) : undefined;
		const length = Number(entry.headers['content-length']);
		if (
			expected === undefined ||
			JSON.stringify(entry.body) !== expected ||
			length !== Buffer.byteLength(expected)
		)
			otherBodies++;
		if (match && Number(match[1]) === 0) bodyBytes = length;
	}
	return {
		expected,
		messages: delivered,
		requests: sent,
		conversations: byConversation.size,
		outOfOrder,
		violations: violations.length,
		otherBodies,
		bodyBytes,
	};
}

// ---------------------------------------------------------------------------------------------
// Workflows
// ---------------------------------------------------------------------------------------------

function itemsCode(conversationIds) {
	const count = conversationIds.length === 1 ? ONE_CONVERSATION_ITEMS : ITEMS;
	return [
		`const ids = ${JSON.stringify(conversationIds)};`,
		`return Array.from({ length: ${count} }, (_, i) => ({ json: { conversationId: ids[i % ids.length], content: 'bench item ' + i } }));`,
	].join('\n');
}

const SENDER = 'Send';

function workflows(conversationIds, credential, sandboxUrl) {
	const trigger = {
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const items = (ids) => ({
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { language: 'javaScript', mode: 'runOnceForAllItems', jsCode: itemsCode(ids) },
	});
	const credentials = { chatwootAccessTokenApi: credential };
	const ours = {
		name: SENDER,
		type: 'n8n-nodes-chatwoot-kapso.chatwoot',
		typeVersion: 1,
		position: [400, 0],
		credentials,
		parameters: SEND_PARAMETERS,
	};
	const httpRequest = (auth) => ({
		name: SENDER,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position: [400, 0],
		...(auth === 'credential' ? { credentials } : {}),
		parameters: {
			method: 'POST',
			url: `=${sandboxUrl}/api/v1/accounts/${ACCOUNT}/conversations/{{ $json.conversationId }}/messages`,
			...(auth === 'credential'
				? {
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'chatwootAccessTokenApi',
					}
				: {
						authentication: 'none',
						sendHeaders: true,
						headerParameters: { parameters: [{ name: 'Api-Access-Token', value: TOKEN }] },
					}),
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ content: $json.content, message_type: 'outgoing', private: false, content_type: 'text' }) }}`,
			options: {},
		},
	});
	const passThrough = {
		name: SENDER,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [400, 0],
		parameters: {},
	};
	const flow = (name, ids, sender) => ({
		name,
		nodes: [trigger, items(ids), sender],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: SENDER, type: 'main', index: 0 }]] },
		},
	});
	const one = conversationIds.slice(0, 1);
	return {
		ours100: flow('bench: Chatwoot node, 100 conversations', conversationIds, ours),
		ours1: flow('bench: Chatwoot node, 1 conversation', one, ours),
		httpHeader: flow('bench: HTTP Request node, token header', conversationIds, httpRequest()),
		httpCredential: flow(
			'bench: HTTP Request node, our credential',
			conversationIds,
			httpRequest('credential'),
		),
		passThrough: flow('bench: No Operation node', conversationIds, passThrough),
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
	const count = conversationIds.length === 1 ? ONE_CONVERSATION_ITEMS : ITEMS;
	if (concurrent) await Promise.all(Array.from({ length: count }, (_, i) => send(i)));
	else for (let i = 0; i < count; i++) await send(i);
	return Number(process.hrtime.bigint() - start) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

let profileRun = 0;

async function runWorkflow(home, id, key) {
	const profileDir = process.env.BENCH_CPU_PROFILE;
	const extra = [
		process.env.BENCH_N8N_NODE_OPTIONS,
		profileDir &&
			`--cpu-prof --cpu-prof-dir=${path.resolve(profileDir)} --cpu-prof-name=${key}-${++profileRun}.cpuprofile`,
	].filter(Boolean);
	const env = extra.length
		? { NODE_OPTIONS: [home.env.NODE_OPTIONS, ...extra].filter(Boolean).join(' ') }
		: undefined;
	const res = await home.run(['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs: 10 * 60 * 1000,
		env,
	});
	const parsed = require('../../test/e2e/n8n').parseExecuteOutput(res);
	if (!parsed.ok)
		throw new Error(
			`workflow ${id} failed: ${JSON.stringify(parsed.error)}\n${parsed.stderr.slice(-2000)}`,
		);
	const run = parsed.runData[SENDER][0];
	const items = parsed.items(SENDER);
	return {
		ms: run.executionTime,
		items: items.length,
		errors: items.filter((i) => i.json && i.json.error).length,
		processMs: parsed.durationMs,
	};
}

const SENDERS = {
	ours100: { label: 'Chatwoot node, 100 conversations', sends: true },
	ours1: { label: 'Chatwoot node, 1 conversation (strict order)', sends: true, one: true },
	httpHeader: { label: 'HTTP Request node, token as header parameter', sends: true },
	httpCredential: { label: 'HTTP Request node, our credential type', sends: true },
	rawSequential: {
		label: 'raw keep-alive client, sequential, 1 conversation',
		sends: true,
		one: true,
	},
	rawConcurrent: { label: 'raw keep-alive client, all at once, 100 conversations', sends: true },
	passThrough: { label: 'pass-through (No Operation node, no send)', sends: false },
};

/** Ratios the issue sets goals for: [label, numerator, denominator, goal, latencies the goal is for]. */
/** @type {Array<[label: string, ours: string, other: string, goal?: number, latencies?: number[]]>} */
const RATIOS = [
	['ours ×100 / HTTP Request (our credential)', 'ours100', 'httpCredential', 0.5],
	['ours ×100 / HTTP Request (header)', 'ours100', 'httpHeader', 0.8],
	['ours ×1 / raw sequential', 'ours1', 'rawSequential', 1.15, [20]],
	['ours ×100 / raw all at once', 'ours100', 'rawConcurrent'],
];

async function main() {
	const n8n = require('../../test/e2e/n8n');
	const install = spawnSync('bash', [path.join(ROOT, 'scripts/n8n/install.sh'), '2'], {
		cwd: ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (install.status !== 0) throw new Error('scripts/n8n/install.sh 2 failed');
	const keys = (process.env.BENCH_SENDERS || Object.keys(SENDERS).join(','))
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean);
	for (const key of keys) if (!SENDERS[key]) throw new Error(`unknown sender ${key}`);

	const startedAt = new Date();
	const loadAtStart = loadText();
	const tarball = await n8n.packPackage(ROOT);
	const engine = process.env.BENCH_EXPRESSION_ENGINE; // e.g. legacy; unset = n8n's default
	const home = await n8n.createN8nHome({
		target: '2',
		packages: [tarball],
		env: engine ? { N8N_EXPRESSION_ENGINE: engine } : {},
	});
	const tuned = Object.keys(home.env).filter((k) => /^DB_SQLITE_POOL|^DB_POSTGRESDB_POOL/.test(k));
	if (tuned.length)
		throw new Error(`n8n's database pool is tuned (${tuned}); the bench wants defaults`);
	const sandbox = await startSandboxProcess();
	const cleanup = async () => {
		await sandbox.stop();
		await home.cleanup();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	};
	const environment =
		`n8n ${home.n8nVersion} (Node ${home.nodeVersion}), expression engine ${engine || "n8n's default"}, ` +
		`SQLite with n8n's default pool, ${os.cpus().length} cores (${os.cpus()[0].model.trim()})`;
	try {
		log(environment);
		log(`at start: ${loadAtStart}`);
		log(
			`${ITEMS} items per run (${ONE_CONVERSATION_ITEMS} to one conversation: Chatwoot's flood limit); latencies ${LATENCIES.join(', ')} ms; ${ROUNDS} interleaved rounds; ` +
				`time = the sending node's executionTime (time inside the sending node), raw clients timed around their sends\n`,
		);
		const { ids: conversationIds } = await prepareSandbox(sandbox, 0);
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
		const wanted = keys.filter((k) => wf[k]);
		const workflowIds = Object.fromEntries(
			(await home.importWorkflows(wanted.map((k) => wf[k]))).map((id, i) => [wanted[i], id]),
		);
		const run = {
			rawSequential: async () => ({
				ms: await rawSend(sandbox, conversationIds.slice(0, 1), false),
				items: ONE_CONVERSATION_ITEMS,
				errors: 0,
			}),
			rawConcurrent: async () => ({
				ms: await rawSend(sandbox, conversationIds, true),
				items: ITEMS,
				errors: 0,
			}),
		};
		for (const key of wanted) run[key] = () => runWorkflow(home, workflowIds[key], key);

		const pairs = LATENCIES.flatMap((latency) => keys.map((key) => ({ latency, key })));
		/** @type {Record<string, Record<string, Array<Record<string, unknown>>>>} */
		const samples = Object.fromEntries(
			LATENCIES.map((l) => [l, Object.fromEntries(keys.map((k) => [k, []]))]),
		);
		for (let round = 0; round < ROUNDS; round++) {
			const shift = Math.round((round * pairs.length) / ROUNDS);
			const order = pairs.map((_, i) => pairs[(i + shift) % pairs.length]);
			for (const { latency, key } of order) {
				const loadBefore = load();
				const { lastSeq } = await prepareSandbox(sandbox, latency, conversationIds);
				const result = await run[key]();
				const expected = SENDERS[key].one ? ONE_CONVERSATION_ITEMS : ITEMS;
				const check = SENDERS[key].sends ? await checkRun(sandbox, lastSeq, expected) : null;
				samples[latency][key].push({ ...result, check, load: loadBefore });
				log(
					`  round ${round + 1}  ${String(latency).padStart(2)} ms  ${SENDERS[key].label.padEnd(52)} ${sec(result.ms).padStart(6)} s` +
						(result.processMs ? `  (n8n process ${sec(result.processMs)} s)` : '') +
						(check ? `  ${checkText(check)}` : '') +
						(result.errors ? `  ${result.errors} error items` : '') +
						`  [load ${loadBefore.toFixed(2)}]`,
				);
			}
		}

		const table = summarise(samples, keys);
		const loadAtEnd = loadText();
		log(`\n${table.text}\n\nat end: ${loadAtEnd}`);

		let micro = null;
		if (!/^(1|true)$/i.test(process.env.BENCH_SKIP_MICRO || ''))
			micro = await require('./micro').main();

		const md = markdown({
			table,
			micro,
			startedAt,
			environment,
			loadAtStart,
			loadAtEnd,
			samples,
			keys,
		});
		// other benchmarks' sections (`npm run bench:queue`) stay as they are
		if (!/^(1|true)$/i.test(process.env.BENCH_NO_WRITE || ''))
			fs.writeFileSync(RESULTS_FILE, md + keptSections(RESULTS_FILE));
		log(
			`\nmarkdown (also in ${path.relative(ROOT, RESULTS_FILE)} unless BENCH_NO_WRITE):\n\n${md}`,
		);
	} finally {
		agent.destroy();
		await cleanup();
	}
}

function checkText(check) {
	const parts = [
		`${check.messages}/${check.expected} delivered`,
		check.outOfOrder
			? `order broken in ${check.outOfOrder}/${check.conversations} conversations`
			: 'order kept',
		check.otherBodies
			? `${check.otherBodies} bodies differ`
			: `bodies identical (${check.bodyBytes} B)`,
	];
	if (check.requests !== check.expected) parts.push(`${check.requests} requests`);
	if (check.violations) parts.push(`${check.violations} violations`);
	return parts.join(', ');
}

function summarise(samples, keys) {
	const latencies = Object.keys(samples).map(Number);
	const medians = {};
	for (const latency of latencies) {
		medians[latency] = {};
		for (const key of keys) medians[latency][key] = median(samples[latency][key].map((s) => s.ms));
	}
	const cell = (latency, key) => {
		const values = samples[latency][key].map((s) => s.ms);
		return `${sec(medians[latency][key])} s (${sec(Math.min(...values))}–${sec(Math.max(...values))})`;
	};
	const checksText = (key) => {
		if (!SENDERS[key].sends) return '–';
		const checks = latencies.flatMap((l) => samples[l][key].map((s) => s.check));
		const bad = (field) => checks.reduce((n, c) => n + c[field], 0);
		const allDelivered = checks.every(
			(c) => c.messages === c.expected && c.requests === c.expected,
		);
		return [
			allDelivered ? 'all delivered' : `delivered ${checks.map((c) => c.messages).join('/')}`,
			bad('outOfOrder')
				? `order broken ${checks.map((c) => c.outOfOrder).join('/')}`
				: 'order kept',
			bad('otherBodies') ? `${bad('otherBodies')} other bodies` : 'same bodies',
			...(bad('violations') ? [`${bad('violations')} violations`] : []),
		].join(', ');
	};
	const rows = keys.map((key) => [
		SENDERS[key].label,
		...latencies.map((l) => cell(l, key)),
		checksText(key),
	]);
	const ratios = RATIOS.filter(([, a, b]) => keys.includes(a) && keys.includes(b)).map(
		([label, a, b, goal, only]) => [
			label,
			...latencies.map((l) => {
				const value = medians[l][a] / medians[l][b];
				const applies = goal !== undefined && (!only || only.includes(l));
				return `${value.toFixed(2)}×${applies ? (value <= goal ? ' ✓' : ' ✗') : ''}`;
			}),
			goal !== undefined ? `goal ≤ ${goal}×${only ? ` at ${only.join(', ')} ms` : ''}` : '',
		],
	);
	if (keys.includes('ours1') && keys.includes('rawSequential'))
		ratios.push([
			'ours ×1 − raw sequential, per item',
			...latencies.map(
				(l) =>
					`${((medians[l].ours1 - medians[l].rawSequential) / ONE_CONVERSATION_ITEMS).toFixed(2)} ms`,
			),
			'what n8n and the node add to each ordered send',
		]);
	const header = ['', ...latencies.map((l) => `${l} ms latency`), 'checks (every round)'];
	const all = [header, ...rows, ...ratios];
	const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c] ?? '').length)));
	const text = all
		.map((r) => r.map((v, c) => String(v ?? '').padEnd(widths[c])).join('  '))
		.join('\n');
	return { header, rows, ratios, medians, text };
}

function markdown({ table, micro, startedAt, environment, loadAtStart, loadAtEnd, samples, keys }) {
	const latencies = Object.keys(samples);
	const loads = latencies.flatMap((l) => keys.flatMap((k) => samples[l][k].map((s) => s.load)));
	const lines = [];
	lines.push(
		`Measured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\`: ${environment}. ` +
			`${ITEMS} items per run (${ONE_CONVERSATION_ITEMS} for one conversation: Chatwoot accepts at most 200 messages a minute in one), median (min–max) of ${ROUNDS} interleaved rounds. ` +
			`Time inside the sending node (its \`executionTime\` in n8n's run data), not n8n's start-up. ` +
			`Load: at start ${loadAtStart}; 1-minute loadavg before the runs ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}; at end ${loadAtEnd}.`,
		'',
	);
	lines.push(`| ${table.header.join(' | ')} |`);
	lines.push(`| --- | ${latencies.map(() => '---:').join(' | ')} | --- |`);
	for (const row of table.rows) lines.push(`| ${row.join(' | ')} |`);
	for (const row of table.ratios)
		lines.push(
			`| **${row[0]}** | ${row.slice(1, 1 + latencies.length).join(' | ')} | ${row[1 + latencies.length]} |`,
		);
	lines.push('', 'All runs (seconds, in round order; 1-minute loadavg before each):', '');
	for (const latency of latencies)
		for (const key of keys)
			lines.push(
				`- ${latency} ms, ${SENDERS[key].label}: ${samples[latency][key].map((s) => `${sec(s.ms)} [${s.load.toFixed(1)}]`).join(', ')}`,
			);
	if (micro) {
		const rss = micro.rss;
		lines.push(
			'',
			'| micro-benchmark | result | goal |',
			'| --- | --- | --- |',
			`| cold require of node + credential (median of 7) | ${micro.cold.wall.toFixed(1)} ms wall, ${micro.cold.cpu.toFixed(1)} ms CPU | ≤ 15 ms |`,
			`| first execution, 1 send (loads what start-up did not; median of 7) | ${micro.firstRun.wall.toFixed(1)} ms wall, ${micro.firstRun.modules} modules | once per n8n process |`,
			`| request-building CPU per item (5,000 sends) | ${micro.cpu.toFixed(3)} ms | ≤ 0.3 ms |`,
			`| packed tarball | ${micro.packed.sizeKb.toFixed(1)} KB, ${micro.packed.files} files | ≤ 80 KB |`,
			`| runtime dependencies | ${micro.runtimeDependencies.length} | 0 |`,
			...['memory', 'filesystem'].map(
				(mode) =>
					`| 60 MB attachment, ${mode} binary mode: peak RSS growth | ${(rss[mode].growth / 1024 / 1024).toFixed(1)} MB = ${(rss[mode].growth / rss[mode].size).toFixed(2)}× the file | ≤ 1.5× |`,
			),
		);
	}
	return `${lines.join('\n')}\n`;
}

module.exports = { main, workflows, startSandboxProcess, prepareSandbox, checkRun, messageBody };
if (require.main === module) {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
