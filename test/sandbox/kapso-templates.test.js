'use strict';
const { bootKapso } = require('./kapso-helpers');

describe('Kapso sandbox: templates', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const send = (name, language, components) =>
		t.sendMeta({
			to: t.ids.outsideWindow,
			type: 'template',
			template: { name, language: { code: language }, components },
		});
	const text = (v) => ({ type: 'text', text: v });
	const named = (n, v) => ({ type: 'text', parameter_name: n, text: v });
	const orderUpdate = (over = {}) => [
		{ type: 'header', parameters: [text('A-1')] },
		{ type: 'body', parameters: [text('Maria'), text('A-1'), text('Monday')] },
		{ type: 'button', sub_type: 'url', index: '0', parameters: [text('A-1')] },
		{
			type: 'button',
			sub_type: 'quick_reply',
			index: '1',
			parameters: [{ type: 'payload', payload: 'TALK' }],
		},
		{
			type: 'button',
			sub_type: 'copy_code',
			index: 2,
			parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
		},
		...(over.extra || []),
	];

	describe('listing (GET /{waba}/message_templates)', () => {
		const list = (q) => t.call('GET', t.meta(`${t.ids.waba}/message_templates${q}`));

		it('lists in Meta’s shape and pages with Graph cursors', async () => {
			const first = await list('?limit=4');
			expect(first.status).toBe(200);
			expect(first.json.data.map((x) => `${x.name}/${x.language}`)).toEqual([
				'order_update/en_US',
				'order_update/es',
				'payment_due/en',
				'appointment_reminder/en',
			]);
			expect(first.json.data[2]).toEqual({
				name: 'payment_due',
				parameter_format: 'NAMED',
				components: expect.any(Array),
				language: 'en',
				status: 'APPROVED',
				category: 'UTILITY',
				id: '300000000000003',
			});
			const names = first.json.data.map((x) => x.id);
			let next = first.json.paging.next;
			while (next) {
				const page = await t.call('GET', new URL(next).pathname + new URL(next).search);
				names.push(...page.json.data.map((x) => x.id));
				next = page.json.paging.next;
			}
			expect(names).toHaveLength(10);
			expect(new Set(names).size).toBe(10);
			expect(first.json.paging.previous).toBeUndefined();
			expect(t.sb.violations).toEqual([]);
		});

		it.each([
			['?status=APPROVED', 8],
			['?status=PENDING', 1],
			['?status=REJECTED', 1],
			['?name=order', 2],
			['?language=en_US', 2],
			['?category=MARKETING', 3],
			['?status=APPROVED&category=MARKETING', 1],
		])('filters %s', async (q, n) => {
			expect((await list(q)).json.data).toHaveLength(n);
		});

		it('rejects a bad status and flags a limit over 100', async () => {
			expect((await list('?status=approved')).json.error.code).toBe(100);
			expect((await list('?limit=500')).status).toBe(200);
			expect(t.rules()).toEqual(['meta:param', 'notes:paging']);
		});

		it('shows each WABA only its own templates; another project’s WABA does not exist', async () => {
			expect(
				(await t.call('GET', t.meta(`${t.ids.salesWaba}/message_templates`))).json.data.map(
					(x) => x.name,
				),
			).toEqual(['sales_followup']);
			const other = await t.call('GET', t.meta(`${t.ids.otherWaba}/message_templates`));
			expect(other.json.error.error_subcode).toBe(33);
		});
	});

	describe('sending (POST /{phone}/messages type template)', () => {
		it('accepts a positional template with header, body and every button kind', async () => {
			const r = await send('order_update', 'en_US', orderUpdate());
			expect(r.status).toBe(200);
			expect(t.sb.violations).toEqual([]);
			const m = t.sb.state.messages.find((x) => x.wamid === r.json.messages[0].id);
			expect(m.rendered).toBe('Hi Maria, your order A-1 ships on Monday.');
		});

		it('accepts a NAMED template with currency and date_time parameters', async () => {
			const r = await send('payment_due', 'en', [
				{
					type: 'body',
					parameters: [
						{
							type: 'date_time',
							parameter_name: 'due_date',
							date_time: { fallback_value: 'March 3, 2026' },
						},
						named('customer_name', 'John'),
						{
							type: 'currency',
							parameter_name: 'amount',
							currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 },
						},
					],
				},
			]);
			expect(r.status).toBe(200);
			expect(t.sb.state.messages.find((x) => x.wamid === r.json.messages[0].id).rendered).toBe(
				'Hello John, $12.50 is due on March 3, 2026.',
			);
		});

		it.each([
			['an unknown template', 'nope', 'en', [], 132001, 'does not exist in en'],
			[
				'a PENDING template',
				'welcome_pending',
				'en',
				[{ type: 'body', parameters: [text('x')] }],
				132001,
				'PENDING',
			],
			[
				'a REJECTED template',
				'old_promo',
				'en',
				[{ type: 'body', parameters: [text('x')] }],
				132001,
				'REJECTED',
			],
			['the wrong language', 'payment_due', 'en_US', [], 132001, 'en_US'],
			[
				'too few body parameters',
				'invoice_ready',
				'en',
				[
					{
						type: 'header',
						parameters: [{ type: 'document', document: { link: 'https://x.example/a.pdf' } }],
					},
				],
				132000,
				'expected 1 parameters, got 0',
			],
			[
				'a missing named parameter',
				'payment_due',
				'en',
				[{ type: 'body', parameters: [named('customer_name', 'J'), named('amount', '$1')] }],
				132000,
				"missing parameter 'due_date'",
			],
			[
				'an unknown named parameter',
				'payment_due',
				'en',
				[
					{
						type: 'body',
						parameters: [
							named('customer_name', 'J'),
							named('amount', '$1'),
							named('due_date', 'x'),
							named('coupon', 'y'),
						],
					},
				],
				132000,
				"unknown parameter 'coupon'",
			],
			[
				'a named parameter without parameter_name',
				'appointment_reminder',
				'en',
				[{ type: 'header', parameters: [text('Ann')] }],
				132000,
				'needs parameter_name',
			],
			[
				'parameter_name on a positional template',
				'invoice_ready',
				'en',
				[
					{
						type: 'header',
						parameters: [{ type: 'document', document: { link: 'https://x.example/a.pdf' } }],
					},
					{ type: 'body', parameters: [named('1', 'x')] },
				],
				132000,
				'only for NAMED',
			],
			[
				'an image for a DOCUMENT header',
				'invoice_ready',
				'en',
				[
					{
						type: 'header',
						parameters: [{ type: 'image', image: { link: 'https://x.example/a.jpg' } }],
					},
					{ type: 'body', parameters: [text('x')] },
				],
				132012,
				'DOCUMENT header',
			],
			[
				'no header for an IMAGE header',
				'summer_sale',
				'pt_BR',
				[
					{ type: 'body', parameters: [text('A'), text('B')] },
					{
						type: 'button',
						sub_type: 'copy_code',
						index: '0',
						parameters: [{ type: 'coupon_code', coupon_code: 'X' }],
					},
				],
				132000,
				'header: expected 1 parameter',
			],
			[
				'a location header without coordinates',
				'pickup_point',
				'en',
				[
					{ type: 'header', parameters: [{ type: 'location', location: { name: 'x' } }] },
					{ type: 'body', parameters: [text('x')] },
				],
				132012,
				'latitude',
			],
			[
				'a currency without a code',
				'payment_due',
				'en',
				[
					{
						type: 'body',
						parameters: [
							named('customer_name', 'J'),
							{
								type: 'currency',
								parameter_name: 'amount',
								currency: { fallback_value: '$1', amount_1000: 1000 },
							},
							named('due_date', 'x'),
						],
					},
				],
				132012,
				'currency',
			],
			[
				'a date_time without fallback',
				'payment_due',
				'en',
				[
					{
						type: 'body',
						parameters: [
							named('customer_name', 'J'),
							named('amount', '$1'),
							{ type: 'date_time', parameter_name: 'due_date', date_time: {} },
						],
					},
				],
				132012,
				'date_time',
			],
			[
				'an empty text parameter',
				'invoice_ready',
				'en',
				[
					{
						type: 'header',
						parameters: [{ type: 'document', document: { link: 'https://x.example/a.pdf' } }],
					},
					{ type: 'body', parameters: [text('')] },
				],
				132012,
				'non-empty',
			],
		])('rejects %s', async (_n, name, lang, components, code, details) => {
			const r = await send(name, lang, components);
			expect(r.status).toBe(400);
			expect(r.json.error.code).toBe(code);
			expect(r.json.error.error_data.details).toContain(details);
			expect(t.rules()).toEqual([code === 100 ? 'meta:param' : 'meta:template']);
		});

		it.each([
			[
				'a copy code over 15 characters',
				(c) => {
					c[4].parameters[0].coupon_code = 'X'.repeat(16);
				},
				132012,
				'at most 15',
			],
			[
				'a missing URL button parameter',
				(c) => c.splice(2, 1),
				132000,
				'button 0 (URL) needs a parameter',
			],
			[
				'a missing copy-code button',
				(c) => c.splice(4, 1),
				132000,
				'button 2 (COPY_CODE) needs a parameter',
			],
			[
				'a sub_type that is not the button’s',
				(c) => {
					c[3].sub_type = 'url';
				},
				132012,
				'QUICK_REPLY',
			],
			[
				'a button index the template lacks',
				(c) => {
					c[3].index = '5';
				},
				132000,
				'index 5 does not exist',
			],
			[
				'a quick reply without payload',
				(c) => {
					c[3].parameters = [text('x')];
				},
				132012,
				'payload',
			],
		])('rejects %s', async (_n, change, code, details) => {
			const components = orderUpdate();
			change(components);
			const r = await send('order_update', 'en_US', components);
			expect(r.json.error.code).toBe(code);
			expect(r.json.error.error_data.details).toContain(details);
		});

		it('takes a quick-reply button without a parameter (its payload is optional)', async () => {
			const c = orderUpdate();
			c.splice(3, 1);
			expect((await send('order_update', 'en_US', c)).status).toBe(200);
		});

		it('takes an uploaded media id for a header', async () => {
			const form = new FormData();
			form.set('messaging_product', 'whatsapp');
			form.set('file', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'a.pdf');
			const up = await t.call('POST', t.meta(`${t.ids.phoneNumber}/media`), { form });
			const r = await send('invoice_ready', 'en', [
				{ type: 'header', parameters: [{ type: 'document', document: { id: up.json.id } }] },
				{ type: 'body', parameters: [text('INV-7')] },
			]);
			expect(r.status).toBe(200);
		});
	});

	describe('legacy (/api/v1/whatsapp_templates)', () => {
		it('lists with q[...] filters and page meta, statuses in Kapso’s words', async () => {
			const r = await t.call(
				'GET',
				'/api/v1/whatsapp_templates?q[status_eq]=approved&per_page=3&page=2',
			);
			expect(r.json.meta).toEqual({ page: 2, per_page: 3, total_pages: 3, total_count: 9 });
			const pending = await t.call('GET', '/api/v1/whatsapp_templates?q[status_eq]=submitted');
			expect(pending.json.data.map((x) => x.name)).toEqual(['welcome_pending']);
			const one = (await t.call('GET', '/api/v1/whatsapp_templates?q[name_cont]=payment')).json
				.data[0];
			expect(one).toMatchObject({
				id: 'f0000000-0000-4000-8000-000000000003',
				language_code: 'en',
				status: 'approved',
				parameter_count: 3,
				business_account_id: t.ids.waba,
				whatsapp_config_ids: [t.ids.config],
			});
		});

		it('send_template by uuid: positional, named, header and buttons', async () => {
			const r = await t.call(
				'POST',
				'/api/v1/whatsapp_templates/f0000000-0000-4000-8000-000000000001/send_template',
				{
					body: {
						template: {
							phone_number: `+${t.ids.neverWrote}`,
							template_parameters: ['Lena', 'A-2', 'Friday'],
							header_params: 'A-2',
							button_url_params: { 0: 'A-2' },
							button_copy_code_params: { 2: 'SAVE10' },
						},
					},
				},
			);
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({
				status: 'success',
				message: 'Template message sent successfully',
				template_id: 'f0000000-0000-4000-8000-000000000001',
				template_name: 'order_update',
				response: { messages: [{ id: expect.any(String) }] },
			});
			const n = await t.call(
				'POST',
				'/api/v1/whatsapp_templates/f0000000-0000-4000-8000-000000000004/send_template',
				{
					body: {
						template: {
							phone_number: t.ids.neverWrote,
							template_parameters: {
								header: { first_name: 'Lena' },
								body: { doctor: 'Dr. Lee', date: 'Monday' },
							},
						},
					},
				},
			);
			expect(n.status).toBe(200);
			expect(t.sb.violations).toEqual([]);
		});

		const DOC = 'f0000000-0000-4000-8000-000000000006';
		const PAYMENT = 'f0000000-0000-4000-8000-000000000003';
		it.each([
			[
				DOC,
				{ template_parameters: [], header_params: 'https://x.example/a.pdf' },
				'Template requires 1 parameters, but 0 were provided',
			],
			[DOC, { template_parameters: ['a'] }, 'header_params (a document URL) are required'],
			[
				PAYMENT,
				{ template_parameters: { customer_name: 'a', amount: 'b' } },
				'Missing template parameter: due_date',
			],
			[
				PAYMENT,
				{ template_parameters: { customer_name: 'a', amount: 'b', due_date: 'c', extra: 'd' } },
				'Unknown template parameter: extra',
			],
			[
				PAYMENT,
				{ template_parameters: ['a', 'b', 'c'] },
				'Template payment_due has named parameters: send an object with customer_name, amount, due_date',
			],
			[
				DOC,
				{
					template_parameters: ['x'],
					header_type: 'image',
					header_params: 'https://x.example/a.jpg',
				},
				"header_type image does not match the template's DOCUMENT header",
			],
		])('send_template %s answers 422 for %j', async (id, extra, error) => {
			const r = await t.call('POST', `/api/v1/whatsapp_templates/${id}/send_template`, {
				body: { template: { phone_number: t.ids.neverWrote, ...extra } },
			});
			expect(r.status).toBe(422);
			expect(r.json).toEqual({ error });
			expect(t.rules()).toEqual(['legacy:template']);
		});

		it('send_template: 404 for an unknown uuid, 422 without a phone number or for a pending template', async () => {
			expect(
				(
					await t.call('POST', '/api/v1/whatsapp_templates/nope/send_template', {
						body: { template: { phone_number: '1' } },
					})
				).json,
			).toEqual({ error: 'Template not found' });
			expect(
				(
					await t.call(
						'POST',
						'/api/v1/whatsapp_templates/f0000000-0000-4000-8000-000000000008/send_template',
						{ body: { template: {} } },
					)
				).json,
			).toEqual({ error: 'Phone number is required' });
			const p = await t.call(
				'POST',
				'/api/v1/whatsapp_templates/f0000000-0000-4000-8000-000000000009/send_template',
				{ body: { template: { phone_number: '15551230003', template_parameters: ['x'] } } },
			);
			expect(p.status).toBe(422);
		});

		it('send_template: a Meta-level failure is 500 {status:"error", message}', async () => {
			const r = await t.call(
				'POST',
				'/api/v1/whatsapp_templates/f0000000-0000-4000-8000-000000000001/send_template',
				{
					body: {
						template: {
							phone_number: t.ids.neverWrote,
							template_parameters: ['a', 'b', 'c'],
							header_params: 'A',
							button_url_params: { 0: 'x' },
							button_copy_code_params: { 2: 'X'.repeat(16) },
						},
					},
				},
			);
			expect(r.status).toBe(500);
			expect(r.json).toEqual({
				status: 'error',
				message: expect.stringMatching(/^Failed to send template message: \(#132012\).*at most 15/),
			});
		});
	});
});
