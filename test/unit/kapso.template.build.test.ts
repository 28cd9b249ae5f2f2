import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildTemplateObject,
	parseKapsoTemplate,
	type TypedParameter,
} from '../../nodes/KapsoWhatsApp/composer/templateMessage';
import {
	readTemplateValues,
	templateFields,
	templateOptions,
	type WhatsAppTemplate,
} from '../../nodes/shared/whatsappTemplates';
import { NODE } from '../helpers/context';

/** Templates as `GET /{waba_id}/message_templates` lists them (Meta's shape). */
const ORDER_POSITIONAL = {
	id: '1001',
	name: 'order_update',
	language: 'en_US',
	category: 'UTILITY',
	status: 'APPROVED',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
		{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships on {{3}}.' },
		{ type: 'FOOTER', text: 'Reply STOP to opt out' },
		{
			type: 'BUTTONS',
			buttons: [
				{ type: 'QUICK_REPLY', text: 'Thanks' },
				{ type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}' },
				{ type: 'COPY_CODE', text: 'Copy code', example: ['SAVE10'] },
				{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550001111' },
			],
		},
	],
};

const INVOICE_NAMED = {
	id: '1002',
	name: 'invoice_due',
	language: 'es',
	category: 'UTILITY',
	status: 'APPROVED',
	parameter_format: 'NAMED',
	components: [
		{ type: 'HEADER', format: 'TEXT', text: 'Hola {{customer_name}}' },
		{ type: 'BODY', text: 'Total {{total}} due {{due_date}} for {{customer_name}}.' },
	],
};

const withHeader = (format: string, extra: IDataObject = {}) => ({
	name: `${format.toLowerCase()}_header`,
	language: 'en',
	category: 'MARKETING',
	status: 'APPROVED',
	components: [
		{ type: 'HEADER', format, ...extra },
		{ type: 'BODY', text: 'See {{1}}' },
	],
});

function build(
	raw: IDataObject,
	values: IDataObject,
	typed: TypedParameter[] = [],
): { template: WhatsAppTemplate; object: IDataObject } {
	const template = parseKapsoTemplate(raw);
	const filled = readTemplateValues(NODE, 0, template, values);
	return { template, object: buildTemplateObject(NODE, 0, template, filled, typed) };
}

function failure(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return (error as Error).message;
	}
	throw new Error('expected an error');
}

describe('Meta template → variables (Kapso)', () => {
	it('positional: header text, body in order, buttons in order with what each fills', () => {
		const template = parseKapsoTemplate(ORDER_POSITIONAL);
		expect(template).toMatchObject({
			named: false,
			approved: true,
			id: '1001',
			headerFormat: 'TEXT',
		});
		expect(
			templateFields(template).map((field) => [field.id, field.displayName, field.required]),
		).toEqual([
			['header.text', 'Header · {{1}}', true],
			['body.1', 'Body · {{1}}', true],
			['body.2', 'Body · {{2}}', true],
			['body.3', 'Body · {{3}}', true],
			['button.0', 'Button 1 · Reply payload', false],
			['button.1', 'Button 2 · URL suffix', true],
			['button.2', 'Button 3 · Copy code', true],
		]);
		expect(template.buttons.map((button) => button.type)).toEqual([
			'QUICK_REPLY',
			'URL',
			'COPY_CODE',
			'PHONE_NUMBER',
		]);
	});

	it('NAMED: variables by name, a repeated variable once', () => {
		const template = parseKapsoTemplate(INVOICE_NAMED);
		expect(template.named).toBe(true);
		expect(template.variables.map((variable) => variable.id)).toEqual([
			'header.text',
			'body.total',
			'body.due_date',
			'body.customer_name',
		]);
	});

	it('media headers: URL or media id (neither required alone), a file name for documents', () => {
		expect(
			templateFields(parseKapsoTemplate(withHeader('DOCUMENT'))).map((f) => [
				f.id,
				f.displayName,
				f.required,
			]),
		).toEqual([
			['header.media_url', 'Header · Document URL', false],
			['header.media_id', 'Header · Document media ID', false],
			['header.media_name', 'Header · File name', false],
			['body.1', 'Body · {{1}}', true],
		]);
		expect(parseKapsoTemplate(withHeader('IMAGE')).variables.map((v) => v.id)).toEqual([
			'header.media_url',
			'header.media_id',
			'body.1',
		]);
	});

	it('location header: latitude and longitude required, name and address optional', () => {
		expect(
			templateFields(parseKapsoTemplate(withHeader('LOCATION'))).map((f) => [f.id, f.required]),
		).toEqual([
			['header.latitude', true],
			['header.longitude', true],
			['header.location_name', false],
			['header.location_address', false],
			['body.1', true],
		]);
	});

	it('a URL button without a variable, a phone button and a fixed header have nothing to fill', () => {
		const template = parseKapsoTemplate({
			name: 'fixed',
			language: 'en',
			status: 'APPROVED',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Welcome' },
				{ type: 'BODY', text: 'Hello' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'URL', text: 'Site', url: 'https://shop.example' },
						{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '+1555' },
					],
				},
			],
		});
		expect(template.variables).toEqual([]);
		expect(
			buildTemplateObject(NODE, 0, template, readTemplateValues(NODE, 0, template, {})),
		).toEqual({
			name: 'fixed',
			language: { code: 'en' },
		});
	});

	it('carousels and product buttons are marked as not sendable, with the reason', () => {
		const template = parseKapsoTemplate({
			name: 'cards',
			language: 'en',
			status: 'APPROVED',
			components: [
				{ type: 'BODY', text: 'Look' },
				{ type: 'CAROUSEL', cards: [] },
			],
		});
		expect(template.unsupported).toBe('its CAROUSEL component cannot be filled by this node');
		expect(failure(() => readTemplateValues(NODE, 2, template, {}))).toBe(
			'Template: cards (en): its CAROUSEL component cannot be filled by this node [item 2]',
		);
	});
});

