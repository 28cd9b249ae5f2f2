import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildTemplateParams } from '../../nodes/Chatwoot/composer/templateParams';
import {
	parseWhatsAppTemplate,
	renderTemplateBody,
	templateMessageFromValues,
} from '../../nodes/Chatwoot/composer/templateDefinitions';
import { templateFields } from '../../nodes/shared/whatsappTemplates';
import { json, NODE, parseMultipart, type SentRequest } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildSeed } = require('../../sandbox/chatwoot/seed') as {
	buildSeed(): { inboxes: IDataObject[] };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inboxJson } = require('../../sandbox/chatwoot/serializers') as {
	inboxJson(inbox: IDataObject): IDataObject;
};

const inbox = (id: number): IDataObject =>
	inboxJson(buildSeed().inboxes.find((entry) => entry.id === id) as IDataObject);

/** Which inbox each conversation of the double is in. */
const CONVERSATION_INBOXES: Record<string, number> = { '42': 2, '43': 2, '44': 3, '7': 4 };

/** Chatwoot double: inboxes and conversations by id, messages echo their body. */
function http(
	inboxes: Record<string, IDataObject> = { '2': inbox(2), '3': inbox(3), '4': inbox(4) },
) {
	return (request: SentRequest) => {
		const match = /\/inboxes\/(\d+)$/.exec(request.url);
		if (request.method === 'GET' && match) {
			return inboxes[match[1]]
				? json(inboxes[match[1]])
				: json({ error: 'Resource could not be found' }, 404);
		}
		const conversation = /\/conversations\/(\d+)$/.exec(request.url);
		if (request.method === 'GET' && conversation) {
			const inboxId = CONVERSATION_INBOXES[conversation[1]];
			return inboxId
				? json({ id: Number(conversation[1]), inbox_id: inboxId, status: 'open' })
				: json({ error: 'Resource could not be found' }, 404);
		}
		return json({ id: 99 });
	};
}

const fromInbox = (templateId: string, value: IDataObject | null, extra: IDataObject = {}) =>
	sendParameters({
		contentType: 'template',
		templateSource: 'inbox',
		templateInboxId: { __rl: true, mode: 'list', value: '2' },
		templateId,
		templateVariables: { mappingMode: 'defineBelow', value },
		...extra,
	});

async function send(parameters: IDataObject, inboxes?: Record<string, IDataObject>) {
	const run = await runChatwoot({ parameters, http: http(inboxes) });
	const post = run.requests.find((request) => request.method === 'POST');
	return { ...run, post };
}

const ORDER_VALUES = {
	'header.media_url': 'https://files.example.com/invoice.pdf',
	'header.media_name': 'invoice.pdf',
	'body.1': 'Bill',
	'body.2': '121212',
	'button.0': '121212',
	'button.1': 'SAVE20',
};

