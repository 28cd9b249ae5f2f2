/**
 * Templates from the dropdown and the non-message resources of the Kapso WhatsApp node, over real
 * HTTP against the Kapso sandbox, which checks every template send against the template on the
 * number's WABA (Meta's 132000-family rules) and records a violation for anything a real Kapso
 * would refuse or that is not documented. Every test ends with 0 violations.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getTemplates } from '../../nodes/KapsoWhatsApp/methods/loadOptions';
import { getTemplateVariables } from '../../nodes/KapsoWhatsApp/methods/resourceMapping';
import { startSandbox, type KapsoSandbox } from '../../sandbox/kapso';
import { KAPSO_EDITOR, kapsoSend, runKapsoOnSandbox } from '../helpers/kapso';
import { createLoadOptionsContext } from '../helpers/loadOptions';
import { realHttp } from '../helpers/realHttp';

let sb: KapsoSandbox;

beforeAll(async () => {
	sb = await startSandbox({ quiet: true });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());
afterEach(() => expect(sb.violations).toEqual([]));

const NUMBER = { __rl: true, mode: 'list', value: '100000000000001' };
const OUTSIDE = '+1 555 123 0002'; // John: last wrote 30 h ago, so only a template reaches him

const run = async (parameters: IDataObject, extra = {}) =>
	await runKapsoOnSandbox(sb, parameters, extra);

/** A template send to the recipient outside the 24-hour window, with the window check on. */
const template = (templateId: string, value: IDataObject | null, extra: IDataObject = {}) =>
	kapsoSend({
		recipientPhone: OUTSIDE,
		messageType: 'template',
		templateId,
		templateVariables: { mappingMode: 'defineBelow', value },
		...extra,
		options: { checkWindow: true },
	});

/** The template object of the last send the sandbox accepted. */
function lastTemplate(): IDataObject {
	const sends = sb.requests.filter(
		(request) => request.method === 'POST' && request.path.endsWith('/messages'),
	);
	const last = sends[sends.length - 1];
	expect(last?.status).toBe(200);
	return (last.body as IDataObject).template as IDataObject;
}

