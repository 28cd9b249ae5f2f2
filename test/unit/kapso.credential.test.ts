import type { ICredentialTestFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { KapsoApi } from '../../credentials/KapsoApi.credentials';
import { KapsoWhatsApp } from '../../nodes/KapsoWhatsApp/KapsoWhatsApp.node';
import { json } from '../helpers/context';
import { KAPSO_CREDENTIALS, KAPSO_EDITOR, KAPSO_KEY } from '../helpers/kapso';
import { createLoadOptionsContext } from '../helpers/loadOptions';

type Reply = { statusCode: number; body: unknown; headers?: unknown } | Error;

function tester(reply: Reply) {
	const calls: Array<Record<string, unknown>> = [];
	const context = {
		logger: {},
		helpers: {
			request: jest.fn(async (options: Record<string, unknown>) => {
				calls.push(options);
				if (reply instanceof Error) throw reply;
				return reply;
			}),
		},
	} as unknown as ICredentialTestFunctions;
	return { context, calls };
}

const credential = (data: Record<string, unknown> = {}) => ({
	id: '1',
	name: 'Kapso',
	type: 'kapsoApi',
	data: { ...KAPSO_CREDENTIALS, ...data },
});

const phoneNumber = (id: string, name: string, display: string) => ({
	id,
	phone_number_id: id,
	name,
	display_phone_number: display,
	display_phone_number_normalized: display.replace(/\D/g, ''),
	status: 'CONNECTED',
});

async function test(reply: Reply, data: Record<string, unknown> = {}) {
	const { context, calls } = tester(reply);
	const node = new KapsoWhatsApp();
	const result = await node.methods.credentialTest.kapsoApiTest.call(context, credential(data));
	return { result, calls };
}

describe('Kapso API credential type', () => {
	const type = new KapsoApi();

	it('is kapsoApi with the current and legacy Kapso addresses as defaults', () => {
		expect(type.name).toBe('kapsoApi');
		const defaults = Object.fromEntries(
			type.properties.map((field) => [field.name, field.default]),
		);
		expect(defaults).toEqual({
			apiKey: '',
			baseUrl: 'https://api.kapso.ai',
			legacyBaseUrl: 'https://app.kapso.ai/api/v1',
		});
		expect(type.properties[0].typeOptions).toEqual({ password: true });
	});

	it.each([
		'https://api.kapso.ai/meta/whatsapp/v24.0/1/messages',
		'https://api.kapso.ai/platform/v1/whatsapp/phone_numbers',
		'https://app.kapso.ai/api/v1/whatsapp_conversations/d1/whatsapp_messages',
	])('sends X-API-Key to its own address %s', async (url) => {
		const options = await type.authenticate(KAPSO_CREDENTIALS, { url, headers: { A: 'b' } });
		expect(options.headers).toEqual({ A: 'b', 'X-API-Key': KAPSO_KEY });
	});

	it.each([
		'https://media.example.com/picture.jpg',
		'https://api.kapso.ai.evil.example/meta/whatsapp/v24.0/1/messages',
		'http://api.kapso.ai/meta/whatsapp/v24.0/1/messages',
		'https://app.kapso.ai/other/path',
		'https://app.kapso.ai/api/v10/x',
		'not a url',
	])('never sends the key anywhere else: %s', async (url) => {
		const options = await type.authenticate(KAPSO_CREDENTIALS, { url, headers: { A: 'b' } });
		expect(options.headers).toEqual({ A: 'b' });
	});
});

describe('Kapso API credential in the HTTP Request node (n8n passes `uri` there)', () => {
	const type = new KapsoApi();
	it('sends the key to its own address given as uri, and nowhere else', async () => {
		const own = (await type.authenticate(KAPSO_CREDENTIALS, {
			uri: 'https://api.kapso.ai/platform/v1/whatsapp/phone_numbers',
		} as unknown as IHttpRequestOptions)) as IHttpRequestOptions;
		expect(own.headers).toEqual({ 'X-API-Key': KAPSO_KEY });
		const other = (await type.authenticate(KAPSO_CREDENTIALS, {
			uri: 'https://media.example.com/picture.jpg',
		} as unknown as IHttpRequestOptions)) as IHttpRequestOptions;
		expect(other.headers).toBeUndefined();
	});
});

describe('Kapso API credential test', () => {
	it('lists the phone numbers with the key, without following redirects, and says what it sees', async () => {
		const { result, calls } = await test(
			json({
				data: [
					phoneNumber('100000000000001', 'Acme Support', '+1 555-010-0001'),
					phoneNumber('100000000000002', 'Acme Sales', '+1 555-010-0002'),
				],
				meta: { page: 1, per_page: 5, total_pages: 1, total_count: 2 },
			}),
		);
		expect(result).toEqual({
			status: 'OK',
			message:
				'The API key sees 2 WhatsApp numbers: Acme Support +1 555-010-0001, Acme Sales +1 555-010-0002',
		});
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'GET',
			uri: 'https://api.kapso.ai/platform/v1/whatsapp/phone_numbers?per_page=5',
			headers: { 'X-API-Key': KAPSO_KEY, Accept: 'application/json' },
			followRedirect: false,
			followAllRedirects: false,
		});
	});

	it('counts numbers beyond the first five', async () => {
		const numbers = Array.from({ length: 5 }, (_, index) =>
			phoneNumber(String(index), `N${index}`, `+1 555 000 000${index}`),
		);
		const { result } = await test(json({ data: numbers, meta: { total_count: 12 } }));
		expect(result.message).toMatch(/^The API key sees 12 WhatsApp numbers: N0 .* and 7 more$/);
	});

	it('says when the project has no number yet', async () => {
		const { result } = await test(json({ data: [], meta: { total_count: 0 } }));
		expect(result).toEqual({
			status: 'OK',
			message:
				'The API key works, but its project has no WhatsApp number yet: connect one in Kapso before sending',
		});
	});

	it.each([
		[json({ error: 'Invalid API key' }, 401), 'Kapso rejected the API key: Invalid API key'],
		[
			json('<html>login</html>', 200),
			"https://api.kapso.ai did not answer like Kapso's Platform API (HTTP 200). Check the Base URL.",
		],
		[
			json('', 302, { location: 'https://elsewhere.example/' }),
			'https://api.kapso.ai answered 302 (a redirect), which is not followed so that the key goes nowhere else. Use the address the API is served from.',
		],
		[
			Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
			'Could not reach https://api.kapso.ai (ECONNREFUSED). Check the Base URL and that n8n can reach it.',
		],
	])('fails with what went wrong (%#)', async (reply, message) => {
		const { result } = await test(reply);
		expect(result).toEqual({ status: 'Error', message });
	});

	it('scrubs a key the server echoes back', async () => {
		const { result } = await test(json({ error: `bad key ${KAPSO_KEY}` }, 401));
		expect(result.message).toBe('Kapso rejected the API key: bad key [redacted]');
	});

	it.each([
		[{ apiKey: ' ' }, 'API Key is empty'],
		[
			{ baseUrl: 'https://user:pw@api.kapso.ai' },
			'Base URL in the Kapso credential must not contain a user name or password (…@)',
		],
		[
			{ legacyBaseUrl: 'ftp://app.kapso.ai' },
			'Legacy API Base URL in the Kapso credential must be an http:// or https:// address (got "ftp://app.kapso.ai")',
		],
	])('checks the fields before any request (%#)', async (data, message) => {
		const { result, calls } = await test(json({}), data);
		expect(result).toEqual({ status: 'Error', message });
		expect(calls).toHaveLength(0);
	});

	it('takes a pasted …/platform/v1 or …/meta/whatsapp/v24.0 Base URL as the host', async () => {
		const { calls } = await test(json({ data: [] }), {
			baseUrl: 'https://proxy.example/kapso/meta/whatsapp/v24.0/',
		});
		expect(calls[0].uri).toBe(
			'https://proxy.example/kapso/platform/v1/whatsapp/phone_numbers?per_page=5',
		);
	});
});

