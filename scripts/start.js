#!/usr/bin/env node
'use strict';
/**
 * `npm start`: try the package in a real n8n on your machine, against the Chatwoot sandbox.
 *
 *  1. npm run build
 *  2. bash scripts/n8n/install.sh 2          (n8n + its Node in ~/.cache, once; progress is shown)
 *  3. npm pack this package and install it into a persistent n8n user folder
 *     (<cache>/local-home/.n8n/nodes/node_modules), fresh on every start so code changes show up
 *  4. the Chatwoot sandbox on 127.0.0.1:3001 (SANDBOX_PORT to change), the Kapso sandbox on 3002
 *     (KAPSO_SANDBOX_PORT) and the model sandbox, a stand-in OpenAI-compatible chat model for the AI
 *     Agent example, on 3003 (MODEL_PORT)
 *  5. import the "Chatwoot sandbox", "Kapso sandbox" and "Model sandbox" credentials and every
 *     examples/*.json (credentials filled in)
 *  6. n8n on 127.0.0.1:5678 (N8N_PORT to change), owner account created, URL and login printed; its
 *     WEBHOOK_URL is http://127.0.0.1:<N8N_PORT>/, which the sandboxes reach, so a published trigger
 *     workflow registers its webhook there and receives the sandboxes' events
 *
 * Ctrl-C stops n8n and the sandbox. Workflows you create stay in the user folder between starts;
 * `rm -rf <cache>/local-home` starts from scratch. Sandbox data is in memory and reseeded each start.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..');
const paths = require('./n8n/paths');

const CREDENTIAL = Object.freeze({
	id: 'ChatwootSandbox1',
	name: 'Chatwoot sandbox',
	type: 'chatwootAccessTokenApi',
});
/** The Kapso API credential `npm start` imports, pointing at the Kapso sandbox. */
const KAPSO_CREDENTIAL = Object.freeze({
	id: 'KapsoSandbox0001',
	name: 'Kapso sandbox',
	type: 'kapsoApi',
});
/** The OpenAI credential of the AI Agent example, pointed at sandbox/model. */
const MODEL_CREDENTIAL = Object.freeze({
	id: 'SandboxModel0001',
	name: 'Model sandbox (OpenAI-compatible)',
	type: 'openAiApi',
});
const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Local',
	lastName: 'Owner',
	password: 'Chatwoot-Sandbox-1',
});
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** A stable n8n id (16 alphanumerics) from a file name, so importing again updates instead of duplicating. */
function stableId(seed) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.createHash('sha256').update(`n8n-nodes-chatwoot-kapso/${seed}`).digest();
	let id = '';
	for (let i = 0; i < 16; i++) id += alphabet[bytes[i] % alphabet.length];
	return id;
}

/**
 * The node types whose nodes get a credential (the examples leave it to n8n's "Set up template"): the
 * Chatwoot nodes (as themselves, as an AI tool, the trigger), the Kapso nodes, the OpenAI Chat Model.
 */
const CHATWOOT_NODE_TYPES = Object.freeze([
	'n8n-nodes-chatwoot-kapso.chatwoot',
	'n8n-nodes-chatwoot-kapso.chatwootTool',
	'n8n-nodes-chatwoot-kapso.chatwootTrigger',
]);
const KAPSO_NODE_TYPES = Object.freeze([
	'n8n-nodes-chatwoot-kapso.kapsoWhatsApp',
	'n8n-nodes-chatwoot-kapso.kapsoWhatsAppTool',
	'n8n-nodes-chatwoot-kapso.kapsoTrigger',
]);
const MODEL_NODE_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';

/**
 * examples/*.json ready to import: a stable id per file, every node of ours given the sandbox
 * credential of its service and every OpenAI Chat Model the model credential ({id, name}), so n8n's
 * "Set up template" step is done already.
 * @typedef {{id: string, name: string, type: string}} CredentialRef
 * @param {CredentialRef} [credential] @param {string} [dir] @param {CredentialRef} [modelCredential]
 * @param {CredentialRef} [kapsoCredential]
 */
