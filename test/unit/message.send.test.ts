import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { json, parseMultipart, TEST_TOKEN } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

const MESSAGES_URL = 'https://chat.example.com/api/v1/accounts/1/conversations/42/messages';

async function sendOne(extra: Record<string, unknown>) {
	const run = await runChatwoot({
		parameters: sendParameters(extra),
		http: () => json({ id: 900, content: 'ok' }),
	});
	if (run.error) throw run.error;
	expect(run.requests).toHaveLength(1);
	return run.requests[0];
}

describe('Message → Send builds the exact request', () => {
	it('sends a text message as JSON with the token header, and nothing empty', async () => {
		const request = await sendOne({});
		expect(request.method).toBe('POST');
		expect(request.url).toBe(MESSAGES_URL);
		expect(request.headers).toEqual({ 'Api-Access-Token': TEST_TOKEN });
		expect(request.options.json).toBe(true);
		expect(request.body).toEqual({
			content: 'Hello',
			message_type: 'outgoing',
			private: false,
			content_type: 'text',
		});
	});

	it('never sends source_id, even when an option-like field is empty', async () => {
		const request = await sendOne({ options: { echoId: '', campaignId: 0, ccEmails: '' } });
		expect(request.body).not.toHaveProperty('source_id');
		expect(request.body).toEqual({
			content: 'Hello',
			message_type: 'outgoing',
			private: false,
			content_type: 'text',
		});
	});

	it('sends a private note', async () => {
		const request = await sendOne({ private: true, content: 'Internal: VIP customer' });
		expect(request.body).toEqual({
			content: 'Internal: VIP customer',
			message_type: 'outgoing',
			private: true,
			content_type: 'text',
		});
	});

	it('sends an incoming message', async () => {
		const request = await sendOne({ messageType: 'incoming', content: 'I need help' });
		expect(request.body).toEqual({
			content: 'I need help',
			message_type: 'incoming',
			private: false,
			content_type: 'text',
		});
	});

	it('accepts the conversation by URL', async () => {
		const request = await sendOne({
			conversationId: {
				__rl: true,
				mode: 'url',
				value: 'https://chat.example.com/app/accounts/1/conversations/42',
			},
		});
		expect(request.url).toBe(MESSAGES_URL);
	});

	it('sends options as input_select items, value defaulting to title', async () => {
		const request = await sendOne({
			contentType: 'input_select',
			content: 'Pick one',
			selectOptions: {
				option: [
					{ title: 'Yes', value: 'yes' },
					{ title: 'No', value: '' },
				],
			},
		});
		expect(request.body).toEqual({
			content: 'Pick one',
			message_type: 'outgoing',
			private: false,
			content_type: 'input_select',
			content_attributes: {
				items: [
					{ title: 'Yes', value: 'yes' },
					{ title: 'No', value: 'No' },
				],
			},
		});
	});

	it('sends cards with link and postback actions', async () => {
		const request = await sendOne({
			contentType: 'cards',
			content: '',
			cards: {
				card: [
					{
						title: 'Shoe',
						description: 'Red',
						mediaUrl: 'https://img.example.com/shoe.png',
						actions: {
							action: [
								{ type: 'link', text: 'Buy', uri: 'https://shop.example.com/shoe', payload: '' },
								{ type: 'postback', text: 'More', uri: '', payload: 'MORE_SHOE' },
							],
						},
					},
				],
			},
		});
		expect(request.body).toEqual({
			message_type: 'outgoing',
			private: false,
			content_type: 'cards',
			content_attributes: {
				items: [
					{
						title: 'Shoe',
						description: 'Red',
						media_url: 'https://img.example.com/shoe.png',
						actions: [
							{ type: 'link', text: 'Buy', uri: 'https://shop.example.com/shoe' },
							{ type: 'postback', text: 'More', payload: 'MORE_SHOE' },
						],
					},
				],
			},
		});
	});

	it('sends a form with every field kind', async () => {
		const request = await sendOne({
			contentType: 'form',
			content: 'Tell us more',
			formFields: {
				field: [
					{
						type: 'email',
						name: 'email',
						label: 'Email',
						placeholder: 'you@example.com',
						required: true,
						default: '',
						pattern: '',
						patternError: '',
					},
					{
						type: 'text',
						name: 'zip',
						label: 'ZIP',
						pattern: '^[0-9]{5}$',
						patternError: 'Five digits',
						required: false,
					},
					{ type: 'text_area', name: 'notes', label: 'Notes', default: 'none' },
					{
						type: 'select',
						name: 'size',
						label: 'Size',
						selectOptions: {
							option: [
								{ label: 'Small', value: 's' },
								{ label: 'Large', value: 'l' },
							],
						},
					},
				],
			},
		});
		expect(request.body).toEqual({
			content: 'Tell us more',
			message_type: 'outgoing',
			private: false,
			content_type: 'form',
			content_attributes: {
				items: [
					{
						type: 'email',
						name: 'email',
						label: 'Email',
						placeholder: 'you@example.com',
						required: true,
					},
					{
						type: 'text',
						name: 'zip',
						label: 'ZIP',
						pattern: '^[0-9]{5}$',
						pattern_error: 'Five digits',
					},
					{ type: 'text_area', name: 'notes', label: 'Notes', default: 'none' },
					{
						type: 'select',
						name: 'size',
						label: 'Size',
						options: [
							{ label: 'Small', value: 's' },
							{ label: 'Large', value: 'l' },
						],
					},
				],
			},
		});
	});

	it('sends articles', async () => {
		const request = await sendOne({
			contentType: 'article',
			content: 'These may help',
			articles: {
				article: [
					{ title: 'Reset password', description: 'Steps', link: 'https://help.example.com/reset' },
				],
			},
		});
		expect(request.body).toMatchObject({
			content_type: 'article',
			content_attributes: {
				items: [
					{ title: 'Reset password', description: 'Steps', link: 'https://help.example.com/reset' },
				],
			},
		});
	});

	it('sends input_email without content attributes', async () => {
		const request = await sendOne({ contentType: 'input_email', content: 'Your email?' });
		expect(request.body).toEqual({
			content: 'Your email?',
			message_type: 'outgoing',
			private: false,
			content_type: 'input_email',
		});
	});

	it('sends content attributes written as JSON', async () => {
		const request = await sendOne({
			contentType: 'input_select',
			attributesMode: 'json',
			content: 'Choose',
			contentAttributesJson: '{"items":[{"title":"A","value":"a"}]}',
		});
		expect(request.body).toMatchObject({
			content_type: 'input_select',
			content_attributes: { items: [{ title: 'A', value: 'a' }] },
		});
	});

	it('puts reply-to, echo, campaign and email copies where Chatwoot reads them', async () => {
		const request = await sendOne({
			options: {
				inReplyTo: 77,
				echoId: 'crm-1',
				campaignId: 5,
				ccEmails: 'a@example.com',
				bccEmails: 'b@example.com',
			},
		});
		expect(request.body).toEqual({
			content: 'Hello',
			message_type: 'outgoing',
			private: false,
			content_type: 'text',
			content_attributes: { in_reply_to: 77 },
			echo_id: 'crm-1',
			campaign_id: 5,
			cc_emails: 'a@example.com',
			bcc_emails: 'b@example.com',
		});
	});
});

