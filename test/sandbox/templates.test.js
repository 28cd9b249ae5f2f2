'use strict';
const { boot } = require('./helpers');

describe('sandbox: WhatsApp templates', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const send = (template_params, extra = {}) =>
		t.call('POST', 'conversations/2/messages', {
			body: { content: 'tpl', template_params, ...extra },
		});
	const statusOf = async (id) =>
		(await t.call('GET', 'conversations/2/messages')).json.payload.find((m) => m.id === id).status;

	it('lists Meta-shaped templates on the WhatsApp inbox and content_templates on Twilio', async () => {
		const r = await t.call('GET', 'inboxes');
		const wa = r.json.payload.find((i) => i.id === 2);
		expect(wa).toMatchObject({
			name: 'WhatsApp Support',
			channel_type: 'Channel::Whatsapp',
			provider: 'whatsapp_cloud',
			phone_number: '+15550001111',
		});
		expect(wa.message_templates.map((x) => x.name)).toEqual([
			'order_confirmation',
			'appointment_reminder',
			'summer_promo',
			'pending_template',
			'plain_notice',
		]);
		const tw = (await t.call('GET', 'inboxes/3')).json;
		expect(tw.content_templates.templates[0]).toMatchObject({
			content_sid: expect.any(String),
			friendly_name: 'order_update',
			status: 'approved',
		});
		const sync = await t.call('POST', 'inboxes/2/sync_templates');
		expect(sync.status).toBe(200);
		expect(t.sb.violations).toEqual([]);
	});

	it('accepts a complete positional template (language case-insensitive)', async () => {
		const r = await send({
			name: 'order_confirmation',
			language: 'EN_us',
			category: 'UTILITY',
			processed_params: {
				body: { 1: 'Ana', 2: 'ORD-9' },
				header: {
					media_url: 'https://files.example/invoice.pdf',
					media_type: 'document',
					media_name: 'invoice.pdf',
				},
				buttons: [
					{ type: 'url', parameter: 'ORD-9' },
					{ type: 'copy_code', parameter: 'SAVE20' },
				],
			},
		});
		expect(r.status).toBe(200);
		expect(r.json.additional_attributes.template_params.name).toBe('order_confirmation');
		expect(t.sb.violations).toEqual([]);
		expect(t.sb.deliveries.at(-1)).toMatchObject({
			delivered: true,
			template: { name: 'order_confirmation', language: 'en_US' },
		});
		expect(await statusOf(r.json.id)).toBe('sent');
	});

	it('accepts a NAMED template keyed by parameter names', async () => {
		const r = await send({
			name: 'appointment_reminder',
			language: 'en',
			processed_params: {
				body: { doctor: 'Dr. Who', date: 'Monday' },
				header: { customer_name: 'Ana' },
			},
		});
		expect(r.status).toBe(200);
		expect(t.sb.violations).toEqual([]);
		expect(t.sb.deliveries.at(-1).delivered).toBe(true);
	});

	it('flags positional keys on a NAMED template', async () => {
		await send({
			name: 'appointment_reminder',
			language: 'en',
			processed_params: { body: { 1: 'Dr', 2: 'Mon' }, header: { customer_name: 'A' } },
		});
		expect(t.rules()).toEqual(['notes:template_params']);
		expect(t.sb.violations[0].message).toMatch(
			/missing body parameter\(s\) \{\{doctor\}\}, \{\{date\}\}/,
		);
	});

	it('does not find a pending template: 200, then the message fails', async () => {
		const r = await send({
			name: 'pending_template',
			language: 'en',
			processed_params: { body: { 1: 'x' } },
		});
		expect(r.status).toBe(200);
		expect(t.rules()).toEqual(['notes:template-not-found']);
		expect(t.sb.violations[0].message).toMatch(/not approved/);
		expect(await statusOf(r.json.id)).toBe('failed');
		expect(t.sb.deliveries.at(-1).delivered).toBe(false);
	});

	it('does not find a template in the wrong language', async () => {
		const r = await send({
			name: 'summer_promo',
			language: 'en',
			processed_params: { body: { 1: 'X' } },
		});
		expect(r.status).toBe(200);
		expect(t.rules()).toEqual(['notes:template-not-found']);
		expect(t.sb.violations[0].message).toMatch(/pt_BR/);
	});

	it('requires a template name (model JSON schema)', async () => {
		const r = await send({ language: 'en' });
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ error: 'Validation failed: Name is required' });
	});

	it('accepts legacy shapes with a deprecation violation', async () => {
		await send({ name: 'summer_promo', language: 'pt_BR', processed_params: { 1: 'VERAO' } });
		expect(t.rules()).toContain('notes:template_params-legacy');
	});

	it('fails copy_code over 15 chars and non-http media URLs', async () => {
		let r = await send({
			name: 'summer_promo',
			language: 'pt_BR',
			processed_params: {
				body: { 1: 'X' },
				header: { media_url: 'https://x/a.png', media_type: 'image' },
				buttons: [{ type: 'copy_code', parameter: 'THIS-CODE-IS-TOO-LONG' }],
			},
		});
		expect(r.status).toBe(200);
		expect(await statusOf(r.json.id)).toBe('failed');
		expect(t.sb.violations.at(-1).message).toMatch(/Coupon code cannot exceed 15 characters/);
		r = await send({
			name: 'summer_promo',
			language: 'pt_BR',
			processed_params: {
				body: { 1: 'X' },
				header: { media_url: 'ftp://x/a.png', media_type: 'image' },
				buttons: [{ type: 'copy_code', parameter: 'OK' }],
			},
		});
		expect(t.sb.violations.at(-1).message).toMatch(/Invalid URL scheme: ftp/);
		const msg = (await t.call('GET', 'conversations/2/messages')).json.payload.find(
			(m) => m.id === r.json.id,
		);
		expect(msg.content_attributes.external_error).toMatch(/Invalid URL scheme: ftp/);
	});

	it('skips a placeholder for a button without a variable but keeps its index, like TemplateProcessorService', async () => {
		// Added at runtime (not seeded): a quick reply before a URL button with a variable.
		t.sb.state.inboxes
			.find((i) => i.id === 2)
			.message_templates.push({
				id: '1099',
				name: 'reply_then_link',
				status: 'APPROVED',
				category: 'UTILITY',
				language: 'en',
				parameter_format: 'POSITIONAL',
				components: [
					{ type: 'BODY', text: 'Your file is ready.' },
					{
						type: 'BUTTONS',
						buttons: [
							{ type: 'QUICK_REPLY', text: 'Thanks' },
							{ type: 'URL', text: 'Open', url: 'https://files.example/{{1}}' },
						],
					},
				],
			});
		await send({
			name: 'reply_then_link',
			language: 'en',
			category: 'UTILITY',
			processed_params: {
				buttons: [
					{ type: 'copy_code', parameter: '' },
					{ type: 'url', parameter: 'f-1' },
				],
			},
		});
		expect(t.sb.violations).toEqual([]);
		expect(t.sb.deliveries.at(-1).delivered).toBe(true);
		// Without the placeholder the URL parameter lands on the quick reply's index.
		await send({
			name: 'reply_then_link',
			language: 'en',
			category: 'UTILITY',
			processed_params: { buttons: [{ type: 'url', parameter: 'f-1' }] },
		});
		expect(t.sb.violations.at(-1).message).toMatch(/button 1 \(URL .*\) needs a parameter/);
		// A button entry without a type makes Chatwoot read processed_params as a legacy shape.
		await send({
			name: 'reply_then_link',
			language: 'en',
			category: 'UTILITY',
			processed_params: { buttons: [{}, { type: 'url', parameter: 'f-1' }] },
		});
		expect(t.sb.violations.at(-1).message).toMatch(/button 0 must be an object with a type/);
	});

	it('checks Twilio content templates: flat variables, found by content_sid or name + language', async () => {
		const twilio = (template_params) =>
			t.call('POST', 'conversations', {
				body: { inbox_id: 3, contact_id: 4, message: { content: 'tpl', template_params } },
			});
		await twilio({
			name: 'order_update',
			language: 'en',
			processed_params: { 1: 'Ana', 2: 'ORD-1' },
		});
		await twilio({
			name: 'whatever',
			content_sid: 'HX00000000000000000000000000000002',
			processed_params: { 1: 'SUMMER' },
		});
		expect(t.sb.violations).toEqual([]);
		expect(t.sb.deliveries.at(-1)).toMatchObject({
			delivered: true,
			template: { name: 'promo_image' },
		});
		await twilio({
			name: 'order_update',
			language: 'en',
			processed_params: { body: { 1: 'Ana', 2: 'ORD-1' } },
		});
		expect(t.sb.violations.at(-1).message).toMatch(/flat processed_params/);
		await twilio({ name: 'order_update', language: 'en', processed_params: { 1: 'Ana' } });
		expect(t.sb.violations.at(-1).message).toMatch(/missing variable\(s\) 2/);
		await twilio({
			name: 'order_update',
			language: 'pt_BR',
			processed_params: { 1: 'Ana', 2: 'x' },
		});
		expect(t.sb.violations.at(-1).rule).toBe('notes:template-not-found');
	});

	it('accepts a body-only template with no variables', async () => {
		await send({ name: 'plain_notice', language: 'en' });
		expect(t.sb.violations).toEqual([]);
	});

	it('only stores template_params outside WhatsApp inboxes', async () => {
		const r = await t.call('POST', 'conversations/1/messages', {
			body: { content: 'x', template_params: { name: 'nope', language: 'en' } },
		});
		expect(r.status).toBe(200);
		expect(r.json.additional_attributes.template_params).toEqual({ name: 'nope', language: 'en' });
		expect(t.sb.violations).toEqual([]);
	});
});
