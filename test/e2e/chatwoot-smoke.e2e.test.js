'use strict';
/**
 * Smoke test on every n8n line we support (2.x and 1.x): the packed package loads in that n8n and one
 * workflow (Edit Fields → Chatwoot Send text) runs against the Chatwoot sandbox. The full suite
 * (chatwoot-workflows, chatwoot-server) runs on 2.x only.
 *
 *   node_modules/.bin/jest -c test/e2e/jest.config.js chatwoot-smoke              # n8n 2.x
 *   N8N_TARGET=1 node_modules/.bin/jest -c test/e2e/jest.config.js chatwoot-smoke # n8n 1.x
 */
const n8n = require('./n8n');
const { startChatwootE2E, TARGET } = require('./chatwoot-e2e');

const info = n8n.resolveTarget(TARGET);

describe(`Chatwoot smoke on n8n ${info.n8nVersion} (target ${TARGET}, Node ${info.nodeVersion})`, () => {
	let e2e;

	beforeAll(async () => {
		e2e = await startChatwootE2E();
		await e2e.importWorkflows(['message-text']);
	});

	afterAll(async () => {
		if (!e2e) return;
		const outbound = e2e.home.outboundAttempts();
		const leaked = e2e.leakedSecrets();
		await e2e.close();
		expect(outbound).toEqual([]);
		expect(leaked).toEqual([]);
	});

	test('the package is installed where n8n loads community nodes', () => {
		expect(e2e.home.installedPackages).toEqual(['n8n-nodes-chatwoot-kapso']);
	});

	test('a workflow with the Chatwoot node sends a text message', async () => {
		const res = await e2e.execute('message-text');
		if (!res.ok)
			throw new Error(`execution failed: ${JSON.stringify(res.error)}\n${res.stderr.slice(-3000)}`);
		expect(res.requests.map((r) => [r.method, r.path, r.status, r.tokenKind])).toEqual([
			// the 24-hour-window check reads the conversation once before a free-form message
			['GET', '/api/v1/accounts/1/conversations/1', 200, 'user'],
			['POST', '/api/v1/accounts/1/conversations/1/messages', 200, 'user'],
		]);
		expect(res.requests[1].body).toEqual({
			content: 'Hi Ana, your order ORD-1042 has shipped.',
			message_type: 'outgoing',
			private: false,
			content_type: 'text',
			echo_id: 'shipped-ORD-1042',
		});
		expect(res.violations).toEqual([]);
		expect(res.json('Send text')).toEqual([
			expect.objectContaining({
				conversation_id: 1,
				content: 'Hi Ana, your order ORD-1042 has shipped.',
				echo_id: 'shipped-ORD-1042',
			}),
		]);
		expect(res.deliveries).toEqual([
			expect.objectContaining({ conversation_id: 1, delivered: true }),
		]);
	});
});
