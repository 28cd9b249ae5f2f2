/**
 * Bad input across operations: each row is one mistake a user can make. The node must stop with
 * a NodeOperationError whose exact message names the field and the item, before sending anything
 * for that item. Item 0 is always valid and item 1 carries the mistake, so the item index counts.
 */
import { NodeOperationError } from 'n8n-workflow';

import { json } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

const id = (value: string) => ({ __rl: true, mode: 'id', value });
type Parameters = Record<string, unknown>;

const send = (extra: Parameters = {}) => sendParameters(extra);
const template = (extra: Parameters = {}) =>
	send({
		contentType: 'template',
		templateSource: 'manual',
		templateName: 'order_confirmation',
		templateLanguage: 'en_US',
		templateCategory: 'UTILITY',
		...extra,
	});
const sendToContact = (extra: Parameters = {}) => ({
	resource: 'message',
	operation: 'sendToContact',
	inboxId: id('1'),
	identifyBy: 'phone',
	phoneNumber: '+15551234567',
	contentType: 'text',
	content: 'Hi',
	...extra,
});
const contact = (operation: string, extra: Parameters = {}) => ({
	resource: 'contact',
	operation,
	contactId: id('7'),
	...extra,
});
const conversation = (operation: string, extra: Parameters = {}) => ({
	resource: 'conversation',
	operation,
	conversationId: id('42'),
	...extra,
});

