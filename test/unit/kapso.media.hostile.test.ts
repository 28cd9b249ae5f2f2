import { reply, startHostile, type HostileServer } from '../helpers/hostile';
import { KAPSO_KEY, PHONE_NUMBER_ID, runKapso } from '../helpers/kapso';
import { n8nHttp } from '../helpers/realHttp';

jest.setTimeout(30_000);

const MEDIA_ID = '1166846181421424';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

let kapso: HostileServer;
let cdn: HostileServer;

beforeEach(async () => {
	kapso = await startHostile();
	cdn = await startHostile({
		'/file': (_request, response) => {
			response.writeHead(200, { 'content-type': 'image/png' });
			response.end(PNG);
		},
	});
	kapso.on(
		`/meta/whatsapp/v24.0/${MEDIA_ID}`,
		reply(200, {
			messaging_product: 'whatsapp',
			url: `${kapso.origin}/media/${MEDIA_ID}/download?signature=abc`,
			mime_type: 'image/png',
			id: MEDIA_ID,
		}),
	);
});
afterEach(async () => {
	await kapso.close();
	await cdn.close();
});

const download = async () =>
	await runKapso({
		parameters: {
			resource: 'media',
			operation: 'download',
			phoneNumberId: { __rl: true, mode: 'list', value: PHONE_NUMBER_ID },
			mediaId: MEDIA_ID,
		},
		credentials: { baseUrl: kapso.origin, legacyBaseUrl: `${kapso.origin}/api/v1` },
		http: n8nHttp,
	});

describe('Media → Download against real servers (n8n’s HTTP client)', () => {
	it('Kapso redirects the file to a CDN: followed hop by hop, the key reaches Kapso only', async () => {
		kapso.on(`/media/${MEDIA_ID}/download`, reply(302, '', { location: `${cdn.origin}/file` }));
		const run = await download();
		expect(run.error).toBeUndefined();
		expect(kapso.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
			[`/meta/whatsapp/v24.0/${MEDIA_ID}`, KAPSO_KEY],
			[`/media/${MEDIA_ID}/download`, KAPSO_KEY],
		]);
		expect(cdn.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
			['/file', undefined],
		]);
		expect(JSON.stringify(cdn.requests)).not.toContain(KAPSO_KEY);
		expect(run.output?.[0].binary?.data).toMatchObject({
			data: PNG.toString('base64'),
			mimeType: 'image/png',
		});
	});

	it('a CDN that redirects back to Kapso’s host gets no key, and Kapso gets it again', async () => {
		kapso.on(`/media/${MEDIA_ID}/download`, reply(302, '', { location: `${cdn.origin}/bounce` }));
		cdn.on('/bounce', reply(307, '', { location: `${kapso.origin}/media/${MEDIA_ID}/final` }));
		kapso.on(`/media/${MEDIA_ID}/final`, reply(302, '', { location: `${cdn.origin}/file` }));
		const run = await download();
		expect(run.error).toBeUndefined();
		expect(kapso.requests.map((r) => r.headers['x-api-key'])).toEqual([
			KAPSO_KEY,
			KAPSO_KEY,
			KAPSO_KEY,
		]);
		expect(cdn.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
			['/bounce', undefined],
			['/file', undefined],
		]);
	});

	it('a redirect loop stops after 5 hops with an API error naming the last address', async () => {
		kapso.on(`/media/${MEDIA_ID}/download`, reply(302, '', { location: `${cdn.origin}/loop` }));
		cdn.on('/loop', reply(302, '', { location: `${cdn.origin}/loop` }));
		const run = await download();
		expect((run.error as Error).message).toBe(
			`Kapso answered 302 → ${cdn.origin}/loop: not followed after 5 redirects, nor to an address that is not http(s)`,
		);
		expect(cdn.requests).toHaveLength(5);
		expect(JSON.stringify(cdn.requests)).not.toContain(KAPSO_KEY);
	});
});
