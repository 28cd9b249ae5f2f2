'use strict';
const { bootKapso } = require('./kapso-helpers');

describe('Kapso sandbox: legacy templates', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

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
