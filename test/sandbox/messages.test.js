'use strict';
const { boot } = require('./helpers');

describe('sandbox: create message rules (NOTES)', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const post = (conv, body) => t.call('POST', `conversations/${conv}/messages`, { body });
	const violationsFor = (rule) => t.sb.violations.filter((v) => v.rule === rule);

	it('creates an outgoing text message with the Chatwoot response shape and echoes echo_id', async () => {
		const r = await post(1, { content: 'Hello', echo_id: 'abc-1', campaign_id: 7 });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			content: 'Hello',
			conversation_id: 1,
			inbox_id: 1,
			message_type: 1,
			content_type: 'text',
			status: 'sent',
			private: false,
			echo_id: 'abc-1',
			source_id: null,
		});
		expect(typeof r.json.id).toBe('number');
		expect(Number.isInteger(r.json.created_at)).toBe(true);
		expect(r.json.created_at).toBeLessThan(1e11); // unix seconds
		expect(r.json.additional_attributes).toEqual({ campaign_id: 7 });
		expect(r.json.sender).toMatchObject({ id: 1, type: 'user' });
		const d = t.sb.deliveries.at(-1);
		expect(d).toMatchObject({
			conversation_id: 1,
			message_id: r.json.id,
			content: 'Hello',
			echo_id: 'abc-1',
			delivered: true,
		});
		expect(t.sb.violations).toEqual([]);
	});

	it('accepts a message without content (the spec says required, NOTES say not)', async () => {
		const r = await post(1, {
			content_type: 'input_select',
			content_attributes: { items: [{ title: 'Yes', value: 'y' }] },
		});
		expect(r.status).toBe(200);
		expect(r.json.content).toBeNull();
		expect(r.json.content_attributes).toEqual({ items: [{ title: 'Yes', value: 'y' }] });
		expect(t.sb.violations).toEqual([]);
	});

	it('rejects content over 150000 chars', async () => {
		const r = await post(1, { content: 'x'.repeat(150001) });
		expect(r.status).toBe(422);
		expect(r.json).toEqual({
			error: 'Validation failed: Content is too long (maximum is 150000 characters)',
		});
		expect(violationsFor('notes:content-length')).toHaveLength(1);
		expect((await post(1, { content: 'x'.repeat(150000) })).status).toBe(200);
	});

	it('allows incoming only in API inboxes', async () => {
		const bad = await post(2, { content: 'in', message_type: 'incoming' });
		expect(bad.status).toBe(422);
		expect(bad.json).toEqual({ error: 'Incoming messages are only allowed in Api inboxes' });
		expect(violationsFor('notes:message_type')).toHaveLength(1);
		const ok = await post(1, { content: 'in', message_type: 'incoming' });
		expect(ok.status).toBe(200);
		expect(ok.json.message_type).toBe(0);
		expect(ok.json.sender).toMatchObject({ type: 'contact', id: 1 });
		expect(t.sb.deliveries.at(-1)).toMatchObject({ delivered: false, reason: 'incoming' });
	});

	it('rejects an unknown content_type', async () => {
		const r = await post(1, { content: 'x', content_type: 'carousel' });
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ error: "'carousel' is not a valid content_type" });
		expect(violationsFor('notes:content_type')).toHaveLength(1);
	});

	it.each([
		[
			'input_select',
			{ items: [] },
			'Validation failed: Content attributes At least one item is required.',
		],
		['cards', {}, 'Validation failed: Content attributes At least one item is required.'],
		[
			'form',
			{ items: [{ name: 'email', type: 'email', colour: 'red' }] },
			'Validation failed: Content attributes contains invalid keys for items : [:colour]',
		],
		[
			'article',
			{ items: [{ title: 'a', url: 'b' }] },
			'Validation failed: Content attributes contains invalid keys for items : [:url]',
		],
		[
			'input_select',
			{ items: [{ title: 'a', value: 'a', id: 1 }, 'x'] },
			'Validation failed: Content attributes Items should be a hash., Content attributes contains invalid keys for items : [:id]',
		],
		[
			'cards',
			{ items: [{ title: 'a' }] },
			'Validation failed: Content attributes contains items missing actions',
		],
		[
			'cards',
			{ items: [{ title: 'a', actions: [{ type: 'link', text: 'Go', url: 'x' }] }] },
			'Validation failed: Content attributes contains invalid keys for actions:  [:url]',
		],
	])(
		'validates %s content_attributes like ContentAttributeValidator',
		async (contentType, attrs, error) => {
			const r = await post(1, {
				content: 'c',
				content_type: contentType,
				content_attributes: attrs,
			});
			expect(r.status).toBe(422);
			expect(r.json).toEqual({ error });
			expect(violationsFor('notes:content_attributes')).toHaveLength(1);
		},
	);

	it('accepts valid interactive messages', async () => {
		const cards = {
			items: [
				{
					title: 'T',
					description: 'D',
					media_url: 'https://x/y.png',
					actions: [
						{ type: 'link', text: 'Open', uri: 'https://x' },
						{ type: 'postback', text: 'Buy', payload: 'BUY' },
					],
				},
			],
		};
		expect(
			(await post(1, { content: 'c', content_type: 'cards', content_attributes: cards })).status,
		).toBe(200);
		const form = {
			items: [
				{
					name: 'email',
					type: 'email',
					label: 'Email',
					placeholder: 'you@x',
					required: true,
					pattern: '.+',
					pattern_error: 'bad',
					title: 'E',
					default: '',
					options: [],
				},
			],
		};
		expect(
			(await post(1, { content: 'c', content_type: 'form', content_attributes: form })).status,
		).toBe(200);
		expect((await post(1, { content: 'c', content_type: 'input_email' })).status).toBe(200);
		expect(t.sb.violations).toEqual([]);
	});

	it('parses content_attributes given as a JSON string; an unparsable one silently becomes {}', async () => {
		const ok = await post(1, {
			content: 'c',
			content_type: 'input_select',
			content_attributes: JSON.stringify({ items: [{ title: 'a', value: 'a' }] }),
		});
		expect(ok.status).toBe(200);
		expect(ok.json.content_attributes.items).toHaveLength(1);
		const bad = await post(1, { content: 'c', content_attributes: '{not json' });
		expect(bad.status).toBe(200);
		expect(bad.json.content_attributes).toEqual({});
		expect(violationsFor('notes:content_attributes')).toHaveLength(1);
	});

	it('stores source_id on an outgoing message, does not deliver it and records a violation', async () => {
		const r = await post(1, { content: 'already sent', source_id: 'wamid.123' });
		expect(r.status).toBe(200);
		expect(r.json.source_id).toBe('wamid.123');
		expect(r.json.status).toBe('sent');
		expect(t.sb.deliveries.at(-1)).toMatchObject({
			message_id: r.json.id,
			delivered: false,
			reason: 'source_id',
		});
		expect(violationsFor('notes:source_id-outgoing')).toHaveLength(1);
		expect(t.lastRequest().violations[0]).toMatch(/^notes:source_id-outgoing/);
	});

	it('stores private notes without delivering them (also on WhatsApp)', async () => {
		const r = await post(2, { content: 'note', private: true });
		expect(r.status).toBe(200);
		expect(r.json.private).toBe(true);
		expect(t.sb.deliveries.at(-1)).toMatchObject({ delivered: false, reason: 'private' });
		expect(t.sb.violations).toEqual([]);
	});

	it('stores in_reply_to in content_attributes and drops other keys', async () => {
		const r = await post(1, {
			content: 'reply',
			content_attributes: { in_reply_to: 5, whatever: 1 },
		});
		expect(r.json.content_attributes).toEqual({ in_reply_to: 5 });
	});

	it('404s a missing conversation', async () => {
		const r = await post(999, { content: 'x' });
		expect(r.status).toBe(404);
		expect(r.json).toEqual({ error: 'Resource could not be found' });
	});

	it('enforces the 200 messages a minute flood limit per conversation', async () => {
		const conv = t.sb.state.conversations.find((c) => c.display_id === 5);
		const now = Math.floor(Date.now() / 1000);
		for (let i = 0; i < 200; i++) {
			const id = ++t.sb.state.counters.message;
			t.sb.state.messages.set(id, {
				id,
				conversation_id: 5,
				message_type: 1,
				created_at: now,
				content: 'f',
				attachments: [],
			});
			conv.message_ids.push(id);
		}
		const r = await post(5, { content: 'one more' });
		expect(r.status).toBe(422);
		expect(r.json).toEqual({ error: 'Validation failed: Too many messages' });
		expect(violationsFor('notes:flood-limit')).toHaveLength(1);
	});

	it('soft-deletes a message', async () => {
		const r = await t.call('DELETE', 'conversations/1/messages/45');
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			id: 45,
			content: 'This message was deleted',
			content_attributes: { deleted: true },
		});
		const list = await t.call('GET', 'conversations/1/messages');
		expect(list.json.payload.at(-1)).toMatchObject({ id: 45, content: 'This message was deleted' });
		expect((await t.call('DELETE', 'conversations/1/messages/9999')).status).toBe(404);
	});

	it('blocks free-form WhatsApp messages outside the 24h window (message turns failed)', async () => {
		const conv = t.sb.state.conversations.find((c) => c.display_id === 2);
		for (const id of conv.message_ids) t.sb.state.messages.get(id).created_at -= 3 * 86400;
		const r = await post(2, { content: 'late' });
		expect(r.status).toBe(200);
		expect(r.json.status).toBe('sent');
		expect(violationsFor('notes:whatsapp-24h-window')).toHaveLength(1);
		const msgs = await t.call('GET', 'conversations/2/messages');
		expect(msgs.json.payload.at(-1)).toMatchObject({ id: r.json.id, status: 'failed' });
	});
});
