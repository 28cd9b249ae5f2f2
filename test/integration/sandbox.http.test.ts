/**
 * Every request shape the node builds, sent over real HTTP to the Chatwoot sandbox, which checks
 * it against Chatwoot's OpenAPI spec (when ../shared/chatwoot is present) and the NOTES rules.
 */
import { NodeApiError } from 'n8n-workflow';

import { runChatwoot, runOnSandbox, sendParameters } from '../helpers/run';
import { realHttp } from '../helpers/realHttp';

import { startSandbox, type Sandbox } from '../helpers/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const API_CONVERSATION = '1';
const WHATSAPP_CONVERSATION = '2';

const run = async (
	parameters: Record<string, unknown>,
	extra: Partial<Parameters<typeof runChatwoot>[0]> = {},
) => await runOnSandbox(sandbox, parameters, extra);

const send = (conversation: string, extra: Record<string, unknown>) =>
	sendParameters({ conversationId: { __rl: true, mode: 'id', value: conversation }, ...extra });

const shapes: Array<[string, string, Record<string, unknown>]> = [
	['text', API_CONVERSATION, {}],
	['private note', API_CONVERSATION, { private: true }],
	['incoming', API_CONVERSATION, { messageType: 'incoming' }],
	[
		'input_select',
		API_CONVERSATION,
		{
			contentType: 'input_select',
			selectOptions: { option: [{ title: 'Yes', value: 'y' }, { title: 'No' }] },
		},
	],
	[
		'cards',
		API_CONVERSATION,
		{
			contentType: 'cards',
			cards: {
				card: [
					{
						title: 'Shoe',
						description: 'Red',
						mediaUrl: 'https://img.example.com/s.png',
						actions: {
							action: [
								{ type: 'link', text: 'Buy', uri: 'https://shop.example.com' },
								{ type: 'postback', text: 'More', payload: 'MORE' },
							],
						},
					},
				],
			},
		},
	],
	[
		'form',
		API_CONVERSATION,
		{
			contentType: 'form',
			formFields: {
				field: [
					{ type: 'email', name: 'email', label: 'Email', required: true },
					{
						type: 'select',
						name: 'size',
						label: 'Size',
						selectOptions: { option: [{ label: 'S', value: 's' }] },
					},
					{
						type: 'text_area',
						name: 'notes',
						label: 'Notes',
						pattern: '.+',
						patternError: 'Required',
					},
				],
			},
		},
	],
	[
		'article',
		API_CONVERSATION,
		{
			contentType: 'article',
			articles: {
				article: [{ title: 'Help', description: 'd', link: 'https://help.example.com/a' }],
			},
		},
	],
	['input_email', API_CONVERSATION, { contentType: 'input_email' }],
	[
		'JSON attributes',
		API_CONVERSATION,
		{
			contentType: 'input_select',
			attributesMode: 'json',
			contentAttributesJson: '{"items":[{"title":"A","value":"a"}]}',
		},
	],
	['options', API_CONVERSATION, { options: { echoId: 'crm-1', inReplyTo: 1, campaignId: 1 } }],
	[
		'positional template',
		WHATSAPP_CONVERSATION,
		{
			contentType: 'template',
			templateSource: 'manual',
			templateName: 'order_confirmation',
			templateLanguage: 'en_US',
			templateCategory: 'UTILITY',
			templateBodyParameters: {
				parameter: [
					{ name: '1', value: 'Bill' },
					{ name: '2', value: '121212' },
				],
			},
			templateHeaderType: 'document',
			templateHeaderMediaUrl: 'https://files.example.com/invoice.pdf',
			templateHeaderFileName: 'invoice.pdf',
			templateButtons: {
				button: [
					{ type: 'url', parameter: '121212' },
					{ type: 'copy_code', parameter: 'SAVE20' },
				],
			},
		},
	],
	[
		'NAMED template',
		WHATSAPP_CONVERSATION,
		{
			contentType: 'template',
			templateSource: 'manual',
			templateName: 'appointment_reminder',
			templateLanguage: 'en',
			templateCategory: 'UTILITY',
			templateBodyParameters: {
				parameter: [
					{ name: 'doctor', value: 'Dr. Who' },
					{ name: 'date', value: 'Monday' },
				],
			},
			templateHeaderType: 'text',
			templateHeaderParameterName: 'customer_name',
			templateHeaderText: 'Ann',
		},
	],
];