describe('Message → Send with a WhatsApp template', () => {
	it('builds positional processed_params with document header and both button kinds', async () => {
		const request = await sendOne({
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
			templateContent: '',
		});
		expect(request.body).toEqual({
			content: 'Template order_confirmation (1: Bill, 2: 121212)',
			message_type: 'outgoing',
			content_type: 'text',
			template_params: {
				name: 'order_confirmation',
				language: 'en_US',
				category: 'UTILITY',
				processed_params: {
					body: { '1': 'Bill', '2': '121212' },
					header: {
						media_url: 'https://files.example.com/invoice.pdf',
						media_type: 'document',
						media_name: 'invoice.pdf',
					},
					buttons: [
						{ type: 'url', parameter: '121212' },
						{ type: 'copy_code', parameter: 'SAVE20' },
					],
				},
			},
		});
	});

	it('builds NAMED processed_params with a text header and the agent-visible content', async () => {
		const request = await sendOne({
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
			templateContent: 'Reminder sent to Ann',
		});
		expect(request.body).toEqual({
			content: 'Reminder sent to Ann',
			message_type: 'outgoing',
			content_type: 'text',
			template_params: {
				name: 'appointment_reminder',
				language: 'en',
				category: 'UTILITY',
				processed_params: {
					body: { doctor: 'Dr. Who', date: 'Monday' },
					header: { customer_name: 'Ann' },
				},
			},
		});
	});
});

