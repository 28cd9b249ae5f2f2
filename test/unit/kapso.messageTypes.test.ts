import { NodeOperationError } from 'n8n-workflow';

import { json, parseMultipart } from '../helpers/context';
import {
	KAPSO_KEY,
	kapsoSend,
	MESSAGES_URL,
	PHONE_NUMBER_ID,
	runKapso,
	sendOnly,
	sent,
} from '../helpers/kapso';

const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15551230001' };

describe('Message → Send: the exact body for every message type', () => {
	it.each([
		[
			'image',
			{ caption: 'Your receipt' },
			{ link: 'https://cdn.example/p.jpg', caption: 'Your receipt' },
		],
		['video', {}, { link: 'https://cdn.example/p.jpg' }],
		['audio', { voice: true }, { link: 'https://cdn.example/p.jpg', voice: true }],
		[
			'document',
			{ caption: 'Invoice', filename: 'invoice.pdf' },
			{ link: 'https://cdn.example/p.jpg', caption: 'Invoice', filename: 'invoice.pdf' },
		],
		['sticker', {}, { link: 'https://cdn.example/p.jpg' }],
	])('%s from a URL', async (type, extra, object) => {
		const request = await sendOnly({
			messageType: type,
			mediaSource: 'url',
			mediaUrl: 'https://cdn.example/p.jpg',
			...extra,
		});
		expect(request.body).toEqual({ ...envelope, type, [type]: object });
	});

	it('media by Kapso media ID; the caption is not sent for audio and sticker', async () => {
		const request = await sendOnly({
			messageType: 'sticker',
			mediaSource: 'id',
			mediaId: ' 4490 ',
			caption: 'ignored',
		});
		expect(request.body).toEqual({ ...envelope, type: 'sticker', sticker: { id: '4490' } });
	});

	it('location', async () => {
		const request = await sendOnly({
			messageType: 'location',
			latitude: 52.52,
			longitude: 13.405,
			locationName: 'Acme Store',
			locationAddress: 'Unter den Linden 1, Berlin',
		});
		expect(request.body).toEqual({
			...envelope,
			type: 'location',
			location: {
				latitude: 52.52,
				longitude: 13.405,
				name: 'Acme Store',
				address: 'Unter den Linden 1, Berlin',
			},
		});
	});

	it('contacts (cards with phone, email, company, website, birthday)', async () => {
		const request = await sendOnly({
			messageType: 'contacts',
			contactCards: {
				card: [
					{
						formattedName: 'Maria Garcia',
						firstName: 'Maria',
						lastName: 'Garcia',
						phone: '+1 555 123 0001',
						phoneType: 'WORK',
						waId: '15551230001',
						email: 'maria@example.com',
						company: 'Acme',
						url: 'https://acme.example',
						birthday: '1990-05-31',
					},
					{ formattedName: 'Support Desk' },
				],
			},
		});
		expect(request.body).toEqual({
			...envelope,
			type: 'contacts',
			contacts: [
				{
					name: { formatted_name: 'Maria Garcia', first_name: 'Maria', last_name: 'Garcia' },
					phones: [{ phone: '+15551230001', type: 'WORK', wa_id: '15551230001' }],
					emails: [{ email: 'maria@example.com', type: 'WORK' }],
					org: { company: 'Acme' },
					urls: [{ url: 'https://acme.example', type: 'WORK' }],
					birthday: '1990-05-31',
				},
				{ name: { formatted_name: 'Support Desk' } },
			],
		});
	});

	it('reply buttons (an empty ID takes the title)', async () => {
		const request = await sendOnly({
			messageType: 'buttons',
			bodyText: 'Did this solve it?',
			headerText: 'Order #1042',
			footerText: 'Acme Support',
			replyButtons: { button: [{ title: 'Yes', id: 'solved' }, { title: 'No' }] },
		});
		expect(request.body).toEqual({
			...envelope,
			type: 'interactive',
			interactive: {
				type: 'button',
				header: { type: 'text', text: 'Order #1042' },
				body: { text: 'Did this solve it?' },
				footer: { text: 'Acme Support' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'solved', title: 'Yes' } },
						{ type: 'reply', reply: { id: 'No', title: 'No' } },
					],
				},
			},
		});
	});

	it('list (rows grouped by section title, in order)', async () => {
		const request = await sendOnly({
			messageType: 'list',
			bodyText: 'Pick a slot',
			listButtonText: 'Slots',
			listRows: {
				row: [
					{ section: 'Monday', id: 'mon-9', title: '9:00', description: 'Morning' },
					{ section: 'Tuesday', id: 'tue-9', title: '9:00' },
					{ section: 'Monday', id: 'mon-14', title: '14:00' },
				],
			},
		});
		expect(request.body).toEqual({
			...envelope,
			type: 'interactive',
			interactive: {
				type: 'list',
				body: { text: 'Pick a slot' },
				action: {
					button: 'Slots',
					sections: [
						{
							title: 'Monday',
							rows: [
								{ id: 'mon-9', title: '9:00', description: 'Morning' },
								{ id: 'mon-14', title: '14:00' },
							],
						},
						{ title: 'Tuesday', rows: [{ id: 'tue-9', title: '9:00' }] },
					],
				},
			},
		});
	});

	it('CTA URL button', async () => {
		const request = await sendOnly({
			messageType: 'ctaUrl',
			bodyText: 'Your parcel is on its way',
			ctaDisplayText: 'Track',
			ctaUrl: 'https://shop.example/track/1042',
		});
		expect(request.body).toEqual({
			...envelope,
			type: 'interactive',
			interactive: {
				type: 'cta_url',
				body: { text: 'Your parcel is on its way' },
				action: {
					name: 'cta_url',
					parameters: { display_text: 'Track', url: 'https://shop.example/track/1042' },
				},
			},
		});
	});

	it('reaction (never as a reply), and an empty emoji to remove it', async () => {
		let request = await sendOnly({
			messageType: 'reaction',
			reactionMessageId: 'wamid.IN1',
			reactionEmoji: '👍🏽',
			options: { replyToMessageId: 'wamid.OTHER' },
		});
		expect(request.body).toEqual({
			...envelope,
			type: 'reaction',
			reaction: { message_id: 'wamid.IN1', emoji: '👍🏽' },
		});
		request = await sendOnly({
			messageType: 'reaction',
			reactionMessageId: 'wamid.IN1',
			reactionEmoji: '',
		});
		expect((request.body as { reaction: unknown }).reaction).toEqual({
			message_id: 'wamid.IN1',
			emoji: '',
		});
	});
});

