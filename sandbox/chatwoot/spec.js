// @ts-check
'use strict';

/**
 * Loads Chatwoot's OpenAPI 3.1 document at runtime (never copied into the repo), matches requests to
 * operations and validates bodies/query parameters with ajv (draft 2020-12).
 *
 * Where the spec disagrees with how Chatwoot really behaves (see ../shared/chatwoot/NOTES.md, beside the checkout),
 * the in-memory copy of the spec is patched before compiling (NOTES_PATCHES below). Each patch is
 * also listed in sandbox/chatwoot/README.md ("Where the sandbox follows NOTES over the spec").
 */

const fs = require('fs');
const path = require('path');

const SPEC_ID = 'https://chatwoot.sandbox/openapi.json';

/** Operations Chatwoot has that the spec does not list (NOTES mention them). Not flagged. */
const NOTES_EXTRA_OPERATIONS = [
	// NOTES "WhatsApp templates": POST …/inboxes/{id}/sync_templates refreshes the templates.
	{ method: 'POST', template: '/api/v1/accounts/{account_id}/inboxes/{id}/sync_templates' },
];

const NOTES_CONTENT_TYPES = [
	'text',
	'input_text',
	'input_textarea',
	'input_email',
	'input_select',
	'cards',
	'form',
	'article',
	'incoming_email',
	'input_csat',
	'integrations',
	'sticker',
	'voice_call',
];

function defaultSpecPath() {
	if (process.env.CHATWOOT_SPEC) return path.resolve(process.env.CHATWOOT_SPEC);
	const repoRoot = path.resolve(__dirname, '..', '..');
	return path.resolve(repoRoot, '..', 'shared', 'chatwoot', 'swagger.json');
}