describe('every request shape against the sandbox', () => {
	it.each(shapes)('%s is accepted with zero violations', async (_name, conversation, extra) => {
		const result = await run(send(conversation, extra));
		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json.id).toEqual(expect.any(Number));
		expect(sandbox.violations).toEqual([]);
		expect(sandbox.requests.map((request) => request.status)).toEqual([200]);
	});

	it('attachments with a template go as multipart with bracketed fields, zero violations', async () => {
		const result = await run(
			send(WHATSAPP_CONVERSATION, {
				contentType: 'template',
				templateSource: 'manual',
				templateName: 'summer_promo',
				templateLanguage: 'pt_BR',
				templateCategory: 'MARKETING',
				templateBodyParameters: { parameter: [{ name: '1', value: 'SUMMER' }] },
				templateHeaderType: 'image',
				templateHeaderMediaUrl: 'https://img.example.com/promo.jpg',
				templateButtons: { button: [{ type: 'copy_code', parameter: 'SUMMER20' }] },
				options: { binaryProperties: 'data' },
			}),
			{
				items: [
					{
						json: {},
						binary: {
							data: {
								data: Buffer.from('%PDF').toString('base64'),
								mimeType: 'application/pdf',
								fileName: 'x.pdf',
							},
						},
					},
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.violations).toEqual([]);
		const recorded = sandbox.requests[0];
		expect(recorded.body.files).toEqual([
			expect.objectContaining({
				field: 'attachments[]',
				filename: 'x.pdf',
				mimeType: 'application/pdf',
				size: 4,
			}),
		]);
		expect(result.output?.[0].json.attachments).toHaveLength(1);
	});

	it('Get Many with Return All walks the pages of a 45-message conversation', async () => {
		const result = await run({
			resource: 'message',
			operation: 'getAll',
			conversationId: { mode: 'id', value: API_CONVERSATION },
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		const ids = result.output?.map((item) => item.json.id as number) ?? [];
		expect(ids.length).toBeGreaterThanOrEqual(45);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(sandbox.requests.length).toBeGreaterThanOrEqual(3);
		expect(sandbox.violations).toEqual([]);
	});

	it('Delete removes a message, zero violations', async () => {
		const list = await run({
			resource: 'message',
			operation: 'getAll',
			conversationId: { mode: 'id', value: API_CONVERSATION },
			returnAll: false,
			limit: 1,
		});
		const messageId = String(list.output?.[0].json.id);
		const result = await run({
			resource: 'message',
			operation: 'delete',
			conversationId: { mode: 'id', value: API_CONVERSATION },
			messageId,
		});
		expect(result.error).toBeUndefined();
		expect(result.output?.[0].json).toMatchObject({ id: Number(messageId), deleted: true });
		expect(sandbox.violations).toEqual([]);
	});
});

describe('Chatwoot errors from the sandbox', () => {
	it('401 for a wrong token', async () => {
		const result = await runChatwoot({
			parameters: send(API_CONVERSATION, {}),
			credentials: { baseUrl: sandbox.url, accessToken: 'wrong', accountId: 1 },
			http: realHttp,
		});
		expect((result.error as NodeApiError).message).toBe('Chatwoot rejected the API access token');
		expect((result.error as NodeApiError).httpCode).toBe('401');
	});

	it('404 for a conversation that does not exist', async () => {
		const result = await run(send('99999', {}));
		expect((result.error as NodeApiError).message).toBe(
			'Chatwoot could not find conversation 99999 in account 1',
		);
	});

	it('422 with Chatwoot’s own text for an incoming message outside an API inbox', async () => {
		const result = await run(send(WHATSAPP_CONVERSATION, { messageType: 'incoming' }));
		expect((result.error as NodeApiError).message).toBe(
			'Chatwoot rejected the request: Incoming messages are only allowed in Api inboxes',
		);
		expect((result.error as NodeApiError).httpCode).toBe('422');
	});
});
