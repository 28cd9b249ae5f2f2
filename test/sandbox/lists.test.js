'use strict';
const { boot } = require('./helpers');

describe('sandbox: pagination, search and lists', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const ids = (r) => r.json.payload.map((m) => m.id);
	const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

	it('messages: latest 20, before=id gives 20 older, after=id up to 100 newer, ascending', async () => {
		const latest = await t.call('GET', 'conversations/1/messages');
		expect(latest.status).toBe(200);
		expect(ids(latest)).toEqual(range(26, 45));
		expect(latest.json.meta).toMatchObject({ labels: ['support'], contact: { id: 1 } });
		expect(latest.json.payload.find((m) => m.id === 30)).toMatchObject({
			private: true,
			message_type: 1,
		});
		expect(ids(await t.call('GET', 'conversations/1/messages?before=26'))).toEqual(range(6, 25));
		expect(ids(await t.call('GET', 'conversations/1/messages?before=6'))).toEqual(range(1, 5));
		expect(ids(await t.call('GET', 'conversations/1/messages?after=40'))).toEqual(range(41, 45));
		expect(ids(await t.call('GET', 'conversations/1/messages?after=0'))).toEqual(range(1, 45));
		expect(t.sb.violations).toEqual([]);
	});

	it('conversations: 25 per page, status filter, counts', async () => {
		const p1 = await t.call('GET', 'conversations');
		expect(p1.json.data.payload).toHaveLength(25);
		expect(p1.json.data.meta.all_count).toBe(29);
		const p2 = await t.call('GET', 'conversations?page=2');
		expect(p2.json.data.payload).toHaveLength(4);
		const seen = new Set([...p1.json.data.payload, ...p2.json.data.payload].map((c) => c.id));
		expect(seen.size).toBe(29);
		const all = await t.call('GET', 'conversations?status=all');
		expect(all.json.data.meta.all_count).toBe(34);
		const resolved = await t.call('GET', 'conversations?status=resolved');
		expect(resolved.json.data.payload.map((c) => c.id).sort((a, b) => a - b)).toEqual([3, 10, 20]);
		const mine = await t.call('GET', 'conversations?assignee_type=me');
		expect(mine.json.data.payload.every((c) => c.meta.assignee && c.meta.assignee.id === 1)).toBe(
			true,
		);
		const wa = await t.call('GET', 'conversations?inbox_id=2');
		expect(wa.json.data.payload.map((c) => c.id)).toEqual([2]);
		const labelled = await t.call('GET', 'conversations?status=all&labels[]=vip');
		expect(labelled.json.data.payload.map((c) => c.id)).toEqual([2]);
		const q = await t.call('GET', 'conversations?q=where%20is%20my%20order');
		expect(q.json.data.payload.map((c) => c.id)).toEqual([2]);
		expect(t.sb.violations).toEqual([]);
	});

	it('conversation shape', async () => {
		const c = (await t.call('GET', 'conversations/2')).json;
		expect(c).toMatchObject({
			id: 2,
			account_id: 1,
			inbox_id: 2,
			status: 'open',
			labels: ['vip', 'billing'],
			meta: { sender: { id: 2, phone_number: '+15551234567' }, channel: 'Channel::Whatsapp' },
			contact_inbox: { source_id: '15551234567' },
		});
		expect(c.messages).toHaveLength(1);
		expect(typeof c.unread_count).toBe('number');
		expect((await t.call('GET', 'conversations/404')).status).toBe(404);
	});

	it('contacts: 15 per page and search over name, email, phone, identifier', async () => {
		const p1 = await t.call('GET', 'contacts');
		expect(p1.json.meta).toEqual({ count: 25, current_page: 1 });
		expect(p1.json.payload).toHaveLength(15);
		expect(p1.json.payload[0].contact_inboxes.length).toBeGreaterThan(0);
		const p2 = await t.call('GET', 'contacts?page=2');
		expect(p2.json.meta).toEqual({ count: 25, current_page: 2 });
		expect(p2.json.payload).toHaveLength(10);
		expect((await t.call('GET', 'contacts/search?q=costa')).json.payload.map((c) => c.id)).toEqual([
			2,
		]);
		expect(
			(await t.call('GET', 'contacts/search?q=%2B15551234567')).json.payload.map((c) => c.id),
		).toEqual([2]);
		expect(
			(await t.call('GET', 'contacts/search?q=cust-003')).json.payload.map((c) => c.id),
		).toEqual([3]);
		expect((await t.call('GET', 'contacts/search?q=example.com')).json.meta.count).toBe(24);
		expect((await t.call('GET', 'contacts/search?q=example.com&page=2')).json.payload).toHaveLength(
			9,
		);
		const noQ = await t.call('GET', 'contacts/search');
		expect(noQ.status).toBe(422);
		expect(noQ.json).toEqual({ error: 'Specify search string with parameter q' });
	});

	it('agents, teams, labels', async () => {
		const agents = await t.call('GET', 'agents');
		expect(Array.isArray(agents.json)).toBe(true);
		expect(agents.json.map((a) => a.name)).toEqual(['Sandbox Admin', 'Alice Agent', 'Bob Agent']);
		const teams = await t.call('GET', 'teams');
		expect(teams.json).toHaveLength(2);
		expect((await t.call('GET', 'labels')).json.payload.map((l) => l.title)).toEqual([
			'billing',
			'support',
			'vip',
			'lead',
		]);
	});
});