/** [what is wrong, valid parameters for item 0, the same with the mistake for item 1, exact message] */
const cases: Array<[string, Parameters, Parameters, string]> = [
	[
		'invalid JSON attributes',
		send({
			contentType: 'cards',
			attributesMode: 'json',
			contentAttributesJson: '{"items":[{"title":"a"}]}',
		}),
		send({ contentType: 'cards', attributesMode: 'json', contentAttributesJson: '{"items": [' }),
		'Content Attributes (JSON): is not valid JSON (Unexpected end of JSON input) [item 1]',
	],
	[
		'JSON attributes that are not an object',
		send(),
		send({ contentType: 'article', attributesMode: 'json', contentAttributesJson: '[1]' }),
		'Content Attributes (JSON): must be a JSON object such as {"items": [...]} [item 1]',
	],
	[
		'options message without options',
		send(),
		send({ contentType: 'input_select', selectOptions: {} }),
		'Options: a message of type input_select needs at least one option (content_attributes.items is empty) [item 1]',
	],
	[
		'option without a title',
		send(),
		send({ contentType: 'input_select', selectOptions: { option: [{ title: '', value: 'x' }] } }),
		'Options: option 1 needs a title [item 1]',
	],
	[
		'unknown item key',
		send(),
		send({
			contentType: 'article',
			attributesMode: 'json',
			contentAttributesJson: '{"items":[{"title":"a","url":"https://x.io"}]}',
		}),
		'Content Attributes (JSON): unknown key "url" in article 1; allowed: title, description, link [item 1]',
	],
	[
		'unknown top-level key',
		send(),
		send({
			contentType: 'input_select',
			attributesMode: 'json',
			contentAttributesJson: '{"items":[{"title":"a"}],"colour":"red"}',
		}),
		'Content Attributes (JSON): unknown key "colour" in content attributes; allowed: items, in_reply_to, submitted_values, submitted_email, email, deleted, external_error [item 1]',
	],
	[
		'card media URL not http(s)',
		send(),
		send({ contentType: 'cards', cards: { card: [{ title: 'x', mediaUrl: 'ftp://x.io/a.png' }] } }),
		'Cards (card 1 media URL): must be an http:// or https:// URL (got "ftp://x.io/a.png") [item 1]',
	],
	[
		'card link without a URL',
		send(),
		send({
			contentType: 'cards',
			cards: {
				card: [{ title: 'x', actions: { action: [{ type: 'link', text: 'Go', uri: '' }] } }],
			},
		}),
		'Cards (card 1, action 1 URI): must be an http:// or https:// URL (got "") [item 1]',
	],
	[
		'card action of unknown type',
		send(),
		send({
			contentType: 'cards',
			attributesMode: 'json',
			contentAttributesJson: '{"items":[{"title":"x","actions":[{"type":"call","text":"Go"}]}]}',
		}),
		'Content Attributes (JSON): card 1, action 1: type must be "link" or "postback" (got "call") [item 1]',
	],
	[
		'form field of unknown type',
		send(),
		send({
			contentType: 'form',
			attributesMode: 'json',
			contentAttributesJson: '{"items":[{"type":"date","name":"d"}]}',
		}),
		'Content Attributes (JSON): form field 1: type must be one of email, text, text_area, select (got "date") [item 1]',
	],
	[
		'form field without a name',
		send(),
		send({
			contentType: 'form',
			formFields: { field: [{ type: 'text', name: '', label: 'Name' }] },
		}),
		'Form Fields: form field 1 needs a name [item 1]',
	],
	[
		'article link not a URL',
		send(),
		send({ contentType: 'article', articles: { article: [{ title: 'a', link: 'help page' }] } }),
		'Articles (article 1 link): must be an http:// or https:// URL (got "help page") [item 1]',
	],
	[
		'content over 150000 characters',
		send(),
		send({ content: 'x'.repeat(150_001) }),
		'Content: is 150001 characters long; Chatwoot accepts at most 150000 [item 1]',
	],
	[
		'missing binary property',
		send(),
		send({ options: { binaryProperties: 'invoice' } }),
		'Attachments (Binary Properties): the item has no binary property "invoice" [item 1]',
	],
	[
		'16 attachments',
		send(),
		send({
			options: { binaryProperties: Array.from({ length: 16 }, (_, i) => `file${i}`).join(', ') },
		}),
		'Attachments (Binary Properties): 16 files given; Chatwoot accepts at most 15 per message [item 1]',
	],
	[
		'voice message without audio',
		send(),
		send({ options: { isVoiceMessage: true } }),
		'Voice Message: needs an audio file in Attachments (Binary Properties) [item 1]',
	],
	[
		'conversation that is not a number',
		send(),
		send({ conversationId: id('forty-two') }),
		'Conversation: must be a positive whole number such as 42 (got "forty-two") [item 1]',
	],
	[
		'conversation zero',
		send(),
		send({ conversationId: id('0') }),
		'Conversation: must be a positive whole number such as 42 (got "0") [item 1]',
	],
	[
		'template without a name',
		template(),
		template({ templateName: ' ' }),
		'Template Name: is required [item 1]',
	],
	[
		'template without a language',
		template(),
		template({ templateLanguage: '' }),
		'Template Language: is required (for example en_US) [item 1]',
	],
	[
		'template category Chatwoot does not know',
		template(),
		template({ templateCategory: 'PROMO' }),
		'Template Category: must be one of UTILITY, MARKETING, SHIPPING_UPDATE, TICKET_UPDATE, ISSUE_RESOLUTION (got "PROMO") [item 1]',
	],
	[
		'template header URL not http(s)',
		template(),
		template({ templateHeaderType: 'image', templateHeaderMediaUrl: 'javascript:alert(1)' }),
		'Header Media URL: must be an http:// or https:// URL (got "javascript:alert(1)") [item 1]',
	],
	[
		'template copy code over 15 characters',
		template(),
		template({
			templateButtons: { button: [{ type: 'copy_code', parameter: 'ABCDEFGHIJKLMNOP' }] },
		}),
		'Buttons: button 1: a copy code must be 1 to 15 characters (got 16) [item 1]',
	],
	[
		'template parameter without a name',
		template(),
		template({ templateBodyParameters: { parameter: [{ name: '', value: 'x' }] } }),
		'Body Parameters: every parameter needs a name ("1", "2"… or the variable name) [item 1]',
	],
	[
		'template parameter given twice',
		template(),
		template({
			templateBodyParameters: {
				parameter: [
					{ name: '1', value: 'a' },
					{ name: '1', value: 'b' },
				],
			},
		}),
		'Body Parameters: parameter "1" is given twice [item 1]',
	],
	[
		'delete with a message ID that is not a number',
		{ resource: 'message', operation: 'delete', conversationId: id('42'), messageId: '31' },
		{ resource: 'message', operation: 'delete', conversationId: id('42'), messageId: 'last' },
		'Message ID: must be a positive whole number such as 42 (got "last") [item 1]',
	],
	[
		'phone number not E.164',
		sendToContact(),
		sendToContact({ phoneNumber: '555-1234' }),
		'Phone Number: must start with + and the country code (got "555-1234") [item 1]',
	],
	[
		'phone number with letters',
		sendToContact(),
		sendToContact({ phoneNumber: '+1 555 CALL NOW' }),
		'Phone Number: may only contain digits after the +, besides spaces, dashes and parentheses (got "+1 555 CALL NOW") [item 1]',
	],
	[
		'invalid email',
		sendToContact(),
		sendToContact({ identifyBy: 'email', email: 'ann@' }),
		'Email: is not a valid email address (got "ann@"); expected something like ana@example.com [item 1]',
	],
	[
		'empty identifier',
		sendToContact(),
		sendToContact({ identifyBy: 'identifier', identifier: '  ' }),
		'Identifier: is empty; give the ID of the person in your system, e.g. crm-1042 [item 1]',
	],
	[
		'inbox that is not a number',
		sendToContact(),
		sendToContact({ inboxId: id('support') }),
		'Inbox: must be a positive whole number such as 42 (got "support") [item 1]',
	],
	[
		'contact with nothing to identify it',
		contact('create', { contactFields: { name: 'Ann' } }),
		contact('create', { contactFields: {} }),
		'Contact Fields: give at least a Name, Email, Phone Number or Identifier [item 1]',
	],
	[
		'contact with a bad phone number',
		contact('create', { contactFields: { name: 'Ann' } }),
		contact('create', { contactFields: { phoneNumber: '0044 20 1234' } }),
		'Phone Number: must start with + and the country code (got "0044 20 1234") [item 1]',
	],
	[
		'contact update with a bad email',
		contact('update', { updateFields: { email: 'ann@example.com' } }),
		contact('update', { updateFields: { email: 'ann at example.com' } }),
		'Email: is not a valid email address (got "ann at example.com"); expected something like ana@example.com [item 1]',
	],
	[
		'contact ID that is not a number',
		contact('get'),
		contact('get', { contactId: id('ann') }),
		'Contact: must be a positive whole number such as 42 (got "ann") [item 1]',
	],
	[
		'conversation custom attributes not JSON',
		conversation('setCustomAttributes', { customAttributes: '{"plan":"pro"}' }),
		conversation('setCustomAttributes', { customAttributes: '{plan: pro}' }),
		"Custom Attributes (JSON): is not valid JSON (Expected property name or '}' in JSON at position 1) [item 1]",
	],
	[
		'assign with neither agent nor team',
		conversation('assign', { assigneeId: id('2') }),
		conversation('assign', {}),
		'Agent: choose an agent, a team or both to assign [item 1]',
	],
];

