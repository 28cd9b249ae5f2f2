// @ts-check
'use strict';

/**
 * Legacy templates `/api/v1/whatsapp_templates` (NOTES §3): the list with ransack `q[...]`
 * filters and Kapso's lower-case statuses, one template by uuid, and send_template with
 * positional or named `template_parameters`, header and button parameters by index. Meta's
 * errors behind it come back as 500 `{status:"error", message}`, as the spec documents.
 */

const { ApiError, legacyError, legacyParam } = require('./errors');
const { isObject } = require('./sendChecks');
const { performSend } = require('./sending');
const { legacyComponents, templateParts } = require('./templateChecks');
const { numberedPage } = require('./paging');

/** @param {any} ctx */
const projectNumbers = (ctx) =>
	ctx.S.phoneNumbers.filter((/** @type {any} */ p) => p.project_id === ctx.project.id);

const LEGACY_STATUS = {
	APPROVED: 'approved',
	PENDING: 'submitted',
	REJECTED: 'rejected',
	DISABLED: 'disabled',
};

/** @param {any} S @param {any} t */
function legacyTemplate(S, t) {
	const parts = templateParts(t);
	return {
		id: t.kapso_id,
		name: t.name,
		language_code: t.language,
		category: t.category,
		status:
			/** @type {Record<string,string>} */ (LEGACY_STATUS)[t.status] || t.status.toLowerCase(),
		content: t.components.find((/** @type {any} */ c) => c.type === 'BODY')?.text || '',
		parameter_count: parts.bodyVars.length + parts.headerVars.length,
		business_account_id: t.waba_id,
		whatsapp_config_ids: S.phoneNumbers
			.filter((/** @type {any} */ n) => n.business_account_id === t.waba_id)
			.map((/** @type {any} */ n) => n.internal_id),
		components: t.components,
		metadata: { parameter_format: t.parameter_format, meta_template_id: t.id },
	};
}

/** @param {any} ctx */
function projectTemplates(ctx) {
	const wabas = projectNumbers(ctx).map((/** @type {any} */ n) => n.business_account_id);
	return ctx.S.templates
		.filter((/** @type {any} */ t) => wabas.includes(t.waba_id))
		.map((/** @type {any} */ t) => legacyTemplate(ctx.S, t));
}

function listTemplates(/** @type {any} */ ctx) {
	const q = ctx.query.q || {};
	const top = ctx.query;
	const config = top.whatsapp_config_id ?? q.whatsapp_config_id_eq;
	const waba = top.business_account_id ?? q.business_account_id_eq;
	const list = projectTemplates(ctx)
		.filter((/** @type {any} */ t) => !q.name_cont || t.name.includes(String(q.name_cont)))
		.filter((/** @type {any} */ t) => !q.language_code_eq || t.language_code === q.language_code_eq)
		.filter((/** @type {any} */ t) => !q.category_eq || t.category === q.category_eq)
		.filter((/** @type {any} */ t) => !q.status_eq || t.status === q.status_eq)
		.filter((/** @type {any} */ t) => !config || t.whatsapp_config_ids.includes(config))
		.filter((/** @type {any} */ t) => !waba || t.business_account_id === waba);
	return { status: 200, body: numberedPage(list, ctx.query, ctx.violate) };
}

/** @param {any} ctx @param {string} id */
function ownTemplate(ctx, id) {
	const t = ctx.S.templates.find((/** @type {any} */ x) => x.kapso_id === id);
	if (
		!t ||
		!projectNumbers(ctx).some((/** @type {any} */ n) => n.business_account_id === t.waba_id)
	)
		throw legacyError(
			404,
			'Template not found',
			undefined,
			t ? 'auth:other-project' : 'route:unknown-id',
		);
	return t;
}

function getTemplate(/** @type {any} */ ctx, /** @type {any} */ p) {
	return { status: 200, body: { data: legacyTemplate(ctx.S, ownTemplate(ctx, p.id)) } };
}

function sendTemplate(/** @type {any} */ ctx, /** @type {any} */ p) {
	const t = ownTemplate(ctx, p.id);
	const b = legacyParam(ctx.body, 'template');
	if (!b.phone_number)
		throw legacyError(422, 'Phone number is required', undefined, 'legacy:validation');
	if (t.status !== 'APPROVED')
		throw legacyError(
			422,
			`Template is not approved (status: ${legacyTemplate(ctx.S, t).status})`,
			undefined,
			'legacy:template',
		);
	const numbers = projectNumbers(ctx).filter(
		(/** @type {any} */ n) => n.business_account_id === t.waba_id,
	);
	const pn = b.whatsapp_config_id
		? numbers.find((/** @type {any} */ n) => n.internal_id === b.whatsapp_config_id)
		: numbers[0];
	if (!pn)
		throw legacyError(422, 'WhatsApp configuration not found', undefined, 'legacy:validation');
	const components = legacyComponents(t, { ...b, params: b.template_parameters });
	const body = {
		messaging_product: 'whatsapp',
		to: String(b.phone_number),
		type: 'template',
		template: { name: t.name, language: { code: t.language }, components },
	};
	let response;
	try {
		response = performSend(ctx, pn, body).response;
	} catch (e) {
		if (e instanceof ApiError && e.body && isObject(e.body.error))
			throw new ApiError(
				500,
				{
					status: 'error',
					message: `Failed to send template message: ${e.body.error.message}: ${e.body.error.error_data?.details}`,
				},
				String(e.rule).replace(/^meta:/, 'legacy:'),
				e.violation,
			);
		throw e;
	}
	return {
		status: 200,
		body: {
			status: 'success',
			message: 'Template message sent successfully',
			template_id: t.kapso_id,
			template_name: t.name,
			response,
		},
	};
}

module.exports = { listTemplates, getTemplate, sendTemplate };