function exampleWorkflows(
	credential = CREDENTIAL,
	dir = EXAMPLES_DIR,
	modelCredential = MODEL_CREDENTIAL,
	kapsoCredential = KAPSO_CREDENTIAL,
) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			workflow.id = workflow.id || stableId(file);
			for (const node of workflow.nodes) {
				const given = CHATWOOT_NODE_TYPES.includes(node.type)
					? credential
					: KAPSO_NODE_TYPES.includes(node.type)
						? kapsoCredential
						: node.type === MODEL_NODE_TYPE
							? modelCredential
							: undefined;
				if (given) node.credentials = { [given.type]: { id: given.id, name: given.name } };
			}
			workflow.meta = { ...workflow.meta, templateCredsSetupCompleted: true };
			return { file, workflow };
		});
}

function step(text) {
	process.stdout.write(`\n▶ ${text}\n`);
}

/**
 * Run a command with its output shown; reject on a non-zero exit.
 * @param {string} cmd @param {string[]} args @param {import('child_process').SpawnOptions} [options]
 * @returns {Promise<void>}
 */
function runVisible(cmd, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'inherit', 'inherit'],
			...options,
		});
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0
				? resolve()
				: reject(new Error(`${cmd} ${args.join(' ')} failed (${signal || `exit ${code}`})`)),
		);
	});
}

function persistentKey(file) {
	if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
	const key = crypto.randomBytes(24).toString('hex');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}

/**
 * `npm run build`, then the n8n install of `target` (scripts/n8n/install.sh; progress shown).
 * @param {string} target a scripts/n8n/paths.js target
 */
async function buildAndInstall(target) {
	const info = paths.resolveTarget(target);
	step('Building the package (npm run build)');
	await runVisible('npm', ['run', 'build']);
	step(`Making sure n8n ${info.n8nVersion} is installed (first time: about 5 minutes)`);
	await runVisible('bash', [path.join(REPO_ROOT, 'scripts', 'n8n', 'install.sh'), target]);
	return info;
}

/**
 * The Chatwoot, Kapso and model sandboxes on 127.0.0.1 (port 0: a free port), each with a clear error
 * naming the variable that moves it. Resolves { sandbox, kapsoSandbox, model, close }.
 */
async function startSandboxes({ sandboxPort, kapsoSandboxPort, modelPort }) {
	const { startSandbox } = require(path.join(REPO_ROOT, 'sandbox', 'chatwoot'));
	const { startModel } = require(path.join(REPO_ROOT, 'sandbox', 'model'));
	const started = [];
	const close = async () => {
		for (const s of started) await s.close().catch(() => undefined);
	};
	/** @template T @param {string} what @param {string} variable @param {number} port @param {() => Promise<T>} start */
	const startOne = async (what, variable, port, start) => {
		try {
			const s = /** @type {T & {close: () => Promise<void>}} */ (await start());
			started.push(s);
			return s;
		} catch (error) {
			await close();
			const e = /** @type {NodeJS.ErrnoException} */ (error);
			throw new Error(
				`cannot start the ${what} on 127.0.0.1:${port} (${e.code || e.message}). Set ${variable} to use another port.`,
			);
		}
	};

	step('Starting the Chatwoot sandbox');
	const sandbox = await startOne('sandbox', 'SANDBOX_PORT', sandboxPort, () =>
		startSandbox({ port: sandboxPort, host: '127.0.0.1', quiet: true, logWebhookFailures: true }),
	);
	process.stdout.write(
		`sandbox on ${sandbox.url} (token ${sandbox.userToken}, account ${sandbox.accountId})\n`,
	);
	const kapsoSandbox = await startOne('Kapso sandbox', 'KAPSO_SANDBOX_PORT', kapsoSandboxPort, () =>
		require(path.join(REPO_ROOT, 'sandbox', 'kapso')).startSandbox({
			port: kapsoSandboxPort,
			host: '127.0.0.1',
			quiet: true,
		}),
	);
	process.stdout.write(`Kapso sandbox on ${kapsoSandbox.url} (API key ${kapsoSandbox.apiKey})\n`);
	const model = await startOne('model sandbox', 'MODEL_PORT', modelPort, () =>
		startModel({ port: modelPort, host: '127.0.0.1' }),
	);
	process.stdout.write(`model sandbox on ${model.url} (API key ${model.apiKey})\n`);
	return { sandbox, kapsoSandbox, model, close };
}