/** @param {string} s */
function ptr(s) {
	return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** @param {any} spec @param {string} ref */
function resolveRef(spec, ref) {
	if (!ref.startsWith('#/')) return undefined;
	let cur = spec;
	for (const part of ref.slice(2).split('/')) {
		cur = cur?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	}
	return cur;
}

/**
 * Patches applied to the in-memory spec (NOTES win over the spec).
 * @param {any} spec
 */
function applyNotesPatches(spec) {
	const S = spec.components?.schemas || {};
	const msg = S.conversation_message_create_payload;
	if (msg) {
		// NOTES: `content` is not required (an input_select message may have no content).
		if (Array.isArray(msg.required))
			msg.required = msg.required.filter((/** @type {string} */ r) => r !== 'content');
		patchMessageProps(msg.properties);
	}
	const conv = S.conversation_create_payload;
	if (conv) {
		// NOTES "API channel flow": source_id OR inbox_id + contact_id.
		if (Array.isArray(conv.required))
			conv.required = conv.required.filter((/** @type {string} */ r) => r !== 'source_id');
		const m = conv.properties?.message;
		if (m) {
			// the nested message follows the same rules as a message create: content optional.
			if (Array.isArray(m.required))
				m.required = m.required.filter((/** @type {string} */ r) => r !== 'content');
			if (m.properties?.template_params) delete m.properties.template_params.required;
		}
		// Rails accepts "snoozed" for a new conversation's status as well (Conversation status enum).
		if (conv.properties?.status?.enum && !conv.properties.status.enum.includes('snoozed'))
			conv.properties.status.enum.push('snoozed');
	}
	const contact = S.contact_create_payload;
	if (contact && Array.isArray(contact.required)) {
		// Rails: ContactsController#create builds a contact_inbox only when inbox_id is present.
		contact.required = contact.required.filter((/** @type {string} */ r) => r !== 'inbox_id');
	}
	// multipart body of the message create operation
	const op =
		spec.paths?.['/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages']?.post;
	const mp = op?.requestBody?.content?.['multipart/form-data']?.schema;
	if (mp?.properties) {
		patchMessageProps(mp.properties);
	}
}

/** @param {any} props */
function patchMessageProps(props) {
	if (!props) return;
	// NOTES: the content_type enum is wider than the spec's.
	if (props.content_type) props.content_type = { type: 'string', enum: NOTES_CONTENT_TYPES };
	// NOTES: content_attributes may be an object or a JSON string.
	if (props.content_attributes) props.content_attributes = { type: ['object', 'string'] };
	// NOTES: message_type also accepts the spec values only; keep.
	const tp = props.template_params;
	if (tp) {
		// NOTES/model schema: only `name` is required; category/language/processed_params optional.
		tp.required = ['name'];
		if (tp.properties?.category) delete tp.properties.category.enum; // Meta has more categories (AUTHENTICATION…)
		const pp = tp.properties?.processed_params;
		if (pp) {
			// NOTES: legacy shapes (bare array, flat {"1":"x"}) are still accepted (deprecated; a notes rule reports them).
			tp.properties.processed_params = { type: ['object', 'array'] };
		}
	}
}

class SpecIndex {
	/** @param {{specPath?: string, log?: (s: string) => void}} opts */
	constructor(opts = {}) {
		this.specPath = opts.specPath || defaultSpecPath();
		this.log = opts.log || (() => {});
		/** @type {any} */
		this.spec = null;
		/** @type {Array<{method: string, template: string, re: RegExp, names: string[], op: any, pathItem: any, extra?: boolean}>} */
		this.ops = [];
		/** @type {Map<string, Function|null>} */
		this.cache = new Map();
		this.ajv = null;
		this.ajvCoerce = null;
		this.load();
	}

	load() {
		let raw;
		try {
			raw = fs.readFileSync(this.specPath, 'utf8');
		} catch {
			this.log(
				`[sandbox] spec not found at ${this.specPath}: spec validation skipped (NOTES rules still apply)`,
			);
			return;
		}
		try {
			this.spec = JSON.parse(raw);
		} catch (e) {
			this.log(`[sandbox] spec at ${this.specPath} is not valid JSON: spec validation skipped`);
			this.spec = null;
			return;
		}
		applyNotesPatches(this.spec);
		for (const [template, pathItem] of Object.entries(this.spec.paths || {})) {
			for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
				const op = /** @type {any} */ (pathItem)[method];
				if (!op) continue;
				this.ops.push({
					method: method.toUpperCase(),
					template,
					...compileTemplate(template),
					op,
					pathItem,
				});
			}
		}
		// more specific (fewer params) templates first: /contacts/search before /contacts/{id}
		this.ops.sort(
			(a, b) => a.names.length - b.names.length || b.template.length - a.template.length,
		);
	}

	get enabled() {
		return !!this.spec;
	}

	/**
	 * @param {string} method
	 * @param {string} pathname
	 */
	findOperation(method, pathname) {
		for (const o of this.ops) {
			if (o.method !== method) continue;
			const m = o.re.exec(pathname);
			if (m) return o;
		}
		for (const e of NOTES_EXTRA_OPERATIONS) {
			if (e.method === method && compileTemplate(e.template).re.test(pathname))
				return { ...e, extra: true, op: null, pathItem: null, names: [], re: /$^/ };
		}
		return null;
	}

	ensureAjv() {
		if (this.ajv) return;
		const Ajv2020 = require('ajv/dist/2020').default;
		const addFormats = require('ajv-formats').default;
		const mk = (/** @type {boolean} */ coerce) => {
			const ajv = new Ajv2020({
				strict: false,
				allErrors: true,
				coerceTypes: coerce ? 'array' : false,
				validateSchema: false,
				logger: false,
			});
			addFormats(ajv);
			for (const f of ['binary', 'int32', 'int64', 'float', 'double', 'byte', 'password'])
				ajv.addFormat(f, true);
			ajv.addKeyword({ keyword: 'example' });
			ajv.addKeyword({ keyword: 'discriminator' });
			ajv.addKeyword({ keyword: 'xml' });
			ajv.addKeyword({ keyword: 'externalDocs' });
			ajv.addSchema({ ...this.spec, $id: SPEC_ID }, SPEC_ID);
			return ajv;
		};
		this.ajv = mk(false);
		this.ajvCoerce = mk(true);
	}

	/**
	 * @param {string} key cache key
	 * @param {string} pointer JSON pointer into the spec
	 * @param {boolean} coerce
	 */
	validator(key, pointer, coerce) {
		const k = `${coerce ? 'c' : 'n'}:${key}`;
		if (this.cache.has(k)) return this.cache.get(k);
		this.ensureAjv();
		let fn = null;
		try {
			const ajv = /** @type {any} */ (coerce ? this.ajvCoerce : this.ajv);
			fn = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
		} catch (e) {
			this.log(`[sandbox] could not compile ${pointer}: ${/** @type {Error} */ (e).message}`);
		}
		this.cache.set(k, fn);
		return fn;
	}

	/**
	 * Validates a request body. kind: 'json' | 'multipart' | 'form'.
	 * @param {any} match result of findOperation
	 * @param {string} kind
	 * @param {any} body
	 * @returns {string[]} messages
	 */
	validateBody(match, kind, body) {
		if (!match?.op) return [];
		const rb = match.op.requestBody?.$ref
			? resolveRef(this.spec, match.op.requestBody.$ref)
			: match.op.requestBody;
		if (!rb) return [];
		const content = rb.content || {};
		const ct = kind === 'json' ? 'application/json' : 'multipart/form-data';
		let mediaKey = ct in content ? ct : null;
		if (!mediaKey && kind !== 'json' && 'application/x-www-form-urlencoded' in content)
			mediaKey = 'application/x-www-form-urlencoded';
		if (!mediaKey && kind !== 'json' && 'application/json' in content)
			mediaKey = 'application/json'; // Rails treats forms like JSON params
		if (!mediaKey)
			return [
				`request content type ${ct} is not declared for this operation (declared: ${Object.keys(content).join(', ') || 'none'})`,
			];
		const pointer = `/paths/${ptr(match.template)}/${match.method.toLowerCase()}/requestBody/content/${ptr(mediaKey)}/schema`;
		const coerce = kind !== 'json';
		const fn = this.validator(
			`${match.method} ${match.template} ${mediaKey}`,
			match.op.requestBody?.$ref ? '' : pointer,
			coerce,
		);
		if (!fn) return [];
		const data = coerce ? JSON.parse(JSON.stringify(body ?? {})) : body;
		if (fn(data)) return [];
		return formatErrors(/** @type {any} */ (fn).errors, 'body');
	}

	/**
	 * Validates query parameters declared by the spec (path-level and operation-level).
	 * @param {any} match
	 * @param {Record<string, any>} query nested (Rack-parsed) query
	 * @returns {string[]}
	 */
	validateQuery(match, query) {
		if (!match?.op) return [];
		const params = [...(match.pathItem.parameters || []), ...(match.op.parameters || [])];
		/** @type {string[]} */
		const out = [];
		params.forEach((p, i) => {
			const param = p.$ref ? resolveRef(this.spec, p.$ref) : p;
			if (!param || param.in !== 'query') return;
			const present = Object.prototype.hasOwnProperty.call(query, param.name);
			if (!present) {
				if (param.required) out.push(`query parameter "${param.name}" is required`);
				return;
			}
			if (!param.schema) return;
			const isPathLevel = i < (match.pathItem.parameters || []).length;
			const base = p.$ref
				? p.$ref.slice(1)
				: isPathLevel
					? `/paths/${ptr(match.template)}/parameters/${i}`
					: `/paths/${ptr(match.template)}/${match.method.toLowerCase()}/parameters/${i - (match.pathItem.parameters || []).length}`;
			const fn = this.validator(`q:${base}`, `${base}/schema`, true);
			if (!fn) return;
			let value = query[param.name];
			if (param.schema.type === 'array' && !Array.isArray(value)) value = [value];
			const data = JSON.parse(JSON.stringify({ v: value })).v;
			if (!fn(data))
				out.push(...formatErrors(/** @type {any} */ (fn).errors, `query.${param.name}`));
		});
		return out;
	}
}

/** @param {string} template */
function compileTemplate(template) {
	/** @type {string[]} */
	const names = [];
	const src = template
		.split('/')
		.map((seg) => {
			const m = /^\{(.+)\}$/.exec(seg);
			if (m) {
				names.push(m[1]);
				return '([^/]+)';
			}
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { re: new RegExp(`^${src}$`), names };
}

/** @param {any[]} errors @param {string} root */
function formatErrors(errors, root) {
	return (errors || []).slice(0, 10).map((e) => {
		const where = `${root}${e.instancePath ? e.instancePath.replace(/\//g, '.') : ''}`;
		if (e.keyword === 'enum')
			return `${where} must be one of ${JSON.stringify(e.params.allowedValues)}`;
		if (e.keyword === 'required') return `${where}.${e.params.missingProperty} is required`;
		return `${where} ${e.message}`;
	});
}

module.exports = { SpecIndex, defaultSpecPath, NOTES_EXTRA_OPERATIONS, NOTES_CONTENT_TYPES };
