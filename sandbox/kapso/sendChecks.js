// @ts-check
'use strict';

/**
 * What Meta checks in a `POST /{phone_number_id}/messages` body before it accepts it (NOTES §2c,
 * §2d): the envelope, the recipient, each message type and its limits. A problem throws Meta's
 * error (code 100 for a missing or malformed parameter, 131009 for a value out of range,
 * 131053 for unusable media). Templates are checked in templateChecks.js.
 */

const { metaError } = require('./errors');
const { MEDIA_TYPES } = require('./store');

const SEND_TYPES = [
	'text',
	'image',
	'video',
	'audio',
	'document',
	'sticker',
	'location',
	'contacts',
	'interactive',
	'reaction',
	'template',
];
const ENVELOPE = [
	'messaging_product',
	'recipient_type',
	'to',
	'recipient',
	'type',
	'context',
	'biz_opaque_callback_data',
];
/** Mime types Meta takes per media kind, and the size limits (NOTES §2d). */
const MEDIA_KINDS = {
	image: { types: ['image/jpeg', 'image/png'], max: 5 * 1024 * 1024 },
	video: { types: ['video/mp4', 'video/3gpp'], max: 16 * 1024 * 1024 },
	audio: {
		types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
		max: 16 * 1024 * 1024,
	},
	document: {
		types: [
			'application/pdf',
			'text/plain',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'application/vnd.ms-excel',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'application/vnd.ms-powerpoint',
			'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		],
		max: 100 * 1024 * 1024,
	},
	sticker: { types: ['image/webp'], max: 500 * 1024 },
};

const bad = (/** @type {string} */ details) => metaError(100, details, { rule: 'meta:param' });
const invalid = (/** @type {string} */ details) =>
	metaError(131009, details, { rule: 'meta:interactive' });

/** @param {any} v */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** @param {any} v */
const isHttpUrl = (v) => typeof v === 'string' && /^https?:\/\/[^\s/]+/i.test(v);

/**
 * @param {any} v @param {string} name @param {number} max
 * @param {{required?: boolean, range?: boolean}} [o] range: an over-long value is 131009, not 100
 */
function text(v, name, max, o = {}) {
	if (v === undefined || v === null) {
		if (o.required) throw bad(`Param ${name} is required`);
		return;
	}
	if (typeof v !== 'string') throw bad(`Param ${name} must be a string`);
	if (o.required && !v.trim()) throw bad(`Param ${name} must not be empty`);
	if ([...v].length > max)
		throw (o.range ? invalid : bad)(`Param ${name} must be at most ${max} characters long`);
}

/** @param {Record<string, any>} obj @param {string[]} allowed @param {string} where */
function onlyKeys(obj, allowed, where) {
	for (const k of Object.keys(obj))
		if (!allowed.includes(k)) throw bad(`Param ${where}['${k}'] is not a valid parameter`);
}

/**
 * The recipient: `to` (digits; `+`, spaces, dashes and brackets are dropped, as Meta does) or a
 * BSUID in `recipient` (`to` wins when both are set, NOTES §2c).
 * @param {any} S @param {any} pn @param {any} body
 * @returns {{waId: string, input: string}}
 */
function recipientOf(S, pn, body) {
	if (body.recipient_type !== undefined && body.recipient_type !== 'individual') {
		if (body.recipient_type === 'group')
			throw metaError(100, 'group messages are not modelled by the sandbox', {
				rule: 'sandbox:unsupported',
			});
		throw bad(`Param recipient_type must be one of {individual, group}`);
	}
	if (body.to !== undefined && body.to !== null && body.to !== '') {
		if (typeof body.to !== 'string' && typeof body.to !== 'number')
			throw bad('Param to must be a string');
		const digits = String(body.to).replace(/[\s()+-]/g, '');
		if (!/^\d{7,15}$/.test(digits))
			throw bad(`Param to is not a valid phone number: ${JSON.stringify(body.to)}`);
		return { waId: digits, input: String(body.to) };
	}
	if (body.recipient !== undefined) {
		const contact = S.contacts.find(
			(/** @type {any} */ c) =>
				c.project_id === pn.project_id && c.business_scoped_user_id === body.recipient,
		);
		if (!contact)
			throw bad(`Param recipient: no user with the business-scoped id ${body.recipient}`);
		return { waId: contact.wa_id, input: String(body.recipient) };
	}
	throw bad('Param to is required');
}

/** @param {any} S @param {any} pn @param {string} kind @param {any} m */
function checkMedia(S, pn, kind, m) {
	const allowed = ['link', 'id'];
	if (kind === 'image' || kind === 'video' || kind === 'document') allowed.push('caption');
	if (kind === 'document') allowed.push('filename');
	if (kind === 'audio') allowed.push('voice');
	onlyKeys(m, allowed, kind);
	const hasLink = m.link !== undefined;
	const hasId = m.id !== undefined;
	if (hasLink === hasId) throw bad(`Param ${kind} must have exactly one of link or id`);
	if (hasLink && !isHttpUrl(m.link)) throw bad(`Param ${kind}['link'] must be an http(s) URL`);
	if (hasId) {
		const media = S.media.get(String(m.id));
		if (!media || media.deleted || media.phone_number_id !== pn.phone_number_id)
			throw bad(`Param ${kind}['id']: unknown media id ${m.id} for this phone number`);
		const spec = /** @type {Record<string, {types: string[], max: number}>} */ (MEDIA_KINDS)[kind];
		if (!spec.types.includes(media.mime_type))
			throw metaError(131053, `media of type ${media.mime_type} cannot be sent as ${kind}`, {
				rule: 'meta:media',
			});
		if (kind === 'sticker' && media.file_size > 100 * 1024 && !media.animated)
			throw metaError(131053, 'a static sticker must be at most 100 KB', { rule: 'meta:media' });
	}
	text(m.caption, `${kind}['caption']`, 1024);
	text(m.filename, `${kind}['filename']`, 240);
	if (m.voice !== undefined && typeof m.voice !== 'boolean')
		throw bad("Param audio['voice'] must be a boolean");
}

/** @param {any} header @param {boolean} mediaAllowed */
function checkInteractiveHeader(header, mediaAllowed) {
	if (header === undefined) return;
	if (!isObject(header)) throw bad("Param interactive['header'] must be an object");
	if (header.type === 'text') {
		text(header.text, "interactive['header']['text']", 60, { required: true, range: true });
		return;
	}
	if (['image', 'video', 'document'].includes(header.type) && mediaAllowed) {
		const m = header[header.type];
		if (!isObject(m) || (m.link === undefined) === (m.id === undefined))
			throw bad(
				`Param interactive['header']['${header.type}'] must have exactly one of link or id`,
			);
		return;
	}
	throw invalid(`header type ${JSON.stringify(header.type)} is not allowed here`);
}

/** @param {any} it */
function checkInteractive(it) {
	if (!isObject(it)) throw bad('Param interactive must be an object');
	const kinds = ['button', 'list', 'cta_url'];
	if (!kinds.includes(it.type)) {
		if (
			['flow', 'product', 'product_list', 'catalog_message', 'location_request_message'].includes(
				it.type,
			)
		)
			throw metaError(100, `interactive type ${it.type} is not modelled by the sandbox`, {
				rule: 'sandbox:unsupported',
			});
		throw bad(`Param interactive['type'] must be one of {button, list, cta_url}`);
	}
	onlyKeys(it, ['type', 'header', 'body', 'footer', 'action'], 'interactive');
	if (!isObject(it.body)) throw bad("Param interactive['body'] is required");
	text(it.body.text, "interactive['body']['text']", it.type === 'list' ? 4096 : 1024, {
		required: true,
		range: true,
	});
	if (it.footer !== undefined) {
		if (!isObject(it.footer)) throw bad("Param interactive['footer'] must be an object");
		text(it.footer.text, "interactive['footer']['text']", 60, { required: true, range: true });
	}
	checkInteractiveHeader(it.header, it.type !== 'list');
	const action = it.action;
	if (!isObject(action)) throw bad("Param interactive['action'] is required");
	if (it.type === 'button') {
		const buttons = action.buttons;
		if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
			throw invalid('Buttons count must be between 1 and 3');
		const ids = new Set();
		const titles = new Set();
		for (const [i, b] of buttons.entries()) {
			if (!isObject(b) || b.type !== 'reply' || !isObject(b.reply))
				throw bad(
					`Param interactive['action']['buttons'][${i}] must be {type: "reply", reply: {id, title}}`,
				);
			text(b.reply.id, `buttons[${i}]['reply']['id']`, 256, { required: true, range: true });
			text(b.reply.title, `buttons[${i}]['reply']['title']`, 20, { required: true, range: true });
			if (ids.has(b.reply.id)) throw invalid(`Button ids must be unique: ${b.reply.id}`);
			if (titles.has(b.reply.title))
				throw invalid(`Button titles must be unique: ${b.reply.title}`);
			ids.add(b.reply.id);
			titles.add(b.reply.title);
		}
	} else if (it.type === 'list') {
		text(action.button, "interactive['action']['button']", 20, { required: true, range: true });
		const sections = action.sections;
		if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10)
			throw invalid('Sections count must be between 1 and 10');
		let rows = 0;
		const ids = new Set();
		for (const [i, s] of sections.entries()) {
			if (!isObject(s)) throw bad(`Param sections[${i}] must be an object`);
			text(s.title, `sections[${i}]['title']`, 24, { required: sections.length > 1, range: true });
			if (!Array.isArray(s.rows) || !s.rows.length)
				throw invalid(`sections[${i}] must have at least one row`);
			for (const [j, r] of s.rows.entries()) {
				rows += 1;
				text(r?.id, `sections[${i}]['rows'][${j}]['id']`, 200, { required: true, range: true });
				text(r?.title, `sections[${i}]['rows'][${j}]['title']`, 24, {
					required: true,
					range: true,
				});
				text(r?.description, `sections[${i}]['rows'][${j}]['description']`, 72, { range: true });
				if (ids.has(r.id)) throw invalid(`Row ids must be unique: ${r.id}`);
				ids.add(r.id);
			}
		}
		if (rows > 10) throw invalid(`Total row count exceed max allowed count: 10 (got ${rows})`);
	} else {
		const p = action.parameters;
		if (action.name !== 'cta_url' || !isObject(p))
			throw bad(
				'Param interactive[\'action\'] must be {name: "cta_url", parameters: {display_text, url}}',
			);
		text(p.display_text, "action['parameters']['display_text']", 20, {
			required: true,
			range: true,
		});
		if (!isHttpUrl(p.url)) throw invalid("action['parameters']['url'] must be an http(s) URL");
	}
}

