// @ts-check
'use strict';

/**
 * What happens to a message after it is stored, as Kapso reports it in webhooks (NOTES §6, v2
 * payloads): sent, then delivered / read / failed; a customer writing (received, and
 * conversation.created first when the conversation is new). Each function calls
 * `emit(phone_number_id, event, payload)`; the webhook engine decides who gets it.
 */

const { META_TITLES } = require('./errors');
const { IDS } = require('./seed');
const store = require('./store');

/** @typedef {(phoneNumberId: string, event: string, payload: any) => void} Emit */

/** The v2 body of a message event. @param {any} S @param {any} m @param {boolean} isNew @param {boolean} withSummary */
function messagePayload(S, m, isNew, withSummary) {
	const conv = S.conversations.find((/** @type {any} */ c) => c.id === m.conversation_id);
	return {
		message: store.metaMessage(S, m),
		conversation: store.conversationJson(S, conv, { kapso: withSummary }),
		is_new_conversation: isNew,
		phone_number_id: m.phone_number_id,
	};
}

/** @param {any} S @param {any} conv */
const conversationPayload = (S, conv) => ({
	conversation: store.conversationJson(S, conv),
	phone_number_id: conv.phone_number_id,
});

/**
 * A message moves on: delivered, read or failed (with Meta's error). Reactions only ever get
 * `sent` (NOTES §6), so a later status of a reaction is ignored.
 * @param {any} S @param {Emit} emit @param {any} m @param {'delivered'|'read'|'failed'} status @param {number} [errorCode]
 */
function setMessageStatus(S, emit, m, status, errorCode) {
	if (m.direction !== 'outbound')
		throw new Error(`${m.wamid} is inbound: only outbound messages get statuses`);
	if (m.type === 'reaction' && status !== 'failed') return m;
	const at = S.now();
	let errors;
	if (status === 'failed') {
		const code = errorCode || 131026;
		const title = /** @type {Record<number,string>} */ (META_TITLES)[code] || 'Message failed';
		errors = [
			{
				code,
				title,
				message: title,
				error_data: { details: title },
				href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
			},
		];
	}
	m.status = status;
	m.updated_at = at;
	m.statuses.push(store.statusObject(m, status, at, errors));
	emit(m.phone_number_id, `whatsapp.message.${status}`, messagePayload(S, m, false, false));
	return m;
}

/**
 * After an outbound message is stored: conversation.created when it opened a conversation, then
 * message.sent; a recipient who is not on WhatsApp (or a failing fault) fails it right after.
 * @param {any} S @param {Emit} emit @param {{message: any, conversation: any, isNew: boolean}} stored @param {number|undefined} failCode
 */
function afterOutbound(S, emit, stored, failCode) {
	const { message, conversation, isNew } = stored;
	if (isNew)
		emit(
			message.phone_number_id,
			'whatsapp.conversation.created',
			conversationPayload(S, conversation),
		);
	emit(message.phone_number_id, 'whatsapp.message.sent', messagePayload(S, message, isNew, true));
	if (message.wa_id === IDS.undeliverable) setMessageStatus(S, emit, message, 'failed', 131026);
	else if (failCode) setMessageStatus(S, emit, message, 'failed', failCode);
}

const REPLY_TYPES = ['text', 'image', 'button_reply', 'list_reply', 'button'];

/** A sample JPEG (the customer's photo) stored as media of the number. */
function storeCustomerImage(/** @type {any} */ S, /** @type {any} */ pn) {
	const bytes = Buffer.from(
		'/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
		'base64',
	);
	const id = `${8000000000000000 + store.nextId(S, 'media')}`;
	const sha = require('crypto').createHash('sha256').update(bytes).digest('hex');
	S.media.set(id, {
		id,
		phone_number_id: pn.phone_number_id,
		mime_type: 'image/jpeg',
		bytes,
		file_size: bytes.length,
		sha256: sha,
		filename: 'photo.jpg',
		deleted: false,
	});
	return id;
}

/**
 * The customer writes to a number (the control call). Returns what was stored.
 * @param {any} S @param {Emit} emit @param {any} b `{phone_number_id, from, type, text?, caption?, media_id?, reply?, context_message_id?, profile_name?}`
 */
function customerWrites(S, emit, b) {
	const pn = store.phoneNumberById(S, String(b.phone_number_id || IDS.phoneNumber));
	if (!pn) throw new Error(`unknown phone_number_id ${b.phone_number_id}`);
	const from = String(b.from || '').replace(/\D/g, '');
	if (!/^\d{7,15}$/.test(from)) throw new Error('from must be the customer phone number (digits)');
	const kind = b.type || 'text';
	if (!REPLY_TYPES.includes(kind)) throw new Error(`type must be one of ${REPLY_TYPES.join(', ')}`);
	let type = kind;
	/** @type {any} */
	let content;
	if (kind === 'text') content = { body: String(b.text ?? 'Hello') };
	else if (kind === 'image') {
		const id = b.media_id ? String(b.media_id) : storeCustomerImage(S, pn);
		const media = S.media.get(id);
		content = {
			id,
			mime_type: media ? media.mime_type : 'image/jpeg',
			sha256: media ? media.sha256 : undefined,
		};
		if (b.caption) content.caption = String(b.caption);
	} else if (kind === 'button') {
		type = 'button';
		content = {
			text: String(b.reply?.title ?? b.text ?? 'Confirm'),
			payload: String(b.reply?.id ?? b.reply?.title ?? 'Confirm'),
		};
	} else {
		type = 'interactive';
		const r = b.reply || {};
		if (!r.id || !r.title) throw new Error(`${kind} needs reply: {id, title}`);
		/** @type {Record<string,string>} */
		const reply = { id: String(r.id), title: String(r.title) };
		if (kind === 'list_reply' && r.description) reply.description = String(r.description);
		content = { type: kind, [kind]: reply };
	}
	const stored = store.storeMessage(S, pn, {
		waId: from,
		direction: 'inbound',
		type,
		content,
		context: b.context_message_id ? String(b.context_message_id) : null,
		profileName: b.profile_name ? String(b.profile_name) : undefined,
	});
	const { message, conversation, isNew } = stored;
	if (isNew)
		emit(pn.phone_number_id, 'whatsapp.conversation.created', conversationPayload(S, conversation));
	const payload = messagePayload(S, message, isNew, true);
	emit(pn.phone_number_id, 'whatsapp.message.received', payload);
	return payload;
}

/** The body of a `/test` delivery: a received text, in the v2 shape. @param {string} phoneNumberId */
function testPayload(phoneNumberId) {
	const at = new Date().toISOString();
	return {
		message: {
			id: 'wamid.TEST',
			timestamp: String(Math.floor(Date.now() / 1000)),
			type: 'text',
			text: { body: 'This is a test webhook from Kapso' },
			from: '15550001234',
			kapso: {
				direction: 'inbound',
				status: 'received',
				processing_status: 'pending',
				origin: 'cloud_api',
				has_media: false,
				content: 'This is a test webhook from Kapso',
			},
		},
		conversation: {
			id: 'test-conversation',
			phone_number: '+15550001234',
			status: 'active',
			last_active_at: at,
			created_at: at,
			updated_at: at,
			metadata: {},
			phone_number_id: phoneNumberId,
		},
		is_new_conversation: false,
		phone_number_id: phoneNumberId,
		test: true,
	};
}

module.exports = {
	messagePayload,
	conversationPayload,
	setMessageStatus,
	afterOutbound,
	customerWrites,
	testPayload,
	REPLY_TYPES,
};
