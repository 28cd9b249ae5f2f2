#!/usr/bin/env node
'use strict';
/**
 * `npm run screenshots`: PNG pictures of the Chatwoot node in a real n8n editor, for the README.
 *
 *  1. Debian's chromium: installed with apt-get when /usr/bin/chromium is missing (needs root)
 *  2. the stack `npm start` runs (scripts/start.js: sandbox, n8n with the packed package, the sandbox
 *     credential and examples/*.json), in a fresh user folder on free ports, so every run is the same
 *  3. headless chromium through playwright-core: log in, open a node of an example, take the shots
 *
 * Shots go to docs/screenshots/ (1280×800). Look at each one after a run: the script checks that the
 * fields it waits for are on screen, not that they look right.
 */
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { startStack, OWNER, CREDENTIAL } = require('./start');

const REPO_ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
// Without the background-networking flags Chromium keeps calling Google's services.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * What to shoot: a node of an example workflow, its panel scrolled so that `scrollTo` (a field label)
 * is at the top, once `waitFor` (a text that only shows when the lists have loaded) is on screen.
 */
const NODE_SHOTS = [
	{
		file: 'template-variables.png',
		workflow: 'send-every-message-kind.json',
		node: 'WhatsApp template',
		scrollTo: 'Template Inbox',
		waitFor: 'Button 1 · URL suffix',
	},
	{
		file: 'form-fields.png',
		workflow: 'send-every-message-kind.json',
		node: 'Form',
		scrollTo: 'Form Fields',
		waitFor: 'Select Options',
	},
];

/** The example that shows every message kind, on the canvas: sticky notes and node subtitles. */
const CANVAS_SHOT = { file: 'workflow.png', workflow: 'send-every-message-kind.json' };

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing: run "sudo apt-get update && sudo apt-get install -y chromium"`,
		);
	}
	process.stdout.write('\n▶ Installing Debian’s chromium (apt-get install chromium)\n');
	execFileSync('apt-get', ['update'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', 'chromium'], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

async function freePort() {
	const { getFreePort } = require(path.join(REPO_ROOT, 'test', 'e2e', 'n8n.js'));
	return await getFreePort();
}

async function logIn(page, url) {
	await page.goto(`${url}/signin`);
	await page.locator('input[type="email"]').fill(OWNER.email);
	await page.locator('input[type="password"]').fill(OWNER.password);
	await page.locator('input[type="password"]').press('Enter');
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'), { timeout: 60000 });
}

/** Opens the node's panel (n8n's /workflow/<id>/<node id> route) and scrolls its field into view. */
async function shootNode(page, url, examples, shot) {
	const example = examples.find((e) => e.file === shot.workflow);
	if (!example) throw new Error(`examples/${shot.workflow} was not imported`);
	const node = example.workflow.nodes.find((n) => n.name === shot.node);
	if (!node) throw new Error(`examples/${shot.workflow} has no node "${shot.node}"`);
	await page.goto(`${url}/workflow/${example.workflow.id}/${node.id}`);
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ timeout: 60000 });
	await panel.getByText(shot.waitFor, { exact: true }).first().waitFor({ timeout: 60000 });
	// lists and the resource mapper load from the sandbox after the panel opens
	await page.waitForLoadState('networkidle');
	await panel
		.getByText(shot.scrollTo, { exact: true })
		.first()
		.evaluate((element) => element.scrollIntoView({ block: 'start' }));
	await page.waitForTimeout(800);
	await page.screenshot({ path: path.join(OUT_DIR, shot.file) });
	return shot.file;
}

async function shootCanvas(page, url, examples) {
	const example = examples.find((e) => e.file === CANVAS_SHOT.workflow);
	await page.goto(`${url}/workflow/${example.workflow.id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(1500);
	await page.screenshot({ path: path.join(OUT_DIR, CANVAS_SHOT.file) });
	return CANVAS_SHOT.file;
}

/** The credential's edit dialog (/home/credentials/<id>), as a user sees it after picking Edit. */
async function shootCredential(page, url) {
	await page.goto(`${url}/home/credentials/${CREDENTIAL.id}`);
	const dialog = page.locator('[data-test-id="editCredential-modal"]');
	await dialog.waitFor({ timeout: 60000 });
	await dialog.getByText('Base URL').first().waitFor({ timeout: 60000 });
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(1000);
	const file = 'credential.png';
	await page.screenshot({ path: path.join(OUT_DIR, file) });
	return file;
}

async function main() {
	ensureChromium();
	const { chromium } = require('playwright-core');
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshots-'));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-screenshots-'));
	let stack;
	let browser;
	let failurePage;
	try {
		stack = await startStack({
			userFolder,
			sandboxPort: await freePort(),
			n8nPort: await freePort(),
			encryptionKey: crypto.randomBytes(24).toString('hex'),
		});
		process.stdout.write(`\n▶ Taking screenshots in headless chromium (${stack.url})\n`);
		fs.mkdirSync(OUT_DIR, { recursive: true });
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS,
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
		});
		browser = context;
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(60000);
		await logIn(page, stack.url);
		const written = [];
		failurePage = page;
		for (const shot of NODE_SHOTS)
			written.push(await shootNode(page, stack.url, stack.examples, shot));
		written.push(await shootCanvas(page, stack.url, stack.examples));
		written.push(await shootCredential(page, stack.url));
		for (const file of written) {
			const { size } = fs.statSync(path.join(OUT_DIR, file));
			process.stdout.write(`  docs/screenshots/${file}  (${Math.round(size / 1024)} KB)\n`);
		}
	} catch (error) {
		const e = /** @type {Error} */ (error);
		if (failurePage) {
			// what the browser showed when it gave up, to see which step went wrong
			const file = path.join(os.tmpdir(), 'screenshots-failure.png');
			await failurePage.screenshot({ path: file }).catch(() => undefined);
			e.message += `\n(the page at that moment: ${file})`;
		}
		throw e;
	} finally {
		if (browser) await browser.close().catch(() => undefined);
		if (stack) await stack.stop();
		fs.rmSync(profile, { recursive: true, force: true });
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(e) => {
		process.stderr.write(`\nnpm run screenshots failed: ${e.stack || e.message}\n`);
		process.exit(1);
	},
);
