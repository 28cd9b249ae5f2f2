// @ts-check
'use strict';

/**
 * The seeded data (README "Seed"): two projects, three phone numbers, contacts and conversations
 * inside and outside the 24-hour window, and WABA templates of every shape the nodes handle.
 * Times are relative to `now`, so a reset restores the same windows.
 */

const API_KEY = 'sandbox-kapso-key';
const OTHER_API_KEY = 'sandbox-kapso-other-key';
const HOUR = 3600 * 1000;

const uuid = (/** @type {string} */ prefix, /** @type {number} */ n) =>
	`${prefix}0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const IDS = Object.freeze({
	project: uuid('a', 1),
	otherProject: uuid('a', 2),
	phoneNumber: '100000000000001',
	salesPhoneNumber: '100000000000002',
	otherPhoneNumber: '100000000000009',
	waba: '200000000000001',
	salesWaba: '200000000000002',
	otherWaba: '200000000000009',
	config: uuid('c', 1),
	salesConfig: uuid('c', 2),
	otherConfig: uuid('c', 9),
	insideWindow: '15551230001',
	insideWindowBsuid: 'US.1000000000000001',
	outsideWindow: '15551230002',
	neverWrote: '15551230003',
	salesContact: '15551230004',
	otherContact: '447700900009',
	undeliverable: '15550000000',
	insideConversation: uuid('d', 1),
	outsideConversation: uuid('d', 2),
	salesConversation: uuid('d', 4),
	otherConversation: uuid('d', 9),
});

/** @param {string} id @param {string} project @param {string} config @param {string} waba @param {string} name @param {string} display */
function phoneNumber(id, project, config, waba, name, display) {
	return {
		phone_number_id: id,
		internal_id: config,
		project_id: project,
		name,
		business_account_id: waba,
		display_phone_number: display,
		display_phone_number_normalized: display.replace(/\D/g, ''),
		verified_name: name,
		quality_rating: 'GREEN',
		status: 'CONNECTED',
		customer_id: null,
	};
}

/**
 * A template in Meta's shape plus the Kapso uuid the legacy API uses.
 * @param {number} n @param {string} waba @param {string} name @param {string} language @param {string} status
 * @param {string} category @param {'POSITIONAL'|'NAMED'} format @param {any[]} components
 */
function template(n, waba, name, language, status, category, format, components) {
	return {
		id: `3000000000000${String(n).padStart(2, '0')}`,
		kapso_id: uuid('f', n),
		waba_id: waba,
		name,
		language,
		status,
		category,
		parameter_format: format,
		components,
	};
}

/** @param {string} text @param {any} [example] */
const body = (text, example) =>
	example ? { type: 'BODY', text, example } : { type: 'BODY', text };

function templates() {
	const W = IDS.waba;
	const orderButtons = {
		type: 'BUTTONS',
		buttons: [
			{
				type: 'URL',
				text: 'Track',
				url: 'https://shop.example/track/{{1}}',
				example: ['https://shop.example/track/A-1'],
			},
			{ type: 'QUICK_REPLY', text: 'Talk to us' },
			{ type: 'COPY_CODE', example: 'SAVE10' },
		],
	};
	return [
		template(1, W, 'order_update', 'en_US', 'APPROVED', 'UTILITY', 'POSITIONAL', [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
			body('Hi {{1}}, your order {{2}} ships on {{3}}.', {
				body_text: [['Maria', 'A-1', 'Monday']],
			}),
			{ type: 'FOOTER', text: 'Acme Shop' },
			orderButtons,
		]),
		template(2, W, 'order_update', 'es', 'APPROVED', 'UTILITY', 'POSITIONAL', [
			{ type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}', example: { header_text: ['A-1'] } },
			body('Hola {{1}}, tu pedido {{2}} sale el {{3}}.', {
				body_text: [['María', 'A-1', 'lunes']],
			}),
			{ type: 'FOOTER', text: 'Acme Shop' },
			orderButtons,
		]),
		template(3, W, 'payment_due', 'en', 'APPROVED', 'UTILITY', 'NAMED', [
			body('Hello {{customer_name}}, {{amount}} is due on {{due_date}}.', {
				body_text_named_params: [
					{ param_name: 'customer_name', example: 'Maria' },
					{ param_name: 'amount', example: '$12.50' },
					{ param_name: 'due_date', example: 'March 3, 2026' },
				],
			}),
		]),
		template(4, W, 'appointment_reminder', 'en', 'APPROVED', 'UTILITY', 'NAMED', [
			{
				type: 'HEADER',
				format: 'TEXT',
				text: 'Hi {{first_name}}',
				example: { header_text_named_params: [{ param_name: 'first_name', example: 'Maria' }] },
			},
			body('Your appointment with {{doctor}} is on {{date}}.', {
				body_text_named_params: [
					{ param_name: 'doctor', example: 'Dr. Lee' },
					{ param_name: 'date', example: 'Monday 10:00' },
				],
			}),
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Confirm' },
					{ type: 'QUICK_REPLY', text: 'Reschedule' },
				],
			},
		]),
		template(5, W, 'summer_sale', 'pt_BR', 'APPROVED', 'MARKETING', 'POSITIONAL', [
			{
				type: 'HEADER',
				format: 'IMAGE',
				example: { header_handle: ['https://shop.example/sale.jpg'] },
			},
			body('Use o código {{1}} até {{2}}.', { body_text: [['VERAO10', 'domingo']] }),
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'VERAO10' }] },
		]),
		template(6, W, 'invoice_ready', 'en', 'APPROVED', 'UTILITY', 'POSITIONAL', [
			{
				type: 'HEADER',
				format: 'DOCUMENT',
				example: { header_handle: ['https://shop.example/invoice.pdf'] },
			},
			body('Invoice {{1}} is ready.', { body_text: [['INV-7']] }),
		]),
		template(7, W, 'pickup_point', 'en', 'APPROVED', 'UTILITY', 'POSITIONAL', [
			{ type: 'HEADER', format: 'LOCATION' },
			body('Your parcel waits at {{1}}.', { body_text: [['Main St 1']] }),
		]),
		template(8, W, 'hello_world', 'en_US', 'APPROVED', 'UTILITY', 'POSITIONAL', [
			body('Hello World'),
		]),
		template(9, W, 'welcome_pending', 'en', 'PENDING', 'MARKETING', 'POSITIONAL', [
			body('Welcome {{1}}!', { body_text: [['Maria']] }),
		]),
		template(10, W, 'old_promo', 'en', 'REJECTED', 'MARKETING', 'POSITIONAL', [
			body('Big sale: {{1}}', { body_text: [['50%']] }),
		]),
		template(21, IDS.salesWaba, 'sales_followup', 'en', 'APPROVED', 'MARKETING', 'POSITIONAL', [
			body('Hi {{1}}, thanks for your interest in {{2}}.', { body_text: [['Sam', 'Pro']] }),
		]),
		template(91, IDS.otherWaba, 'other_notice', 'en', 'APPROVED', 'UTILITY', 'POSITIONAL', [
			body('Notice {{1}}', { body_text: [['x']] }),
		]),
	];
}

/** @param {number} now */
function buildSeed(now = Date.now()) {
	const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
	const created = iso(now - 90 * 24 * HOUR);
	const projects = [
		{ id: IDS.project, name: 'Acme Support', key: API_KEY },
		{ id: IDS.otherProject, name: 'Other Corp', key: OTHER_API_KEY },
	];
	const phoneNumbers = [
		phoneNumber(
			IDS.phoneNumber,
			IDS.project,
			IDS.config,
			IDS.waba,
			'Acme Support',
			'+1 555-010-0001',
		),
		phoneNumber(
			IDS.salesPhoneNumber,
			IDS.project,
			IDS.salesConfig,
			IDS.salesWaba,
			'Acme Sales',
			'+1 555-010-0002',
		),
		phoneNumber(
			IDS.otherPhoneNumber,
			IDS.otherProject,
			IDS.otherConfig,
			IDS.otherWaba,
			'Other Corp',
			'+44 20 7946 0009',
		),
	].map((p) => ({ ...p, created_at: created, updated_at: created }));

	const contact = (
		/** @type {number} */ n,
		/** @type {string} */ project,
		/** @type {string} */ waId,
		/** @type {string} */ name,
		/** @type {string[]} */ numbers,
		bsuid = null,
	) => ({
		id: uuid('b', n),
		project_id: project,
		wa_id: waId,
		profile_name: name,
		display_name: name,
		business_scoped_user_id: bsuid,
		customer_id: null,
		metadata: {},
		phone_number_ids: numbers,
		created_at: created,
		updated_at: created,
	});
	const contacts = [
		contact(
			1,
			IDS.project,
			IDS.insideWindow,
			'Maria Garcia',
			[IDS.phoneNumber],
			/** @type {any} */ (IDS.insideWindowBsuid),
		),
		contact(2, IDS.project, IDS.outsideWindow, 'John Smith', [IDS.phoneNumber]),
		contact(3, IDS.project, IDS.neverWrote, 'Lena Novak', [IDS.phoneNumber]),
		contact(4, IDS.project, IDS.salesContact, 'Sam Lee', [IDS.salesPhoneNumber]),
		contact(9, IDS.otherProject, IDS.otherContact, 'Other Customer', [IDS.otherPhoneNumber]),
	];

	/** @type {any[]} */
	const messages = [];
	/** @param {number} conv @param {number} n @param {'inbound'|'outbound'} direction @param {number} at @param {string} text @param {string} pn @param {string} waId @param {string} convId */
	const msg = (conv, n, direction, at, text, pn, waId, convId) =>
		messages.push({
			kapso_id: `e0000000-0000-4000-8000-${String(conv * 100 + n).padStart(12, '0')}`,
			wamid: `wamid.SEED${conv}-${n}`,
			phone_number_id: pn,
			conversation_id: convId,
			wa_id: waId,
			direction,
			type: 'text',
			content: { body: text },
			status: direction === 'inbound' ? 'received' : 'read',
			statuses: [],
			created_at: at,
			origin: 'cloud_api',
		});
	const c1 = [
		'Hi Maria, your order A-1 is confirmed.',
		'Thanks! When does it ship?',
		'It ships on Monday.',
		'Great',
		'Anything else we can help with?',
		'Where is my order?',
	];
	// 24 minutes apart, outbound first, the last (inbound) one hour ago.
	c1.forEach((text, i) =>
		msg(
			1,
			i + 1,
			i % 2 ? 'inbound' : 'outbound',
			now - (3 * HOUR - i * 24 * 60 * 1000),
			text,
			IDS.phoneNumber,
			IDS.insideWindow,
			IDS.insideConversation,
		),
	);
	msg(
		2,
		1,
		'inbound',
		now - 30 * HOUR,
		'Do you ship to Canada?',
		IDS.phoneNumber,
		IDS.outsideWindow,
		IDS.outsideConversation,
	);
	msg(
		2,
		2,
		'outbound',
		now - 29 * HOUR,
		'Yes, we do.',
		IDS.phoneNumber,
		IDS.outsideWindow,
		IDS.outsideConversation,
	);
	msg(
		4,
		1,
		'inbound',
		now - 2 * HOUR,
		'Is the Pro plan available?',
		IDS.salesPhoneNumber,
		IDS.salesContact,
		IDS.salesConversation,
	);
	msg(
		9,
		1,
		'inbound',
		now - HOUR,
		'Hi there',
		IDS.otherPhoneNumber,
		IDS.otherContact,
		IDS.otherConversation,
	);

	const conversation = (
		/** @type {string} */ id,
		/** @type {string} */ project,
		/** @type {string} */ pn,
		/** @type {string} */ waId,
		/** @type {string} */ status,
		/** @type {number} */ createdAt,
	) => ({
		id,
		project_id: project,
		phone_number_id: pn,
		wa_id: waId,
		status,
		metadata: {},
		created_at: createdAt,
		updated_at: createdAt,
	});
	const conversations = [
		conversation(
			IDS.insideConversation,
			IDS.project,
			IDS.phoneNumber,
			IDS.insideWindow,
			'active',
			now - 3 * HOUR,
		),
		conversation(
			IDS.outsideConversation,
			IDS.project,
			IDS.phoneNumber,
			IDS.outsideWindow,
			'active',
			now - 30 * HOUR,
		),
		conversation(
			IDS.salesConversation,
			IDS.project,
			IDS.salesPhoneNumber,
			IDS.salesContact,
			'ended',
			now - 2 * HOUR,
		),
		conversation(
			IDS.otherConversation,
			IDS.otherProject,
			IDS.otherPhoneNumber,
			IDS.otherContact,
			'active',
			now - HOUR,
		),
	];

	return {
		projects,
		phoneNumbers,
		contacts,
		conversations,
		messages,
		templates: templates(),
		/** @type {Map<string, any>} uploaded media by id */
		media: new Map(),
		/** @type {any[]} */
		webhooks: [],
		counters: { message: 0, conversation: 0, contact: 0, media: 0, webhook: 0 },
	};
}

module.exports = { buildSeed, API_KEY, OTHER_API_KEY, IDS, HOUR };
