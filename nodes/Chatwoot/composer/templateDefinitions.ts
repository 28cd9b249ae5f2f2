import type { IDataObject, INode, ResourceMapperField } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { templateInboxKind } from '../helpers/channels';
import {
	isTemplateMediaType,
	MAX_COPY_CODE_LENGTH,
	type TemplateButton,
	type TemplateHeader,
	type TemplateMessage,
} from './templateParams';
import type { TemplateMediaType } from './templateFields';

/**
 * Templates as Chatwoot stores them on an inbox (`GET inboxes/{id}`): Meta's objects in
 * `message_templates` (WhatsApp Cloud / 360dialog) or Twilio's in `content_templates.templates`.
 * They are turned into one shape, a TemplateDefinition, whose variables become the fields of the
 * node's resource mapper and are read back into a TemplateMessage for `buildTemplateParams`.
 *
 * Field ids (stable: they are the keys of the `templateVariables` parameter in workflows):
 *   header.text        the text header's variable
 *   header.media_url   the IMAGE / VIDEO / DOCUMENT header's public http(s) URL
 *   header.media_name  the DOCUMENT header's file name (optional)
 *   body.<variable>    a body variable: body.1, body.2… (positional) or body.customer_name (NAMED)
 *   button.<index>     the dynamic part of the button at that position in the template (0-based):
 *                      a URL button's suffix, a copy-code button's code
 */

export type TemplateVariableKind =
	| 'header_text'
	| 'header_media_url'
	| 'header_media_name'
	| 'body'
	| 'button';

export interface TemplateVariable {
	/** Resource-mapper field id, e.g. `body.1`. */
	id: string;
	kind: TemplateVariableKind;
	/** Body/header variable name ("1", "customer_name"); the button position for buttons. */
	key: string;
	/** Short label in the resource mapper, "Part · what": "Body · {{1}}", "Button 1 · URL suffix". */
	displayName: string;
	/** Which part of the template it fills, when the label cannot say: `button "Track order"`. */
	detail?: string;
	required: boolean;
	/** For buttons: what Chatwoot's processed_params.buttons entry is typed as. */
	buttonType?: TemplateButton['type'];
}

export type TemplateMediaFormat = 'IMAGE' | 'VIDEO' | 'DOCUMENT';

export interface TemplateDefinition {
	provider: 'whatsapp' | 'twilio';
	name: string;
	language: string;
	category: string;
	status: string;
	approved: boolean;
	/** NAMED templates key the body by variable name; positional ones by "1", "2"… */
	named: boolean;
	bodyText: string;
	headerFormat?: string;
	headerText?: string;
	/** Every button in template order; `variable` when it has a dynamic part. */
	buttons: Array<{ type: string; text: string; variable?: TemplateVariable }>;
	variables: TemplateVariable[];
	/** Twilio's content SID, sent along so newer Chatwoot versions pick the exact template. */
	contentSid?: string;
	/** Why the node cannot send this template (e.g. a LOCATION header), if it cannot. */
	unsupported?: string;
}

/**
 * Buttons with a dynamic part, by Meta's type: what the field is called and how Chatwoot's
 * processed_params types it. One-time-password buttons take the code the way URL buttons take
 * their suffix; a URL button has a dynamic part only when its URL has a variable.
 */
const DYNAMIC_BUTTONS: Record<string, { label: string; buttonType: TemplateButton['type'] }> = {
	URL: { label: 'URL suffix', buttonType: 'url' },
	COPY_CODE: { label: 'Copy code', buttonType: 'copy_code' },
	OTP: { label: 'One-time code', buttonType: 'url' },
};
const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Variable names in order of first appearance. */
export function variablesOf(text: string): string[] {
	const names: string[] = [];
	for (const match of text.matchAll(VARIABLE)) if (!names.includes(match[1])) names.push(match[1]);
	return names;
}

function str(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}

function objects(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? value.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object')
		: [];
}

/** The value of the Template dropdown: name and language, so one name in two languages stays two templates. */
export function templateOptionValue(
	template: Pick<TemplateDefinition, 'name' | 'language'>,
): string {
	return `${template.name}|${template.language}`;
}