/**
 * `npm pack` of this package, with the copy in `userFolder` removed first (same version every time:
 * npm would keep the old one). Returns the tarball; its folder is removed by the caller.
 * @param {string} userFolder
 */
async function packFresh(userFolder) {
	const n8n = require(path.join(REPO_ROOT, 'test', 'e2e', 'n8n.js'));
	step(`Packing the package and installing it into ${userFolder}`);
	const tarball = await n8n.packPackage(REPO_ROOT);
	fs.rmSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-chatwoot-kapso'), {
		recursive: true,
		force: true,
	});
	return tarball;
}

/**
 * Imports the sandbox credentials and every examples/*.json into `home` (n8n's CLI), printing the
 * workflows. @param {any} home @param {{sandbox: any, kapsoSandbox: any, model: any}} sandboxes
 */
async function importSandboxSetup(home, { sandbox, kapsoSandbox, model }) {
	step('Importing the sandbox credentials and the example workflows');
	await home.importCredentials([
		{
			...CREDENTIAL,
			data: {
				baseUrl: sandbox.url,
				accessToken: sandbox.userToken,
				accountId: sandbox.accountId,
			},
		},
		{
			...KAPSO_CREDENTIAL,
			data: {
				apiKey: kapsoSandbox.apiKey,
				baseUrl: kapsoSandbox.url,
				legacyBaseUrl: `${kapsoSandbox.url}/api/v1`,
			},
		},
		{ ...MODEL_CREDENTIAL, data: { apiKey: model.apiKey, url: model.url } },
	]);
	const examples = exampleWorkflows();
	await home.importWorkflows(examples.map((e) => e.workflow));
	for (const e of examples) process.stdout.write(`  ${e.workflow.name}  (examples/${e.file})\n`);
	return examples;
}

/**
 * Builds the package, makes sure n8n is installed, starts the Chatwoot, Kapso and model sandboxes
 * (modelPort 0: a free port), installs the packed package into `userFolder`, imports the sandbox credentials and the
 * examples, starts n8n and creates the owner.
 * Resolves { sandbox, kapsoSandbox, model, server, examples, url, stop }; used by `npm start` and `npm run screenshots`.
 */
async function startStack({
	userFolder,
	sandboxPort,
	n8nPort,
	encryptionKey,
	modelPort = 0,
	kapsoSandboxPort = Number(process.env.KAPSO_SANDBOX_PORT || 3002),
}) {
	const info = await buildAndInstall('2');
	// the harness knows how to pack, install like n8n does, run the CLI and start the server
	const n8n = require(path.join(REPO_ROOT, 'test', 'e2e', 'n8n.js'));
	const sandboxes = await startSandboxes({ sandboxPort, kapsoSandboxPort, modelPort });

	try {
		const tarball = await packFresh(userFolder);
		const home = await n8n.createN8nHome({
			target: '2',
			userFolder,
			packages: [tarball],
			encryptionKey,
			netGuard: false,
			// SSRF protection (off by default in n8n 2.40) would block 127.0.0.1, where the sandbox is
			env: { N8N_SSRF_PROTECTION_ENABLED: 'false' },
		});
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		const examples = await importSandboxSetup(home, sandboxes);

		step(`Starting n8n ${info.n8nVersion} on 127.0.0.1:${n8nPort}`);
		let server;
		try {
			server = await home.start({ port: n8nPort });
		} catch (error) {
			const e = /** @type {Error} */ (error);
			throw new Error(
				`${e.message.split('\n')[0]}${/in use/.test(e.message) ? '. Set N8N_PORT to use another port.' : ''}`,
			);
		}
		await server.rest.ensureOwner(OWNER);
		const stop = async () => {
			const stopped = await server.stop().catch((e) => ({ error: e.message }));
			await sandboxes.close();
			return stopped;
		};
		return {
			...sandboxes,
			server,
			examples,
			url: `http://127.0.0.1:${n8nPort}`,
			stop,
		};
	} catch (e) {
		await sandboxes.close();
		throw e;
	}
}

/**
 * What `npm start` and `npm run start:queue` print once n8n is ready: the login, the credentials, what
 * to try. `lines` (the log files, the processes) come before the last line.
 */