/** @param {any} loc */
function checkLocation(loc) {
	if (!isObject(loc)) throw bad('Param location must be an object');
	onlyKeys(loc, ['latitude', 'longitude', 'name', 'address'], 'location');
	for (const [k, lim] of /** @type {Array<[string, number]>} */ ([
		['latitude', 90],
		['longitude', 180],
	])) {
		const v = loc[k];
		if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > lim)
			throw bad(`Param location['${k}'] must be a number between -${lim} and ${lim}`);
	}
	text(loc.name, "location['name']", 100);
	text(loc.address, "location['address']", 300);
}

/** @param {any} contacts */
function checkContacts(contacts) {
	if (!Array.isArray(contacts) || contacts.length < 1 || contacts.length > 257)
		throw bad('Param contacts must be an array of 1 to 257 contacts');
	for (const [i, c] of contacts.entries()) {
		if (
			!isObject(c) ||
			!isObject(c.name) ||
			typeof c.name.formatted_name !== 'string' ||
			!c.name.formatted_name
		)
			throw bad(`Param contacts[${i}]['name']['formatted_name'] is required`);
		for (const list of ['phones', 'emails', 'addresses', 'urls'])
			if (c[list] !== undefined && !Array.isArray(c[list]))
				throw bad(`Param contacts[${i}]['${list}'] must be an array`);
	}
}