export function parseTemplateOptionValue(value: string): { name: string; language?: string } {
	const [name, language] = value.trim().split('|');
	return { name: name.trim(), language: language?.trim() || undefined };
}

const variableLabel = (name: string) => `{{${name}}}`;
/** Resource-mapper labels are cut at about 24 characters: the part of the template, then what it wants. */
const label = (part: string, what: string) => `${part} · ${what}`;

/** Reads one of Meta's template objects as Chatwoot stores it in `message_templates`. */
export function parseWhatsAppTemplate(raw: IDataObject): TemplateDefinition {
	const components = objects(raw.components);
	const component = (type: string) =>
		components.find((entry) => str(entry.type).toUpperCase() === type);
	const body = component('BODY');
	const header = component('HEADER');
	const buttonsComponent = component('BUTTONS');
	const bodyText = str(body?.text);
	const bodyVariables = variablesOf(bodyText);
	const named =
		str(raw.parameter_format).toUpperCase() === 'NAMED' ||
		bodyVariables.some((name) => !/^\d+$/.test(name));
	const status = str(raw.status);
	const definition: TemplateDefinition = {
		provider: 'whatsapp',
		name: str(raw.name),
		language: str(raw.language),
		category: str(raw.category),
		status,
		approved: status.toLowerCase() === 'approved',
		named,
		bodyText,
		buttons: [],
		variables: [],
	};

	if (header) {
		const format = str(header.format).toUpperCase() || 'TEXT';
		definition.headerFormat = format;
		if (format === 'TEXT') {
			definition.headerText = str(header.text);
			const [headerVariable] = variablesOf(definition.headerText);
			if (headerVariable !== undefined) {
				definition.variables.push({
					id: 'header.text',
					kind: 'header_text',
					key: headerVariable,
					displayName: label('Header', variableLabel(headerVariable)),
					detail: `header "${definition.headerText}"`,
					required: true,
				});
			}
		} else if (isTemplateMediaType(format.toLowerCase())) {
			const kind = format.toLowerCase();
			definition.variables.push({
				id: 'header.media_url',
				kind: 'header_media_url',
				key: 'media_url',
				displayName: label('Header', `${kind[0].toUpperCase()}${kind.slice(1)} URL`),
				required: true,
			});
			if (format === 'DOCUMENT') {
				definition.variables.push({
					id: 'header.media_name',
					kind: 'header_media_name',
					key: 'media_name',
					displayName: label('Header', 'File name'),
					required: false,
				});
			}
		} else {
			definition.unsupported = `its ${format} header cannot be sent through Chatwoot's API (only text, image, video and document headers)`;
		}
	}

	for (const name of bodyVariables) {
		definition.variables.push({
			id: `body.${name}`,
			kind: 'body',
			key: name,
			displayName: label('Body', variableLabel(name)),
			required: true,
		});
	}

	objects(buttonsComponent?.buttons).forEach((button, index) => {
		const type = str(button.type).toUpperCase();
		const text = str(button.text);
		const position = `Button ${index + 1}`;
		const detail = text ? `button "${text}"` : undefined;
		const dynamic =
			type === 'URL' && variablesOf(str(button.url)).length === 0
				? undefined
				: DYNAMIC_BUTTONS[type];
		const variable: TemplateVariable | undefined = dynamic && {
			id: `button.${index}`,
			kind: 'button',
			key: String(index),
			displayName: label(position, dynamic.label),
			detail,
			required: true,
			buttonType: dynamic.buttonType,
		};
		if (variable) definition.variables.push(variable);
		definition.buttons.push({ type, text, variable });
	});
	return definition;
}

