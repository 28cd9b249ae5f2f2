// @ts-check
'use strict';

/** Chatwoot's ContentAttributeValidator: the item shapes of input_select, cards, form and article messages. */

const { present, isHash } = require('./params');

// content_attribute_validator.rb key sets
const ITEM_KEYS = /** @type {Record<string, string[]>} */ ({
	input_select: ['title', 'value'],
	cards: ['title', 'description', 'media_url', 'actions'],
	form: [
		'type',
		'placeholder',
		'label',
		'name',
		'options',
		'default',
		'required',
		'pattern',
		'title',
		'pattern_error',
	],
	article: ['title', 'description', 'link'],
});
const CARD_ACTION_KEYS = ['text', 'type', 'payload', 'uri'];

/** Ruby Array#inspect of symbols: [:foo, :bar] @param {string[]} keys */
function symList(keys) {
	return `[${keys.map((k) => (/^[A-Za-z_][A-Za-z0-9_]*[?!]?$/.test(k) ? `:${k}` : `:"${k}"`)).join(', ')}]`;
}

/**
 * ContentAttributeValidator (upstream). Returns error strings (without the "Content attributes " prefix).
 * @param {string} contentType @param {any} items
 * @returns {{errors: string[], crash?: string}}
 */
function validateContentAttributes(contentType, items) {
	const allowed = ITEM_KEYS[contentType];
	if (!allowed) return { errors: [] };
	/** @type {string[]} */
	const errors = [];
	if (!present(items)) {
		errors.push('At least one item is required.');
		return { errors };
	}
	if (isHash(items)) {
		// A Hash where an Array is expected (e.g. multipart `items[0][title]`): Hash#reject yields keys
		// (strings) -> "Items should be a hash.", then `items.collect(&:keys)` raises NoMethodError on the
		// [key, value] pairs, which the controller turns into a 422 with the exception message.
		return {
			errors: ['Items should be a hash.'],
			crash: "undefined method 'keys' for an instance of Array",
		};
	}
	if (!Array.isArray(items))
		return {
			errors: [],
			crash: `undefined method 'reject' for an instance of ${typeof items === 'string' ? 'String' : 'Integer'}`,
		};
	if (items.some((i) => !isHash(i))) errors.push('Items should be a hash.');
	const hashes = items.filter(isHash);
	const invalid = hashes.flatMap((i) => Object.keys(i)).filter((k) => !allowed.includes(k));
	if (invalid.length) errors.push(`contains invalid keys for items : ${symList(invalid)}`);
	if (contentType === 'cards') {
		if (hashes.some((i) => !present(i.actions))) {
			errors.push('contains items missing actions');
		} else {
			const actionKeys = hashes.flatMap((i) =>
				(Array.isArray(i.actions) ? i.actions : Object.values(i.actions)).flatMap(
					(/** @type {any} */ a) => (isHash(a) ? Object.keys(a) : []),
				),
			);
			const bad = actionKeys.filter((k) => !CARD_ACTION_KEYS.includes(k));
			if (bad.length) errors.push(`contains invalid keys for actions:  ${symList(bad)}`);
		}
	}
	return { errors };
}

module.exports = { validateContentAttributes };
