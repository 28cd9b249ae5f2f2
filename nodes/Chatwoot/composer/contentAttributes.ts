import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { parseJsonObject } from '../helpers/fields';
import { INTERACTIVE_CONTENT_TYPES, isInteractive } from './contentTypes';

export const MAX_CONTENT_LENGTH = 150_000;

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
	const { noun, itemKeys } = INTERACTIVE_CONTENT_TYPES[contentType];
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
		assertKnownKeys(node, itemIndex, field, where, item, itemKeys);
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
	forEachEntry(
		node,
		itemIndex,
		field,
		where,
		card.actions,
		'action',
		CARD_ACTION_KEYS,
		(action, actionWhere) => {
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
		},
	);
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
	forEachEntry(node, itemIndex, field, where, formField.options, 'option', FORM_OPTION_KEYS);
}

/**
 * Checks an optional list inside an item (a card's actions, a form field's options): a list of
 * objects with known keys, each then given to `check`.
 */
function forEachEntry(
	node: INode,
	itemIndex: number,
	field: string,
	where: string,
	list: unknown,
	noun: string,
	allowed: readonly string[],
	check?: (entry: IDataObject, entryWhere: string) => void,
): void {
	if (list === undefined) return;
	if (!Array.isArray(list)) {
		throw fieldError(node, itemIndex, field, `${where}: ${noun}s must be a list`);
	}
	list.forEach((rawEntry: unknown, position) => {
		const entryWhere = `${where}, ${noun} ${position + 1}`;
		const entry = assertObject(node, itemIndex, field, entryWhere, rawEntry);
		assertKnownKeys(node, itemIndex, field, entryWhere, entry, allowed);
		check?.(entry, entryWhere);
	});
}