/** Reads one of Twilio's content templates as Chatwoot stores it in `content_templates.templates`. */
export function parseTwilioTemplate(raw: IDataObject): TemplateDefinition {
	const bodyText = str(raw.body);
	const declared =
		raw.variables && typeof raw.variables === 'object'
			? Object.keys(raw.variables as IDataObject)
			: [];
	const names = [...new Set([...variablesOf(bodyText), ...declared])].sort(
		(a, b) => Number(a) - Number(b) || a.localeCompare(b),
	);
	const inBody = variablesOf(bodyText);
	const status = str(raw.status);
	const templateType = str(raw.template_type);
	return {
		provider: 'twilio',
		name: str(raw.friendly_name),
		language: str(raw.language),
		category: str(raw.category),
		status,
		approved: status.toLowerCase() === 'approved',
		named: false,
		bodyText,
		buttons: [],
		contentSid: str(raw.content_sid) || undefined,
		variables: names.map((name) => ({
			id: `body.${name}`,
			kind: 'body' as const,
			key: name,
			displayName: label(inBody.includes(name) ? 'Body' : 'Variable', variableLabel(name)),
			required: true,
		})),
		unsupported: ['text', 'media', 'quick_reply', 'call_to_action'].includes(templateType)
			? undefined
			: `Chatwoot sends only text, media, quick-reply and call-to-action Twilio templates (this one is "${templateType}")`,
	};
}

/** Every template of an inbox (approved or not), in Chatwoot's order. */
export function inboxTemplates(inbox: IDataObject): TemplateDefinition[] {
	const kind = templateInboxKind(inbox);
	if (kind === 'whatsapp') return objects(inbox.message_templates).map(parseWhatsAppTemplate);
	if (kind === 'twilio') {
		const store = inbox.content_templates as IDataObject | undefined;
		return objects(store?.templates).map(parseTwilioTemplate);
	}
	return [];
}

/** The label of a template in the dropdown: "order_confirmation · en_US · Utility". */
export function templateLabel(template: TemplateDefinition): string {
	const category = template.category.toLowerCase();
	return [
		template.name,
		template.language,
		category && category[0].toUpperCase() + category.slice(1),
	]
		.filter(Boolean)
		.join(' · ');
}

/** Finds the chosen template; the error message says why it cannot be used (for the Template field). */
export function findTemplate(
	templates: TemplateDefinition[],
	value: string,
): { template: TemplateDefinition } | { problem: string } {
	const { name, language } = parseTemplateOptionValue(value);
	const sameName = templates.filter((template) => template.name === name);
	const matches = language
		? sameName.filter((template) => template.language.toLowerCase() === language.toLowerCase())
		: sameName;
	const approved = matches.filter((template) => template.approved);
	const approvedNames = templates
		.filter((template) => template.approved)
		.map((template) => `${template.name} (${template.language})`);
	const list = approvedNames.length > 0 ? approvedNames.join(', ') : 'none';
	const wanted = language ? `"${name}" (${language})` : `"${name}"`;
	if (approved.length === 1) return { template: approved[0] };
	if (approved.length > 1) {
		return {
			problem: `${wanted} exists in ${approved.length} languages (${approved.map((t) => t.language).join(', ')}): choose one (value "${name}|<language>")`,
		};
	}
	if (matches.length > 0) {
		return {
			problem: `${wanted} is ${matches[0].status || 'not approved'}, not approved: Chatwoot only sends approved templates`,
		};
	}
	if (sameName.length > 0) {
		return {
			problem: `${wanted} does not exist in that language; it exists in ${sameName.map((t) => t.language).join(', ')}`,
		};
	}
	return { problem: `no template ${wanted} in this inbox. Approved templates: ${list}` };
}

/** The resource mapper's fields for a template: header, then body, then buttons (template order). */
export function templateFields(template: TemplateDefinition): ResourceMapperField[] {
	return template.variables.map((variable) => ({
		id: variable.id,
		displayName: variable.displayName,
		required: variable.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
	}));
}

const TEMPLATE_VARIABLES_LABEL = 'Template Variables';

/** A variable in errors: its label, what it fills and its id, `Button 1 · URL suffix, button "Track order" (button.0)`. */
function variableName(variable: TemplateVariable): string {
	return `${variable.displayName}${variable.detail ? `, ${variable.detail}` : ''} (${variable.id})`;
}

/**
 * Which button each button field fills, for the Template list (n8n's resource mapper shows no
 * field descriptions): `Button 1 · URL suffix ("Track order"), Button 2 · Copy code ("Copy code")`.
 */
