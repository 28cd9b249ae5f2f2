import * as fs from 'fs';
import * as path from 'path';
import type { Themed } from 'n8n-workflow';

import { ChatwootAccessTokenApi } from '../../credentials/ChatwootAccessTokenApi.credentials';
import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { CREDENTIAL_TYPE } from '../../nodes/Chatwoot/transport';

const ROOT = path.resolve(__dirname, '..', '..');

/** The SVG an icon reference (`file:<path relative to the source file>`) points at. */
function iconFile(sourceDir: string, reference: string): string {
	expect(reference).toMatch(/^file:.+\.svg$/);
	return fs.readFileSync(path.join(ROOT, sourceDir, reference.slice('file:'.length)), 'utf8');
}

describe('node and credential descriptions', () => {
	const node = new Chatwoot();
	const credential = new ChatwootAccessTokenApi();

	test('the node names its credential and credential test as they are defined', () => {
		// The name is a literal in the node file (n8n's lint reads it there): it must not drift.
		expect(node.description.credentials).toEqual([
			{ name: credential.name, required: true, testedBy: 'chatwootAccessTokenApiTest' },
		]);
		expect(credential.name).toBe(CREDENTIAL_TYPE);
		expect(Object.keys(node.methods.credentialTest)).toEqual(['chatwootAccessTokenApiTest']);
	});

	test.each([
		['node', 'nodes/Chatwoot', '../../', () => node.description.icon],
		['credential', 'credentials', '../', () => credential.icon],
	])('the %s has a light and a dark Chatwoot icon that exist', (_, sourceDir, up, icon) => {
		const { light, dark } = icon() as Themed<string> & { light: string; dark: string };
		expect([light, dark]).toEqual([
			`file:${up}icons/chatwoot.svg`,
			`file:${up}icons/chatwoot.dark.svg`,
		]);
		for (const svg of [iconFile(sourceDir, light), iconFile(sourceDir, dark)]) {
			expect(svg).toContain('<title>Chatwoot</title>');
			expect(svg).toMatch(/fill="#(1F93FF|47A6FF)"/);
		}
	});

	test('documentation links point at the package README on its repository', () => {
		const codex = JSON.parse(
			fs.readFileSync(path.join(ROOT, 'nodes/Chatwoot/Chatwoot.node.json'), 'utf8'),
		);
		const readme = 'https://github.com/chatwoot-kapso/n8n-nodes-chatwoot-kapso';
		expect(codex.resources.primaryDocumentation).toEqual([{ url: `${readme}#chatwoot-node` }]);
		expect(codex.resources.credentialDocumentation).toEqual([{ url: `${readme}#credential` }]);
		expect(credential.documentationUrl).toBe(`${readme}#credential`);
		const headings = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(headings).toMatch(/^## Chatwoot node$/m);
		expect(headings).toMatch(/^## Credential$/m);
	});
});