describe('Message → Send with attachments', () => {
	const items = [
		{
			json: {},
			binary: {
				data: {
					data: Buffer.from('hello pdf').toString('base64'),
					mimeType: 'application/pdf',
					fileName: 'a.pdf',
				},
				photo: {
					data: Buffer.from('png!').toString('base64'),
					mimeType: 'image/png',
					fileName: 'p.png',
				},
			},
		},
	];

	it('sends multipart with attachments[] and bracketed template fields', async () => {
		const run = await runChatwoot({
			items,
			parameters: sendParameters({
				contentType: 'template',
				templateSource: 'manual',
				templateName: 'order_confirmation',
				templateLanguage: 'en_US',
				templateCategory: 'UTILITY',
				templateBodyParameters: { parameter: [{ name: '1', value: 'Bill' }] },
				templateButtons: { button: [{ type: 'url', parameter: 'x1' }] },
				templateContent: 'See attached',
				options: { binaryProperties: 'data, photo' },
			}),
			http: () => json({ id: 1 }),
		});
		expect(run.error).toBeUndefined();
		const request = run.requests[0];
		expect(request.url).toBe(MESSAGES_URL);
		expect(request.headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.headers['Content-Length']).toBe(String((request.body as Buffer).length));
		const { fields, files } = parseMultipart(request);
		expect(fields).toEqual([
			['template_params[name]', 'order_confirmation'],
			['template_params[language]', 'en_US'],
			['template_params[category]', 'UTILITY'],
			['template_params[processed_params][body][1]', 'Bill'],
			['template_params[processed_params][buttons][][type]', 'url'],
			['template_params[processed_params][buttons][][parameter]', 'x1'],
			['content', 'See attached'],
			['message_type', 'outgoing'],
			['content_type', 'text'],
		]);
		expect(files).toEqual([
			{
				field: 'attachments[]',
				fileName: 'a.pdf',
				mimeType: 'application/pdf',
				content: Buffer.from('hello pdf'),
			},
			{
				field: 'attachments[]',
				fileName: 'p.png',
				mimeType: 'image/png',
				content: Buffer.from('png!'),
			},
		]);
	});

	it('streams a file kept in the binary store and marks a voice message', async () => {
		const audio = Buffer.alloc(70_000, 7);
		const run = await runChatwoot({
			items: [
				{
					json: {},
					binary: {
						voice: {
							id: 'filesystem-v1:abc',
							data: 'filesystem-v1',
							mimeType: 'audio/ogg',
							fileName: 'v.ogg',
						},
					},
				},
			],
			storedBinaries: { 'filesystem-v1:abc': audio },
			parameters: sendParameters({
				content: '',
				options: { binaryProperties: 'voice', isVoiceMessage: true },
			}),
			http: () => json({ id: 1 }),
		});
		expect(run.error).toBeUndefined();
		const { fields, files } = parseMultipart(run.requests[0]);
		expect(fields).toEqual([
			['message_type', 'outgoing'],
			['private', 'false'],
			['content_type', 'text'],
			['is_voice_message', 'true'],
		]);
		expect(files[0].content.equals(audio)).toBe(true);
		expect(run.requests[0].headers['Content-Length']).toBe(
			String((run.requests[0].body as Buffer).length),
		);
	});
});

