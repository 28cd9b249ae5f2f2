import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import type { MessageDraft } from './draft';
import { httpUrl, optionalText, requiredText } from './limits';
import { readDraft } from './readContent';

/**
 * The legacy API's `message` object (`POST /whatsapp_conversations/{id}/whatsapp_messages`),
 * from a checked draft: flat `message_type` fields (NOTES §2a).
 */
export function toLegacyMessage(
	draft: MessageDraft,
	fail: (field: string, problem: string) => Error,
): IDataObject {
	const interactive = (type: string, text: { body: string; header?: string; footer?: string }) => {
		const message: IDataObject = {
			message_type: 'interactive',
			interactive_type: type,
			body_text: text.body,
		};
		if (text.header !== undefined) message.header_text = text.header;
		if (text.footer !== undefined) message.footer_text = text.footer;
		return message;
	};
	switch (draft.kind) {
		case 'text':
			return { message_type: 'text', content: draft.body };
		case 'media': {
			const { source } = draft;
			if ('binaryProperty' in source)
				throw fail(
					'Media Source',
					'binary data cannot be sent through the legacy API; give a URL or a media ID',
				);
			const message: IDataObject = { message_type: draft.mediaKind };
			if ('link' in source) message.media_url = source.link;
			else message.media_id = source.id;
			if (draft.caption !== undefined) message.caption = draft.caption;
			if (draft.filename !== undefined) message.filename = draft.filename;
			return message;
		}
		case 'location': {
			const message: IDataObject = {
				message_type: 'location',
				latitude: draft.latitude,
				longitude: draft.longitude,
			};
			if (draft.name !== undefined) message.location_name = draft.name;
			if (draft.address !== undefined) message.location_address = draft.address;
			return message;
		}
		case 'contacts':
			return { message_type: 'contacts', contacts: draft.cards };
		case 'buttons':
			return { ...interactive('button', draft), buttons: draft.buttons };
		case 'list':
			return {
				...interactive('list', draft),
				list_button_text: draft.buttonText,
				sections: draft.sections.map((section) => ({
					title: section.title ?? '',
					rows: section.rows,
				})),
			};
		case 'reaction':
			if (draft.emoji === '')
				throw fail('Emoji', 'is empty; the legacy API cannot remove a reaction');
			return {
				message_type: 'reaction',
				reaction_emoji: draft.emoji,
				reacted_to_message_id: draft.messageId,
			};
		case 'ctaUrl':
			throw fail('Message Type', 'the legacy API has no CTA URL button; use Message → Send');
	}
}

/** Reads the legacy template fields: name, language, parameters (list or object) and header. */
function readLegacyTemplate(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const read = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const message: IDataObject = {
		message_type: 'template',
		template_name: requiredText(
			node,
			itemIndex,
			'Template Name',
			read('legacyTemplateName'),
		).trim(),
		template_language: requiredText(
			node,
			itemIndex,
			'Template Language',
			read('legacyTemplateLanguage'),
		).trim(),
	};
	const raw = read('legacyTemplateParameters', '[]');
	let parameters: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parameters = raw.trim() === '' ? [] : jsonParse(raw);
		} catch {
			throw fieldError(
				node,
				itemIndex,
				'Template Parameters (JSON)',
				'is not valid JSON',
				'For example ["Maria", "#1042"] or {"customer_name": "Maria"}.',
			);
		}
	}
	if (parameters === null || typeof parameters !== 'object')
		throw fieldError(
			node,
			itemIndex,
			'Template Parameters (JSON)',
			'must be a list (positional) or an object (named)',
		);
	const empty = Array.isArray(parameters)
		? parameters.length === 0
		: Object.keys(parameters).length === 0;
	if (!empty) message.template_params = parameters as IDataObject;
	const headerType = String(read('legacyTemplateHeaderType', ''));
	if (headerType) {
		message.header_type = headerType;
		const value =
			headerType === 'text'
				? requiredText(node, itemIndex, 'Header Value', read('legacyTemplateHeaderValue'))
				: httpUrl(node, itemIndex, 'Header Value', read('legacyTemplateHeaderValue'));
		message.header_params = value;
		const filename =
			headerType === 'document'
				? optionalText(node, itemIndex, 'Header File Name', read('legacyTemplateHeaderFilename'))
				: undefined;
		if (filename !== undefined) message.header_filename = filename;
	}
	return message;
}

/** The item's `message` object for Send in Conversation. */
export function readLegacyMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	messageType: string,
): IDataObject {
	if (messageType === 'template') return readLegacyTemplate.call(this, itemIndex);
	const node = this.getNode();
	const draft = readDraft.call(this, itemIndex, messageType);
	return toLegacyMessage(draft, (field, problem) => fieldError(node, itemIndex, field, problem));
}
