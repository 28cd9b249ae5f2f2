'use strict';
/**
 * Which nodes n8n 2.x offers as "Human review" (human-in-the-loop) tools, in a running n8n:
 * n8n makes a `<node>HitlTool` type from every loaded node, community packages included, that has
 * webhooks and an operation whose value is exactly `sendAndWait` (n8n's tool-generation/hitl-tools.js).
 *
 * - a tiny community package written here, whose node has both, gets its Human review type;
 * - our Chatwoot and Kapso WhatsApp nodes (operation `sendAndWaitForReply`) get the ordinary AI
 *   tool type (usableAsTool) and no Human review type.
 *
 * n8n 2.x only.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('./n8n');

const { n8nVersion } = n8n.resolveTarget('2');
const PACKAGE = 'n8n-nodes-e2e-approval';

/** A node with a restart webhook and an operation `sendAndWait`, as n8n's own approval nodes have. */
const APPROVAL_NODE = `'use strict';
class E2eApproval {
	constructor() {
		this.description = {
			displayName: 'E2E Approval', name: 'e2eApproval', group: ['output'], version: 1,
			description: 'Fixture: asks a person to approve', defaults: { name: 'E2E Approval' },
			inputs: ['main'], outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', path: '', restartWebhook: true }],
			properties: [{
				displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true,
				options: [{ name: 'Send and Wait for Response', value: 'sendAndWait' }], default: 'sendAndWait',
			}],
		};
	}
	async execute() { return [this.getInputData()]; }
	async webhook() { return { workflowData: [[{ json: { approved: true } }]] }; }
}
module.exports = { E2eApproval };
`;

function writeApprovalPackage() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-approval-'));
	const nodeFile = 'dist/E2eApproval.node.js';
	fs.mkdirSync(path.join(dir, 'dist'));
	fs.writeFileSync(path.join(dir, nodeFile), APPROVAL_NODE);
	const manifest = {
		name: PACKAGE,
		version: '0.0.1',
		keywords: ['n8n-community-node-package'],
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: [nodeFile] },
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
	return dir;
}

describe(`Human review (HITL) tools offered by a running n8n ${n8nVersion}`, () => {
	let tarball;
	let packageDir;
	let home;
	let server;

	beforeAll(async () => {
		tarball = await n8n.packPackage(n8n.REPO_ROOT);
		packageDir = writeApprovalPackage();
		home = await n8n.createN8nHome({ target: '2', packages: [tarball, packageDir] });
		server = await home.start({ port: await n8n.getFreePort() });
		await server.rest.ensureOwner();
	});

	afterAll(async () => {
		if (server) await server.stop().catch(() => undefined);
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		if (packageDir) fs.rmSync(packageDir, { recursive: true, force: true });
		if (home) await home.cleanup();
	});

	test('a community node with an operation `sendAndWait` gets one; ours (`sendAndWaitForReply`) do not', async () => {
		const types = await server.rest.nodeTypes();
		const names = new Set(types.map((type) => type.name));
		const review = types.find((type) => type.name === `${PACKAGE}.e2eApprovalHitlTool`);
		expect(review).toMatchObject({
			outputs: [expect.objectContaining({ displayName: 'Human review', type: 'ai_tool' })],
		});
		for (const ours of ['chatwoot', 'kapsoWhatsApp']) {
			expect(names).toContain(`n8n-nodes-chatwoot-kapso.${ours}Tool`);
			expect(names).not.toContain(`n8n-nodes-chatwoot-kapso.${ours}HitlTool`);
		}
	});
});