describe('WhatsApp template from the inbox → processed_params', () => {
	it('positional: document header, body, URL and copy-code buttons; name, language, category from the template', async () => {
		const { post, requests, error } = await send(
			fromInbox('order_confirmation|en_US', ORDER_VALUES),
		);
		expect(error).toBeUndefined();
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: 'https://chat.example.com/api/v1/accounts/1/inboxes/2',
		});
		expect(post?.url).toBe('https://chat.example.com/api/v1/accounts/1/conversations/42/messages');
		expect(post?.body).toEqual({
			content: 'Hi Bill, your order 121212 is confirmed.',
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

	it('NAMED: body keyed by variable names, text header keyed by its variable, quick reply left out', async () => {
		const { post } = await send(
			fromInbox('appointment_reminder|en', {
				'header.text': 'Ann',
				'body.doctor': 'Dr. Who',
				'body.date': 'Monday',
			}),
		);
		expect(post?.body).toEqual({
			content: 'Your appointment with Dr. Who is on Monday.',
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

	it('image header without a filename, copy code; category MARKETING from the template', async () => {
		const { post } = await send(
			fromInbox('summer_promo|pt_BR', {
				'header.media_url': 'https://img.example.com/p.jpg',
				'body.1': 'VERAO10',
				'button.0': 'VERAO10',
			}),
		);
		expect((post?.body as IDataObject).template_params).toEqual({
			name: 'summer_promo',
			language: 'pt_BR',
			category: 'MARKETING',
			processed_params: {
				body: { '1': 'VERAO10' },
				header: { media_url: 'https://img.example.com/p.jpg', media_type: 'image' },
				buttons: [{ type: 'copy_code', parameter: 'VERAO10' }],
			},
		});
	});

	it('video header', () => {
		const template = parseWhatsAppTemplate({
			name: 'clip',
			language: 'en',
			status: 'APPROVED',
			category: 'MARKETING',
			components: [
				{ type: 'HEADER', format: 'VIDEO' },
				{ type: 'BODY', text: 'Watch' },
			],
		});
		expect(templateFields(template).map((field) => field.id)).toEqual(['header.media_url']);
		const message = templateMessageFromValues(NODE, 0, template, {
			'header.media_url': 'https://v.example.com/a.mp4',
		});
		expect(buildTemplateParams(NODE, 0, message).processed_params).toEqual({
			header: { media_url: 'https://v.example.com/a.mp4', media_type: 'video' },
		});
	});

	it('a template without variables sends empty processed_params and its body as content', async () => {
		const { post } = await send(fromInbox('plain_notice|en', null));
		expect(post?.body).toMatchObject({
			content: 'Our office is closed today. We will reply tomorrow.',
			template_params: {
				name: 'plain_notice',
				language: 'en',
				category: 'UTILITY',
				processed_params: {},
			},
		});
	});

	it('keeps a content the user wrote', async () => {
		const { post } = await send(
			fromInbox('order_confirmation|en_US', ORDER_VALUES, { templateContent: 'Order mail sent' }),
		);
		expect((post?.body as IDataObject).content).toBe('Order mail sent');
	});

	/** Inbox 2 plus a template whose quick reply precedes a URL button with a variable. */
	function replyThenLinkInbox(): Record<string, IDataObject> {
		const custom = inbox(2);
		(custom.message_templates as IDataObject[]).push({
			name: 'reply_then_link',
			language: 'en',
			status: 'APPROVED',
			category: 'UTILITY',
			components: [
				{ type: 'BODY', text: 'Your file is ready.' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'QUICK_REPLY', text: 'Thanks' },
						{ type: 'URL', text: 'Open', url: 'https://f.example/{{1}}' },
						{ type: 'PHONE_NUMBER', text: 'Call' },
					],
				},
			],
		});
		return { '2': custom };
	}

	it('a button without a variable before one with a variable keeps its index with a skipped placeholder', async () => {
		const { post } = await send(
			fromInbox('reply_then_link|en', { 'button.1': 'f-1' }),
			replyThenLinkInbox(),
		);
		expect((post?.body as IDataObject).template_params).toMatchObject({
			processed_params: {
				buttons: [
					{ type: 'copy_code', parameter: '' },
					{ type: 'url', parameter: 'f-1' },
				],
			},
		});
	});

	it('the placeholder survives multipart encoding as buttons[][type] / buttons[][parameter]', async () => {
		const run = await runChatwoot({
			items: [
				{
					json: {},
					binary: {
						data: {
							data: Buffer.from('x').toString('base64'),
							mimeType: 'text/plain',
							fileName: 'a.txt',
						},
					},
				},
			],
			parameters: fromInbox(
				'reply_then_link|en',
				{ 'button.1': 'f-1' },
				{ options: { binaryProperties: 'data' } },
			),
			http: http(replyThenLinkInbox()),
		});
		const post = run.requests.find((request) => request.method === 'POST') as SentRequest;
		const fields = parseMultipart(post).fields.filter(([name]) => name.includes('buttons'));
		expect(fields).toEqual([
			['template_params[processed_params][buttons][][type]', 'copy_code'],
			['template_params[processed_params][buttons][][parameter]', ''],
			['template_params[processed_params][buttons][][type]', 'url'],
			['template_params[processed_params][buttons][][parameter]', 'f-1'],
		]);
	});

	it('Twilio WhatsApp: flat content variables, content_sid, name from friendly_name', async () => {
		const { post } = await send(
			fromInbox(
				'order_update|en',
				{ 'body.1': 'Ana', 'body.2': 'ORD-1' },
				{ templateInboxId: { __rl: true, mode: 'id', value: '3' } },
			),
		);
		expect(post?.body).toEqual({
			content: 'Hello Ana, your order ORD-1 has shipped.',
			message_type: 'outgoing',
			content_type: 'text',
			template_params: {
				name: 'order_update',
				language: 'en',
				category: 'UTILITY',
				content_sid: 'HX00000000000000000000000000000001',
				processed_params: { '1': 'Ana', '2': 'ORD-1' },
			},
		});
	});

	it('fetches the inbox once per execution for many items', async () => {
		const run = await runChatwoot({
			items: [{ json: {} }, { json: {} }, { json: {} }],
			parameters: (itemIndex) =>
				fromInbox('order_confirmation|en_US', {
					...ORDER_VALUES,
					'body.1': `Customer ${itemIndex}`,
				}),
			http: http(),
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.filter((request) => request.method === 'GET')).toHaveLength(1);
		expect(
			run.requests
				.filter((request) => request.method === 'POST')
				.map((request) => (request.body as IDataObject).content),
		).toEqual([
			'Hi Customer 0, your order 121212 is confirmed.',
			'Hi Customer 1, your order 121212 is confirmed.',
			'Hi Customer 2, your order 121212 is confirmed.',
		]);
	});

	it("Template Inbox left empty: the conversation's inbox, looked up once per conversation and execution", async () => {
		const conversations = ['42', '43', '42'];
		const run = await runChatwoot({
			items: conversations.map(() => ({ json: {} })),
			parameters: (itemIndex) =>
				fromInbox('order_confirmation|en_US', ORDER_VALUES, {
					conversationId: { __rl: true, mode: 'id', value: conversations[itemIndex] },
					templateInboxId: { __rl: true, mode: 'list', value: '' },
				}),
			http: http(),
		});
		expect(run.error).toBeUndefined();
		const requests = run.requests.map((request) => `${request.method} ${request.url}`);
		const base = 'https://chat.example.com/api/v1/accounts/1';
		// items of one conversation run in order; the two conversations may interleave
		expect(requests.filter((request) => request.startsWith('GET')).sort()).toEqual([
			`GET ${base}/conversations/42`,
			`GET ${base}/conversations/43`,
			`GET ${base}/inboxes/2`,
		]);
		expect(requests.filter((request) => request.startsWith('POST')).sort()).toEqual([
			`POST ${base}/conversations/42/messages`,
			`POST ${base}/conversations/42/messages`,
			`POST ${base}/conversations/43/messages`,
		]);
		expect(run.output?.map((item) => item.json.id)).toEqual([99, 99, 99]);
	});

	it('Template Inbox chosen: its templates, without a conversation lookup', async () => {
		const { requests, error } = await send(fromInbox('order_confirmation|en_US', ORDER_VALUES));
		expect(error).toBeUndefined();
		expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET https://chat.example.com/api/v1/accounts/1/inboxes/2',
			'POST https://chat.example.com/api/v1/accounts/1/conversations/42/messages',
		]);
	});

	it('Template Inbox left empty and the conversation is not in a WhatsApp inbox: says so, sends nothing', async () => {
		const { requests, error } = await send(
			fromInbox('order_confirmation|en_US', ORDER_VALUES, {
				conversationId: { __rl: true, mode: 'id', value: '7' },
				templateInboxId: { __rl: true, mode: 'list', value: '' },
			}),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			'Conversation: conversation 7 is in inbox 4 "Website", a Website inbox; templates are sent from WhatsApp inboxes (WhatsApp Cloud, 360dialog or Twilio WhatsApp) [item 0]',
		);
		expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET https://chat.example.com/api/v1/accounts/1/conversations/7',
			'GET https://chat.example.com/api/v1/accounts/1/inboxes/4',
		]);
	});

	it('renders the body with the values (unknown variables stay as written)', () => {
		const template = parseWhatsAppTemplate({
			name: 'x',
			language: 'en',
			status: 'APPROVED',
			components: [{ type: 'BODY', text: 'A {{1}} B {{ 2 }}' }],
		});
		expect(
			renderTemplateBody(template, {
				name: 'x',
				language: 'en',
				category: '',
				body: [{ name: '1', value: 'one' }],
				buttons: [],
			}),
		).toBe('A one B {{ 2 }}');
	});
});

describe('WhatsApp template from the inbox: checks before sending', () => {
	async function failure(parameters: IDataObject, inboxes?: Record<string, IDataObject>) {
		const run = await send(parameters, inboxes);
		expect(run.post).toBeUndefined();
		expect(run.error).toBeInstanceOf(NodeOperationError);
		return (run.error as Error).message;
	}

	it('a required variable is empty', async () => {
		expect(
			await failure(fromInbox('order_confirmation|en_US', { ...ORDER_VALUES, 'body.2': '  ' })),
		).toBe('Template Variables: Body · {{2}} (body.2) is required and empty [item 0]');
		const { 'button.0': _removed, ...withoutButton } = ORDER_VALUES;
		expect(await failure(fromInbox('order_confirmation|en_US', withoutButton))).toBe(
			'Template Variables: Button 1 · URL suffix, button "Track order" (button.0) is required and empty [item 0]',
		);
	});

	it('a value the template does not have', async () => {
		expect(
			await failure(fromInbox('order_confirmation|en_US', { ...ORDER_VALUES, 'body.3': 'x' })),
		).toBe(
			'Template Variables: "body.3" is not a variable of template order_confirmation (en_US); its variables: header.media_url, header.media_name, body.1, body.2, button.0, button.1. Refresh the field list if the template changed. [item 0]',
		);
	});

	it('a header media URL that is not http(s)', async () => {
		expect(
			await failure(
				fromInbox('order_confirmation|en_US', {
					...ORDER_VALUES,
					'header.media_url': 'ftp://files/x.pdf',
				}),
			),
		).toBe(
			'Template Variables: Header · Document URL (header.media_url) must be an http:// or https:// URL (got "ftp://files/x.pdf") [item 0]',
		);
	});

	it('a copy code over 15 characters', async () => {
		expect(
			await failure(
				fromInbox('order_confirmation|en_US', {
					...ORDER_VALUES,
					'button.1': 'THIS-CODE-IS-TOO-LONG',
				}),
			),
		).toBe(
			'Template Variables: Button 2 · Copy code, button "Copy code" (button.1) is 21 characters; WhatsApp allows at most 15 [item 0]',
		);
	});

	it('a template that is not approved, not in the inbox, or in another language', async () => {
		expect(await failure(fromInbox('pending_template|en', { 'body.1': 'x' }))).toBe(
			'Template: "pending_template" (en) is PENDING, not approved: Chatwoot only sends approved templates (inbox 2 "WhatsApp Support") [item 0]',
		);
		expect(await failure(fromInbox('gone|en', {}))).toBe(
			'Template: no template "gone" (en) in this inbox. Approved templates: order_confirmation (en_US), appointment_reminder (en), summer_promo (pt_BR), plain_notice (en) (inbox 2 "WhatsApp Support") [item 0]',
		);
		expect(await failure(fromInbox('order_confirmation|pt_BR', ORDER_VALUES))).toBe(
			'Template: "order_confirmation" (pt_BR) does not exist in that language; it exists in en_US (inbox 2 "WhatsApp Support") [item 0]',
		);
	});

	it('a template given by name alone works when the name is unique', async () => {
		const { post } = await send(fromInbox('order_confirmation', ORDER_VALUES));
		expect((post?.body as IDataObject).template_params).toMatchObject({
			name: 'order_confirmation',
			language: 'en_US',
		});
	});

	it('an inbox that is not a WhatsApp inbox, an empty template, an inbox that is not a number', async () => {
		expect(
			await failure(
				fromInbox('x|en', {}, { templateInboxId: { __rl: true, mode: 'id', value: '4' } }),
			),
		).toBe(
			'Template Inbox: inbox 4 "Website" is a Website inbox; templates are sent from WhatsApp inboxes (WhatsApp Cloud, 360dialog or Twilio WhatsApp) [item 0]',
		);
		expect(await failure(fromInbox('', {}))).toBe(
			"Template: is required: choose one of the inbox's approved templates [item 0]",
		);
		expect(
			await failure(
				fromInbox('x|en', {}, { templateInboxId: { __rl: true, mode: 'id', value: 'abc' } }),
			),
		).toBe('Template Inbox: must be a positive whole number such as 42 (got "abc") [item 0]');
	});

	it('a LOCATION header cannot be sent', () => {
		const template = parseWhatsAppTemplate({
			name: 'where',
			language: 'en',
			status: 'APPROVED',
			components: [
				{ type: 'HEADER', format: 'LOCATION' },
				{ type: 'BODY', text: 'Here' },
			],
		});
		expect(() => templateMessageFromValues(NODE, 3, template, {})).toThrow(
			"Template: where (en): its LOCATION header cannot be sent through Chatwoot's API (only text, image, video and document headers) [item 3]",
		);
	});
});

describe('manual templates: buttons without a variable', () => {
	it('"No Variable" keeps the position; trailing ones are left out', async () => {
		const run = await runChatwoot({
			parameters: sendParameters({
				contentType: 'template',
				templateSource: 'manual',
				templateName: 'reply_then_link',
				templateLanguage: 'en',
				templateCategory: 'UTILITY',
				templateButtons: {
					button: [
						{ type: 'none', parameter: '' },
						{ type: 'url', parameter: 'f-1' },
						{ type: 'none', parameter: '' },
					],
				},
			}),
		});
		expect((run.requests[0].body as IDataObject).template_params).toEqual({
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
	});
});
