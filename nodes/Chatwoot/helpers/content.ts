import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError } from './errors';
import { parseJsonObject } from './fields';

/** Chatwoot's content types that carry structured `content_attributes.items`. */
export type InteractiveContentType = 'input_select' | 'cards' | 'form' | 'article';
export type MessageContentType = 'text' | 'input_email' | InteractiveContentType;

export const MAX_CONTENT_LENGTH = 150_000;

/** Allowed keys per content type, as Chatwoot's content attribute validator checks them. */
export const ITEM_KEYS: Record<InteractiveContentType, readonly string[]> = {
	input_select: ['title', 'value'],
	cards: ['title', 'description', 'media_url', 'actions'],
	form: [
		'type',
		'name',
		'label',
		'placeholder',
		'options',
		'default',
		'required',
		'pattern',
		'pattern_error',
		'title',
	],
	article: ['title', 'description', 'link'],
};
const CARD_ACTION_KEYS = ['type', 'text', 'uri', 'payload'];
const CARD_ACTION_TYPES = ['link', 'postback'];
const FORM_FIELD_TYPES = ['email', 'text', 'text_area', 'select'];
const FORM_OPTION_KEYS = ['label', 'value'];
/** Keys Chatwoot reads at the top of content_attributes besides `items`. */
const TOP_LEVEL_KEYS = [
	'items',
	'in_reply_to',
	'submitted_values',
	'submitted_email',
	'email',
	'deleted',
	'external_error',
];

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export const CONTENT_TYPE_LABELS: Record<InteractiveContentType, { field: string; noun: string }> =
	{
		input_select: { field: 'Options', noun: 'option' },
		cards: { field: 'Cards', noun: 'card' },
		form: { field: 'Form Fields', noun: 'form field' },
		article: { field: 'Articles', noun: 'article' },
	};

export function isInteractive(contentType: string): contentType is InteractiveContentType {
	return contentType in ITEM_KEYS;
}

export function assertHttpUrl(node: INode, itemIndex: number, field: string, value: unknown): void {
	if (typeof value !== 'string' || !HTTP_URL.test(value.trim())) {
		throw fieldError(
			node,
			itemIndex,
			field,
			`must be an http:// or https:// URL (got ${JSON.stringify(value ?? '')})`,
		);
	}
}

export function assertContentLength(node: INode, itemIndex: number, content: string): void {
	if (content.length > MAX_CONTENT_LENGTH) {
		throw fieldError(
			node,
			itemIndex,
			'Content',
			`is ${content.length} characters long; Chatwoot accepts at most ${MAX_CONTENT_LENGTH}`,
		);
	}
}

/** Parses the JSON mode's text (or an object from an expression) into content attributes. */
export function parseContentAttributesJson(
	node: INode,
	itemIndex: number,
	raw: unknown,
): IDataObject {
	return parseJsonObject(node, itemIndex, 'Content Attributes (JSON)', raw, '{"items": [...]}');
}

function assertKnownKeys(
	node: INode,
	itemIndex: number,
	field: string,
	where: string,
	value: IDataObject,
	allowed: readonly string[],
): void {
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) {
			throw fieldError(
				node,
				itemIndex,
				field,
				`unknown key "${key}" in ${where}; allowed: ${allowed.join(', ')}`,
			);
		}
	}
}

function assertObject(
	node: INode,
	itemIndex: number,
	field: string,
	where: string,
	value: unknown,
): IDataObject {
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw fieldError(node, itemIndex, field, `${where} must be an object`);
	}
	return value as IDataObject;
}

/**
 * Checks content attributes the way Chatwoot's validator does, before anything is sent, so a
 * mistake names the field and item instead of coming back as a 422 (or being silently dropped).
 */
export function validateContentAttributes(
	node: INode,
	itemIndex: number,
	contentType: string,
	attributes: IDataObject,
	field: string,
): void {
	assertKnownKeys(node, itemIndex, field, 'content attributes', attributes, TOP_LEVEL_KEYS);
	if (!isInteractive(contentType)) return;
	const { noun } = CONTENT_TYPE_LABELS[contentType];
	const items = attributes.items;
	if (!Array.isArray(items) || items.length === 0) {
		throw fieldError(
			node,
			itemIndex,
			field,
			`a message of type ${contentType} needs at least one ${noun} (content_attributes.items is empty)`,
		);
	}
	items.forEach((rawItem, position) => {
		const where = `${noun} ${position + 1}`;
		const item = assertObject(node, itemIndex, field, where, rawItem);
		assertKnownKeys(node, itemIndex, field, where, item, ITEM_KEYS[contentType]);
		if (contentType === 'input_select' && (item.title === undefined || item.title === '')) {
			throw fieldError(node, itemIndex, field, `${where} needs a title`);
		}
		if (contentType === 'cards') validateCard(node, itemIndex, field, where, item);
		if (contentType === 'form') validateFormField(node, itemIndex, field, where, item);
		if (contentType === 'article' && item.link !== undefined && item.link !== '') {
			assertHttpUrl(node, itemIndex, `${field} (${where} link)`, item.link);
		}
	});
}

function validateCard(
	node: INode,
	itemIndex: number,
	field: string,
	where: string,
	card: IDataObject,
): void {
	if (card.media_url !== undefined && card.media_url !== '') {
		assertHttpUrl(node, itemIndex, `${field} (${where} media URL)`, card.media_url);
	}
	if (card.actions === undefined) return;
	if (!Array.isArray(card.actions)) {
		throw fieldError(node, itemIndex, field, `${where}: actions must be a list`);
	}
	card.actions.forEach((rawAction, actionPosition) => {
		const actionWhere = `${where}, action ${actionPosition + 1}`;
		const action = assertObject(node, itemIndex, field, actionWhere, rawAction);
		assertKnownKeys(node, itemIndex, field, actionWhere, action, CARD_ACTION_KEYS);
		if (!CARD_ACTION_TYPES.includes(String(action.type))) {
			throw fieldError(
				node,
				itemIndex,
				field,
				`${actionWhere}: type must be "link" or "postback" (got ${JSON.stringify(action.type)})`,
			);
		}
		if (action.type === 'link') {
			assertHttpUrl(node, itemIndex, `${field} (${actionWhere} URI)`, action.uri);
		}
	});
}

function validateFormField(
	node: INode,
	itemIndex: number,
	field: string,
	where: string,
	formField: IDataObject,
): void {
	if (!FORM_FIELD_TYPES.includes(String(formField.type))) {
		throw fieldError(
			node,
			itemIndex,
			field,
			`${where}: type must be one of ${FORM_FIELD_TYPES.join(', ')} (got ${JSON.stringify(formField.type)})`,
		);
	}
	if (!formField.name) throw fieldError(node, itemIndex, field, `${where} needs a name`);
	if (formField.options === undefined) return;
	if (!Array.isArray(formField.options)) {
		throw fieldError(node, itemIndex, field, `${where}: options must be a list`);
	}
	formField.options.forEach((rawOption, optionPosition) => {
		const optionWhere = `${where}, option ${optionPosition + 1}`;
		const option = assertObject(node, itemIndex, field, optionWhere, rawOption);
		assertKnownKeys(node, itemIndex, field, optionWhere, option, FORM_OPTION_KEYS);
	});
}

/** Drops empty strings so that fields the user left blank are not sent. */
export function compact<T extends IDataObject>(value: T): Partial<T> {
	const out: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry === undefined || entry === null || entry === '') continue;
		out[key] = entry;
	}
	return out as Partial<T>;
}