/**
 * Check a send body (everything but template contents) and return its type and recipient.
 * @param {any} S @param {any} pn @param {any} body
 */
function checkSend(S, pn, body) {
	if (body.messaging_product !== 'whatsapp')
		throw bad('The parameter messaging_product is required and must be "whatsapp"');
	const type = body.type === undefined ? 'text' : body.type;
	if (!SEND_TYPES.includes(type)) throw bad(`Param type must be one of {${SEND_TYPES.join(', ')}}`);
	for (const k of Object.keys(body))
		if (!ENVELOPE.includes(k) && k !== type)
			throw bad(
				SEND_TYPES.includes(k)
					? `Param ${k} is given but type is ${type}`
					: `Param ${k} is not a valid parameter`,
			);
	const recipient = recipientOf(S, pn, body);
	const content = body[type];
	if (content === undefined) throw bad(`Param ${type} is required for type ${type}`);
	if (body.context !== undefined) {
		if (!isObject(body.context) || typeof body.context.message_id !== 'string')
			throw bad("Param context['message_id'] must be a string");
	}
	text(body.biz_opaque_callback_data, 'biz_opaque_callback_data', 512);
	if (type === 'text') {
		if (!isObject(content)) throw bad('Param text must be an object');
		onlyKeys(content, ['body', 'preview_url'], 'text');
		text(content.body, "text['body']", 4096, { required: true });
		if (content.preview_url !== undefined && typeof content.preview_url !== 'boolean')
			throw bad("Param text['preview_url'] must be a boolean");
	} else if (MEDIA_TYPES.includes(type)) {
		if (!isObject(content)) throw bad(`Param ${type} must be an object`);
		checkMedia(S, pn, type, content);
	} else if (type === 'location') checkLocation(content);
	else if (type === 'contacts') checkContacts(content);
	else if (type === 'interactive') checkInteractive(content);
	else if (type === 'reaction') {
		if (!isObject(content) || typeof content.message_id !== 'string')
			throw bad("Param reaction['message_id'] is required");
		if (typeof content.emoji !== 'string') throw bad("Param reaction['emoji'] must be a string");
		const target = S.messages.find(
			(/** @type {any} */ m) =>
				m.wamid === content.message_id && m.phone_number_id === pn.phone_number_id,
		);
		if (!target)
			throw metaError(
				100,
				`reaction['message_id'] ${content.message_id} is not a message of this number`,
				{ rule: 'meta:reaction' },
			);
	} else if (type === 'template' && !isObject(content))
		throw bad('Param template must be an object');
	return { type, recipient, content };
}

module.exports = { checkSend, MEDIA_KINDS, SEND_TYPES, isObject, isHttpUrl };