describe('the Graph template object for every shape', () => {
	it('positional: text header, body, quick reply payload, URL suffix, copy code (coupon_code)', () => {
		const { object } = build(ORDER_POSITIONAL, {
			'header.text': 'A-1',
			'body.1': 'Ann',
			'body.2': 'A-1',
			'body.3': 'Monday',
			'button.0': 'THANKS_A1',
			'button.1': 'A-1',
			'button.2': 'SAVE10',
		});
		expect(object).toEqual({
			name: 'order_update',
			language: { code: 'en_US' },
			components: [
				{ type: 'header', parameters: [{ type: 'text', text: 'A-1' }] },
				{
					type: 'body',
					parameters: [
						{ type: 'text', text: 'Ann' },
						{ type: 'text', text: 'A-1' },
						{ type: 'text', text: 'Monday' },
					],
				},
				{
					type: 'button',
					sub_type: 'quick_reply',
					index: '0',
					parameters: [{ type: 'payload', payload: 'THANKS_A1' }],
				},
				{
					type: 'button',
					sub_type: 'url',
					index: '1',
					parameters: [{ type: 'text', text: 'A-1' }],
				},
				{
					type: 'button',
					sub_type: 'copy_code',
					index: '2',
					parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
				},
			],
		});
	});

	it('an empty quick-reply payload leaves that button out; the others keep their template index', () => {
		const { object } = build(ORDER_POSITIONAL, {
			'header.text': 'A-1',
			'body.1': 'Ann',
			'body.2': 'A-1',
			'body.3': 'Monday',
			'button.1': 'A-1',
			'button.2': 'SAVE10',
		});
		const buttons = (object.components as IDataObject[]).filter((c) => c.type === 'button');
		expect(buttons.map((button) => [button.sub_type, button.index])).toEqual([
			['url', '1'],
			['copy_code', '2'],
		]);
	});

	it('NAMED with typed parameters: parameter_name on every parameter, currency and date_time', () => {
		const { object } = build(
			INVOICE_NAMED,
			{
				'header.text': 'Ana',
				'body.total': '$12.50',
				'body.due_date': 'May 1, 2026',
				'body.customer_name': 'Ana',
			},
			[
				{ variable: 'total', type: 'currency', currencyCode: 'usd', amount: 12.5 },
				{ variable: 'body.due_date', type: 'date_time' },
			],
		);
		expect(object).toEqual({
			name: 'invoice_due',
			language: { code: 'es' },
			components: [
				{
					type: 'header',
					parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Ana' }],
				},
				{
					type: 'body',
					parameters: [
						{
							type: 'currency',
							parameter_name: 'total',
							currency: { fallback_value: '$12.50', code: 'USD', amount_1000: 12500 },
						},
						{
							type: 'date_time',
							parameter_name: 'due_date',
							date_time: { fallback_value: 'May 1, 2026' },
						},
						{ type: 'text', parameter_name: 'customer_name', text: 'Ana' },
					],
				},
			],
		});
	});

	it('positional currency: amount from text, rounded to thousandths', () => {
		const { object } = build(
			{
				name: 'pay',
				language: 'en',
				status: 'APPROVED',
				components: [{ type: 'BODY', text: 'Pay {{1}}' }],
			},
			{ 'body.1': '€9.99' },
			[{ variable: '1', type: 'currency', currencyCode: 'EUR', amount: '9.9999' }],
		);
		expect(object.components).toEqual([
			{
				type: 'body',
				parameters: [
					{
						type: 'currency',
						currency: { fallback_value: '€9.99', code: 'EUR', amount_1000: 10000 },
					},
				],
			},
		]);
	});

	it('image header by link, video by media id, document with a file name', () => {
		expect(
			build(withHeader('IMAGE'), { 'header.media_url': 'https://cdn.example/p.png', 'body.1': 'x' })
				.object.components,
		).toEqual([
			{
				type: 'header',
				parameters: [{ type: 'image', image: { link: 'https://cdn.example/p.png' } }],
			},
			{ type: 'body', parameters: [{ type: 'text', text: 'x' }] },
		]);
		expect(
			(
				build(withHeader('VIDEO'), { 'header.media_id': '1166846181421424', 'body.1': 'x' }).object
					.components as IDataObject[]
			)[0],
		).toEqual({
			type: 'header',
			parameters: [{ type: 'video', video: { id: '1166846181421424' } }],
		});
		expect(
			(
				build(withHeader('DOCUMENT'), {
					'header.media_url': 'https://files.example/invoice.pdf',
					'header.media_name': 'Invoice May.pdf',
					'body.1': 'x',
				}).object.components as IDataObject[]
			)[0],
		).toEqual({
			type: 'header',
			parameters: [
				{
					type: 'document',
					document: { link: 'https://files.example/invoice.pdf', filename: 'Invoice May.pdf' },
				},
			],
		});
	});

	it('location header: numbers, with name and address when given', () => {
		expect(
			(
				build(withHeader('LOCATION'), {
					'header.latitude': '-23.5505',
					'header.longitude': '-46.6333',
					'header.location_name': 'Store',
					'body.1': 'x',
				}).object.components as IDataObject[]
			)[0],
		).toEqual({
			type: 'header',
			parameters: [
				{ type: 'location', location: { latitude: -23.5505, longitude: -46.6333, name: 'Store' } },
			],
		});
	});

	it('authentication template: the code in the body and in the OTP button (sub_type url)', () => {
		const { object } = build(
			{
				name: 'login_code',
				language: 'en',
				category: 'AUTHENTICATION',
				status: 'APPROVED',
				components: [
					{ type: 'BODY', text: '*{{1}}* is your verification code.' },
					{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
				],
			},
			{ 'body.1': '482913', 'button.0': '482913' },
		);
		expect(object.components).toEqual([
			{ type: 'body', parameters: [{ type: 'text', text: '482913' }] },
			{
				type: 'button',
				sub_type: 'url',
				index: '0',
				parameters: [{ type: 'text', text: '482913' }],
			},
		]);
	});
});

describe('checks before sending, each naming the field and the item', () => {
	const ORDER_VALUES = {
		'header.text': 'A-1',
		'body.1': 'Ann',
		'body.2': 'A-1',
		'body.3': 'Monday',
		'button.1': 'A-1',
		'button.2': 'SAVE10',
	};
	const check = (raw: IDataObject, values: IDataObject, typed: TypedParameter[] = []) =>
		failure(() => build(raw, values, typed));

	it('a missing variable, an unknown one', () => {
		expect(check(ORDER_POSITIONAL, { ...ORDER_VALUES, 'body.3': ' ' })).toBe(
			'Template Variables: Body · {{3}} (body.3) is required and empty [item 0]',
		);
		expect(check(ORDER_POSITIONAL, { ...ORDER_VALUES, 'body.4': 'x' })).toBe(
			'Template Variables: "body.4" is not a variable of template order_update (en_US); its variables: header.text, body.1, body.2, body.3, button.0, button.1, button.2. Refresh the field list if the template changed. [item 0]',
		);
	});

	it('a copy code over 15 characters', () => {
		expect(check(ORDER_POSITIONAL, { ...ORDER_VALUES, 'button.2': 'SIXTEEN-CHARS-XX' })).toBe(
			'Template Variables: Button 3 · Copy code, button "Copy code" (button.2) is 16 characters; WhatsApp allows at most 15 [item 0]',
		);
	});

	it('a URL suffix that is a whole address or has spaces', () => {
		expect(
			check(ORDER_POSITIONAL, { ...ORDER_VALUES, 'button.1': 'https://shop.example/track/A-1' }),
		).toBe(
			'Template Variables: Button 2 · URL suffix, button "Track" (button.1) is a whole address (https://shop.example/track/A-1); give only the part that replaces the variable in https://shop.example/track/{{1}} [item 0]',
		);
		expect(check(ORDER_POSITIONAL, { ...ORDER_VALUES, 'button.1': 'A 1' })).toBe(
			'Template Variables: Button 2 · URL suffix, button "Track" (button.1) has spaces or line breaks, which break the button\'s link in https://shop.example/track/{{1}}; encode them (encodeURIComponent) or leave them out [item 0]',
		);
	});

	it('media: wrong kind of file, not http(s), both or neither of URL and media id', () => {
		expect(
			check(withHeader('IMAGE'), { 'header.media_url': 'https://x.example/a.pdf', 'body.1': 'x' }),
		).toBe(
			"Template Variables: Header · Image URL (header.media_url) points to a .pdf file, a document; this template's header takes an image (JPG, JPEG, PNG) [item 0]",
		);
		expect(
			check(withHeader('IMAGE'), { 'header.media_url': '1166846181421424', 'body.1': 'x' }),
		).toBe(
			'Template Variables: Header · Image URL (header.media_url) must be an http:// or https:// URL (got "1166846181421424"); for an uploaded file, put its media ID in the media ID field [item 0]',
		);
		expect(check(withHeader('VIDEO'), { 'body.1': 'x' })).toBe(
			'Template Variables: Header · Video URL (header.media_url) or Header · Video media ID (header.media_id) is required: the template has a media header [item 0]',
		);
		expect(
			check(withHeader('VIDEO'), {
				'header.media_url': 'https://x.example/a.mp4',
				'header.media_id': '1',
				'body.1': 'x',
			}),
		).toBe(
			'Template Variables: give either Header · Video URL (header.media_url) or Header · Video media ID (header.media_id), not both [item 0]',
		);
		// a URL without a file extension is left to WhatsApp
		expect(
			build(withHeader('IMAGE'), {
				'header.media_url': 'https://img.example/render?id=5',
				'body.1': 'x',
			}).object.components,
		).toHaveLength(2);
	});

	it('a location out of range', () => {
		expect(
			check(withHeader('LOCATION'), {
				'header.latitude': '91',
				'header.longitude': '0',
				'body.1': 'x',
			}),
		).toBe(
			'Template Variables: Header · Latitude (header.latitude) must be a number from -90 to 90 (got "91") [item 0]',
		);
	});

	it('typed parameters: unknown variable, bad currency code, bad amount, given twice', () => {
		const values = {
			'header.text': 'Ana',
			'body.total': '$1',
			'body.due_date': 'May 1',
			'body.customer_name': 'Ana',
		};
		expect(check(INVOICE_NAMED, values, [{ variable: 'amount', type: 'date_time' }])).toBe(
			'Parameter Types: "amount" is not a body variable of template invoice_due (es); its body variables: {{total}}, {{due_date}}, {{customer_name}} [item 0]',
		);
		expect(
			check(INVOICE_NAMED, values, [
				{ variable: 'total', type: 'currency', currencyCode: 'US$', amount: 1 },
			]),
		).toBe(
			'Parameter Types: {{total}}: the currency code must be three letters (ISO 4217), e.g. USD or EUR (got "US$") [item 0]',
		);
		expect(
			check(INVOICE_NAMED, values, [
				{ variable: 'total', type: 'currency', currencyCode: 'USD', amount: 'ten' },
			]),
		).toBe(
			'Parameter Types: {{total}}: the amount must be a number such as 12.5 (got "ten") [item 0]',
		);
		expect(
			check(INVOICE_NAMED, values, [
				{ variable: 'total', type: 'date_time' },
				{ variable: 'total', type: 'date_time' },
			]),
		).toBe('Parameter Types: {{total}} is given a type twice [item 0]');
	});
});

describe('the Template dropdown', () => {
	it('approved first by name and language; the others after, saying why', () => {
		const options = templateOptions(
			[
				parseKapsoTemplate({
					...INVOICE_NAMED,
					status: 'REJECTED',
					rejected_reason: 'INVALID_FORMAT',
				}),
				parseKapsoTemplate(ORDER_POSITIONAL),
				parseKapsoTemplate({ ...withHeader('IMAGE'), status: 'PENDING', rejected_reason: 'NONE' }),
			],
			{ explainOthers: true },
		);
		expect(options.map((option) => [option.name, option.value])).toEqual([
			['order_update · en_US · Utility', 'order_update|en_US'],
			['image_header · en · Marketing — PENDING, cannot be sent', 'image_header|en'],
			['invoice_due · es · Utility — REJECTED, cannot be sent', 'invoice_due|es'],
		]);
		expect(options[0].description).toBe(
			'Hi {{1}}, your order {{2}} ships on {{3}}. · Button 1 · Reply payload ("Thanks"), Button 2 · URL suffix ("Track"), Button 3 · Copy code ("Copy code")',
		);
		expect(options[2].description).toBe(
			'WhatsApp sends only approved templates; this one is REJECTED (INVALID_FORMAT). Check it in WhatsApp Manager.',
		);
	});
});
