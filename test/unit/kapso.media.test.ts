import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { json, parseMultipart, type SentRequest } from '../helpers/context';
import { KAPSO_KEY, PHONE_NUMBER_ID, runKapso } from '../helpers/kapso';

const GRAPH = 'https://api.kapso.ai/meta/whatsapp/v24.0';
const number = { __rl: true, mode: 'list', value: PHONE_NUMBER_ID };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

const media = (operation: string, extra: IDataObject = {}) => ({
	resource: 'media',
	operation,
	phoneNumberId: number,
	mediaId: '1166846181421424',
	...extra,
});

const METADATA = {
	messaging_product: 'whatsapp',
	url: 'https://api.kapso.ai/meta/whatsapp/v24.0/media/1166846181421424/download?expires=1&signature=abc',
	mime_type: 'image/png',
	sha256: 'f00',
	file_size: 7,
	id: '1166846181421424',
};

/** The next hop's number after `url` (`…/hopN` → N + 1; the Kapso URL → 1). */
const nextHop = (url: string | undefined) => Number(/hop(\d+)$/.exec(url ?? '')?.[1] ?? 0) + 1;

describe('Media', () => {
	it('Upload: multipart file + messaging_product + type to /{phone_number_id}/media', async () => {
		const run = await runKapso({
			items: [
				{
					json: {},
					binary: {
						photo: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'p.png' },
					},
				},
			],
			parameters: media('upload', { binaryPropertyName: 'photo' }),
			http: () => json({ id: '555' }),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		const [request] = run.requests;
		expect([request.method, request.url]).toEqual(['POST', `${GRAPH}/${PHONE_NUMBER_ID}/media`]);
		expect(request.headers['X-API-Key']).toBe(KAPSO_KEY);
		const { fields, files } = parseMultipart(request);
		expect(fields).toEqual([
			['messaging_product', 'whatsapp'],
			['type', 'image/png'],
		]);
		expect(files).toEqual([
			{ field: 'file', fileName: 'p.png', mimeType: 'image/png', content: PNG },
		]);
		expect(run.output?.[0].json).toEqual({
			id: '555',
			mime_type: 'image/png',
			file_name: 'p.png',
			file_size: 7,
		});
	});

	it('Upload: a missing binary property or an empty file fails before sending', async () => {
		const missing = await runKapso({
			items: [{ json: {}, binary: { data: { data: '', mimeType: 'image/png' } } }],
			parameters: media('upload', { binaryPropertyName: 'photo' }),
		});
		expect(missing.requests).toHaveLength(0);
		expect((missing.error as Error).message).toBe(
			'Input Binary Field: the item has no binary property "photo" [item 0]',
		);
		const empty = await runKapso({
			items: [{ json: {}, binary: { data: { data: '', mimeType: 'image/png' } } }],
			parameters: media('upload', { binaryPropertyName: 'data' }),
		});
		expect((empty.error as Error).message).toBe(
			'Input Binary Field: the file in "data" is empty (0 bytes) [item 0]',
		);
	});

	it('Get URL: /{media_id}?phone_number_id=', async () => {
		const run = await runKapso({ parameters: media('getUrl'), http: () => json(METADATA) });
		expect(run.requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['GET', `${GRAPH}/1166846181421424`, { phone_number_id: PHONE_NUMBER_ID }],
		]);
		expect(run.output?.[0].json).toEqual(METADATA);
	});

	it('Download: the URL on Kapso’s host is fetched with the key into the binary field', async () => {
		const run = await runKapso({
			parameters: media('download', { binaryPropertyName: 'file' }),
			http: (request: SentRequest) =>
				request.url === METADATA.url
					? { statusCode: 200, body: PNG, headers: { 'content-type': 'image/png' } }
					: json(METADATA),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => [r.method, r.url, r.headers['X-API-Key']])).toEqual([
			['GET', `${GRAPH}/1166846181421424`, KAPSO_KEY],
			['GET', METADATA.url, KAPSO_KEY],
		]);
		expect(run.requests[1].options).toMatchObject({
			encoding: 'arraybuffer',
			disableFollowRedirect: true,
		});
		expect(run.output?.[0]).toEqual({
			json: METADATA,
			binary: {
				file: {
					data: PNG.toString('base64'),
					fileName: '1166846181421424.png',
					mimeType: 'image/png',
					fileSize: '7',
				},
			},
			pairedItem: { item: 0 },
		});
	});

	it('Download: a URL on another host is fetched without the key', async () => {
		const signed = 'https://storage.example/m/1?sig=x';
		const run = await runKapso({
			parameters: media('download'),
			http: (request: SentRequest) =>
				request.url === signed
					? { statusCode: 200, body: PNG, headers: {} }
					: json({ ...METADATA, url: signed }),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests[1].url).toBe(signed);
		expect(run.requests[1].headers).toEqual({});
		expect(run.httpRequestWithAuthentication).toHaveBeenCalledTimes(2);
		expect(run.context.helpers.httpRequest).not.toHaveBeenCalled();
	});

	it('Download: an expired URL is an API error with Kapso’s message', async () => {
		const expired = await runKapso({
			parameters: media('download'),
			http: (request: SentRequest) =>
				request.url === METADATA.url
					? { statusCode: 404, body: Buffer.from('{"error":"Media URL expired"}'), headers: {} }
					: json(METADATA),
		});
		expect(expired.error).toBeInstanceOf(NodeApiError);
		expect((expired.error as Error).message).toBe(
			'Kapso could not find the file of media 1166846181421424: Media URL expired',
		);
	});

	it('Download: a redirect to a CDN host is followed through the credential, which adds the key only on Kapso’s host', async () => {
		const cdn = 'https://cdn.example/m/1?sig=x';
		const run = await runKapso({
			parameters: media('download'),
			http: (request: SentRequest) =>
				request.url === METADATA.url
					? { statusCode: 302, body: Buffer.alloc(0), headers: { location: cdn } }
					: request.url === cdn
						? { statusCode: 200, body: PNG, headers: { 'content-type': 'image/png' } }
						: json(METADATA),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => [r.url, r.headers['X-API-Key']])).toEqual([
			[`${GRAPH}/1166846181421424`, KAPSO_KEY],
			[METADATA.url, KAPSO_KEY],
			[cdn, undefined],
		]);
		expect(run.requests[2].headers).toEqual({});
		// every hop went through n8n's authenticated request, none around it, none auto-followed
		expect(run.httpRequestWithAuthentication).toHaveBeenCalledTimes(3);
		expect(run.context.helpers.httpRequest).not.toHaveBeenCalled();
		for (const request of run.requests.slice(1))
			expect(request.options).toMatchObject({ disableFollowRedirect: true });
		expect(run.output?.[0].binary?.data).toMatchObject({ data: PNG.toString('base64') });
	});

	it('Download: more than 5 redirects, or one to a non-http(s) address, is an API error', async () => {
		const loop = await runKapso({
			parameters: media('download'),
			http: (request: SentRequest) =>
				request.url?.startsWith('https://cdn.example/') || request.url === METADATA.url
					? {
							statusCode: 302,
							body: Buffer.alloc(0),
							headers: { location: `https://cdn.example/hop${nextHop(request.url)}` },
						}
					: json(METADATA),
		});
		expect(loop.error).toBeInstanceOf(NodeApiError);
		expect((loop.error as Error).message).toBe(
			'Kapso answered 302 → https://cdn.example/hop6: not followed after 5 redirects, nor to an address that is not http(s)',
		);
		// the metadata, the Kapso URL and five hops
		expect(loop.requests.map((r) => r.url)).toEqual([
			`${GRAPH}/1166846181421424`,
			METADATA.url,
			...[1, 2, 3, 4, 5].map((n) => `https://cdn.example/hop${n}`),
		]);
		const file = await runKapso({
			parameters: media('download'),
			http: (request: SentRequest) =>
				request.url === METADATA.url
					? { statusCode: 302, body: Buffer.alloc(0), headers: { location: 'file:///etc/passwd' } }
					: json(METADATA),
		});
		expect((file.error as Error).message).toMatch(
			/^Kapso answered 302 → file:\/\/\/etc\/passwd: not followed/,
		);
		expect(file.requests).toHaveLength(2);
	});

	it('Download: an answer without a usable URL, or an HTML page instead of metadata, fails clearly', async () => {
		const noUrl = await runKapso({
			parameters: media('download'),
			http: () => json({ id: '1166846181421424', mime_type: 'image/png' }),
		});
		expect(noUrl.requests).toHaveLength(1);
		expect((noUrl.error as Error).message).toBe(
			'Kapso gave no usable download address for the file of media 1166846181421424 (got "") [item 0]',
		);
		const html = await runKapso({
			parameters: media('download'),
			http: () => ({ statusCode: 200, body: '<html>portal</html>', headers: {} }),
		});
		expect(html.requests).toHaveLength(1);
		expect((html.error as Error).message).toBe(
			'The server did not answer like Kapso (HTTP 200 with an HTML page)',
		);
	});

	it('Delete: DELETE /{media_id}?phone_number_id=; output id and deleted', async () => {
		const run = await runKapso({
			parameters: media('delete'),
			http: () => json({ success: true }),
		});
		expect(run.requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['DELETE', `${GRAPH}/1166846181421424`, { phone_number_id: PHONE_NUMBER_ID }],
		]);
		expect(run.output?.[0].json).toEqual({ id: '1166846181421424', deleted: true, success: true });
	});

	it('a media ID that would change the path is refused', async () => {
		const run = await runKapso({ parameters: media('getUrl', { mediaId: '1/../2' }) });
		expect(run.requests).toHaveLength(0);
		expect((run.error as Error).message).toBe(
			'Media ID: must be an ID such as 1166846181421424 (got "1/../2") [item 0]',
		);
	});
});
