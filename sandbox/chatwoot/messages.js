// @ts-check
'use strict';

/**
 * Messages::MessageBuilder + Message model validations + the WhatsApp template checks that Chatwoot's
 * send job would run. Follows ../shared/chatwoot/NOTES.md, beside the checkout ("Create message",
 * "WhatsApp templates").
 */

const crypto = require('crypto');
const { present, truthy, isHash, isIndexHash } = require('./params');
const { validateContentAttributes } = require('./contentAttributes');
const { canReplyWindow, checkTemplate, checkTwilioTemplate } = require('./templateChecks');
const { findInbox } = require('./serializers');
const { NOTES_CONTENT_TYPES } = require('./spec');

const MESSAGE_TYPES = /** @type {Record<string, number>} */ ({
	incoming: 0,
	outgoing: 1,
	activity: 2,
	template: 3,
});
/** Chatwoot's message content types (NOTES.md), the one list the spec check also uses. */
const CONTENT_TYPES = NOTES_CONTENT_TYPES;
const MAX_CONTENT = 150000;
const MAX_ATTACHMENTS = 15;
const FLOOD_LIMIT_PER_MINUTE = 200;

class HttpError extends Error {
	/** @param {number} status @param {any} body @param {{rule?: string, violation?: string}} [v] */
	constructor(status, body, v = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.rule = v.rule;
		this.violation = v.violation;
	}
}

/** @param {string} mime */
function fileType(mime) {
	if (!mime) return 'file';
	if (mime.startsWith('image/')) return 'image';
	if (mime.startsWith('audio/')) return 'audio';
	if (mime.startsWith('video/')) return 'video';
	return 'file';
}

/**
 * @typedef {{field: string, filename: string, mimeType: string, size: number, sha256: string}} FileInfo
 * @typedef {{S: any, tokenKind: string, baseUrl: string, violate: (rule: string, message: string) => void, bodyKind: string, viaChannel?: boolean}} Ctx
 */

/**
 * Builds and stores a message. Throws HttpError(422) like Chatwoot.
 * @param {Ctx} ctx
 * @param {any} conv
 * @param {any} params Rails-style params (JSON body or Rack-parsed multipart fields)
 * @param {FileInfo[]} files
 */
