'use strict';
const crypto = require('crypto');
const { bootKapso } = require('./kapso-helpers');

describe('Kapso sandbox: media', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const upload = (bytes, type, name, over = {}) => {
		const form = new FormData();
		if (over.messaging_product !== null)
			form.set('messaging_product', over.messaging_product || 'whatsapp');
		form.set(over.field || 'file', new Blob([bytes], { type }), name);
		return t.call('POST', t.meta(`${over.pn || t.ids.phoneNumber}/media`), { form });
	};

	it('uploads, describes, downloads (exact bytes) and deletes', async () => {
		const bytes = crypto.randomBytes(2048);
		const up = await upload(bytes, 'image/png', 'pic.png');
		expect(up.status).toBe(200);
		expect(up.json).toEqual({ id: expect.stringMatching(/^\d+$/) });
		const req = t.sb.requests.at(-1);
		expect(req.body.files).toEqual([
			{
				field: 'file',
				filename: 'pic.png',
				mimeType: 'image/png',
				size: 2048,
				sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
			},
		]);

		const info = await t.call('GET', t.meta(`${up.json.id}?phone_number_id=${t.ids.phoneNumber}`));
		expect(info.json).toEqual({
			messaging_product: 'whatsapp',
			url: expect.stringMatching(
				new RegExp(
					`^${t.sb.url}/media/${up.json.id}/download\\?expires=\\d+&signature=[0-9a-f]{64}$`,
				),
			),
			mime_type: 'image/png',
			sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
			file_size: 2048,
			id: up.json.id,
		});
		const dl = await t.call('GET', new URL(info.json.url).pathname + new URL(info.json.url).search);
		expect(dl.status).toBe(200);
		expect(dl.headers.get('content-type')).toBe('image/png');
		expect(dl.buf.equals(bytes)).toBe(true);

		const sent = await t.sendMeta({
			to: t.ids.insideWindow,
			type: 'image',
			image: { id: up.json.id },
		});
		expect(sent.status).toBe(200);

		expect(
			(await t.call('DELETE', t.meta(`${up.json.id}?phone_number_id=${t.ids.phoneNumber}`))).json,
		).toEqual({ success: true });
		expect(
			(await t.call('GET', t.meta(`${up.json.id}?phone_number_id=${t.ids.phoneNumber}`))).json.error
				.error_subcode,
		).toBe(33);
		expect(
			(await t.call('GET', new URL(info.json.url).pathname + new URL(info.json.url).search)).status,
		).toBe(404);
		expect(
			(await t.sendMeta({ to: t.ids.insideWindow, type: 'image', image: { id: up.json.id } })).json
				.error.code,
		).toBe(100);
		expect(t.rules()).toEqual(['route:unknown-id', 'notes:media-url', 'meta:param']);
	});

	it('needs ?phone_number_id= on media calls, and the media must be that number’s', async () => {
		const up = await upload(Buffer.from('x'), 'image/jpeg', 'a.jpg');
		const none = await t.call('GET', t.meta(up.json.id));
		expect(none.status).toBe(400);
		expect(none.json).toEqual({
			error: 'phone_number_id query parameter is required for media requests with X-API-Key',
		});
		const other = await t.call(
			'GET',
			t.meta(`${up.json.id}?phone_number_id=${t.ids.salesPhoneNumber}`),
		);
		expect(other.json.error.error_subcode).toBe(33);
	});

	it('refuses a forged or expired download URL', async () => {
		const up = await upload(Buffer.from('x'), 'image/jpeg', 'a.jpg');
		const future = Math.floor(Date.now() / 1000) + 60;
		expect(
			(
				await t.call(
					'GET',
					`/media/${up.json.id}/download?expires=${future}&signature=${'0'.repeat(64)}`,
					{ key: null },
				)
			).json,
		).toEqual({ error: 'Media URL expired' });
	});

	it.each([
		['an unsupported type', Buffer.from('x'), 'application/zip', {}, 'not supported'],
		['an image over 5 MB', Buffer.alloc(5 * 1024 * 1024 + 1), 'image/jpeg', {}, 'at most 5 MB'],
		['a sticker over 500 KB', Buffer.alloc(500 * 1024 + 1), 'image/webp', {}, 'at most'],
		[
			'no messaging_product',
			Buffer.from('x'),
			'image/jpeg',
			{ messaging_product: null },
			'messaging_product',
		],
		[
			'the file in another field',
			Buffer.from('x'),
			'image/jpeg',
			{ field: 'media' },
			'file field is missing',
		],
	])('rejects %s with 131053', async (_n, bytes, type, over, details) => {
		const r = await upload(bytes, type, 'f', over);
		expect(r.status).toBe(400);
		expect(r.json.error.code).toBe(131053);
		expect(r.json.error.error_data.details).toContain(details);
	});

	it('refuses a JSON upload and an id of the wrong kind at send time', async () => {
		const json = await t.call('POST', t.meta(`${t.ids.phoneNumber}/media`), {
			body: { messaging_product: 'whatsapp' },
		});
		expect(json.json.error.code).toBe(131053);
		const pdf = await upload(Buffer.from('%PDF'), 'application/pdf', 'a.pdf');
		const asImage = await t.sendMeta({
			to: t.ids.insideWindow,
			type: 'image',
			image: { id: pdf.json.id },
		});
		expect(asImage.json.error).toMatchObject({ code: 131053 });
		expect(asImage.json.error.error_data.details).toBe(
			'media of type application/pdf cannot be sent as image',
		);
	});
});
