'use strict';
const { bootKapso } = require('./kapso-helpers');

describe('Kapso sandbox: proxy sends', () => {
	let t;
	beforeAll(async () => {
		t = await bootKapso();
	});
	afterAll(() => t.sb.close());
	beforeEach(() => t.sb.reset());

	const inside = () => t.ids.insideWindow;
	const media = { link: 'https://cdn.example/file' };
	const interactiveButtons = (buttons) => ({
		type: 'button',
		body: { text: 'Pick one' },
		action: {
			buttons: buttons.map(([id, title]) => ({ type: 'reply', reply: { id, title } })),
		},
	});
	const listOf = (rowsPerSection) => ({
		type: 'list',
		body: { text: 'Choose' },
		action: {
			button: 'Options',
			sections: rowsPerSection.map((n, s) => ({
				title: `S${s}`,
				rows: Array.from({ length: n }, (_, r) => ({ id: `r${s}-${r}`, title: `Row ${r}` })),
			})),
		},
	});

	it.each([
		['text', { text: { body: 'Hello', preview_url: true } }],
		['image', { image: { ...media, caption: 'Look' } }],
		['video', { video: { ...media, caption: 'Clip' } }],
		['audio', { audio: media }],
		['document', { document: { ...media, filename: 'a.pdf', caption: 'Doc' } }],
		['sticker', { sticker: media }],
		['location', { location: { latitude: 1.5, longitude: -2, name: 'HQ', address: 'Main St' } }],
		[
			'contacts',
			{ contacts: [{ name: { formatted_name: 'Ann Lee' }, phones: [{ phone: '+1' }] }] },
		],
		[
			'interactive',
			{
				interactive: interactiveButtons([
					['a', 'Yes'],
					['b', 'No'],
				]),
			},
		],
		['interactive', { interactive: listOf([3, 2]) }],
		[
			'interactive',
			{
				interactive: {
					type: 'cta_url',
					body: { text: 'See it' },
					action: {
						name: 'cta_url',
						parameters: { display_text: 'Open', url: 'https://x.example' },
					},
				},
			},
		],
		['reaction', { reaction: { message_id: 'wamid.SEED1-6', emoji: '👍' } }],
	])('accepts a %s message inside the window with Meta’s answer', async (type, part) => {
		const r = await t.sendMeta({
			to: `+${inside()}`,
			type,
			...part,
			biz_opaque_callback_data: 'ref-1',
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			messaging_product: 'whatsapp',
			contacts: [{ input: `+${inside()}`, wa_id: inside() }],
			messages: [{ id: expect.stringMatching(/^wamid\./) }],
		});
		expect(t.sb.violations).toEqual([]);
		const stored = t.sb.state.messages.find((m) => m.wamid === r.json.messages[0].id);
		expect(stored).toMatchObject({
			type,
			direction: 'outbound',
			status: 'sent',
			content: part[type],
		});
	});

	it('answers Meta’s invalid-parameter error for the envelope', async () => {
		const r = await t.call('POST', t.meta(`${t.ids.phoneNumber}/messages`), {
			body: { to: inside(), type: 'text', text: { body: 'x' } },
		});
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({
			code: 100,
			type: 'OAuthException',
			message: '(#100) Invalid parameter',
			error_data: {
				messaging_product: 'whatsapp',
				details: expect.stringContaining('messaging_product'),
			},
			fbtrace_id: expect.any(String),
		});
		expect(t.rules()).toEqual(['meta:param']);
	});

	it.each([
		[
			'text over 4096',
			{ type: 'text', text: { body: 'x'.repeat(4097) } },
			100,
			"text['body'] must be at most 4096",
		],
		[
			'caption over 1024',
			{ type: 'image', image: { ...media, caption: 'x'.repeat(1025) } },
			100,
			'at most 1024',
		],
		[
			'filename over 240',
			{ type: 'document', document: { ...media, filename: 'x'.repeat(241) } },
			100,
			'at most 240',
		],
		[
			'both link and id',
			{ type: 'image', image: { link: media.link, id: '1' } },
			100,
			'exactly one of link or id',
		],
		[
			'caption on audio',
			{ type: 'audio', audio: { ...media, caption: 'x' } },
			100,
			"audio['caption'] is not a valid",
		],
		[
			'location name over 100',
			{ type: 'location', location: { latitude: 1, longitude: 1, name: 'x'.repeat(101) } },
			100,
			'at most 100',
		],
		[
			'latitude as a string',
			{ type: 'location', location: { latitude: '1', longitude: 1 } },
			100,
			'latitude',
		],
		[
			'contact without a name',
			{ type: 'contacts', contacts: [{ phones: [] }] },
			100,
			'formatted_name',
		],
		[
			'4 reply buttons',
			{
				type: 'interactive',
				interactive: interactiveButtons([
					['a', 'A'],
					['b', 'B'],
					['c', 'C'],
					['d', 'D'],
				]),
			},
			131009,
			'between 1 and 3',
		],
		[
			'button title over 20',
			{ type: 'interactive', interactive: interactiveButtons([['a', 'x'.repeat(21)]]) },
			131009,
			'at most 20',
		],
		[
			'duplicate button ids',
			{
				type: 'interactive',
				interactive: interactiveButtons([
					['a', 'A'],
					['a', 'B'],
				]),
			},
			131009,
			'unique',
		],
		[
			'11 list rows in all',
			{ type: 'interactive', interactive: listOf([6, 5]) },
			131009,
			'max allowed count: 10',
		],
		[
			'footer over 60',
			{
				type: 'interactive',
				interactive: { ...interactiveButtons([['a', 'A']]), footer: { text: 'x'.repeat(61) } },
			},
			131009,
			'at most 60',
		],
		[
			'text header over 60',
			{
				type: 'interactive',
				interactive: {
					...interactiveButtons([['a', 'A']]),
					header: { type: 'text', text: 'x'.repeat(61) },
				},
			},
			131009,
			'at most 60',
		],
		[
			'image header on a list',
			{
				type: 'interactive',
				interactive: { ...listOf([1]), header: { type: 'image', image: media } },
			},
			131009,
			'not allowed',
		],
		[
			'cta display_text over 20',
			{
				type: 'interactive',
				interactive: {
					type: 'cta_url',
					body: { text: 'b' },
					action: {
						name: 'cta_url',
						parameters: { display_text: 'x'.repeat(21), url: 'https://x.example' },
					},
				},
			},
			131009,
			'at most 20',
		],
		[
			'reaction to an unknown message',
			{ type: 'reaction', reaction: { message_id: 'wamid.NOPE', emoji: '👍' } },
			100,
			'not a message of this number',
		],
		[
			'biz_opaque_callback_data over 512',
			{ type: 'text', text: { body: 'x' }, biz_opaque_callback_data: 'x'.repeat(513) },
			100,
			'at most 512',
		],
		['an unknown field', { type: 'text', text: { body: 'x' }, priority: 'high' }, 100, 'priority'],
		[
			'a type object of another type',
			{ type: 'text', text: { body: 'x' }, image: media },
			100,
			'type is text',
		],
		[
			'a bad phone number',
			{ type: 'text', text: { body: 'x' }, to: '12' },
			100,
			'not a valid phone number',
		],
	])('rejects %s', async (_name, body, code, details) => {
		const r = await t.sendMeta({ to: inside(), ...body });
		expect(r.status).toBe(400);
		expect(r.json.error.code).toBe(code);
		expect(r.json.error.error_data.details).toContain(details);
		expect(t.sb.violations).toHaveLength(1);
		expect(
			t.sb.state.messages.filter(
				(m) => m.direction === 'outbound' && m.wamid.startsWith('wamid.SANDBOX'),
			),
		).toEqual([]);
	});

	it('accepts exactly the limits (3 buttons of 20 chars, 10 rows, 4096 chars)', async () => {
		const twenty = 'x'.repeat(20);
		for (const body of [
			{
				type: 'interactive',
				interactive: interactiveButtons([
					['a', `${twenty.slice(1)}a`],
					['b', `${twenty.slice(1)}b`],
					['c', `${twenty.slice(1)}c`],
				]),
			},
			{ type: 'interactive', interactive: listOf([5, 5]) },
			{ type: 'text', text: { body: '😀'.repeat(4096) } },
		])
			expect((await t.sendMeta({ to: inside(), ...body })).status).toBe(200);
		expect(t.sb.violations).toEqual([]);
	});

	it('stops a free-form message outside the 24-hour window with 131047, but lets a template through', async () => {
		for (const to of [t.ids.outsideWindow, t.ids.neverWrote]) {
			const r = await t.sendMeta({ to, type: 'text', text: { body: 'late' } });
			expect(r.status).toBe(400);
			expect(r.json.error).toMatchObject({
				code: 131047,
				message: '(#131047) Re-engagement message',
			});
		}
		expect(t.rules()).toEqual(['meta:24h-window', 'meta:24h-window']);
		const ok = await t.sendMeta({
			to: t.ids.outsideWindow,
			type: 'template',
			template: { name: 'hello_world', language: { code: 'en_US' } },
		});
		expect(ok.status).toBe(200);
		expect(ok.json.messages[0].message_status).toBe('accepted');
	});

	it('windowMode async accepts the late message and fails it afterwards', async () => {
		t.sb.setFaults({ windowMode: 'async' });
		const r = await t.sendMeta({ to: t.ids.outsideWindow, type: 'text', text: { body: 'late' } });
		expect(r.status).toBe(200);
		const m = t.sb.state.messages.find((x) => x.wamid === r.json.messages[0].id);
		expect(m.status).toBe('failed');
		expect(m.statuses.at(-1).errors[0]).toMatchObject({
			code: 131047,
			title: 'Re-engagement message',
		});
		expect(t.rules()).toEqual(['meta:24h-window']);
	});

	it('opens the window when the customer writes, and closes it when time passes', async () => {
		const late = { to: t.ids.outsideWindow, type: 'text', text: { body: 'hi' } };
		t.sb.customerWrites({
			phone_number_id: t.ids.phoneNumber,
			from: t.ids.outsideWindow,
			text: 'back',
		});
		expect((await t.sendMeta(late)).status).toBe(200);
		t.sb.setLastInbound(t.ids.outsideConversation, 25);
		expect((await t.sendMeta(late)).json.error.code).toBe(131047);
	});

	it('sends to a BSUID recipient; to wins over recipient', async () => {
		const r = await t.sendMeta({
			recipient: t.ids.insideWindowBsuid,
			type: 'text',
			text: { body: 'hi' },
		});
		expect(r.json.contacts).toEqual([
			{ input: t.ids.insideWindowBsuid, wa_id: t.ids.insideWindow },
		]);
		const both = await t.sendMeta({
			to: t.ids.insideWindow,
			recipient: 'US.unknown',
			type: 'text',
			text: { body: 'hi' },
		});
		expect(both.status).toBe(200);
		const unknown = await t.sendMeta({
			recipient: 'US.unknown',
			type: 'text',
			text: { body: 'hi' },
		});
		expect(unknown.json.error.code).toBe(100);
	});

	it('keeps the reply context and stores the conversation link', async () => {
		const r = await t.sendMeta({
			to: inside(),
			type: 'text',
			text: { body: 're' },
			context: { message_id: 'wamid.SEED1-6' },
		});
		const m = t.sb.state.messages.find((x) => x.wamid === r.json.messages[0].id);
		expect(m).toMatchObject({
			context: 'wamid.SEED1-6',
			conversation_id: t.ids.insideConversation,
		});
	});

	it('marks an inbound message read with a typing indicator, and refuses an outbound one', async () => {
		const ok = await t.sendMeta({
			status: 'read',
			message_id: 'wamid.SEED1-6',
			typing_indicator: { type: 'text' },
		});
		expect(ok.json).toEqual({ success: true });
		expect(t.sb.state.messages.find((m) => m.wamid === 'wamid.SEED1-6').status).toBe('read');
		const bad = await t.sendMeta({ status: 'read', message_id: 'wamid.SEED1-1' });
		expect(bad.json.error.code).toBe(100);
		const badTyping = await t.sendMeta({
			status: 'read',
			message_id: 'wamid.SEED1-6',
			typing_indicator: true,
		});
		expect(badTyping.status).toBe(400);
	});

	it('answers “object does not exist” for another project’s number and flags it', async () => {
		const r = await t.sendMeta(
			{ to: inside(), type: 'text', text: { body: 'x' } },
			t.ids.otherPhoneNumber,
		);
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({ code: 100, error_subcode: 33 });
		expect(t.rules()).toEqual(['auth:other-project']);
	});

	it('serves another Graph version but flags it', async () => {
		const r = await t.call('POST', `/meta/whatsapp/v23.0/${t.ids.phoneNumber}/messages`, {
			body: { messaging_product: 'whatsapp', to: inside(), type: 'text', text: { body: 'x' } },
		});
		expect(r.status).toBe(200);
		expect(t.rules()).toEqual(['notes:graph-version']);
	});

	it('fails a message to a number that is not on WhatsApp after accepting it (131026)', async () => {
		t.sb.setFaults({ windowMode: 'async' });
		const r = await t.sendMeta({
			to: t.ids.undeliverable,
			type: 'template',
			template: { name: 'hello_world', language: { code: 'en_US' } },
		});
		expect(r.status).toBe(200);
		const m = t.sb.state.messages.find((x) => x.wamid === r.json.messages[0].id);
		expect(m.statuses.map((s) => s.status)).toEqual(['sent', 'failed']);
		expect(m.statuses[1].errors[0].code).toBe(131026);
	});
});