describe('templates from the dropdown, checked by the sandbox against the WABA', () => {
	it('positional: text header, body, URL suffix, quick-reply payload and copy code', async () => {
		const { error, output } = await run(
			template('order_update|en_US', {
				'header.text': 'A-1042',
				'body.1': 'John',
				'body.2': 'A-1042',
				'body.3': 'Monday',
				'button.0': 'A-1042',
				'button.1': 'TALK_A1042',
				'button.2': 'SAVE10',
			}),
		);
		expect(error).toBeUndefined();
		expect(output?.[0].json.messageId).toMatch(/^wamid\./);
		expect(lastTemplate().components).toHaveLength(5);
	});

	it('the same name in another language is another template', async () => {
		const { error } = await run(
			template('order_update|es', {
				'header.text': 'A-1',
				'body.1': 'Juan',
				'body.2': 'A-1',
				'body.3': 'lunes',
				'button.0': 'A-1',
				'button.2': 'AHORRA10',
			}),
		);
		expect(error).toBeUndefined();
		expect(lastTemplate().language).toEqual({ code: 'es' });
	});

	it('NAMED with a currency and a date_time parameter', async () => {
		const { error } = await run(
			template(
				'payment_due|en',
				{
					'body.customer_name': 'John',
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
		expect(lastTemplate().components).toEqual([
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'customer_name', text: 'John' },
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
		]);
	});

	it('NAMED text header and two quick replies, one without a payload', async () => {
		const { error } = await run(
			template('appointment_reminder|en', {
				'header.text': 'John',
				'body.doctor': 'Dr. Lee',
				'body.date': 'Monday 10:00',
				'button.0': 'CONFIRM_42',
			}),
		);
		expect(error).toBeUndefined();
		expect(lastTemplate().components).toEqual([
			{
				type: 'header',
				parameters: [{ type: 'text', parameter_name: 'first_name', text: 'John' }],
			},
			{
				type: 'body',
				parameters: [
					{ type: 'text', parameter_name: 'doctor', text: 'Dr. Lee' },
					{ type: 'text', parameter_name: 'date', text: 'Monday 10:00' },
				],
			},
			{
				type: 'button',
				sub_type: 'quick_reply',
				index: '0',
				parameters: [{ type: 'payload', payload: 'CONFIRM_42' }],
			},
		]);
	});

	it('image header by link with a copy code; location header', async () => {
		expect(
			(
				await run(
					template('summer_sale|pt_BR', {
						'header.media_url': 'https://cdn.example/verao.jpg',
						'body.1': 'VERAO10',
						'body.2': '31/01',
						'button.0': 'VERAO10',
					}),
				)
			).error,
		).toBeUndefined();
		expect(
			(
				await run(
					template('pickup_point|en', {
						'header.latitude': '52.52',
						'header.longitude': '13.405',
						'header.location_name': 'Acme Pickup',
						'body.1': 'Acme Pickup, Berlin',
					}),
				)
			).error,
		).toBeUndefined();
	});

	it('document header by the media ID of a Media → Upload', async () => {
		const upload = await run(
			{ resource: 'media', operation: 'upload', phoneNumberId: NUMBER, binaryPropertyName: 'data' },
			{
				items: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from('%PDF-1.4 invoice').toString('base64'),
								mimeType: 'application/pdf',
								fileName: 'invoice.pdf',
							},
						},
					},
				],
			},
		);
		expect(upload.error).toBeUndefined();
		const mediaId = String(upload.output?.[0].json.id);
		const { error } = await run(
			template('invoice_ready|en', {
				'header.media_id': mediaId,
				'header.media_name': 'Invoice INV-7.pdf',
				'body.1': 'INV-7',
			}),
		);
		expect(error).toBeUndefined();
		expect((lastTemplate().components as IDataObject[])[0]).toEqual({
			type: 'header',
			parameters: [{ type: 'document', document: { id: mediaId, filename: 'Invoice INV-7.pdf' } }],
		});
	});

	it('a template without variables sends no components', async () => {
		expect((await run(template('hello_world|en_US', null))).error).toBeUndefined();
		expect(lastTemplate()).toEqual({ name: 'hello_world', language: { code: 'en_US' } });
	});

	it('a pending template, a missing variable and a long copy code stop before sending', async () => {
		const failure = async (parameters: IDataObject) => {
			const result = await run(parameters);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			return (result.error as Error).message;
		};
		expect(await failure(template('welcome_pending|en', { 'body.1': 'x' }))).toBe(
			'Template: "welcome_pending" (en) is PENDING, not approved: WhatsApp only sends approved templates [item 0]',
		);
		expect(
			await failure(
				template('summer_sale|pt_BR', {
					'header.media_url': 'https://cdn.example/verao.jpg',
					'body.1': 'VERAO10',
					'body.2': '31/01',
					'button.0': 'A-CODE-TOO-LONG-16',
				}),
			),
		).toMatch(
			/^Template Variables: Button 1 · Copy code.* is 18 characters; WhatsApp allows at most 15/,
		);
		expect(await failure(template('invoice_ready|en', { 'body.1': 'INV-7' }))).toMatch(
			/is required: the template has a media header \[item 0\]$/,
		);
		expect(sb.requests.filter((request) => request.method === 'POST')).toEqual([]);
	});

	it('the editor lists the WABA’s templates and the chosen one’s variables', async () => {
		const editor = (parameters: IDataObject) =>
			createLoadOptionsContext({
				parameters,
				http: realHttp,
				credentials: { apiKey: sb.apiKey, baseUrl: sb.url, legacyBaseUrl: `${sb.url}/api/v1` },
				node: KAPSO_EDITOR,
			}).context;
		const options = await getTemplates.call(editor({ phoneNumberId: NUMBER }));
		expect(options.map((option) => option.value)).toEqual([
			'appointment_reminder|en',
			'hello_world|en_US',
			'invoice_ready|en',
			'order_update|en_US',
			'order_update|es',
			'payment_due|en',
			'pickup_point|en',
			'summer_sale|pt_BR',
			'old_promo|en',
			'welcome_pending|en',
		]);
		expect(options[8].name).toBe('old_promo · en · Marketing — REJECTED, cannot be sent');
		const { fields } = await getTemplateVariables.call(
			editor({ phoneNumberId: NUMBER, templateId: 'summer_sale|pt_BR' }),
		);
		expect(fields.map((field) => field.id)).toEqual([
			'header.media_url',
			'header.media_id',
			'body.1',
			'body.2',
			'button.0',
		]);
	});
});

