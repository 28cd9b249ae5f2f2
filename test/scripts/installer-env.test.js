/**
 * The n8n installer must build its npm environment itself: `npm test` and `npm start` run it under npm, which
 * exports the project's .npmrc (ignore-scripts=true) as npm_config_* to child processes. If the installer's
 * npm calls inherited that, `npm rebuild sqlite3 isolated-vm` would build nothing and n8n would not start.
 * These tests start the installer the way npm does and read what its npm calls see (`--npm-config`).
 */
const { execFileSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const { resolveTarget } = require('../../scripts/n8n/paths');

function parse(out) {
	return Object.fromEntries(
		out
			.split('\n')
			.filter((l) => /^[a-z-]+=/.test(l))
			.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
	);
}

const HOSTILE_ENV = {
	npm_config_ignore_scripts: 'true',
	npm_config_yes: 'false',
	npm_config_nodedir: '/usr',
	npm_config_global: 'true',
	npm_config_prefix: '/nonexistent-prefix',
	npm_config_dry_run: 'true',
	NPM_CONFIG_OFFLINE: 'true',
};

function expectInstallerEnv(seen, target) {
	const info = resolveTarget(target);
	expect(seen['ignore-scripts']).toBe('false');
	expect(seen.yes).toBe('true');
	expect(seen.nodedir).toBe(info.nodeDir);
	expect(seen['build-from-source']).toBe('true');
	expect(seen.global).toBe('false');
	expect(seen['dry-run']).toBe('false');
	expect(seen.offline).toBe('false');
	expect(seen.prefix).not.toBe('/nonexistent-prefix');
	// only the installer's own settings reach npm
	expect(seen.env.split(',').sort()).toEqual(
		[
			'npm_config_audit',
			'npm_config_build_from_source',
			'npm_config_fund',
			'npm_config_ignore_scripts',
			'npm_config_nodedir',
			'npm_config_progress',
			'npm_config_update_notifier',
			'npm_config_yes',
		].sort(),
	);
}

describe('n8n installer npm environment', () => {
	test.each(['2', '1'])(
		'started from bash with hostile npm_config_* inherited (target %s)',
		(target) => {
			const out = execFileSync(
				'bash',
				[path.join(ROOT, 'scripts/n8n/install.sh'), '--npm-config', target],
				{
					cwd: ROOT,
					env: { ...process.env, ...HOSTILE_ENV },
					encoding: 'utf8',
				},
			);
			expectInstallerEnv(parse(out), target);
		},
	);

	test('started through `npm run`, which exports the project .npmrc (ignore-scripts=true)', () => {
		const env = { ...process.env };
		for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
		// `npm run` sees the project's .npmrc; prove it exports ignore-scripts=true to its children first
		const exported = execFileSync('npm', ['run', '--silent', 'env', '--', '-0'], {
			cwd: ROOT,
			env,
			encoding: 'utf8',
		});
		expect(exported.split('\0')).toContain('npm_config_ignore_scripts=true');
		const out = execFileSync(
			'npm',
			['exec', '--', 'bash', 'scripts/n8n/install.sh', '--npm-config', '2'],
			{
				cwd: ROOT,
				env,
				encoding: 'utf8',
			},
		);
		expectInstallerEnv(parse(out), '2');
	});
});
