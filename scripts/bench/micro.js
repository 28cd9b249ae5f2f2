/**
 * Micro-benchmarks of the built package (run `npm run build` first), no n8n needed:
 * cold require time, the first execution's loading, request-building CPU per item, packed size, runtime dependencies, and peak
 * memory while sending a 60 MB attachment in each of n8n's binary modes. Prints numbers, asserts nothing.
 */
'use strict';

const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Readable } = require('stream');

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_FILE = path.join(ROOT, 'dist/nodes/Chatwoot/Chatwoot.node.js');
const CREDENTIAL_FILE = path.join(ROOT, 'dist/credentials/ChatwootAccessTokenApi.credentials.js');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * n8n has n8n-workflow loaded before it loads community nodes, so it is excluded from the timing.
 * Wall time and the process's CPU time for the same require: on a shared machine the wall time
 * includes waiting for a core, the CPU time does not.
 */
function coldRequireMs() {
	const script = `
		require('n8n-workflow');
		const cpu = process.cpuUsage();
		const start = process.hrtime.bigint();
		require(${JSON.stringify(NODE_FILE)});
		require(${JSON.stringify(CREDENTIAL_FILE)});
		const wall = Number(process.hrtime.bigint() - start) / 1e6;
		const used = process.cpuUsage(cpu);
		process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`;
	const runs = Array.from({ length: 7 }, () =>
		JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()),
	);
	return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

/**
 * What the lazy loading moves from n8n's start-up to a node's first execution: the modules and the
 * time that the first Message → Send (one item, an HTTP stub) loads, in a fresh process, after the
 * node was required. Median of 7.
 */
function firstExecutionMs() {
	const script = `
		require('n8n-workflow');
		const { Chatwoot } = require(${JSON.stringify(NODE_FILE)});
		const before = Object.keys(require.cache).length;
		const parameters = { resource: 'message', operation: 'send', conversationId: '1', contentType: 'text', content: 'Hello', options: { checkReplyWindow: false } };
		const context = {
			getNode: () => ({ name: 'Chatwoot', parameters }), getInputData: () => [{ json: {} }], continueOnFail: () => false,
			getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:1', accessToken: 't', accountId: 1 }),
			getNodeParameter: (name, index, fallback) => (name in parameters ? parameters[name] : fallback),
			helpers: { httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: { id: 1 } }) },
		};
		const start = process.hrtime.bigint();
		new Chatwoot().execute.call(context).then(() => {
			const wall = Number(process.hrtime.bigint() - start) / 1e6;
			process.stdout.write(JSON.stringify({ wall, modules: Object.keys(require.cache).length - before }));
		});`;
	const runs = Array.from({ length: 7 }, () =>
		JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()),
	);
	return { wall: median(runs.map((r) => r.wall)), modules: runs[0].modules };
}

