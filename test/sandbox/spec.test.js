'use strict';
const { boot, specIt } = require('./helpers');

describe('sandbox: validation against the Chatwoot OpenAPI spec', () => {
	let t;
	beforeAll(async () => {
		t = await boot();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	specIt('loads the spec', () => {
		expect(t.sb.specLoaded).toBe(true);
	});

	specIt('flags a wrong-typed body field but still answers like Chatwoot', async () => {
		const r = await t.call('POST', 'conversations/1/messages', {
			body: { content: 'x', campaign_id: 'abc', private: 'yes' },
		});
		expect(r.status).toBe(200);
		const v = t.sb.violations.filter((x) => x.rule === 'spec:request-body').map((x) => x.message);
		expect(v).toEqual(
			expect.arrayContaining(['body.campaign_id must be integer', 'body.private must be boolean']),
		);
		expect(t.lastRequest().violations.length).toBe(2);
	});

	specIt('flags wrong-typed contact and webhook fields', async () => {
		await t.call('POST', 'contacts', { body: { name: 123, inbox_id: 1 } });
		expect(t.sb.violations.map((x) => x.message)).toContain('body.name must be string');
		await t.call('POST', 'webhooks', {
			body: { url: 'https://a.example/h', subscriptions: ['message_created', 'bogus'] },
		});
		expect(t.rules()).toContain('spec:request-body');
	});

	specIt(
		'validates multipart bodies after converting bracketed fields (strings for booleans are fine)',
		async () => {
			const fd = new FormData();
			fd.append('content', 'x');
			fd.append('private', 'true');
			fd.append('message_type', 'sideways');
			const r = await t.call('POST', 'conversations/1/messages', { form: fd });
			expect(r.status).toBe(422); // Rails: 'sideways' is not a valid message_type
			expect(
				t.sb.violations.filter((x) => x.rule === 'spec:request-body').map((x) => x.message),
			).toEqual([expect.stringMatching(/^body\.message_type must be one of/)]);
		},
	);

	specIt('validates query parameters the spec declares', async () => {
		await t.call('GET', 'conversations?status=closed&page=two');
		const q = t.sb.violations.filter((x) => x.rule === 'spec:query').map((x) => x.message);
		expect(q).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^query\.status must be one of/),
				'query.page must be integer',
			]),
		);
		t.sb.reset();
		await t.call('GET', 'conversations/1/messages?before=20');
		expect(t.sb.violations).toEqual([]);
	});

	specIt('flags operations that are not in the spec, but not the NOTES extras', async () => {
		await t.call('GET', 'conversations/1/messages/3');
		expect(t.rules()).toEqual(['spec:unknown-operation']);
		t.sb.reset();
		await t.call('POST', 'inboxes/2/sync_templates');
		expect(t.sb.violations).toEqual([]);
	});

	specIt('does not flag the places where NOTES override the spec', async () => {
		await t.call('POST', 'conversations/1/messages', {
			body: {
				content_type: 'input_select',
				content_attributes: { items: [{ title: 'a', value: 'a' }] },
			},
		});
		await t.call('POST', 'conversations/1/messages', {
			body: { content: 'x', content_type: 'sticker', content_attributes: '{}' },
		});
		await t.call('POST', 'conversations', {
			body: { inbox_id: 1, contact_id: 5, message: { content: 'hi' } },
		});
		await t.call('POST', 'contacts', { body: { name: 'No Inbox', email: 'noinbox@example.com' } });
		await t.call('POST', 'conversations/2/messages', {
			body: { content: 'x', template_params: { name: 'plain_notice', language: 'en' } },
		});
		expect(t.sb.violations).toEqual([]);
	});
});