function createMessage(ctx, conv, params, files = []) {
	const S = ctx.S;
	const inbox = findInbox(S, conv.inbox_id);
	params = params || {};

	// content_attributes: object, or a JSON string (NOTES); an unparsable string silently becomes {}.
	let contentAttributes = params.content_attributes;
	if (typeof contentAttributes === 'string') {
		try {
			contentAttributes = JSON.parse(contentAttributes);
		} catch {
			ctx.violate(
				'notes:content_attributes',
				'content_attributes is a string that is not valid JSON: Chatwoot silently stores {} (validate JSON client-side)',
			);
			contentAttributes = {};
		}
	}
	if (!isHash(contentAttributes)) contentAttributes = {};

	// attachments
	const attachmentFiles = files.filter(
		(f) => f.field === 'attachments[]' || f.field === 'attachments',
	);
	if (files.some((f) => f.field === 'attachments')) {
		ctx.violate(
			'notes:attachments-field',
			'file sent as "attachments" (no brackets): Rails receives a single UploadedFile, not an array; use "attachments[]"',
		);
		throw new HttpError(422, {
			error: "undefined method 'each' for an instance of ActionDispatch::Http::UploadedFile",
		});
	}
	const otherFiles = files.filter((f) => f.field !== 'attachments[]' && f.field !== 'attachments');
	for (const f of otherFiles)
		ctx.violate(
			'notes:attachments-field',
			`file in field "${f.field}" is ignored by Chatwoot (only attachments[] is read)`,
		);

	// message_type (builder): incoming only in API inboxes
	const messageTypeName = present(params.message_type) ? String(params.message_type) : 'outgoing';
	// (the sandbox's customer control writes through the channel itself, as a contact would)
	if (inbox.channel_type !== 'Channel::Api' && messageTypeName === 'incoming' && !ctx.viaChannel) {
		throw new HttpError(
			422,
			{ error: 'Incoming messages are only allowed in Api inboxes' },
			{ rule: 'notes:message_type', violation: 'incoming message outside an API inbox' },
		);
	}
	if (!(messageTypeName in MESSAGE_TYPES)) {
		throw new HttpError(
			422,
			{ error: `'${messageTypeName}' is not a valid message_type` },
			{ rule: 'notes:message_type', violation: `unknown message_type ${messageTypeName}` },
		);
	}
	// content_type enum (assignment raises ArgumentError)
	const contentType = present(params.content_type) ? String(params.content_type) : 'text';
	if (!CONTENT_TYPES.includes(contentType)) {
		throw new HttpError(
			422,
			{ error: `'${contentType}' is not a valid content_type` },
			{ rule: 'notes:content_type', violation: `unknown content_type ${contentType}` },
		);
	}

	const items = contentAttributes.items;
	const inReplyTo = contentAttributes.in_reply_to;
	const content =
		params.content === undefined || params.content === null ? null : String(params.content);

	// ---- model validations (save!) ----
	/** @type {string[]} */
	const fullMessages = [];
	const cutoff = Math.floor(Date.now() / 1000) - 60;
	let recent = 0;
	for (let i = conv.message_ids.length - 1; i >= 0; i--) {
		const m = S.messages.get(conv.message_ids[i]);
		if (!m) continue;
		if (m.created_at < cutoff) break;
		recent++;
	}
	if (recent >= FLOOD_LIMIT_PER_MINUTE) fullMessages.push('Too many messages');
	if (attachmentFiles.length > MAX_ATTACHMENTS)
		fullMessages.push('Attachments exceeded maximum allowed');
	if (content !== null && content.length > MAX_CONTENT)
		fullMessages.push(`Content is too long (maximum is ${MAX_CONTENT} characters)`);
	const cav = validateContentAttributes(contentType, items);
	if (isIndexHash(items))
		ctx.violate(
			'notes:multipart-indexed-array',
			'content_attributes[items][0][…] is parsed by Rails as a Hash {"0"=>…}, not an array: send content_attributes[items][][…] (or JSON)',
		);
	if (cav.crash) {
		ctx.violate(
			'notes:content_attributes',
			`content_attributes rejected: ${cav.errors.join('; ') || cav.crash}`,
		);
		throw new HttpError(422, { error: cav.crash });
	}
	for (const e of cav.errors) fullMessages.push(`Content attributes ${e}`);
	let templateParams = params.template_params;
	if (present(templateParams)) {
		if (typeof templateParams === 'string') {
			if (ctx.bodyKind === 'multipart' || ctx.bodyKind === 'form') {
				ctx.violate(
					'notes:multipart-json-string',
					'template_params sent as a JSON string in a form body: Chatwoot stores the string and never sends the template; use bracketed fields template_params[name], template_params[processed_params][body][1]…',
				);
			} else {
				ctx.violate(
					'notes:template_params',
					'template_params is a string, Chatwoot expects an object',
				);
			}
		} else if (isHash(templateParams) && !present(templateParams.name)) {
			fullMessages.push('Name is required');
		}
	}
	if (fullMessages.length) {
		const rule = fullMessages.some((m) => m.startsWith('Too many'))
			? 'notes:flood-limit'
			: fullMessages.some((m) => m.startsWith('Attachments'))
				? 'notes:attachments-max'
				: fullMessages.some((m) => m.startsWith('Content is too long'))
					? 'notes:content-length'
					: fullMessages.some((m) => m.startsWith('Name'))
						? 'notes:template_params'
						: 'notes:content_attributes';
		throw new HttpError(
			422,
			{ error: `Validation failed: ${fullMessages.join(', ')}` },
			{ rule, violation: fullMessages.join(', ') },
		);
	}

	// ---- build ----
	const now = Math.floor(Date.now() / 1000);
	const id = ++S.counters.message;
	const isBot = ctx.tokenKind === 'bot';
	const messageType = MESSAGE_TYPES[messageTypeName];
	/** @type {any} */
	const storedCA = {};
	if (items !== undefined && items !== null) storedCA.items = items;
	if (inReplyTo !== undefined && inReplyTo !== null && inReplyTo !== '')
		storedCA.in_reply_to = inReplyTo;
	if (inbox.channel_type === 'Channel::Email') {
		for (const k of ['cc_emails', 'bcc_emails', 'to_emails']) {
			if (present(params[k])) storedCA[k] = String(params[k]).replace(/\s+/g, '').split(',');
		}
	}
	/** @type {any} */
	const additional = {};
	if (present(params.campaign_id)) additional.campaign_id = params.campaign_id;
	if (present(templateParams)) additional.template_params = templateParams;
	const isPrivate = truthy(params.private);
	const sourceId = present(params.source_id) ? String(params.source_id) : null;
	const attachments = attachmentFiles.map((f) => {
		const aid = ++S.counters.attachment;
		const ext = (f.filename.match(/\.([A-Za-z0-9]+)$/) || [])[1] || null;
		const isVoice = truthy(params.is_voice_message);
		return {
			id: aid,
			message_id: id,
			file_type: isVoice ? 'audio' : fileType(f.mimeType),
			account_id: 1,
			extension: ext,
			data_url: `${ctx.baseUrl}/rails/active_storage/blobs/redirect/${f.sha256.slice(0, 24)}/${encodeURIComponent(f.filename)}`,
			thumb_url:
				fileType(f.mimeType) === 'image'
					? `${ctx.baseUrl}/rails/active_storage/representations/redirect/${f.sha256.slice(0, 24)}/${encodeURIComponent(f.filename)}`
					: '',
			file_size: f.size,
			width: null,
			height: null,
			filename: f.filename,
			sha256: f.sha256,
		};
	});
	const msg = {
		id,
		account_id: 1,
		inbox_id: conv.inbox_id,
		conversation_id: conv.display_id,
		message_type: messageType,
		content,
		content_type: contentType,
		content_attributes: storedCA,
		additional_attributes: additional,
		private: isPrivate,
		status: 'sent',
		source_id: sourceId,
		sender_type: messageType === 0 ? 'Contact' : isBot ? 'AgentBot' : 'User',
		sender_id: messageType === 0 ? conv.contact_id : isBot ? S.bot.id : 1,
		external_source_ids: {},
		processed_message_content: content,
		sentiment: {},
		created_at: now,
		updated_at: now,
		attachments,
	};
	S.messages.set(id, msg);
	conv.message_ids.push(id);
	conv.last_activity_at = now;
	conv.updated_at = now;
	if (messageType === 0) {
		// Message#reopen_conversation: a pending conversation stays with its bot
		if (conv.status === 'snoozed' || conv.status === 'resolved') conv.status = 'open';
		if (!conv.waiting_since) conv.waiting_since = now;
	} else if (messageType === 1 && !isPrivate) {
		if (!conv.first_reply_created_at) conv.first_reply_created_at = now;
		// a human reply ends the wait (Message#update_waiting_since)
		if (!isBot) conv.waiting_since = 0;
	}

	// ---- delivery (SendReplyJob) ----
	/** @type {any} */
	const delivery = {
		seq: ctx.S.deliveries.length + 1,
		conversation_id: conv.display_id,
		message_id: id,
		inbox_id: conv.inbox_id,
		content,
		echo_id: params.echo_id === undefined ? null : params.echo_id,
		at: Date.now(),
		delivered: true,
		reason: null,
		template: null,
	};
	if (sourceId && messageType === 1) {
		ctx.violate(
			'notes:source_id-outgoing',
			`outgoing message carries source_id "${sourceId}": Chatwoot treats it as already sent by the channel and does NOT deliver it`,
		);
		delivery.delivered = false;
		delivery.reason = 'source_id';
	} else if (isPrivate) {
		delivery.delivered = false;
		delivery.reason = 'private';
	} else if (messageType !== 1) {
		delivery.delivered = false;
		delivery.reason = messageTypeName;
	} else if (present(templateParams) && inbox.channel_type === 'Channel::Whatsapp') {
		if (typeof templateParams === 'string') {
			msg.status = 'failed';
			msg.content_attributes.external_error = 'template_params is not an object';
			delivery.delivered = false;
			delivery.reason = 'template_params is a string';
		} else {
			const r = checkTemplate(ctx, inbox, templateParams);
			delivery.template = r.template
				? { name: r.template.name, language: r.template.language }
				: null;
			if (r.error) {
				delivery.delivered = false;
				delivery.reason = r.error;
				delivery.failAfterResponse = true;
			}
		}
	} else if (
		present(templateParams) &&
		inbox.channel_type === 'Channel::TwilioSms' &&
		isHash(templateParams)
	) {
		const r = checkTwilioTemplate(ctx, inbox, templateParams);
		delivery.template = r.template
			? { name: r.template.friendly_name, language: r.template.language }
			: null;
		if (r.error) {
			delivery.delivered = false;
			delivery.reason = r.error;
			delivery.failAfterResponse = true;
		}
	} else if (inbox.channel_type === 'Channel::Whatsapp' && !canReplyWindow(S, conv)) {
		delivery.delivered = false;
		delivery.reason = 'outside the 24-hour window and no template_params';
		delivery.failAfterResponse = true;
		ctx.violate(
			'notes:whatsapp-24h-window',
			'free-form WhatsApp message outside the 24-hour window: Meta rejects it (send template_params)',
		);
	}
	S.deliveries.push(delivery);
	return { msg, delivery };
}

/** Applies the asynchronous outcome of the send job (message turns failed). @param {any} S @param {any} delivery */
function settleDelivery(S, delivery) {
	if (!delivery.failAfterResponse) return;
	const m = S.messages.get(delivery.message_id);
	if (!m) return;
	m.status = 'failed';
	m.content_attributes = { ...m.content_attributes, external_error: delivery.reason };
	m.updated_at = Math.floor(Date.now() / 1000);
}

/** sha256 helper. @param {Buffer} buf */
function sha256(buf) {
	return crypto.createHash('sha256').update(buf).digest('hex');
}

module.exports = {
	createMessage,
	settleDelivery,
	HttpError,
	validateContentAttributes,
	checkTemplate,
	sha256,
	CONTENT_TYPES,
	MAX_ATTACHMENTS,
};
