import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { json, type SentRequest } from '../helpers/context';
import { KAPSO_KEY, PHONE_NUMBER_ID, runKapso } from '../helpers/kapso';

const GRAPH = 'https://api.kapso.ai/meta/whatsapp/v24.0';
const PLATFORM = 'https://api.kapso.ai/platform/v1';
const number = { __rl: true, mode: 'list', value: PHONE_NUMBER_ID };

const urlOf = (request: SentRequest) => {
	const query = new URLSearchParams(
		Object.entries((request.options.qs ?? {}) as Record<string, unknown>).map(
			([k, v]): [string, string] => [k, String(v)],
		),
	).toString();
	return `${request.method} ${request.url}${query ? `?${query}` : ''}`;
};

async function run(
	parameters: IDataObject,
	http: (request: SentRequest) => ReturnType<typeof json>,
) {
	const result = await runKapso({ parameters, http });
	return {
		...result,
		sent: result.requests.map(urlOf),
		json: result.output?.map((item) => item.json),
	};
}

/** A Graph list served `size` a page from `rows`, with cursors and `next` like Meta's. */
function graphList(rows: IDataObject[]) {
	return (request: SentRequest) => {
		const qs = (request.options.qs ?? {}) as IDataObject;
		const start = qs.after ? Number(qs.after) : 0;
		const size = Number(qs.limit);
		const data = rows.slice(start, start + size);
		const end = start + data.length;
		return json({
			data,
			paging: {
				cursors: { before: String(start), after: String(end) },
				...(end < rows.length ? { next: `${request.url}?after=${end}` } : {}),
			},
		});
	};
}

describe('Conversation', () => {
	const conversations = Array.from({ length: 130 }, (_, i) => ({ id: `c${i}`, status: 'active' }));

	it('Get Many: filters as Kapso names them, phone normalised to E.164, cursors followed to the Limit', async () => {
		const {
			sent,
			json: out,
			error,
		} = await run(
			{
				resource: 'conversation',
				operation: 'getAll',
				phoneNumberId: number,
				returnAll: false,
				limit: 120,
				filters: {
					phoneNumber: '1 555 123 0001',
					status: 'active',
					lastActiveSince: '2026-01-01T00:00:00Z',
				},
			},
			graphList(conversations),
		);
		expect(error).toBeUndefined();
		expect(sent).toEqual([
			`GET ${GRAPH}/${PHONE_NUMBER_ID}/conversations?phone_number=%2B15551230001&status=active&last_active_since=2026-01-01T00%3A00%3A00.000Z&limit=100`,
			`GET ${GRAPH}/${PHONE_NUMBER_ID}/conversations?phone_number=%2B15551230001&status=active&last_active_since=2026-01-01T00%3A00%3A00.000Z&limit=20&after=100`,
		]);
		expect(out).toHaveLength(120);
		expect(out?.[119]).toEqual({ id: 'c119', status: 'active' });
	});

	it('Get Many: Return All reads to the page without `next`', async () => {
		const { sent, json: out } = await run(
			{ resource: 'conversation', operation: 'getAll', phoneNumberId: number, returnAll: true },
			graphList(conversations),
		);
		expect(sent).toEqual([
			`GET ${GRAPH}/${PHONE_NUMBER_ID}/conversations?limit=100`,
			`GET ${GRAPH}/${PHONE_NUMBER_ID}/conversations?limit=100&after=100`,
		]);
		expect(out).toHaveLength(130);
	});

	it('Get Many: a bad date or phone filter fails before sending', async () => {
		const bad = await run(
			{
				resource: 'conversation',
				operation: 'getAll',
				phoneNumberId: number,
				filters: { lastActiveUntil: 'yesterday' },
			},
			graphList([]),
		);
		expect(bad.requests).toHaveLength(0);
		expect((bad.error as Error).message).toBe(
			'Last Active Before: must be a date and time (got "yesterday") [item 0]',
		);
		const phone = await run(
			{
				resource: 'conversation',
				operation: 'getAll',
				phoneNumberId: number,
				filters: { phoneNumber: 'abc' },
			},
			graphList([]),
		);
		expect(phone.error).toBeInstanceOf(NodeOperationError);
		expect((phone.error as Error).message).toMatch(
			/^Customer Phone Number: must be a phone number/,
		);
	});

	it('Get: /conversations/{id} first; its 404 tries /{phone_number_id}/conversations/{id}; `data` unwrapped', async () => {
		const {
			sent,
			json: out,
			error,
		} = await run(
			{
				resource: 'conversation',
				operation: 'get',
				phoneNumberId: number,
				conversationId: ' d-1 ',
			},
			(request) =>
				request.url.endsWith(`/${PHONE_NUMBER_ID}/conversations/d-1`)
					? json({ data: { id: 'd-1', status: 'active' } })
					: json({ error: 'Not found' }, 404),
		);
		expect(error).toBeUndefined();
		expect(sent).toEqual([
			`GET ${GRAPH}/conversations/d-1`,
			`GET ${GRAPH}/${PHONE_NUMBER_ID}/conversations/d-1`,
		]);
		expect(out).toEqual([{ id: 'd-1', status: 'active' }]);
	});

	it('Get: found on the first path, no second request; 404 on both is an API error', async () => {
		const first = await run(
			{ resource: 'conversation', operation: 'get', phoneNumberId: number, conversationId: 'd-1' },
			() => json({ data: { id: 'd-1' } }),
		);
		expect(first.sent).toEqual([`GET ${GRAPH}/conversations/d-1`]);
		const none = await run(
			{ resource: 'conversation', operation: 'get', phoneNumberId: number, conversationId: 'd-9' },
			() => json({ error: 'Not found' }, 404),
		);
		expect(none.requests).toHaveLength(2);
		expect(none.error).toBeInstanceOf(NodeApiError);
	});

	it('Get: an ID that would change the path is refused', async () => {
		const { requests, error } = await run(
			{
				resource: 'conversation',
				operation: 'get',
				phoneNumberId: number,
				conversationId: '../messages',
			},
			() => json({}),
		);
		expect(requests).toHaveLength(0);
		expect((error as Error).message).toBe(
			'Conversation ID: must be an ID such as d0000000-0000-4000-8000-000000000001 (got "../messages") [item 0]',
		);
	});

	it('Set Status: PATCH {status}; output id, status and the answer', async () => {
		const { requests, json: out } = await run(
			{
				resource: 'conversation',
				operation: 'setStatus',
				phoneNumberId: number,
				conversationId: 'd-1',
				status: 'ended',
			},
			() => json({ success: true }),
		);
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			['PATCH', `${GRAPH}/conversations/d-1`, { status: 'ended' }],
		]);
		expect(requests[0].headers).toEqual({ 'X-API-Key': KAPSO_KEY });
		expect(out).toEqual([{ id: 'd-1', status: 'ended', success: true }]);
	});
});

