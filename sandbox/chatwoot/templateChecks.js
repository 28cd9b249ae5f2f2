// @ts-check
'use strict';

/**
 * The checks Chatwoot's WhatsApp send job would make on a template message (Meta's and Twilio's
 * templates) and the 24-hour window, as ../shared/chatwoot/NOTES.md ("WhatsApp templates") describes.
 */

const { isHash, isIndexHash, present } = require('./params');

/** @param {any} S @param {any} conv */
function canReplyWindow(S, conv) {
	const now = Math.floor(Date.now() / 1000);
	for (let i = conv.message_ids.length - 1; i >= 0; i--) {
		const m = S.messages.get(conv.message_ids[i]);
		if (m && m.message_type === 0) return now - m.created_at < 24 * 3600;
	}
	return false;
}

/** Variables used in a template text. @param {string} text */
function varsOf(text) {
	return [...String(text || '').matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]);
}

/**
 * Emulates the lookup + parameter processing of Whatsapp::TemplateProcessorService and
 * Whatsapp::TemplateParameterService (which run in the send job: an error marks the message failed).
 * @param {import('./messages').Ctx} ctx @param {any} inbox @param {any} tp
 * @returns {{template?: any, error?: string}}
 */
function checkTemplate(ctx, inbox, tp) {
	const lang = String(tp.language || '').toLowerCase();
	const templates = inbox.message_templates || [];
	const template = templates.find(
		(/** @type {any} */ t) =>
			t.name === tp.name &&
			String(t.language || '').toLowerCase() === lang &&
			String(t.status || '').toLowerCase() === 'approved',
	);
	if (!template) {
		const sameName = templates.filter((/** @type {any} */ t) => t.name === tp.name);
		let why = `no template named "${tp.name}"`;
		if (sameName.length) {
			const approved = sameName.filter(
				(/** @type {any} */ t) => String(t.status).toLowerCase() === 'approved',
			);
			why = approved.length
				? `template "${tp.name}" exists for language(s) ${approved.map((/** @type {any} */ t) => t.language).join(', ')}, not "${tp.language || ''}"`
				: `template "${tp.name}" is not approved (status ${sameName.map((/** @type {any} */ t) => t.status).join(', ')})`;
		}
		ctx.violate(
			'notes:template-not-found',
			`template lookup failed (name + language, case-insensitive, status approved): ${why}`,
		);
		return { error: `Template not found: ${why}` };
	}
	/** @type {string[]} */
	const problems = [];
	let pp = tp.processed_params;
	// legacy shapes
	if (Array.isArray(pp)) {
		ctx.violate(
			'notes:template_params-legacy',
			'processed_params as a bare array is a deprecated legacy shape; use {body:{"1":…}}',
		);
		pp = { body: Object.fromEntries(pp.map((v, i) => [String(i + 1), v])) };
	} else if (
		isHash(pp) &&
		!('body' in pp) &&
		!('header' in pp) &&
		!('buttons' in pp) &&
		!('footer' in pp) &&
		Object.keys(pp).length
	) {
		ctx.violate(
			'notes:template_params-legacy',
			'processed_params as a flat {"1":"x"} hash is a deprecated legacy shape; use {body:{…}}',
		);
		pp = { body: pp };
	}
	pp = isHash(pp) ? pp : {};
	const named = String(template.parameter_format || '').toUpperCase() === 'NAMED';
	const comps = template.components || [];
	const bodyComp = comps.find((/** @type {any} */ c) => c.type === 'BODY');
	const headerComp = comps.find((/** @type {any} */ c) => c.type === 'HEADER');
	const buttonsComp = comps.find((/** @type {any} */ c) => c.type === 'BUTTONS');

	// body
	const bodyVars = varsOf(bodyComp?.text);
	const body = isHash(pp.body) ? pp.body : {};
	if (pp.body !== undefined && !isHash(pp.body))
		problems.push('processed_params.body must be an object');
	const missing = bodyVars.filter((v) => !present(body[v]));
	if (missing.length)
		problems.push(`missing body parameter(s) ${missing.map((m) => `{{${m}}}`).join(', ')}`);
	const extra = Object.keys(body).filter((k) => !bodyVars.includes(k));
	if (extra.length)
		problems.push(
			`unknown body parameter(s) ${extra.join(', ')} (template uses ${bodyVars.length ? bodyVars.join(', ') : 'no variables'}${named ? ', NAMED format' : ''})`,
		);

	// header
	/** @type {string|undefined} */
	let fatal;
	const header = isHash(pp.header) ? pp.header : null;
	const fmt = String(headerComp?.format || '').toUpperCase();
	if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(fmt)) {
		if (!header || !present(header.media_url))
			problems.push(
				`header ${fmt.toLowerCase()} needs processed_params.header.media_url and media_type`,
			);
	} else if (fmt === 'TEXT' && varsOf(headerComp.text).length) {
		const textKeys = header
			? Object.keys(header).filter((k) => !['media_url', 'media_type', 'media_name'].includes(k))
			: [];
		if (!textKeys.length)
			problems.push(`header text parameter missing (template header "${headerComp.text}")`);
	}
	if (header) {
		if (present(header.media_url) && present(header.media_type)) {
			const mt = String(header.media_type).toLowerCase();
			if (!['image', 'video', 'document'].includes(mt))
				fatal = fatal || `Unsupported media type: ${mt}`;
			else if (fmt && ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(fmt) && mt !== fmt.toLowerCase())
				problems.push(`header media_type ${mt} does not match the template header format ${fmt}`);
			const url = String(header.media_url).trim();
			let scheme = '';
			try {
				scheme = new URL(url).protocol.replace(/:$/, '');
			} catch {
				scheme = '';
			}
			if (!['http', 'https'].includes(scheme))
				fatal = fatal || `Invalid URL scheme: ${scheme}. Only http and https are allowed`;
		} else if (
			present(header.media_url) &&
			!present(header.media_type) &&
			['IMAGE', 'VIDEO', 'DOCUMENT'].includes(fmt)
		) {
			problems.push('header.media_type is required with header.media_url');
		}
	}

	// buttons
	if (pp.buttons !== undefined) {
		if (isIndexHash(pp.buttons)) {
			ctx.violate(
				'notes:multipart-indexed-array',
				'template_params[processed_params][buttons][0][…] is parsed by Rails as a Hash, not an array: use buttons[][type]/buttons[][parameter]',
			);
			fatal = fatal || 'no implicit conversion of String into Integer';
		} else if (!Array.isArray(pp.buttons)) {
			problems.push('processed_params.buttons must be an array (index = button position)');
		}
	}
	const buttons = Array.isArray(pp.buttons) ? pp.buttons : [];
	const tButtons = buttonsComp?.buttons || [];
	tButtons.forEach((/** @type {any} */ b, /** @type {number} */ i) => {
		const given = buttons[i];
		const type = String(b.type).toUpperCase();
		if (type === 'URL' && varsOf(b.url).length && !(isHash(given) && present(given.parameter)))
			problems.push(`button ${i} (URL ${b.url}) needs a parameter`);
		if (type === 'COPY_CODE' && !(isHash(given) && present(given.parameter)))
			problems.push(`button ${i} (COPY_CODE) needs a parameter`);
	});
	buttons.forEach((/** @type {any} */ b, /** @type {number} */ i) => {
		if (!isHash(b) || !present(b.type)) {
			// Whatsapp::TemplateConverterService: enhanced only when every button is a Hash with a type.
			problems.push(
				`button ${i} must be an object with a type (else Chatwoot reads processed_params as a legacy shape)`,
			);
			return;
		}
		// TemplateProcessorService sends only url buttons and buttons with a parameter; any other
		// entry is skipped but keeps its index (a placeholder for a button without a variable).
		if (b.type !== 'url' && !present(b.parameter)) return;
		if (b.type === 'copy_code') {
			const code = String(b.parameter ?? '').trim();
			if (!code) fatal = fatal || 'Coupon code cannot be empty';
			else if (code.length > 15) fatal = fatal || 'Coupon code cannot exceed 15 characters';
		}
		if (i >= tButtons.length) problems.push(`button ${i} does not exist in the template`);
	});
	for (const [k, v] of Object.entries(body)) {
		if (typeof v === 'string' && /[<>"']/.test(v))
			ctx.violate(
				'notes:template_params',
				`body parameter ${k} contains <>"' which Chatwoot strips`,
			);
		if (typeof v === 'string' && v.length > 1000)
			ctx.violate(
				'notes:template_params',
				`body parameter ${k} is longer than 1000 chars and is cut`,
			);
	}
	if (fatal) {
		ctx.violate('notes:template_params', `template send fails: ${fatal}`);
		return { template, error: fatal };
	}
	if (problems.length) {
		ctx.violate(
			'notes:template_params',
			`template "${template.name}" (${template.language}): ${problems.join('; ')}`,
		);
		return {
			template,
			error: `(#132000) Number of parameters does not match the expected number of params: ${problems.join('; ')}`,
		};
	}
	return { template };
}

/**
 * Twilio::TemplateProcessorService: the content template is found by content_sid, else by
 * friendly_name + language (default "en") + status approved; processed_params is read as flat
 * content variables ({"1": "John"}), so a WhatsApp-style {body: {...}} would send wrong values.
 * @param {import('./messages').Ctx} ctx @param {any} inbox @param {any} tp
 * @returns {{template?: any, error?: string}}
 */
function checkTwilioTemplate(ctx, inbox, tp) {
	const templates = (inbox.content_templates && inbox.content_templates.templates) || [];
	const template =
		(present(tp.content_sid) &&
			templates.find((/** @type {any} */ t) => t.content_sid === tp.content_sid)) ||
		templates.find(
			(/** @type {any} */ t) =>
				t.friendly_name === tp.name &&
				t.language === (tp.language || 'en') &&
				t.status === 'approved',
		);
	if (!template) {
		ctx.violate(
			'notes:template-not-found',
			`Twilio content template lookup failed (content_sid, or friendly_name + language + approved): "${tp.name}" (${tp.language || 'en'})`,
		);
		return { error: `Template not found: ${tp.name}` };
	}
	const pp = isHash(tp.processed_params) ? tp.processed_params : {};
	const nested = ['body', 'header', 'buttons'].filter((k) => k in pp);
	if (nested.length) {
		ctx.violate(
			'notes:template_params',
			`Twilio templates take flat processed_params ({"1": "…"}); ${nested.join(', ')} would be sent as a variable`,
		);
		return { template, error: 'Invalid content variables' };
	}
	const vars = [...new Set([...varsOf(template.body), ...Object.keys(template.variables || {})])];
	const missing = vars.filter((v) => !present(pp[v]));
	const extra = Object.keys(pp).filter((k) => !vars.includes(k));
	if (missing.length || extra.length) {
		const why = [
			missing.length ? `missing variable(s) ${missing.join(', ')}` : '',
			extra.length ? `unknown variable(s) ${extra.join(', ')}` : '',
		]
			.filter(Boolean)
			.join('; ');
		ctx.violate('notes:template_params', `Twilio template "${template.friendly_name}": ${why}`);
		return { template, error: why };
	}
	return { template };
}

module.exports = { canReplyWindow, checkTemplate, checkTwilioTemplate };
