import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	getTemplateBodyVariables,
	getTemplates,
} from '../../nodes/KapsoWhatsApp/methods/loadOptions';
import { getTemplateVariables } from '../../nodes/KapsoWhatsApp/methods/resourceMapping';
import { json, type SentRequest } from '../helpers/context';
import {
	KAPSO_EDITOR,
	kapsoSend,
	MESSAGES_URL,
	PHONE_NUMBER_ID,
	runKapso,
	sent,
} from '../helpers/kapso';
import { createLoadOptionsContext } from '../helpers/loadOptions';

const GRAPH = 'https://api.kapso.ai/meta/whatsapp/v24.0';
const WABA = '200000000000001';

/** The WABA's templates as Meta lists them (a subset of the sandbox's seed). */
const TEMPLATES: IDataObject[] = [
	{
		id: '300000000000001',
		name: 'order_update',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
			{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships on {{3}}.' },
			{ type: 'FOOTER', text: 'Acme Shop' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
					{ type: 'QUICK_REPLY', text: 'Talk to us' },
					{ type: 'COPY_CODE', text: 'Copy code' },
				],
			},
		],
	},
	{
		id: '300000000000003',
		name: 'payment_due',
		language: 'en',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'NAMED',
		components: [
			{ type: 'BODY', text: 'Hello {{customer_name}}, {{amount}} is due on {{due_date}}.' },
		],
	},
	{
		id: '300000000000006',
		name: 'invoice_ready',
		language: 'en',
		status: 'APPROVED',
		category: 'UTILITY',
		components: [
			{ type: 'HEADER', format: 'DOCUMENT' },
			{ type: 'BODY', text: 'Invoice {{1}} is ready.' },
		],
	},
	{
		id: '300000000000009',
		name: 'welcome_pending',
		language: 'en',
		status: 'PENDING',
		category: 'MARKETING',
		components: [{ type: 'BODY', text: 'Welcome {{1}}!' }],
	},
];

/** Kapso: the phone-number list (with the WABA), the WABA's templates in pages of 2, and sends. */
function kapso(templates = TEMPLATES) {
	return (request: SentRequest) => {
		if (request.url === 'https://api.kapso.ai/platform/v1/whatsapp/phone_numbers')
			return json({
				data: [{ phone_number_id: PHONE_NUMBER_ID, business_account_id: WABA }],
				meta: { page: 1, per_page: 100, total_pages: 1, total_count: 1 },
			});
		if (request.url === `${GRAPH}/${WABA}/message_templates`) {
			const after = Number((request.options.qs as IDataObject).after ?? 0);
			const data = templates.slice(after, after + 2);
			return json({
				data,
				paging: {
					cursors: { after: String(after + data.length) },
					...(after + data.length < templates.length ? { next: 'more' } : {}),
				},
			});
		}
		if (request.url === MESSAGES_URL) return sent();
		return json({ error: 'Not found' }, 404);
	};
}

const template = (templateId: string, value: IDataObject | null, extra: IDataObject = {}) =>
	kapsoSend({
		messageType: 'template',
		templateId,
		templateVariables: { mappingMode: 'defineBelow', value },
		...extra,
	});

async function send(parameters: IDataObject, templates?: IDataObject[]) {
	const run = await runKapso({ parameters, http: kapso(templates) });
	const post = run.requests.find((request) => request.method === 'POST');
	return { ...run, post };
}

