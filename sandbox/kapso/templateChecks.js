// @ts-check
'use strict';

/**
 * Template sends checked against the template on the number's WABA, the way Meta answers them
 * (132001 unknown or unapproved, 132000 parameter count or names, 132012 parameter format), and
 * the legacy API's template parameters turned into Meta components (its own 422 texts).
 */

const { metaError, legacyError } = require('./errors');
const { isObject, isHttpUrl } = require('./sendChecks');

const VAR = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/** @param {string|undefined} s */
const varsOf = (s) => [...String(s || '').matchAll(VAR)].map((m) => m[1]);

const count = (/** @type {string} */ d) => metaError(132000, d, { rule: 'meta:template' });
const format = (/** @type {string} */ d) => metaError(132012, d, { rule: 'meta:template' });

/** The template's parts: header, body variables and buttons, in the template's own order. */
function templateParts(/** @type {any} */ tpl) {
	const find = (/** @type {string} */ t) =>
		tpl.components.find((/** @type {any} */ c) => c.type === t);
	const header = find('HEADER');
	const buttons = find('BUTTONS');
	return {
		header,
		headerVars: header && header.format === 'TEXT' ? varsOf(header.text) : [],
		bodyVars: varsOf(find('BODY')?.text),
		buttons: buttons ? buttons.buttons : [],
	};
}

/** @param {any} S @param {any} pn @param {string} name @param {string} language */
function findTemplate(S, pn, name, language) {
	return S.templates.find(
		(/** @type {any} */ t) =>
			t.waba_id === pn.business_account_id && t.name === name && t.language === language,
	);
}

/**
 * @param {any} param @param {string} where
 * @returns {string} the value shown in the rendered text
 */
function checkTextLike(param, where) {
	if (!isObject(param)) throw format(`${where}: each parameter must be an object`);
	if (param.type === 'text') {
		if (typeof param.text !== 'string' || !param.text.trim())
			throw format(`${where}: text parameter must be a non-empty string`);
		return param.text;
	}
	if (param.type === 'currency') {
		const c = param.currency;
		if (
			!isObject(c) ||
			typeof c.fallback_value !== 'string' ||
			!/^[A-Z]{3}$/.test(String(c.code)) ||
			!Number.isInteger(c.amount_1000)
		)
			throw format(
				`${where}: currency needs fallback_value, a 3-letter code and an integer amount_1000`,
			);
		return c.fallback_value;
	}
	if (param.type === 'date_time') {
		const d = param.date_time;
		if (!isObject(d) || typeof d.fallback_value !== 'string' || !d.fallback_value)
			throw format(`${where}: date_time needs a fallback_value`);
		return d.fallback_value;
	}
	throw format(
		`${where}: parameter type ${JSON.stringify(param.type)} is not allowed (text, currency, date_time)`,
	);
}

/**
 * Parameters against the template's variables: count, and for NAMED templates every name once.
 * @param {any[]} params @param {string[]} vars @param {boolean} named @param {string} where
 * @returns {Record<string,string>} values by variable
 */
function matchParams(params, vars, named, where) {
	if (!Array.isArray(params))
		throw metaError(100, `${where}: parameters must be an array`, { rule: 'meta:param' });
	/** @type {Record<string,string>} */
	const values = {};
	if (named) {
		const seen = new Set();
		for (const p of params) {
			if (!isObject(p) || typeof p.parameter_name !== 'string')
				throw count(`${where}: every parameter of a NAMED template needs parameter_name`);
			if (!vars.includes(p.parameter_name))
				throw count(
					`${where}: unknown parameter '${p.parameter_name}' (template has ${vars.join(', ') || 'none'})`,
				);
			if (seen.has(p.parameter_name))
				throw count(`${where}: parameter '${p.parameter_name}' is given twice`);
			seen.add(p.parameter_name);
			values[p.parameter_name] = checkTextLike(p, `${where} '${p.parameter_name}'`);
		}
		const missing = vars.filter((v) => !seen.has(v));
		if (missing.length) throw count(`${where}: missing parameter '${missing[0]}'`);
		return values;
	}
	if (params.length !== vars.length)
		throw count(`${where}: expected ${vars.length} parameters, got ${params.length}`);
	params.forEach((p, i) => {
		if (isObject(p) && p.parameter_name !== undefined)
			throw count(`${where}: parameter_name is only for NAMED templates (this one is positional)`);
		values[vars[i]] = checkTextLike(p, `${where} {{${vars[i]}}}`);
	});
	return values;
}

