'use strict';
/**
 * Workflows the queue-mode e2e file and `npm run bench:queue` both run: started by a Webhook node (in
 * queue mode the webhook process receives the call and a worker runs the execution), sending through
 * our Chatwoot node with the sandbox credential.
 *
 *   sendWorkflow({ name, webhookPath, conversationIds, count, prefix, credential })
 *   // POST /webhook/<webhookPath> {"execution": e} → `count` messages, item i to
 *   // conversationIds[i % length], text "<prefix> e<e> i<i>"
 */

/** @typedef {{id: string, name: string}} CredentialRef */

/** @param {string} webhookPath */
const webhookNode = (webhookPath) => ({
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: `queue-mode-${webhookPath}`,
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
});

/** main connections of nodes in a row. @param {...string} names */
const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);

/**
 * Our Chatwoot node with the sandbox credential.
 * @param {string} name @param {Record<string, unknown>} parameters @param {CredentialRef} credential
 * @param {number[]} [position]
 */
const chatwootNode = (name, parameters, credential, position = [440, 0]) => ({
	name,
	type: 'n8n-nodes-chatwoot-kapso.chatwoot',
	typeVersion: 1,
	position,
	parameters,
	credentials: { chatwootAccessTokenApi: { id: credential.id, name: credential.name } },
});

/** Message → Send of each item's `content` to its `conversationId`, default options (`npm run bench` too). */
const SEND_PARAMETERS = Object.freeze({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: '={{ $json.conversationId }}' },
	contentType: 'text',
	content: '={{ $json.content }}',
	options: {},
});

/**
 * Webhook → Code (the items) → Chatwoot Message → Send, default options.
 * @param {{name: string, webhookPath: string, conversationIds: number[], count: number, prefix: string, credential: CredentialRef}} o
 */
function sendWorkflow({ name, webhookPath, conversationIds, count, prefix, credential }) {
	return {
		name,
		nodes: [
			webhookNode(webhookPath),
			{
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					language: 'javaScript',
					mode: 'runOnceForAllItems',
					jsCode: [
						`const ids = ${JSON.stringify(conversationIds)};`,
						'const e = $input.first().json.body.execution;',
						`return Array.from({ length: ${count} }, (_, i) => ({ json: { conversationId: ids[i % ids.length], content: '${prefix} e' + e + ' i' + i } }));`,
					].join('\n'),
				},
			},
			chatwootNode('Send', SEND_PARAMETERS, credential),
		],
		connections: chain('Start', 'Items', 'Send'),
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What sendWorkflow's executions 0…executions-1 must have sent, per conversation: every text once,
 * and within one execution in item order.
 * @param {{conversationIds: number[], executions: number, count: number, prefix: string}} o
 * @param {Map<string | number, string[]>} byConversation what the sandbox stored, per conversation, in order
 * @returns {string[]} what is wrong (empty when all is well)
 */
function checkSends({ conversationIds, executions, count, prefix }, byConversation) {
	/** @type {Map<number, string[]>} */
	const expected = new Map(conversationIds.map((id) => [id, []]));
	for (let e = 0; e < executions; e++)
		for (let i = 0; i < count; i++)
			expected.get(conversationIds[i % conversationIds.length])?.push(`${prefix} e${e} i${i}`);
	const problems = [];
	for (const [id, want] of expected) {
		const got = byConversation.get(id) ?? [];
		const missing = want.filter((t) => !got.includes(t));
		const extra = got.filter((t) => !want.includes(t));
		if (missing.length || extra.length || got.length !== want.length)
			problems.push(
				`conversation ${id}: ${got.length} of ${want.length} (missing ${missing.slice(0, 3).join(', ') || 'none'}; unexpected ${extra.slice(0, 3).join(', ') || 'none'})`,
			);
		for (let e = 0; e < executions; e++) {
			const mine = (/** @type {string[]} */ list) =>
				list.filter((t) => t.startsWith(`${prefix} e${e} `));
			if (mine(got).join('|') !== mine(want).join('|'))
				problems.push(`conversation ${id}, execution ${e}: out of item order`);
		}
	}
	return problems;
}

module.exports = { SEND_PARAMETERS, webhookNode, chain, chatwootNode, sendWorkflow, checkSends };