describe('Conversation, Contact, Template, Media and Phone Number resources', () => {
	it('Conversation: Get Many by customer and status, Get, Set Status', async () => {
		const list = await run({
			resource: 'conversation',
			operation: 'getAll',
			phoneNumberId: NUMBER,
			returnAll: true,
			filters: { phoneNumber: '+1 555 123 0001', status: 'active' },
		});
		expect(list.error).toBeUndefined();
		expect(list.output?.map((item) => item.json.id)).toEqual([sb.ids.insideConversation]);
		const got = await run({
			resource: 'conversation',
			operation: 'get',
			phoneNumberId: NUMBER,
			conversationId: sb.ids.insideConversation,
		});
		expect(got.output?.[0].json).toMatchObject({ id: sb.ids.insideConversation, status: 'active' });
		const ended = await run({
			resource: 'conversation',
			operation: 'setStatus',
			phoneNumberId: NUMBER,
			conversationId: sb.ids.insideConversation,
			status: 'ended',
		});
		expect(ended.output?.[0].json).toEqual({
			id: sb.ids.insideConversation,
			status: 'ended',
			success: true,
		});
		const again = await run({
			resource: 'conversation',
			operation: 'get',
			phoneNumberId: NUMBER,
			conversationId: sb.ids.insideConversation,
		});
		expect(again.output?.[0].json.status).toBe('ended');
	});

	it('Conversation: Get Many with a Limit of 1 reads one row', async () => {
		const { output } = await run({
			resource: 'conversation',
			operation: 'getAll',
			phoneNumberId: NUMBER,
			limit: 1,
		});
		expect(output).toHaveLength(1);
		expect(sb.requests[0].query).toMatchObject({ limit: '1' });
	});

	it('Contact: Get Many, Get and Update', async () => {
		const list = await run({
			resource: 'contact',
			operation: 'getAll',
			phoneNumberId: NUMBER,
			returnAll: true,
		});
		expect(list.output?.map((item) => item.json.wa_id).sort()).toEqual([
			'15551230001',
			'15551230002',
			'15551230003',
		]);
		const updated = await run({
			resource: 'contact',
			operation: 'update',
			phoneNumberId: NUMBER,
			waId: '+1 555 123 0001',
			updateFields: { displayName: 'Maria G.', metadata: { tier: 'gold' } },
		});
		expect(updated.error).toBeUndefined();
		const got = await run({
			resource: 'contact',
			operation: 'get',
			phoneNumberId: NUMBER,
			waId: '15551230001',
		});
		expect(got.output?.[0].json).toMatchObject({
			wa_id: '15551230001',
			display_name: 'Maria G.',
			metadata: { tier: 'gold' },
		});
	});

	it('Template: Get Many with filters, and with a Limit', async () => {
		const approved = await run({
			resource: 'template',
			operation: 'getAll',
			phoneNumberId: NUMBER,
			returnAll: true,
			filters: { status: 'APPROVED', name: 'order' },
		});
		expect(approved.output?.map((item) => `${item.json.name}|${item.json.language}`)).toEqual([
			'order_update|en_US',
			'order_update|es',
		]);
		const some = await run({
			resource: 'template',
			operation: 'getAll',
			phoneNumberId: NUMBER,
			limit: 3,
		});
		expect(some.output).toHaveLength(3);
	});

	it('Media: Upload, Get URL, Download into binary, Delete', async () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		const upload = await run(
			{
				resource: 'media',
				operation: 'upload',
				phoneNumberId: NUMBER,
				binaryPropertyName: 'photo',
			},
			{
				items: [
					{
						json: {},
						binary: {
							photo: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'p.png' },
						},
					},
				],
			},
		);
		expect(upload.error).toBeUndefined();
		const mediaId = String(upload.output?.[0].json.id);
		const url = await run({
			resource: 'media',
			operation: 'getUrl',
			phoneNumberId: NUMBER,
			mediaId,
		});
		expect(url.output?.[0].json).toMatchObject({
			id: mediaId,
			mime_type: 'image/png',
			file_size: 11,
		});
		const download = await run({
			resource: 'media',
			operation: 'download',
			phoneNumberId: NUMBER,
			mediaId,
			binaryPropertyName: 'file',
		});
		expect(download.error).toBeUndefined();
		const file = download.output?.[0].binary?.file;
		expect(Buffer.from(String(file?.data), 'base64')).toEqual(bytes);
		expect(file?.fileName).toBe(`${mediaId}.png`);
		const deleted = await run({
			resource: 'media',
			operation: 'delete',
			phoneNumberId: NUMBER,
			mediaId,
		});
		expect(deleted.output?.[0].json).toEqual({ id: mediaId, deleted: true, success: true });
	});

	it('Phone Number: Get Many with their WABA ids', async () => {
		const { output } = await run({ resource: 'phoneNumber', operation: 'getAll', returnAll: true });
		expect(
			output?.map((item) => [item.json.phone_number_id, item.json.business_account_id]),
		).toEqual([
			['100000000000001', '200000000000001'],
			['100000000000002', '200000000000002'],
		]);
	});
});