describe('Message → Send: template from the dropdown', () => {
	it('positional: the WABA from the number, every template page, then one send with the components', async () => {
		const { requests, post, error } = await send(
			template('order_update|en_US', {
				'header.text': 'A-1',
				'body.1': 'Maria',
				'body.2': 'A-1',
				'body.3': 'Monday',
				'button.0': 'A-1',
				'button.1': 'TALK',
				'button.2': 'SAVE10',
			}),
		);
		expect(error).toBeUndefined();
		expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET https://api.kapso.ai/platform/v1/whatsapp/phone_numbers',
			`GET ${GRAPH}/${WABA}/message_templates`,
			`GET ${GRAPH}/${WABA}/message_templates`,
			`POST ${MESSAGES_URL}`,
		]);
		expect(post?.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15551230001',
			type: 'template',
			template: {
				name: 'order_update',
				language: { code: 'en_US' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'A-1' }] },
					{
						type: 'body',
						parameters: [
							{ type: 'text', text: 'Maria' },
							{ type: 'text', text: 'A-1' },
							{ type: 'text', text: 'Monday' },
						],
					},
					{
						type: 'button',
						sub_type: 'url',
						index: '0',
						parameters: [{ type: 'text', text: 'A-1' }],
					},
					{
						type: 'button',
						sub_type: 'quick_reply',
						index: '1',
						parameters: [{ type: 'payload', payload: 'TALK' }],
					},
					{
						type: 'button',
						sub_type: 'copy_code',
						index: '2',
						parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
					},
				],
			},
		});
	});

	it('NAMED with typed parameters: currency and date_time with their fallback text', async () => {
		const { post, error } = await send(
			template(
				'payment_due|en',
				{
					'body.customer_name': 'Maria',
					'body.amount': '$12.50',
					'body.due_date': 'March 3, 2026',
				},
				{
					templateParameterTypes: {
						parameter: [
							{ variable: 'amount', type: 'currency', currencyCode: 'USD', amount: 12.5 },
							{ variable: 'due_date', type: 'date_time' },
						],
					},
				},
			),
		);
		expect(error).toBeUndefined();
		expect((post?.body as IDataObject).template).toEqual({
			name: 'payment_due',
			language: { code: 'en' },
			components: [
				{
					type: 'body',
					parameters: [
						{ type: 'text', parameter_name: 'customer_name', text: 'Maria' },
						{
							type: 'currency',
							parameter_name: 'amount',
							currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 },
						},
						{
							type: 'date_time',
							parameter_name: 'due_date',
							date_time: { fallback_value: 'March 3, 2026' },
						},
					],
				},
			],
		});
	});

	it('a template is not held back by the 24-hour window check', async () => {
		const { requests, error } = await send(
			template(
				'invoice_ready|en',
				{ 'header.media_url': 'https://files.example/i.pdf', 'body.1': 'INV-1' },
				{ options: { checkWindow: true } },
			),
		);
		expect(error).toBeUndefined();
		expect(requests.some((request) => request.url.includes('/conversations'))).toBe(false);
	});

	it('reads the templates once per number and execution for many items', async () => {
		const run = await runKapso({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: (itemIndex) =>
				template('invoice_ready|en', { 'header.media_id': '555', 'body.1': `INV-${itemIndex}` }),
			http: kapso(),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.filter((request) => request.method === 'GET')).toHaveLength(3);
		expect(run.requests.filter((request) => request.method === 'POST')).toHaveLength(3);
	});

	it('checks before sending: a pending template, an unknown one, a missing variable, an unknown typed variable', async () => {
		const failure = async (parameters: IDataObject) => {
			const run = await send(parameters);
			expect(run.post).toBeUndefined();
			expect(run.error).toBeInstanceOf(NodeOperationError);
			return (run.error as Error).message;
		};
		expect(await failure(template('welcome_pending|en', { 'body.1': 'x' }))).toBe(
			'Template: "welcome_pending" (en) is PENDING, not approved: WhatsApp only sends approved templates [item 0]',
		);
		expect(await failure(template('gone|en', {}))).toBe(
			'Template: no template "gone" (en) in the phone number\'s WhatsApp Business Account. Approved templates: order_update (en_US), payment_due (en), invoice_ready (en) [item 0]',
		);
		expect(await failure(template('invoice_ready|en', { 'body.1': 'x' }))).toBe(
			'Template Variables: Header · Document URL (header.media_url) or Header · Document media ID (header.media_id) is required: the template has a media header [item 0]',
		);
		expect(
			await failure(
				template(
					'payment_due|en',
					{ 'body.customer_name': 'M', 'body.amount': '$1', 'body.due_date': 'x' },
					{ templateParameterTypes: { parameter: [{ variable: 'total', type: 'date_time' }] } },
				),
			),
		).toBe(
			'Parameter Types: "total" is not a body variable of template payment_due (en); its body variables: {{customer_name}}, {{amount}}, {{due_date}} [item 0]',
		);
		expect(await failure(template('', {}))).toBe(
			"Template: is required: choose one of the number's approved templates [item 0]",
		);
	});
});

describe('the editor: template dropdown, variables, body variables', () => {
	const editor = (parameters: IDataObject) =>
		createLoadOptionsContext({ parameters, http: kapso(), node: KAPSO_EDITOR });
	const phoneNumberId = { __rl: true, mode: 'list', value: PHONE_NUMBER_ID };

	it('the dropdown: approved templates by name, then the others saying why', async () => {
		const { context } = editor({ phoneNumberId });
		const options = await getTemplates.call(context);
		expect(options.map((option) => option.name)).toEqual([
			'invoice_ready · en · Utility',
			'order_update · en_US · Utility',
			'payment_due · en · Utility',
			'welcome_pending · en · Marketing — PENDING, cannot be sent',
		]);
	});

	it('no number yet: an empty list, no request', async () => {
		const { context, requests } = editor({
			phoneNumberId: { __rl: true, mode: 'list', value: '' },
		});
		expect(await getTemplates.call(context)).toEqual([]);
		expect(requests).toHaveLength(0);
	});

	it('the resource mapper: the template’s variables in order; a notice before a template is chosen', async () => {
		const chosen = editor({ phoneNumberId, templateId: 'order_update|en_US' });
		const { fields } = await getTemplateVariables.call(chosen.context);
		expect(fields.map((field) => field.displayName)).toEqual([
			'Header · {{1}}',
			'Body · {{1}}',
			'Body · {{2}}',
			'Body · {{3}}',
			'Button 1 · URL suffix',
			'Button 2 · Reply payload',
			'Button 3 · Copy code',
		]);
		const none = editor({ phoneNumberId, templateId: '' });
		expect(await getTemplateVariables.call(none.context)).toEqual({
			fields: [],
			emptyFieldsNotice: 'Choose the phone number and the template first',
		});
	});

	it('Parameter Types lists the body variables', async () => {
		const { context } = editor({ phoneNumberId, templateId: 'payment_due|en' });
		expect(await getTemplateBodyVariables.call(context)).toEqual([
			{ name: '{{customer_name}}', value: 'customer_name' },
			{ name: '{{amount}}', value: 'amount' },
			{ name: '{{due_date}}', value: 'due_date' },
		]);
	});
});