export function templateButtonsSummary(template: TemplateDefinition): string {
	return template.buttons
		.flatMap((button) =>
			button.variable
				? [`${button.variable.displayName}${button.text ? ` ("${button.text}")` : ''}`]
				: [],
		)
		.join(', ');
}

/**
 * Reads the resource mapper's values for a template into a TemplateMessage, with an error naming
 * the variable for anything Chatwoot would accept with HTTP 200 and then fail to send.
 */
export function templateMessageFromValues(
	node: INode,
	itemIndex: number,
	template: TemplateDefinition,
	values: IDataObject,
): TemplateMessage {
	const fail = (problem: string) => fieldError(node, itemIndex, TEMPLATE_VARIABLES_LABEL, problem);
	if (template.unsupported) {
		throw fieldError(
			node,
			itemIndex,
			'Template',
			`${template.name} (${template.language}): ${template.unsupported}`,
		);
	}
	const known = new Set(template.variables.map((variable) => variable.id));
	for (const key of Object.keys(values)) {
		if (!known.has(key)) {
			const ids = [...known].join(', ') || 'none';
			throw fail(
				`"${key}" is not a variable of template ${template.name} (${template.language}); its variables: ${ids}. Refresh the field list if the template changed.`,
			);
		}
	}
	const read = (variable: TemplateVariable): string => {
		const raw = values[variable.id];
		const value =
			raw === undefined || raw === null
				? ''
				: typeof raw === 'object'
					? JSON.stringify(raw)
					: String(raw);
		if (variable.required && value.trim() === '') {
			throw fail(`${variableName(variable)} is required and empty`);
		}
		return value;
	};

	const message: TemplateMessage = {
		name: template.name,
		language: template.language,
		category: template.category,
		body: [],
		buttons: [],
		flat: template.provider === 'twilio',
		contentSid: template.contentSid,
		categoryFromTemplate: true,
	};
	let mediaUrl: string | undefined;
	let mediaName: string | undefined;
	for (const variable of template.variables) {
		const value = read(variable);
		switch (variable.kind) {
			case 'body':
				message.body.push({ name: variable.key, value });
				break;
			case 'header_text':
				message.header = { kind: 'text', parameterName: variable.key, value };
				break;
			case 'header_media_url':
				if (!/^https?:\/\/\S+$/i.test(value.trim())) {
					throw fail(
						`${variableName(variable)} must be an http:// or https:// URL (got ${JSON.stringify(value)})`,
					);
				}
				mediaUrl = value.trim();
				break;
			case 'header_media_name':
				mediaName = value.trim() || undefined;
				break;
			case 'button': {
				const parameter = value.trim();
				if (variable.buttonType === 'copy_code' && parameter.length > MAX_COPY_CODE_LENGTH) {
					throw fail(
						`${variableName(variable)} is ${parameter.length} characters; WhatsApp allows at most ${MAX_COPY_CODE_LENGTH}`,
					);
				}
				break;
			}
		}
	}
	if (mediaUrl !== undefined && template.headerFormat) {
		const header: TemplateHeader = {
			kind: 'media',
			mediaType: template.headerFormat.toLowerCase() as TemplateMediaType,
			url: mediaUrl,
			fileName: mediaName,
		};
		message.header = header;
	}

	// Chatwoot uses the array index as the button index: buttons without a variable that come
	// before one with a variable are kept as placeholders; trailing ones are left out.
	const lastWithVariable = template.buttons.reduce(
		(last, button, index) => (button.variable ? index : last),
		-1,
	);
	message.buttons = template.buttons.slice(0, lastWithVariable + 1).map((button) =>
		button.variable
			? {
					type: button.variable.buttonType ?? 'url',
					parameter: String(values[button.variable.id] ?? '').trim(),
				}
			: { type: 'none', parameter: '' },
	);
	return message;
}

/** What agents see in Chatwoot: the template body with the values filled in. */
export function renderTemplateBody(template: TemplateDefinition, message: TemplateMessage): string {
	const values = new Map(message.body.map((parameter) => [parameter.name, parameter.value]));
	return template.bodyText.replace(VARIABLE, (whole, name: string) => values.get(name) ?? whole);
}
