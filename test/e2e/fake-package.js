'use strict';
/**
 * Writes a tiny n8n community package at runtime, to prove the harness loads community packages
 * independently of this repo's own nodes.
 *
 *   package:     n8n-nodes-e2e-fake
 *   node type:   n8n-nodes-e2e-fake.e2eFake   (operation "echo": adds fields to each item;
 *                                             operation "ping": GET <baseUrl>/ping with the credential)
 *   credential:  e2eFakeApi  { baseUrl, apiToken }  sends header `api_access_token`, test = GET /ping
 *
 * The files are plain JS with no dependencies (n8n-workflow is not required).
 */
const fs = require('fs');
const path = require('path');

const PACKAGE_NAME = 'n8n-nodes-e2e-fake';
const NODE_TYPE = `${PACKAGE_NAME}.e2eFake`;
const CREDENTIAL_TYPE = 'e2eFakeApi';

const NODE_SOURCE = `'use strict';
class E2eFake {
	constructor() {
		this.description = {
			displayName: 'E2E Fake',
			name: 'e2eFake',
			icon: 'fa:vial',
			group: ['transform'],
			version: 1,
			description: 'Fixture node for the end-to-end harness',
			defaults: { name: 'E2E Fake' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: '${CREDENTIAL_TYPE}', required: false }],
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Echo', value: 'echo' },
						{ name: 'Ping', value: 'ping' },
					],
					default: 'echo',
				},
				{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hello' },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const operation = this.getNodeParameter('operation', i);
			if (operation === 'ping') {
				const creds = await this.getCredentials('${CREDENTIAL_TYPE}');
				const res = await this.helpers.httpRequestWithAuthentication.call(this, '${CREDENTIAL_TYPE}', {
					method: 'GET',
					url: String(creds.baseUrl).replace(/\\/$/, '') + '/ping',
					json: true,
				});
				out.push({ json: { ...items[i].json, ping: res }, pairedItem: { item: i } });
			} else {
				out.push({
					json: { ...items[i].json, greeting: this.getNodeParameter('greeting', i), fake: true, index: i },
					pairedItem: { item: i },
				});
			}
		}
		return [out];
	}
}
module.exports = { E2eFake };
`;

const CREDENTIAL_SOURCE = `'use strict';
class E2eFakeApi {
	constructor() {
		this.name = '${CREDENTIAL_TYPE}';
		this.displayName = 'E2E Fake API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:1' },
			{ displayName: 'API Token', name: 'apiToken', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { api_access_token: '={{$credentials.apiToken}}' } },
		};
		this.test = {
			request: { baseURL: '={{$credentials.baseUrl}}', url: '/ping' },
		};
	}
}
module.exports = { E2eFakeApi };
`;

/** Write the package into `dir` (created) and return its directory. */
function writeFakePackage(dir) {
	fs.mkdirSync(path.join(dir, 'dist', 'nodes', 'E2eFake'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'dist', 'credentials'), { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: PACKAGE_NAME,
				version: '0.0.1',
				description: 'fixture for the n8n end-to-end harness',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				main: 'index.js',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/E2eFakeApi.credentials.js'],
					nodes: ['dist/nodes/E2eFake/E2eFake.node.js'],
				},
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(dir, 'dist', 'nodes', 'E2eFake', 'E2eFake.node.js'), NODE_SOURCE);
	fs.writeFileSync(
		path.join(dir, 'dist', 'credentials', 'E2eFakeApi.credentials.js'),
		CREDENTIAL_SOURCE,
	);
	return dir;
}

/**
 * Manual Trigger -> Code (3 items) -> E2E Fake (echo).
 * @param {{name?: string, operation?: string, credentialId?: string}} [options]
 */
function fakeWorkflow({ name = 'fake package workflow', operation = 'echo', credentialId } = {}) {
	const fakeNode = {
		name: 'E2E Fake',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters: { operation, greeting: 'hi from e2e' },
	};
	if (credentialId)
		fakeNode.credentials = { [CREDENTIAL_TYPE]: { id: credentialId, name: 'fake cred' } };
	return {
		name,
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				name: 'Three items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: 'return [1, 2, 3].map((n) => ({ json: { n } }));' },
			},
			fakeNode,
		],
		connections: {
			Start: { main: [[{ node: 'Three items', type: 'main', index: 0 }]] },
			'Three items': { main: [[{ node: 'E2E Fake', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = { PACKAGE_NAME, NODE_TYPE, CREDENTIAL_TYPE, writeFakePackage, fakeWorkflow };
