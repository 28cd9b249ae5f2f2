/**
 * Attachments: what goes into a part's headers, files that are empty, listed twice or whose
 * recorded size is wrong, and the Node modules the encoder may use on n8n Cloud.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

import { parseMultipart } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

const pdf = Buffer.from('%PDF-1.4 hello');
const binaryItem = (extra: Record<string, unknown> = {}) => ({
	json: {},
	binary: {
		data: {
			data: pdf.toString('base64'),
			mimeType: 'application/pdf',
			fileName: 'a.pdf',
			...extra,
		},
	},
});

describe('Attachments', () => {
	it.each([
		'text/plain\r\nContent-Disposition: form-data; name="message[private]"\r\n\r\ntrue',
		'text/plain\nX-Injected: 1',
		'text/plain"; name="private',
	])('a MIME type that could inject part headers (%j) is refused', async (mimeType) => {
		const run = await runChatwoot({
			items: [binaryItem({ mimeType })],
			parameters: sendParameters({
				options: { binaryProperties: 'data', checkReplyWindow: false },
			}),
		});
		expect(run.requests).toHaveLength(0);
		expect((run.error as Error).message).toBe(
			`Attachments (Binary Properties): the binary property "data" has an invalid MIME type ${JSON.stringify(mimeType)} [item 0]`,
		);
	});

	it('a MIME type with parameters is kept as it is', async () => {
		const run = await runChatwoot({
			items: [binaryItem({ mimeType: 'text/plain; charset=utf-8' })],
			parameters: sendParameters({
				options: { binaryProperties: 'data', checkReplyWindow: false },
			}),
		});
		expect(run.error).toBeUndefined();
		const { files, fields } = parseMultipart(run.requests[0]);
		expect(files.map((file) => file.mimeType)).toEqual(['text/plain; charset=utf-8']);
		expect(fields.map(([name]) => name)).not.toContain('message[private]');
	});

	it('a 0-byte file is refused (memory and filesystem mode)', async () => {
		for (const item of [
			binaryItem({ data: '' }),
			{
				json: {},
				binary: {
					data: { id: 'filesystem-v1:empty', data: 'filesystem-v1', mimeType: 'text/plain' },
				},
			},
		]) {
			const run = await runChatwoot({
				items: [item],
				storedBinaries: { 'filesystem-v1:empty': Buffer.alloc(0) },
				parameters: sendParameters({
					options: { binaryProperties: 'data', checkReplyWindow: false },
				}),
			});
			expect(run.requests).toHaveLength(0);
			expect((run.error as Error).message).toBe(
				'Attachments (Binary Properties): the file in "data" is empty (0 bytes) [item 0]',
			);
		}
	});

	it('the same binary property listed twice is refused', async () => {
		const run = await runChatwoot({
			items: [binaryItem()],
			parameters: sendParameters({
				options: { binaryProperties: 'data, data', checkReplyWindow: false },
			}),
		});
		expect(run.requests).toHaveLength(0);
		expect((run.error as Error).message).toBe(
			'Attachments (Binary Properties): "data" is listed twice [item 0]',
		);
	});

	it.each([
		['larger', 100],
		['smaller', 5],
	])(
		'a stored file whose recorded size is %s than the file is refused, not sent (no hang)',
		async (_label, recorded) => {
			const run = await runChatwoot({
				items: [
					{
						json: {},
						binary: {
							data: {
								id: 'filesystem-v1:x',
								data: 'filesystem-v1',
								mimeType: 'application/pdf',
								fileName: 'x.pdf',
							},
						},
					},
				],
				storedBinaries: { 'filesystem-v1:x': Buffer.alloc(50, 7) },
				recordedSizes: { 'filesystem-v1:x': recorded },
				parameters: sendParameters({
					options: { binaryProperties: 'data', checkReplyWindow: false },
				}),
			});
			expect(run.requests).toHaveLength(0);
			expect((run.error as Error).message).toMatch(
				new RegExp(
					`^Attachments \\(Binary Properties\\): the stored file in "data" is ${recorded > 50 ? 'shorter' : 'longer'} than its recorded size of ${recorded} bytes`,
				),
			);
		},
	);

	it('no node file imports a Node module n8n Cloud blocks (only crypto and n8n-workflow)', () => {
		const root = join(__dirname, '../../nodes');
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (path.endsWith('.ts')) files.push(path);
			}
		};
		walk(root);
		const offending = files.flatMap((file) =>
			[
				...readFileSync(file, 'utf8').matchAll(
					/(?:^\s*(?:import|export)\b[^'"]*?\bfrom\s+|\brequire\(\s*|\bimport\(\s*)['"]([^'"]+)['"]/gm,
				),
			]
				.map((match) => match[1])
				.filter((module) => !module.startsWith('.') && !['crypto', 'n8n-workflow'].includes(module))
				.map((module) => `${file.slice(root.length + 1)}: ${module}`),
		);
		expect(offending).toEqual([]);
	});
});