/** A minimal execute context: parameters per item, an HTTP stub that answers at once. */
function fakeContext(items, parametersFor, httpStub) {
	const get = (source, name) =>
		name.split('.').reduce((value, key) => (value == null ? undefined : value[key]), source);
	return {
		getNode: () => ({
			id: '1',
			name: 'Chatwoot',
			type: 'chatwoot',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getInputData: () => items,
		continueOnFail: () => false,
		getCredentials: async () => ({
			baseUrl: 'http://127.0.0.1:1',
			accessToken: 'bench-token',
			accountId: 1,
		}),
		getNodeParameter(name, index, fallback, options) {
			let value = get(parametersFor(index), name);
			if (value === undefined) value = fallback;
			if (options && options.extractValue && value && typeof value === 'object')
				value = value.value;
			return value;
		},
		helpers: {
			httpRequestWithAuthentication: httpStub,
			getBinaryMetadata: async () => ({ fileSize: 0 }),
			getBinaryStream: async () => Readable.from([]),
			getBinaryDataBuffer: async () => Buffer.alloc(0),
		},
	};
}

async function requestBuildingCpuMs(itemsCount) {
	const { Chatwoot } = require(NODE_FILE);
	const node = new Chatwoot();
	const items = Array.from({ length: itemsCount }, (_, index) => ({ json: { index } }));
	const parameters = items.map((_, index) => ({
		resource: 'message',
		operation: 'send',
		conversationId: { __rl: true, mode: 'id', value: String(1 + (index % 100)) },
		contentType: 'text',
		content: `Hello ${index}`,
		options: {},
	}));
	const reply = { statusCode: 200, body: { id: 1 }, headers: {} };
	const context = fakeContext(
		items,
		(index) => parameters[index],
		async () => reply,
	);
	await node.execute.call(context); // warm-up: JIT and lazy initialisation
	const cpu = process.cpuUsage();
	await node.execute.call(context);
	const used = process.cpuUsage(cpu);
	return (used.user + used.system) / 1000 / itemsCount;
}

function packedSizeKb() {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [info] = JSON.parse(output.toString());
	return { sizeKb: info.size / 1024, files: info.entryCount };
}

/**
 * Sends a 60 MB file to a local sink and reports peak RSS growth over the baseline. `filesystem`:
 * the file is in n8n's binary store on disk (read through getBinaryStream); `memory` (n8n's
 * default): the item carries it as base64, which is part of the baseline, as in n8n.
 */
function attachmentPeakRss(mode) {
	const script = `
		const fs = require('fs'); const http = require('http');
		const { Chatwoot } = require(${JSON.stringify(NODE_FILE)});
		const [file, mode] = process.argv.slice(1); const size = fs.statSync(file).size;
		let peak = 0; const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
		const timer = setInterval(sample, 5);
		// The receiving server runs in its own process: only the sender's memory is measured.
		const sinkScript = "const http = require('http'); const sink = http.createServer((req, res) => { let n = 0; req.on('data', (c) => { n += c.length; }); req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ id: 1, received: n })); }); }); sink.listen(0, '127.0.0.1', () => process.stdout.write(String(sink.address().port)));";
		const sinkProcess = require('child_process').spawn(process.execPath, ['-e', sinkScript], { stdio: ['ignore', 'pipe', 'inherit'] });
		const binary = mode === 'memory'
			? { data: fs.readFileSync(file).toString('base64'), mimeType: 'application/pdf', fileName: 'big.pdf' }
			: { id: 'filesystem-v1:bench', data: 'filesystem-v1', mimeType: 'application/pdf', fileName: 'big.pdf' };
		sinkProcess.stdout.once('data', async (portText) => {
			const port = Number(portText);
			global.gc && global.gc(); sample(); const baseline = process.memoryUsage().rss; peak = baseline;
			const items = [{ json: {}, binary: { data: binary } }];
			const params = { resource: 'message', operation: 'send', conversationId: { value: '1' }, contentType: 'text', content: 'big', options: { binaryProperties: 'data', checkReplyWindow: false } };
			const get = (s, n) => n.split('.').reduce((v, k) => (v == null ? undefined : v[k]), s);
			const context = {
				getNode: () => ({ name: 'Chatwoot' }), getInputData: () => items, continueOnFail: () => false,
				getCredentials: async () => ({ baseUrl: 'http://127.0.0.1:' + port, accessToken: 't', accountId: 1 }),
				getNodeParameter: (n, i, f, o) => { let v = get(params, n); if (v === undefined) v = f; if (o && o.extractValue && v && typeof v === 'object') v = v.value; return v; },
				helpers: {
					getBinaryMetadata: async () => ({ fileSize: size }),
					getBinaryStream: async () => fs.createReadStream(file),
					getBinaryDataBuffer: async () => Buffer.from(binary.data, 'base64'),
					// What n8n's request helper does with the body: a Buffer is written, a stream piped.
					httpRequestWithAuthentication: (type, o) => new Promise((resolve, reject) => {
						const req = http.request(o.url, { method: o.method, headers: o.headers }, (res) => { let b = ''; res.on('data', (c) => { b += c; }); res.on('end', () => resolve({ statusCode: res.statusCode, body: JSON.parse(b), headers: {} })); });
						req.on('error', reject);
						if (Buffer.isBuffer(o.body)) req.end(o.body); else o.body.pipe(req);
					}),
				},
			};
			const [[out]] = await new Chatwoot().execute.call(context);
			sample(); clearInterval(timer); sinkProcess.kill();
			process.stdout.write(JSON.stringify({ size, growth: peak - baseline, received: out.json.received }));
		});`;
	const file = path.join(os.tmpdir(), `chatwoot-bench-${process.pid}.bin`);
	fs.writeFileSync(file, Buffer.alloc(60 * 1024 * 1024, 1));
	try {
		const result = spawnSync(process.execPath, ['--expose-gc', '-e', script, file, mode], {
			cwd: ROOT,
		});
		if (result.status !== 0) throw new Error(result.stderr.toString());
		return JSON.parse(result.stdout.toString());
	} finally {
		fs.rmSync(file, { force: true });
	}
}

async function main() {
	if (!fs.existsSync(NODE_FILE)) throw new Error('Run `npm run build` first.');
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const runtimeDependencies = Object.keys(pkg.dependencies ?? {});
	const cold = coldRequireMs();
	const firstRun = firstExecutionMs();
	const cpu = await requestBuildingCpuMs(5000);
	const packed = packedSizeKb();
	const rss = { memory: attachmentPeakRss('memory'), filesystem: attachmentPeakRss('filesystem') };
	const lines = [
		[
			'cold require of node + credential (median of 7)',
			`${cold.wall.toFixed(1)} ms wall, ${cold.cpu.toFixed(1)} ms CPU`,
			'goal ≤ 15 ms',
		],
		[
			'first execution, 1 send (loads what start-up did not)',
			`${firstRun.wall.toFixed(1)} ms wall, ${firstRun.modules} modules`,
			'once per n8n process',
		],
		['request-building CPU per item (5,000 sends)', `${cpu.toFixed(3)} ms`, 'goal ≤ 0.3 ms'],
		['packed tarball', `${packed.sizeKb.toFixed(1)} KB, ${packed.files} files`, 'goal ≤ 80 KB'],
		['runtime dependencies', String(runtimeDependencies.length), 'goal 0'],
		...['memory', 'filesystem'].map((mode) => [
			`60 MB attachment, ${mode} mode: peak RSS growth`,
			`${(rss[mode].growth / 1024 / 1024).toFixed(1)} MB = ${(rss[mode].growth / rss[mode].size).toFixed(2)}× the file (${rss[mode].received} bytes sent)`,
			'goal ≤ 1.5×',
		]),
	];
	const load = os.loadavg().map((l) => l.toFixed(2));
	console.log(`\nmicro-benchmarks (loadavg ${load.join(' / ')}, ${os.cpus().length} cores)`);
	for (const [name, value, goal] of lines)
		console.log(`  ${name.padEnd(52)} ${value.padEnd(44)} ${goal}`);
	return { cold, firstRun, cpu, packed, rss, runtimeDependencies };
}

module.exports = { main, attachmentPeakRss };
if (require.main === module)
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