/** @param {any} S @param {any} pn @param {any} header the template's HEADER @param {any[]} params */
function checkMediaHeader(S, pn, header, params) {
	const kind = header.format.toLowerCase();
	if (!Array.isArray(params) || params.length !== 1)
		throw count(
			`header: expected 1 parameter (${kind}), got ${Array.isArray(params) ? params.length : 0}`,
		);
	const p = params[0];
	if (!isObject(p) || p.type !== kind)
		throw format(
			`header: the template has a ${header.format} header, the parameter is ${JSON.stringify(p?.type)}`,
		);
	if (kind === 'location') {
		const l = p.location;
		if (!isObject(l) || typeof l.latitude !== 'number' || typeof l.longitude !== 'number')
			throw format('header: location needs numeric latitude and longitude');
		return;
	}
	const m = p[kind];
	if (!isObject(m) || (m.link === undefined) === (m.id === undefined))
		throw format(`header: ${kind} needs exactly one of link or id`);
	if (m.link !== undefined && !isHttpUrl(m.link))
		throw format(`header: ${kind} link must be an http(s) URL`);
	if (m.id !== undefined) {
		const media = S.media.get(String(m.id));
		if (!media || media.deleted || media.phone_number_id !== pn.phone_number_id)
			throw format(`header: unknown media id ${m.id}`);
	}
}

const SUB_TYPES = { URL: 'url', QUICK_REPLY: 'quick_reply', COPY_CODE: 'copy_code' };

/** @param {any[]} requested @param {any[]} buttons the template's */
function checkButtons(requested, buttons) {
	const used = new Set();
	for (const b of requested) {
		const idx = Number(b.index);
		if (b.index === undefined || !Number.isInteger(idx))
			throw metaError(100, 'button: index is required', { rule: 'meta:param' });
		if (used.has(idx))
			throw metaError(100, `button: index ${idx} is given twice`, { rule: 'meta:param' });
		used.add(idx);
		const tb = buttons[idx];
		if (!tb)
			throw count(`button: index ${idx} does not exist (template has ${buttons.length} buttons)`);
		const want = /** @type {Record<string,string>} */ (SUB_TYPES)[tb.type];
		if (b.sub_type !== want)
			throw format(
				`button ${idx}: the template's button is ${tb.type}, sub_type is ${JSON.stringify(b.sub_type)}`,
			);
		const params = b.parameters;
		if (!Array.isArray(params) || params.length !== 1)
			throw count(`button ${idx}: expected 1 parameter`);
		const p = params[0];
		if (want === 'url') {
			if (!varsOf(tb.url).length)
				throw count(`button ${idx}: the URL ${tb.url} takes no parameter`);
			if (!isObject(p) || p.type !== 'text' || typeof p.text !== 'string' || !p.text)
				throw format(`button ${idx}: url needs a text parameter`);
		} else if (want === 'quick_reply') {
			if (!isObject(p) || p.type !== 'payload' || typeof p.payload !== 'string')
				throw format(`button ${idx}: quick_reply needs a payload parameter`);
		} else {
			if (
				!isObject(p) ||
				p.type !== 'coupon_code' ||
				typeof p.coupon_code !== 'string' ||
				!p.coupon_code
			)
				throw format(`button ${idx}: copy_code needs a coupon_code parameter`);
			if (p.coupon_code.length > 15)
				throw format(`button ${idx}: coupon_code must be at most 15 characters`);
		}
	}
	buttons.forEach((tb, i) => {
		const needs = (tb.type === 'URL' && varsOf(tb.url).length) || tb.type === 'COPY_CODE';
		if (needs && !used.has(i)) throw count(`button ${i} (${tb.type}) needs a parameter`);
	});
}

/**
 * Check a proxy template send; return the template and the rendered body.
 * @param {any} S @param {any} pn @param {any} t the `template` object of the send
 */
function checkTemplateSend(S, pn, t) {
	for (const k of Object.keys(t))
		if (!['name', 'language', 'components'].includes(k))
			throw metaError(100, `Param template['${k}'] is not a valid parameter`, {
				rule: 'meta:param',
			});
	if (typeof t.name !== 'string' || !t.name)
		throw metaError(100, "Param template['name'] is required", { rule: 'meta:param' });
	if (!isObject(t.language) || typeof t.language.code !== 'string')
		throw metaError(100, "Param template['language']['code'] is required", { rule: 'meta:param' });
	const tpl = findTemplate(S, pn, t.name, t.language.code);
	if (!tpl || tpl.status !== 'APPROVED')
		throw metaError(
			132001,
			`template name (${t.name}) does not exist in ${t.language.code}${tpl ? ` (it is ${tpl.status})` : ''}`,
			{ rule: 'meta:template' },
		);
	const parts = templateParts(tpl);
	const named = tpl.parameter_format === 'NAMED';
	const comps = t.components === undefined ? [] : t.components;
	if (!Array.isArray(comps))
		throw metaError(100, "Param template['components'] must be an array", { rule: 'meta:param' });
	const of = (/** @type {string} */ type) => comps.filter((c) => isObject(c) && c.type === type);
	for (const c of comps)
		if (!isObject(c) || !['header', 'body', 'button'].includes(c.type))
			throw metaError(
				100,
				`component type ${JSON.stringify(c?.type)} is not valid (header, body, button)`,
				{ rule: 'meta:param' },
			);
	if (of('header').length > 1 || of('body').length > 1)
		throw metaError(100, 'only one header and one body component are allowed', {
			rule: 'meta:param',
		});
	const headerParams = of('header')[0]?.parameters;
	/** @type {Record<string,string>} */
	let values = {};
	if (!parts.header || parts.header.format === 'TEXT') {
		if (headerParams !== undefined || parts.headerVars.length)
			values = matchParams(headerParams || [], parts.headerVars, named, 'header');
	} else checkMediaHeader(S, pn, parts.header, headerParams);
	const bodyParams = of('body')[0]?.parameters;
	if (bodyParams !== undefined || parts.bodyVars.length)
		values = { ...values, ...matchParams(bodyParams || [], parts.bodyVars, named, 'body') };
	checkButtons(of('button'), parts.buttons);
	const bodyText = tpl.components.find((/** @type {any} */ c) => c.type === 'BODY')?.text || '';
	return {
		template: tpl,
		rendered: bodyText.replace(
			VAR,
			(/** @type {string} */ _, /** @type {string} */ v) => values[v] ?? `{{${v}}}`,
		),
	};
}