function httpFor() {
	// Enough of Chatwoot for the valid item to succeed; never reached by the bad one.
	return (request: { method: string; url: string }) => {
		if (request.url.includes('/contacts/search'))
			return json({ meta: { count: 0, current_page: 1 }, payload: [] });
		if (request.url.endsWith('/contacts') && request.method === 'POST') {
			return json({
				payload: { contact: { id: 7 }, contact_inbox: { source_id: 'src-1', inbox: { id: 1 } } },
			});
		}
		if (request.url.endsWith('/labels') || request.url.endsWith('/custom_attributes'))
			return json({ payload: [] });
		if (request.url.includes('/conversations/42') && request.method === 'GET')
			return json({ id: 42, custom_attributes: {} });
		if (request.url.endsWith('/conversations') && request.method === 'POST')
			return json({ id: 43 });
		if (request.url.endsWith('/contacts/7/conversations')) return json({ payload: [] });
		return json({ id: 1, payload: {} });
	};
}

it('has at least 30 distinct cases', () => {
	expect(new Set(cases.map(([name]) => name)).size).toBeGreaterThanOrEqual(30);
});

describe.each(cases)('%s', (_name, valid, invalid, message) => {
	it('is refused for its item with the exact message, before sending anything for it', async () => {
		const items = [{ json: {} }, { json: {} }];
		const baseline = await runChatwoot({ items: [items[0]], parameters: valid, http: httpFor() });
		expect(baseline.error).toBeUndefined();
		const run = await runChatwoot({
			items,
			parameters: (index) => (index === 0 ? valid : invalid),
			http: httpFor(),
		});
		expect(run.error).toBeInstanceOf(NodeOperationError);
		const error = run.error as NodeOperationError;
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(1);
		expect(run.requests.length).toBe(baseline.requests.length);
	});
});

it('a garbage Base URL is refused before any request', async () => {
	const run = await runChatwoot({
		credentials: { baseUrl: 'chat.example.com' },
		parameters: send(),
	});
	expect((run.error as NodeOperationError).message).toBe(
		'Base URL in the Chatwoot credential must be an http:// or https:// address (got "chat.example.com")',
	);
	expect(run.requests).toHaveLength(0);
});
