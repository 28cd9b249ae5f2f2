'use strict';
const crypto = require('crypto');
const { boot } = require('./helpers');

describe('sandbox: multipart message create', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const file = (text, type = 'image/png') => new Blob([text], { type });
	const send = (conv, form) => t.call('POST', `conversations/${conv}/messages`, { form });

	it('parses files and bracketed fields, logs them flat and hashes the files', async () => {
		const fd = new FormData();
		fd.append('content', 'with files');
		fd.append('private', 'false');
		fd.append('echo_id', 'mp-1');
		fd.append('content_type', 'input_select');
		fd.append('content_attributes[items][][title]', 'Yes');
		fd.append('content_attributes[items][][value]', 'y');
		fd.append('content_attributes[items][][title]', 'No');
		fd.append('content_attributes[items][][value]', 'n');
		fd.append('attachments[]', file('PNGDATA'), 'a.png');
		fd.append('attachments[]', file('%PDF-1.4', 'application/pdf'), 'b.pdf');
		const r = await send(1, fd);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			content: 'with files',
			private: false,
			echo_id: 'mp-1',
			content_type: 'input_select',
		});
		expect(r.json.content_attributes.items).toEqual([
			{ title: 'Yes', value: 'y' },
			{ title: 'No', value: 'n' },
		]);
		expect(r.json.attachments.map((a) => a.file_type)).toEqual(['image', 'file']);
		expect(r.json.attachments[0].data_url).toMatch(
			/^http:\/\/127\.0\.0\.1:\d+\/rails\/active_storage\/.+\/a\.png$/,
		);
		const logged = t.lastRequest().body;
		expect(logged.fields['content_attributes[items][][title]']).toEqual(['Yes', 'No']);
		expect(logged.fields.echo_id).toBe('mp-1');
		expect(logged.files).toEqual([
			{
				field: 'attachments[]',
				filename: 'a.png',
				mimeType: 'image/png',
				size: 7,
				sha256: crypto.createHash('sha256').update('PNGDATA').digest('hex'),
			},
			{
				field: 'attachments[]',
				filename: 'b.pdf',
				mimeType: 'application/pdf',
				size: 8,
				sha256: expect.any(String),
			},
		]);
		expect(t.lastRequest().contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(t.sb.violations).toEqual([]);
	});

	it('sends bracketed template_params (body keys stay a hash)', async () => {
		const fd = new FormData();
		fd.append('content', 'tpl');
		fd.append('template_params[name]', 'summer_promo');
		fd.append('template_params[language]', 'pt_BR');
		fd.append('template_params[processed_params][body][1]', 'VERAO');
		fd.append('template_params[processed_params][header][media_url]', 'https://x/a.png');
		fd.append('template_params[processed_params][header][media_type]', 'image');
		fd.append('template_params[processed_params][buttons][][type]', 'copy_code');
		fd.append('template_params[processed_params][buttons][][parameter]', 'VERAO10');
		const r = await send(2, fd);
		expect(r.status).toBe(200);
		expect(r.json.additional_attributes.template_params.processed_params).toEqual({
			body: { 1: 'VERAO' },
			header: { media_url: 'https://x/a.png', media_type: 'image' },
			buttons: [{ type: 'copy_code', parameter: 'VERAO10' }],
		});
		expect(t.sb.violations).toEqual([]);
		expect(t.sb.deliveries.at(-1).delivered).toBe(true);
	});

	it('flags template_params sent as a JSON string', async () => {
		const fd = new FormData();
		fd.append('content', 'tpl');
		fd.append('template_params', JSON.stringify({ name: 'plain_notice', language: 'en' }));
		const r = await send(2, fd);
		expect(r.status).toBe(200);
		expect(t.rules()).toContain('notes:multipart-json-string');
		expect(t.sb.deliveries.at(-1).delivered).toBe(false);
	});

	it('rejects [0]-indexed items (Rails parses them as a Hash)', async () => {
		const fd = new FormData();
		fd.append('content', 'pick');
		fd.append('content_type', 'input_select');
		fd.append('content_attributes[items][0][title]', 'Yes');
		fd.append('content_attributes[items][0][value]', 'y');
		const r = await send(1, fd);
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ error: "undefined method 'keys' for an instance of Array" });
		expect(t.rules()).toEqual(
			expect.arrayContaining(['notes:multipart-indexed-array', 'notes:content_attributes']),
		);
	});

	it('rejects more than 15 attachments', async () => {
		const fd = new FormData();
		fd.append('content', 'many');
		for (let i = 0; i < 16; i++) fd.append('attachments[]', file(`f${i}`), `f${i}.png`);
		const r = await send(1, fd);
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ error: 'Validation failed: Attachments exceeded maximum allowed' });
		expect(t.rules()).toContain('notes:attachments-max');
	});

	it('treats "true" strings as booleans (private note)', async () => {
		const fd = new FormData();
		fd.append('content', 'note');
		fd.append('private', 'true');
		fd.append('is_voice_message', 'true');
		fd.append('attachments[]', file('OggS', 'audio/ogg'), 'v.ogg');
		const r = await send(1, fd);
		expect(r.json.private).toBe(true);
		expect(r.json.attachments[0].file_type).toBe('audio');
		expect(t.sb.violations).toEqual([]);
	});
});
