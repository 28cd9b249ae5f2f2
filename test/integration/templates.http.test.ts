/**
 * WhatsApp templates picked from the inbox, over real HTTP against the Chatwoot sandbox: the
 * editor's lists (inbox list, template dropdown, resource-mapper fields) are loaded from the
 * sandbox, the fields are filled in like a user would, and the message must be accepted with
 * zero spec or NOTES violations and be delivered (not turn `failed` in the send job).
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { searchTemplateInboxes } from '../../nodes/Chatwoot/methods/listSearch';
import { getTemplates } from '../../nodes/Chatwoot/methods/loadOptions';
import { getTemplateVariables } from '../../nodes/Chatwoot/methods/resourceMapping';
import { createLoadOptionsContext } from '../helpers/loadOptions';
import { realHttp } from '../helpers/realHttp';
import { runChatwoot, sendParameters } from '../helpers/run';
import { startSandbox, type Sandbox } from '../helpers/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const credentials = () => ({ baseUrl: sandbox.url, accessToken: sandbox.userToken, accountId: 1 });
const WHATSAPP_CONVERSATION = '2';

/** What the editor shows for an inbox + template: the resource mapper's field ids. */
async function fieldIds(inboxId: string, templateId: string): Promise<string[]> {
	const { context } = createLoadOptionsContext({
		parameters: { templateInboxId: { __rl: true, mode: 'list', value: inboxId }, templateId },
		credentials: credentials(),
		http: realHttp,
	});
	return (await getTemplateVariables.call(context)).fields.map((field) => field.id);
}

/** Values a user would map for each field id. */
const SAMPLE: Record<string, string> = {
	'header.media_url': 'https://files.example.com/invoice.pdf',
	'header.media_name': 'invoice.pdf',
	'header.text': 'Ann',
	'body.1': 'Bill',
	'body.2': 'ORD-42',
	'body.doctor': 'Dr. Who',
	'body.date': 'Monday',
	'button.0': 'ORD-42',
	'button.1': 'SAVE20',
};

async function sendTemplate(
	conversation: string,
	inboxId: string,
	templateId: string,
	value: IDataObject,
) {
	return await runChatwoot({
		parameters: sendParameters({
			conversationId: { __rl: true, mode: 'id', value: conversation },
			contentType: 'template',
			templateSource: 'inbox',
			templateInboxId: { __rl: true, mode: 'list', value: inboxId },
			templateId,
			templateVariables: { mappingMode: 'defineBelow', value },
		}),
		credentials: credentials(),
		http: realHttp,
	});
}

describe('WhatsApp templates from the inbox, against the sandbox', () => {
	it('lists the WhatsApp inboxes and their approved templates', async () => {
		const { context } = createLoadOptionsContext({ credentials: credentials(), http: realHttp });
		expect((await searchTemplateInboxes.call(context)).results.map((r) => r.value)).toEqual([
			'2',
			'3',
		]);
		const { context: withInbox } = createLoadOptionsContext({
			parameters: { templateInboxId: { __rl: true, mode: 'list', value: '2' } },
			credentials: credentials(),
			http: realHttp,
		});
		expect((await getTemplates.call(withInbox)).map((option) => option.value)).toEqual([
			'appointment_reminder|en',
			'order_confirmation|en_US',
			'plain_notice|en',
			'summer_promo|pt_BR',
		]);
		expect(sandbox.violations).toEqual([]);
	});

	it.each([
		['order_confirmation|en_US', 'positional, document header, URL + copy-code buttons'],
		['appointment_reminder|en', 'NAMED, text header variable, quick reply'],
		['plain_notice|en', 'no variables'],
	])('%s (%s): fields → values → accepted and delivered, zero violations', async (templateId) => {
		const ids = await fieldIds('2', templateId);
		const value = Object.fromEntries(ids.map((id) => [id, SAMPLE[id]]));
		const run = await sendTemplate(WHATSAPP_CONVERSATION, '2', templateId, value);
		expect(run.error).toBeUndefined();
		expect(sandbox.violations).toEqual([]);
		const delivery = sandbox.state.deliveries.at(-1);
		expect(delivery).toMatchObject({
			delivered: true,
			template: { name: templateId.split('|')[0] },
		});
	});

	it('summer_promo (image header, copy code) in pt_BR', async () => {
		const ids = await fieldIds('2', 'summer_promo|pt_BR');
		expect(ids).toEqual(['header.media_url', 'body.1', 'button.0']);
		const run = await sendTemplate(WHATSAPP_CONVERSATION, '2', 'summer_promo|pt_BR', {
			'header.media_url': 'https://img.example.com/promo.jpg',
			'body.1': 'VERAO10',
			'button.0': 'VERAO10',
		});
		expect(run.error).toBeUndefined();
		expect(sandbox.violations).toEqual([]);
		expect(sandbox.state.deliveries.at(-1)).toMatchObject({ delivered: true });
	});

	it('a quick reply before a URL button: the placeholder keeps the URL at index 1', async () => {
		sandbox.state.inboxes
			.find((inbox: IDataObject) => inbox.id === 2)
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
		expect(await fieldIds('2', 'reply_then_link|en')).toEqual(['button.1']);
		const run = await sendTemplate(WHATSAPP_CONVERSATION, '2', 'reply_then_link|en', {
			'button.1': 'f-1',
		});
		expect(run.error).toBeUndefined();
		expect(sandbox.violations).toEqual([]);
		expect(sandbox.state.deliveries.at(-1)).toMatchObject({ delivered: true });
	});

	it('a Twilio WhatsApp content template goes with flat variables', async () => {
		const created = await axios.post(
			`${sandbox.url}/api/v1/accounts/1/conversations`,
			{ inbox_id: 3, contact_id: 4 },
			{ headers: { 'Api-Access-Token': sandbox.userToken } },
		);
		const ids = await fieldIds('3', 'order_update|en');
		expect(ids).toEqual(['body.1', 'body.2']);
		const run = await sendTemplate(String(created.data.id), '3', 'order_update|en', {
			'body.1': 'Ana',
			'body.2': 'ORD-1',
		});
		expect(run.error).toBeUndefined();
		expect(run.output?.[0].json).toMatchObject({
			content: 'Hello Ana, your order ORD-1 has shipped.',
		});
		expect(sandbox.violations).toEqual([]);
		expect(sandbox.state.deliveries.at(-1)).toMatchObject({
			delivered: true,
			template: { name: 'order_update' },
		});
	});

	it('a check fails before anything is sent', async () => {
		const run = await sendTemplate(WHATSAPP_CONVERSATION, '2', 'order_confirmation|en_US', {
			...Object.fromEntries(
				(await fieldIds('2', 'order_confirmation|en_US')).map((id) => [id, SAMPLE[id]]),
			),
			'button.1': 'THIS-CODE-IS-TOO-LONG',
		});
		expect((run.error as Error).message).toMatch(
			/^Template Variables: Button 2 · Copy code, button "Copy code" \(button\.1\) is 21 characters/,
		);
		expect(sandbox.requests.filter((request) => request.method === 'POST')).toEqual([]);
	});
});