describe('Phone Number list', () => {
	it('lists the project’s numbers by name and number, valued by phone number ID, and filters', async () => {
		const editor = createLoadOptionsContext({
			node: KAPSO_EDITOR,
			http: () =>
				json({
					data: [
						phoneNumber('100000000000001', 'Acme Support', '+1 555-010-0001'),
						phoneNumber('100000000000002', 'Acme Sales', '+1 555-010-0002'),
					],
					meta: { page: 1, per_page: 100, total_pages: 2, total_count: 102 },
				}),
		});
		const node = new KapsoWhatsApp();
		const all = await node.methods.listSearch.searchPhoneNumbers.call(editor.context);
		expect(all).toEqual({
			results: [
				{ name: 'Acme Support · +1 555-010-0001 · CONNECTED', value: '100000000000001' },
				{ name: 'Acme Sales · +1 555-010-0002 · CONNECTED', value: '100000000000002' },
			],
			paginationToken: '2',
		});
		expect(editor.requests[0]).toMatchObject({
			method: 'GET',
			url: 'https://api.kapso.ai/platform/v1/whatsapp/phone_numbers',
			qs: { page: 1, per_page: 100 },
			headers: { 'X-API-Key': KAPSO_KEY },
		});
		const sales = await node.methods.listSearch.searchPhoneNumbers.call(editor.context, 'sales');
		expect(sales.results.map((entry) => entry.value)).toEqual(['100000000000002']);
		const byDigits = await node.methods.listSearch.searchPhoneNumbers.call(
			editor.context,
			'555 010 0001',
		);
		expect(byDigits.results.map((entry) => entry.value)).toEqual(['100000000000001']);
	});
});