describe('Message → Send: binary data is uploaded first, then sent by its media ID', () => {
	const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
	const itemWith = (mimeType: string, data = png, fileName = 'receipt.png') => ({
		json: {},
		binary: { data: { data: data.toString('base64'), mimeType, fileName } },
	});

	it('uploads the file as multipart to the sender’s media endpoint, then sends it', async () => {
		const run = await runKapso({
			items: [itemWith('image/png')],
			parameters: kapsoSend({
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
				caption: 'Receipt',
			}),
			http: (request) => (request.url.endsWith('/media') ? json({ id: 'media-77' }) : sent()),
		});
		expect(run.error).toBeUndefined();
		const [upload, send] = run.requests;
		expect(upload.method).toBe('POST');
		expect(upload.url).toBe(`https://api.kapso.ai/meta/whatsapp/v24.0/${PHONE_NUMBER_ID}/media`);
		expect(upload.headers['X-API-Key']).toBe(KAPSO_KEY);
		const form = parseMultipart(upload);
		expect(form.fields).toEqual([
			['messaging_product', 'whatsapp'],
			['type', 'image/png'],
		]);
		expect(form.files).toEqual([
			{ field: 'file', fileName: 'receipt.png', mimeType: 'image/png', content: png },
		]);
		expect(send.url).toBe(MESSAGES_URL);
		expect(send.body).toEqual({
			...envelope,
			type: 'image',
			image: { id: 'media-77', caption: 'Receipt' },
		});
	});

	it('reads the 24-hour window before uploading: a stopped send uploads nothing', async () => {
		const run = await runKapso({
			items: [itemWith('image/png')],
			parameters: kapsoSend({
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
				options: { checkWindow: true },
			}),
			http: () =>
				json({ data: [{ id: 'd2', kapso: { last_inbound_at: '2020-01-01T00:00:00Z' } }] }),
		});
		expect(
			run.requests.map((request) => `${request.method} ${request.url.split('/').pop()}`),
		).toEqual(['GET conversations']);
		expect((run.error as Error).message).toContain('outside WhatsApp’s 24-hour window');
	});

	it('a document takes the binary file’s name when File Name is empty', async () => {
		const run = await runKapso({
			items: [itemWith('application/pdf', Buffer.from('%PDF-1.4'), 'invoice-1042.pdf')],
			parameters: kapsoSend({
				messageType: 'document',
				mediaSource: 'binary',
				binaryPropertyName: 'data',
			}),
			http: (request) => (request.url.endsWith('/media') ? json({ id: 'm1' }) : sent()),
		});
		expect(run.requests[1].body).toMatchObject({
			document: { id: 'm1', filename: 'invoice-1042.pdf' },
		});
	});

	it.each([
		[
			'image',
			'application/pdf',
			png,
			'Input Binary Field: the file is application/pdf; WhatsApp takes JPEG or PNG for an image message',
		],
		[
			'sticker',
			'image/webp',
			Buffer.alloc(500 * 1024 + 1),
			'Input Binary Field: the file is 501 KB; WhatsApp takes at most 500 KB for a sticker message',
		],
		[
			'audio',
			'audio/mpeg',
			png,
			'Input Binary Field: a voice note must be OGG audio (OPUS codec); the file is audio/mpeg',
		],
	])(
		'refuses a %s that WhatsApp would not take (%s), uploading nothing',
		async (type, mimeType, data, message) => {
			const run = await runKapso({
				items: [itemWith(mimeType, data)],
				parameters: kapsoSend({
					messageType: type,
					mediaSource: 'binary',
					binaryPropertyName: 'data',
					voice: true,
				}),
			});
			expect(run.requests).toHaveLength(0);
			expect((run.error as Error).message).toBe(`${message} [item 0]`);
		},
	);

	it('names the binary fields the item has when the one asked for is missing', async () => {
		const run = await runKapso({
			items: [itemWith('image/png')],
			parameters: kapsoSend({
				messageType: 'image',
				mediaSource: 'binary',
				binaryPropertyName: 'photo',
			}),
		});
		expect((run.error as Error).message).toBe(
			'Input Binary Field: the item has no binary field "photo" [item 0]',
		);
		expect((run.error as NodeOperationError).description).toBe('Binary fields on this item: data');
	});
});