describe('Contact', () => {
	it('Get Many: wa_id from a written number, customer filters', async () => {
		const { sent } = await run(
			{
				resource: 'contact',
				operation: 'getAll',
				phoneNumberId: number,
				limit: 5,
				filters: { waId: '+1 555 123 0001', hasCustomer: 'false', customerId: ' ' },
			},
			graphList([{ wa_id: '15551230001' }]),
		);
		expect(sent).toEqual([
			`GET ${GRAPH}/${PHONE_NUMBER_ID}/contacts?wa_id=15551230001&has_customer=false&limit=5`,
		]);
	});

	it('Get: /{phone_number_id}/contacts/{wa_id}, the record unwrapped', async () => {
		const { sent, json: out } = await run(
			{ resource: 'contact', operation: 'get', phoneNumberId: number, waId: '+1 (555) 123-0001' },
			() => json({ data: { wa_id: '15551230001', profile_name: 'Maria' } }),
		);
		expect(sent).toEqual([`GET ${GRAPH}/${PHONE_NUMBER_ID}/contacts/15551230001`]);
		expect(out).toEqual([{ wa_id: '15551230001', profile_name: 'Maria' }]);
	});

	it('Update: PATCH with only the fields set, metadata parsed', async () => {
		const { requests, json: out } = await run(
			{
				resource: 'contact',
				operation: 'update',
				phoneNumberId: number,
				waId: '15551230001',
				updateFields: { displayName: 'Maria G.', metadata: '{"tier":"gold"}' },
			},
			(request) => json({ data: { wa_id: '15551230001', ...(request.body as IDataObject) } }),
		);
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'PATCH',
				`${GRAPH}/${PHONE_NUMBER_ID}/contacts/15551230001`,
				{ display_name: 'Maria G.', metadata: { tier: 'gold' } },
			],
		]);
		expect(out).toEqual([
			{ wa_id: '15551230001', display_name: 'Maria G.', metadata: { tier: 'gold' } },
		]);
	});

	it('Update: nothing to change, or metadata that is not an object, fails before sending', async () => {
		const empty = await run(
			{
				resource: 'contact',
				operation: 'update',
				phoneNumberId: number,
				waId: '15551230001',
				updateFields: {},
			},
			() => json({}),
		);
		expect(empty.requests).toHaveLength(0);
		expect((empty.error as Error).message).toBe(
			'Update Fields: add at least one field to change [item 0]',
		);
		const list = await run(
			{
				resource: 'contact',
				operation: 'update',
				phoneNumberId: number,
				waId: '15551230001',
				updateFields: { metadata: '[1]' },
			},
			() => json({}),
		);
		expect((list.error as Error).message).toBe(
			'Metadata: must be a JSON object such as {"crm_id": "42"} (got [1]) [item 0]',
		);
	});
});