const legacy422 = (/** @type {string} */ error) =>
	legacyError(422, error, undefined, 'legacy:template');

/**
 * Legacy template parameters (send_template's `template_parameters`, a message's `template_params`)
 * as Meta components for the template.
 * @param {any} tpl @param {any} p `{params, header_type, header_params, header_filename, location_params, button_url_params, button_quick_reply_payloads, button_copy_code_params}`
 */
function legacyComponents(tpl, p) {
	const parts = templateParts(tpl);
	const named = tpl.parameter_format === 'NAMED';
	let bodyValues = p.params;
	let headerValues = p.header_params;
	if (isObject(bodyValues) && (isObject(bodyValues.header) || isObject(bodyValues.body))) {
		headerValues = bodyValues.header ?? headerValues;
		bodyValues = bodyValues.body ?? {};
	}
	/** @type {any[]} */
	const components = [];
	/** @param {any} given @param {string[]} vars @param {string} where */
	const textParams = (given, vars, where) => {
		if (!vars.length) return null;
		if (named) {
			if (!isObject(given))
				throw legacy422(
					`Template ${tpl.name} has named parameters: send an object with ${vars.join(', ')}`,
				);
			for (const k of Object.keys(given))
				if (!vars.includes(k)) throw legacy422(`Unknown template parameter: ${k}`);
			const missing = vars.filter((v) => given[v] === undefined || given[v] === '');
			if (missing.length) throw legacy422(`Missing template parameter: ${missing[0]}`);
			return vars.map((v) => ({ type: 'text', parameter_name: v, text: String(given[v]) }));
		}
		const list = Array.isArray(given)
			? given
			: given === undefined
				? []
				: where === 'header'
					? [given]
					: null;
		if (!list) throw legacy422(`Template ${tpl.name} has positional parameters: send an array`);
		if (list.length !== vars.length)
			throw legacy422(
				`Template requires ${vars.length} parameters, but ${list.length} were provided`,
			);
		return list.map((v) => ({ type: 'text', text: String(v) }));
	};
	if (parts.header && parts.header.format !== 'TEXT') {
		const kind = parts.header.format.toLowerCase();
		if (kind === 'location') {
			const l = p.location_params;
			if (!isObject(l)) throw legacy422('location_params are required for a location header');
			components.push({ type: 'header', parameters: [{ type: 'location', location: l }] });
		} else {
			if (p.header_type !== undefined && p.header_type !== kind)
				throw legacy422(
					`header_type ${p.header_type} does not match the template's ${parts.header.format} header`,
				);
			if (typeof headerValues !== 'string' || !headerValues)
				throw legacy422(`header_params (a ${kind} URL) are required`);
			/** @type {Record<string,string>} */
			const media = { link: headerValues };
			if (kind === 'document' && p.header_filename) media.filename = p.header_filename;
			components.push({ type: 'header', parameters: [{ type: kind, [kind]: media }] });
		}
	} else {
		const h = textParams(
			named && typeof headerValues === 'string'
				? { [parts.headerVars[0]]: headerValues }
				: headerValues,
			parts.headerVars,
			'header',
		);
		if (h) components.push({ type: 'header', parameters: h });
	}
	const b = textParams(bodyValues, parts.bodyVars, 'body');
	if (b) components.push({ type: 'body', parameters: b });
	const button = (
		/** @type {any} */ map,
		/** @type {string} */ subType,
		/** @type {(v: string) => any} */ param,
	) => {
		if (map === undefined) return;
		if (!isObject(map))
			throw legacy422(`button parameters must be an object keyed by the button index ("0")`);
		for (const [index, v] of Object.entries(map))
			components.push({
				type: 'button',
				sub_type: subType,
				index: String(index),
				parameters: [param(String(v))],
			});
	};
	button(p.button_url_params, 'url', (v) => ({ type: 'text', text: v }));
	button(p.button_quick_reply_payloads, 'quick_reply', (v) => ({ type: 'payload', payload: v }));
	button(p.button_copy_code_params, 'copy_code', (v) => ({ type: 'coupon_code', coupon_code: v }));
	return components;
}

module.exports = { checkTemplateSend, legacyComponents, findTemplate, templateParts, varsOf };
