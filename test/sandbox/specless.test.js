'use strict';
const path = require('path');
const { boot } = require('./helpers');

describe('sandbox without the spec (CHATWOOT_SPEC points to a missing file)', () => {
	let t;
	const saved = process.env.CHATWOOT_SPEC;
	beforeAll(async () => {
		process.env.CHATWOOT_SPEC = path.join(__dirname, 'does-not-exist.json');
		t = await boot();
	});
	afterAll(async () => {
		if (saved === undefined) delete process.env.CHATWOOT_SPEC;
		else process.env.CHATWOOT_SPEC = saved;
		await t.sb.close();
	});
	beforeEach(() => t.sb.reset());

	it('skips spec validation', async () => {
		expect(t.sb.specLoaded).toBe(false);
		await t.call('POST', 'conversations/1/messages', {
			body: { content: 'x', private: 'yes', campaign_id: 'abc' },
		});
		await t.call('GET', 'conversations/1/messages/3');
		expect(t.rules().filter((r) => r.startsWith('spec:'))).toEqual([]);
	});

	it('still enforces the NOTES rules', async () => {
		let r = await t.call('POST', 'conversations/2/messages', {
			body: { content: 'x', message_type: 'incoming' },
		});
		expect([r.status, r.json]).toEqual([
			422,
			{ error: 'Incoming messages are only allowed in Api inboxes' },
		]);
		r = await t.call('POST', 'conversations/1/messages', {
			body: { content: 'x', source_id: 'abc' },
		});
		expect(r.status).toBe(200);
		r = await t.call('POST', 'conversations/1/messages', { body: { content: 'x'.repeat(150001) } });
		expect(r.status).toBe(422);
		r = await t.call('POST', 'conversations/2/messages', {
			body: { content: 'x', template_params: { name: 'pending_template', language: 'en' } },
		});
		expect(r.status).toBe(200);
		r = await t.call('GET', '/api/v1/profile', { token: t.sb.botToken });
		expect(r.status).toBe(401);
		expect(t.rules()).toEqual([
			'notes:message_type',
			'notes:source_id-outgoing',
			'notes:content-length',
			'notes:template-not-found',
		]);
	});
});
