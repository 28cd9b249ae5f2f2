'use strict';
/**
 * This repo's package, as published (`npm pack` of the built dist/), installed into a real n8n as a
 * community package: n8n must load its node and credential types without complaint.
 * Needs `npm run build` first (packPackage fails with that hint otherwise).
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');

const TARGET = process.env.N8N_TARGET || '2';
const info = n8n.resolveTarget(TARGET);
const NODE_TYPE = 'n8n-nodes-chatwoot-kapso.chatwoot';
const CREDENTIAL_TYPE = 'chatwootAccessTokenApi';

describe(`n8n-nodes-chatwoot-kapso in real n8n ${info.n8nVersion}`, () => {
	let home;
	let server;
	let tarball;

	beforeAll(async () => {
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		home = await n8n.createN8nHome({ target: TARGET, packages: [tarball] });
		server = await home.start({ port: await n8n.getFreePort() });
		await server.rest.ensureOwner();
	});

	afterAll(async () => {
		if (server) await server.stop();
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (home) {
			const outbound = home.outboundAttempts();
			await home.cleanup();
			expect(outbound).toEqual([]);
		}
	});

	test('the tarball installs into .n8n/nodes/node_modules', () => {
		expect(home.installedPackages).toEqual(['n8n-nodes-chatwoot-kapso']);
	});

	test(`n8n knows ${NODE_TYPE} and ${CREDENTIAL_TYPE}`, async () => {
		const nodeTypes = (await server.rest.nodeTypes()).filter((t) => t.name === NODE_TYPE);
		expect(nodeTypes.length).toBeGreaterThan(0);
		expect(nodeTypes[0].credentials.map((c) => c.name)).toContain(CREDENTIAL_TYPE);
		const credTypes = await server.rest.credentialTypes();
		expect(credTypes.map((t) => t.name)).toContain(CREDENTIAL_TYPE);
	});

	test('no load error for the package in the n8n log', () => {
		const log = server.logs();
		const problems = log
			.split('\n')
			.filter((l) => /chatwoot/i.test(l) && /(error|fail|skipping|cannot|invalid)/i.test(l));
		expect(problems).toEqual([]);
	});
});