/** Kapso's phone-number list (Platform API, numbered pages) and the WABA's templates. */
function projectApi(
	templates: IDataObject[] = [{ name: 'order_update', language: 'en_US', status: 'APPROVED' }],
) {
	const numbers = [
		{ phone_number_id: '100000000000009', business_account_id: '200000000000009' },
		{ phone_number_id: PHONE_NUMBER_ID, business_account_id: '200000000000001', name: 'Acme' },
	];
	const templateList = graphList(templates);
	return (request: SentRequest) => {
		if (request.url === `${PLATFORM}/whatsapp/phone_numbers`) {
			const qs = request.options.qs as IDataObject;
			const page = Number(qs.page);
			const perPage = Number(qs.per_page);
			return json({
				data: numbers.slice((page - 1) * perPage, page * perPage),
				meta: {
					page,
					per_page: perPage,
					total_pages: Math.ceil(numbers.length / perPage),
					total_count: numbers.length,
				},
			});
		}
		if (request.url === `${GRAPH}/200000000000001/message_templates`) return templateList(request);
		return json({ error: 'Not found' }, 404);
	};
}

describe('Template', () => {
	it('Get Many: the WABA from the phone-number list (once for all items), filters, cursors', async () => {
		const result = await runKapso({
			items: [{ json: {} }, { json: {} }],
			parameters: {
				resource: 'template',
				operation: 'getAll',
				phoneNumberId: number,
				returnAll: true,
				filters: { status: 'APPROVED', name: ' order ' },
			},
			http: projectApi(),
		});
		expect(result.error).toBeUndefined();
		expect(result.requests.map(urlOf)).toEqual([
			`GET ${PLATFORM}/whatsapp/phone_numbers?page=1&per_page=100`,
			`GET ${GRAPH}/200000000000001/message_templates?name=order&status=APPROVED&limit=100`,
			`GET ${GRAPH}/200000000000001/message_templates?name=order&status=APPROVED&limit=100`,
		]);
		expect(result.output?.map((item) => item.json)).toEqual([
			{ name: 'order_update', language: 'en_US', status: 'APPROVED' },
			{ name: 'order_update', language: 'en_US', status: 'APPROVED' },
		]);
	});

	it('Get Many: a number outside the project says so', async () => {
		const { error } = await run(
			{
				resource: 'template',
				operation: 'getAll',
				phoneNumberId: { ...number, value: '123' },
				returnAll: true,
			},
			projectApi(),
		);
		expect((error as Error).message).toBe(
			"Phone Number: phone number ID 123 is not one of this Kapso project's numbers [item 0]",
		);
	});
});

describe('Phone Number', () => {
	it('Get Many: numbered pages of the Platform API, per_page no larger than the Limit', async () => {
		const { sent, json: out } = await run(
			{ resource: 'phoneNumber', operation: 'getAll', limit: 1, filters: { customerId: 'cust-1' } },
			projectApi(),
		);
		expect(sent).toEqual([
			`GET ${PLATFORM}/whatsapp/phone_numbers?page=1&per_page=1&customer_id=cust-1`,
		]);
		expect(out).toEqual([
			{ phone_number_id: '100000000000009', business_account_id: '200000000000009' },
		]);
	});

	it('Get Many: Return All stops at the last page meta reports', async () => {
		const { sent, json: out } = await run(
			{ resource: 'phoneNumber', operation: 'getAll', returnAll: true },
			projectApi(),
		);
		expect(sent).toEqual([`GET ${PLATFORM}/whatsapp/phone_numbers?page=1&per_page=100`]);
		expect(out).toHaveLength(2);
	});
});