describe('Message → Send: checks before sending (NOTES §2d)', () => {
	const buttons = (count: number, title = 'B') => ({
		button: Array.from({ length: count }, (_, index) => ({
			title: `${title}${index}`,
			id: `id${index}`,
		})),
	});
	const rows = (count: number) => ({
		row: Array.from({ length: count }, (_, index) => ({ title: `Row ${index}`, id: `r${index}` })),
	});
	const interactive = { bodyText: 'Pick', listButtonText: 'Open' };
	it.each([
		[
			{ messageType: 'image', mediaUrl: 'ftp://x/y.jpg' },
			'Media URL: must be an http:// or https:// address (got "ftp://x/y.jpg")',
		],
		[
			{ messageType: 'image', mediaUrl: 'https://x/y.jpg', caption: 'c'.repeat(1025) },
			'Caption: is 1025 characters long; WhatsApp allows at most 1024',
		],
		[
			{ messageType: 'document', mediaUrl: 'https://x/y.pdf', filename: 'f'.repeat(241) },
			'File Name: is 241 characters long; WhatsApp allows at most 240',
		],
		[
			{ messageType: 'location', latitude: 91, longitude: 0 },
			'Latitude: must be a number from -90 to 90 (got 91)',
		],
		[
			{ messageType: 'location', latitude: 0, longitude: -181 },
			'Longitude: must be a number from -180 to 180 (got -181)',
		],
		[
			{ messageType: 'location', latitude: 0, longitude: 0, locationName: 'n'.repeat(101) },
			'Location Name: is 101 characters long; WhatsApp allows at most 100',
		],
		[
			{ messageType: 'location', latitude: 0, longitude: 0, locationAddress: 'a'.repeat(301) },
			'Location Address: is 301 characters long; WhatsApp allows at most 300',
		],
		[
			{ messageType: 'buttons', ...interactive, replyButtons: buttons(4) },
			'Buttons: 4 given; WhatsApp takes 1 to 3 reply buttons',
		],
		[
			{ messageType: 'buttons', ...interactive, replyButtons: buttons(0) },
			'Buttons: 0 given; WhatsApp takes 1 to 3 reply buttons',
		],
		[
			{
				messageType: 'buttons',
				...interactive,
				replyButtons: { button: [{ title: 'x'.repeat(21) }] },
			},
			'Buttons → Button 1 → Title: is 21 characters long; WhatsApp allows at most 20',
		],
		[
			{
				messageType: 'buttons',
				...interactive,
				replyButtons: {
					button: [
						{ title: 'A', id: 'same' },
						{ title: 'B', id: 'same' },
					],
				},
			},
			'Buttons → Button 2 → ID: "same" is used by another button; each button needs its own ID',
		],
		[
			{
				messageType: 'buttons',
				...interactive,
				replyButtons: { button: [{ title: 'A', id: 'i'.repeat(257) }] },
			},
			'Buttons → Button 1 → ID: is 257 characters long; WhatsApp allows at most 256',
		],
		[
			{
				messageType: 'buttons',
				...interactive,
				bodyText: 'b'.repeat(1025),
				replyButtons: buttons(1),
			},
			'Body Text: is 1025 characters long; WhatsApp allows at most 1024',
		],
		[
			{
				messageType: 'buttons',
				...interactive,
				footerText: 'f'.repeat(61),
				replyButtons: buttons(1),
			},
			'Footer Text: is 61 characters long; WhatsApp allows at most 60',
		],
		[
			{
				messageType: 'buttons',
				...interactive,
				headerText: 'h'.repeat(61),
				replyButtons: buttons(1),
			},
			'Header Text: is 61 characters long; WhatsApp allows at most 60',
		],
		[
			{ messageType: 'list', ...interactive, listRows: rows(11) },
			'Rows: 11 given; WhatsApp takes at most 10 rows in all',
		],
		[
			{ messageType: 'list', ...interactive, listRows: rows(0) },
			'Rows: the list has no row; add 1 to 10',
		],
		[
			{ messageType: 'list', ...interactive, listButtonText: 'x'.repeat(21), listRows: rows(1) },
			'List Button Text: is 21 characters long; WhatsApp allows at most 20',
		],
		[
			{ messageType: 'list', ...interactive, listRows: { row: [{ title: 't'.repeat(25) }] } },
			'Rows → Row 1 → Title: is 25 characters long; WhatsApp allows at most 24',
		],
		[
			{
				messageType: 'list',
				...interactive,
				listRows: { row: [{ title: 'T', id: 'i'.repeat(201) }] },
			},
			'Rows → Row 1 → ID: is 201 characters long; WhatsApp allows at most 200',
		],
		[
			{
				messageType: 'list',
				...interactive,
				listRows: { row: [{ title: 'T', description: 'd'.repeat(73) }] },
			},
			'Rows → Row 1 → Description: is 73 characters long; WhatsApp allows at most 72',
		],
		[
			{
				messageType: 'list',
				...interactive,
				listRows: { row: [{ title: 'T', section: 's'.repeat(25) }] },
			},
			'Rows → Row 1 → Section Title: is 25 characters long; WhatsApp allows at most 24',
		],
		[
			{
				messageType: 'list',
				...interactive,
				listRows: {
					row: [
						{ title: 'A', id: 'x' },
						{ title: 'B', id: 'x' },
					],
				},
			},
			'Rows → Row 2 → ID: "x" is used by another row; each row needs its own ID',
		],
		[
			{
				messageType: 'list',
				...interactive,
				listRows: { row: [{ title: 'A', section: 'S1' }, { title: 'B' }] },
			},
			'Rows: some rows have a Section Title and some do not; with more than one section, every row needs one',
		],
		[
			{ messageType: 'list', ...interactive, bodyText: 'b'.repeat(4097), listRows: rows(1) },
			'Body Text: is 4097 characters long; WhatsApp allows at most 4096',
		],
		[
			{
				messageType: 'ctaUrl',
				bodyText: 'Go',
				ctaDisplayText: 'd'.repeat(21),
				ctaUrl: 'https://x.example',
			},
			'Button Text: is 21 characters long; WhatsApp allows at most 20',
		],
		[
			{
				messageType: 'ctaUrl',
				bodyText: 'Go',
				ctaDisplayText: 'Open',
				ctaUrl: 'javascript:alert(1)',
			},
			'Button URL: must be an http:// or https:// address (got "javascript:alert(1)")',
		],
		[
			{ messageType: 'reaction', reactionMessageId: 'wamid.1', reactionEmoji: 'ok' },
			'Emoji: must be one emoji (got "ok")',
		],
		[
			{ messageType: 'reaction', reactionMessageId: ' ', reactionEmoji: '👍' },
			'Message ID: is empty',
		],
		[{ messageType: 'contacts', contactCards: {} }, 'Contact Cards: add at least one card'],
		[
			{ messageType: 'contacts', contactCards: { card: [{ formattedName: '' }] } },
			'Contact Cards → Card 1 → Full Name: is empty',
		],
		[
			{ messageType: 'contacts', contactCards: { card: [{ formattedName: 'A', email: 'nope' }] } },
			'Contact Cards → Card 1 → Email: is not an email address (got "nope")',
		],
		[
			{
				messageType: 'contacts',
				contactCards: { card: [{ formattedName: 'A', birthday: '31/05/1990' }] },
			},
			'Contact Cards → Card 1 → Birthday: must be YYYY-MM-DD (got "31/05/1990")',
		],
		[
			{ messageType: 'template' },
			"Template: is required: choose one of the number's approved templates",
		],
		[
			{ messageType: 'carousel' },
			'Message Type: "carousel" is not a message type this node can send',
		],
	])('%j', async (fields, message) => {
		const run = await runKapso({ parameters: kapsoSend(fields) });
		expect(run.requests).toHaveLength(0);
		expect(run.error).toBeInstanceOf(NodeOperationError);
		expect((run.error as Error).message).toBe(`${message} [item 0]`);
	});

	it('with Continue On Fail, a bad item fails alone and the others are sent', async () => {
		const texts = ['ok 1', '', 'ok 2'];
		const run = await runKapso({
			items: texts.map(() => ({ json: {} })),
			continueOnFail: true,
			parameters: (itemIndex) => kapsoSend({ text: texts[itemIndex] }),
			http: () => sent(),
		});
		expect(run.requests).toHaveLength(2);
		expect(run.output?.map((item) => item.json.error ?? item.json.messageId)).toEqual([
			'wamid.OUT1',
			'Text: is empty [item 1]',
			'wamid.OUT1',
		]);
	});
});