function readyBanner({ url, t0, sandbox, kapsoSandbox, model, lines, stopWhat }) {
	return [
		'',
		`n8n is ready at ${url}  (started in ${Math.round((Date.now() - t0) / 1000)} s)`,
		'',
		`  Log in:       ${OWNER.email} / ${OWNER.password}`,
		`  Credential:   "${CREDENTIAL.name}" → ${sandbox.url}, token ${sandbox.userToken}, account ${sandbox.accountId}`,
		`  Kapso:        "${KAPSO_CREDENTIAL.name}" → ${kapsoSandbox.url}, API key ${kapsoSandbox.apiKey}`,
		'  Try it:       open Workflows → "Send every kind of Chatwoot message" → Execute workflow,',
		'                then click a Chatwoot node to see what Chatwoot answered.',
		'  Trigger:      publish "Chatwoot Trigger → reply…" (or the AI Agent one), then play a customer:',
		`                curl -X POST ${sandbox.url}/__sandbox/conversations/1/customer-messages \\`,
		`                  -H 'content-type: application/json' -d '{"content":"Hello"}'`,
		`                ${sandbox.url}/__sandbox/webhook-deliveries shows every webhook sent to n8n.`,
		`  Model:        "${MODEL_CREDENTIAL.name}" → ${model.url}, a stand-in that answers deterministically`,
		`  Sandbox:      ${sandbox.url}/__sandbox/requests shows every request n8n sent,`,
		`                ${sandbox.url}/__sandbox/violations anything Chatwoot would reject.`,
		...lines,
		'',
		`Ctrl-C stops ${stopWhat}.`,
		'',
	].join('\n');
}

/**
 * Ctrl-C, SIGTERM and a closed terminal call `stop` once, then exit. Returns a function to call when a
 * process of the stack ended on its own (it stops the rest the same way).
 * @param {string} what what is being stopped, for the messages @param {() => Promise<string>} stop
 */
function stopOnSignals(what, stop) {
	let stopping = false;
	const shutdown = async (why) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${why}: stopping ${what}…\n`);
		process.stdout.write(`${await stop()}\nBye.\n`);
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('Ctrl-C'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));
	process.on('SIGHUP', () => void shutdown('terminal closed'));
	return { shutdown, isStopping: () => stopping };
}

async function main() {
	const t0 = Date.now();
	const sandboxPort = Number(process.env.SANDBOX_PORT || 3001);
	const modelPort = Number(process.env.MODEL_PORT || 3003);
	const n8nPort = Number(process.env.N8N_PORT || 5678);
	const userFolder = path.join(paths.cacheRoot(), 'local-home');

	/** @type {any} */
	let stack;
	const { shutdown, isStopping } = stopOnSignals('n8n and the sandbox', async () => {
		if (!stack) return 'sandbox stopped.';
		const stopped = await stack.stop();
		return `n8n stopped${stopped.forced ? ' (forced)' : ''}\nsandbox stopped.`;
	});

	stack = await startStack({
		userFolder,
		sandboxPort,
		modelPort,
		n8nPort,
		encryptionKey: persistentKey(path.join(userFolder, 'encryption-key')),
	});
	const { server, url } = stack;
	process.stdout.write(
		readyBanner({
			...stack,
			url,
			t0,
			lines: [`  n8n log:      ${server.logFile}`],
			stopWhat: 'n8n and the sandbox',
		}),
	);

	server.exited.then(({ code, signal }) => {
		if (!isStopping()) {
			process.stderr.write(
				`n8n exited on its own (${signal || `code ${code}`}); see ${server.logFile}\n`,
			);
			void shutdown('n8n exited');
		}
	});
}

module.exports = {
	exampleWorkflows,
	stableId,
	startStack,
	buildAndInstall,
	startSandboxes,
	packFresh,
	importSandboxSetup,
	readyBanner,
	stopOnSignals,
	persistentKey,
	CREDENTIAL,
	KAPSO_CREDENTIAL,
	MODEL_CREDENTIAL,
	OWNER,
};

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`\nnpm start failed: ${e.message}\n`);
		process.exit(1);
	});
}