describe('Message → Send checks input before sending', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		[
			'invalid JSON',
			{ contentType: 'cards', attributesMode: 'json', contentAttributesJson: '{"items": [' },
			'Content Attributes (JSON): is not valid JSON',
		],
		[
			'a content type without items',
			{ contentType: 'input_select', selectOptions: {} },
			'Options: a message of type input_select needs at least one option (content_attributes.items is empty) [item 0]',
		],
		[
			'unknown item keys',
			{
				contentType: 'article',
				attributesMode: 'json',
				contentAttributesJson: '{"items":[{"title":"a","url":"https://x.io"}]}',
			},
			'Content Attributes (JSON): unknown key "url" in article 1; allowed: title, description, link [item 0]',
		],
		[
			'a non-http media URL',
			{
				contentType: 'cards',
				cards: { card: [{ title: 'x', mediaUrl: 'ftp://files.example.com/a.png' }] },
			},
			'Cards (card 1 media URL): must be an http:// or https:// URL (got "ftp://files.example.com/a.png") [item 0]',
		],
		[
			'a template header URL that is not http(s)',
			{
				contentType: 'template',
				templateSource: 'manual',
				templateName: 't',
				templateLanguage: 'en',
				templateCategory: 'UTILITY',
				templateHeaderType: 'image',
				templateHeaderMediaUrl: 'javascript:alert(1)',
			},
			'Header Media URL: must be an http:// or https:// URL (got "javascript:alert(1)") [item 0]',
		],
		[
			'a copy code over 15 characters',
			{
				contentType: 'template',
				templateSource: 'manual',
				templateName: 't',
				templateLanguage: 'en',
				templateCategory: 'MARKETING',
				templateButtons: { button: [{ type: 'copy_code', parameter: 'ABCDEFGHIJKLMNOP' }] },
			},
			'Buttons: button 1: a copy code must be 1 to 15 characters (got 16) [item 0]',
		],
		[
			'content over 150000 characters',
			{ content: 'x'.repeat(150_001) },
			'Content: is 150001 characters long; Chatwoot accepts at most 150000 [item 0]',
		],
		[
			'a binary property that does not exist',
			{ options: { binaryProperties: 'missing' } },
			'Attachments (Binary Properties): the item has no binary property "missing" [item 0]',
		],
		[
			'more than 15 attachments',
			{ options: { binaryProperties: Array.from({ length: 16 }, (_, i) => `f${i}`).join(',') } },
			'Attachments (Binary Properties): 16 files given; Chatwoot accepts at most 15 per message [item 0]',
		],
		[
			'a conversation that is not a number',
			{ conversationId: { __rl: true, mode: 'id', value: 'abc' } },
			'Conversation: must be a positive whole number such as 42 (got "abc") [item 0]',
		],
	];

	it.each(cases)(
		'rejects %s with a NodeOperationError naming the field and item, sending nothing',
		async (_name, extra, message) => {
			const run = await runChatwoot({ parameters: sendParameters(extra) });
			expect(run.error).toBeInstanceOf(NodeOperationError);
			expect((run.error as NodeOperationError).message).toContain(message);
			expect((run.error as NodeOperationError).context.itemIndex).toBe(0);
			expect(run.requests).toHaveLength(0);
		},
	);
});

describe('Message → Send maps Chatwoot errors', () => {
	const cases: Array<[number, unknown, string, string | undefined]> = [
		[
			401,
			{ error: 'Invalid Access Token' },
			'Chatwoot rejected the API access token',
			'Check the API Access Token',
		],
		[
			401,
			{ error: 'You are not authorized to access this account' },
			'The access token has no access to account 1',
			'Check the Account ID',
		],
		[
			404,
			{ error: 'Resource could not be found' },
			'Chatwoot could not find conversation 42 in account 1',
			'Chatwoot said: Resource could not be found',
		],
		[
			422,
			{ error: 'Incoming messages are only allowed in Api inboxes' },
			'Chatwoot rejected the request: Incoming messages are only allowed in Api inboxes',
			undefined,
		],
	];

	it.each(cases)(
		'HTTP %s %j becomes a NodeApiError with Chatwoot’s message',
		async (status, body, message, description) => {
			const run = await runChatwoot({
				parameters: sendParameters(),
				http: () => json(body, status),
			});
			expect(run.error).toBeInstanceOf(NodeApiError);
			const error = run.error as NodeApiError;
			expect(error.message).toBe(message);
			if (description) expect(error.description).toContain(description);
			expect(error.httpCode).toBe(String(status));
			expect(error.context.itemIndex).toBe(0);
			expect(run.requests).toHaveLength(1);
			expect(JSON.stringify(error)).not.toContain(TEST_TOKEN);
		},
	);

	it('with continueOnFail returns an error item for the failing item and sends the others', async () => {
		const run = await runChatwoot({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
			parameters: (itemIndex) =>
				sendParameters({
					content: `m${itemIndex}`,
					conversationId: { mode: 'id', value: itemIndex === 1 ? '404' : '42' },
				}),
			http: (request) =>
				request.url.includes('/404/')
					? json({ error: 'Resource could not be found' }, 404)
					: json({ id: 100 + Number((request.body as { content: string }).content.slice(1)) }),
		});
		expect(run.error).toBeUndefined();
		expect(run.output).toEqual([
			{ json: { id: 100 }, pairedItem: { item: 0 } },
			{
				json: {
					error: 'Chatwoot could not find conversation 404 in account 1',
					description: 'Chatwoot said: Resource could not be found',
					httpCode: '404',
				},
				pairedItem: { item: 1 },
			},
			{ json: { id: 102 }, pairedItem: { item: 2 } },
		]);
		expect(run.requests).toHaveLength(3);
	});
});
