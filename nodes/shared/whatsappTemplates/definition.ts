import type { IDataObject } from 'n8n-workflow';

/**
 * Meta's WhatsApp message templates (the objects of `GET /{waba_id}/message_templates`, and what
 * Chatwoot stores in an inbox's `message_templates`) read into one shape: what the template says
 * and which variables a send must fill. Both the Chatwoot node (through Chatwoot's
 * processed_params) and the Kapso node (Graph `template.components`) send from this shape.
 *
 * Variable ids (stable: they are the keys of a node's `templateVariables` resource mapper):
 *   header.text            the text header's variable
 *   header.media_url       the IMAGE / VIDEO / DOCUMENT header's public http(s) URL
 *   header.media_id        …or an uploaded media id (where the sender supports it)
 *   header.media_name      the DOCUMENT header's file name (optional)
 *   header.latitude, header.longitude, header.location_name, header.location_address
 *                          the LOCATION header (where the sender supports it)
 *   body.<variable>        a body variable: body.1, body.2… (positional) or body.customer_name (NAMED)
 *   button.<index>         the dynamic part of the button at that position in the template (0-based):
 *                          a URL button's suffix, a copy-code button's code, a quick reply's payload
 */

/** What the sending API can fill: each node says what its API takes. */
export interface TemplateSender {
	/** Who sends, in messages: "Chatwoot's API". */
	api: string;
	/** A LOCATION header (latitude, longitude, name, address). */
	locationHeader: boolean;
	/** A media header given as an uploaded media id instead of a URL. */
	mediaIds: boolean;
	/** A quick-reply button's payload (what comes back when the customer taps it). */
	quickReplyPayloads: boolean;
}

export type TemplateVariableKind =
	| 'header_text'
	| 'header_media_url'
	| 'header_media_id'
	| 'header_media_name'
	| 'header_latitude'
	| 'header_longitude'
	| 'header_location_name'
	| 'header_location_address'
	| 'body'
	| 'button';

/** How a button's dynamic part is sent: Meta's `sub_type` of the button component. */
export type TemplateButtonSubType = 'url' | 'copy_code' | 'quick_reply';

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
	/** For buttons: how its value is sent. */
	subType?: TemplateButtonSubType;
}

export type TemplateMediaFormat = 'IMAGE' | 'VIDEO' | 'DOCUMENT';
export const TEMPLATE_MEDIA_FORMATS: readonly TemplateMediaFormat[] = [
	'IMAGE',
	'VIDEO',
	'DOCUMENT',
];

export function isTemplateMediaFormat(format: string): format is TemplateMediaFormat {
	return (TEMPLATE_MEDIA_FORMATS as readonly string[]).includes(format);
}

export interface TemplateButtonDefinition {
	/** Meta's button type, upper case: URL, QUICK_REPLY, COPY_CODE, PHONE_NUMBER, OTP, FLOW… */
	type: string;
	text: string;
	/** A URL button's address as approved, with its `{{1}}` (for checks and hints). */
	url?: string;
	/** Set when the button has a part to fill at send time. */
	variable?: TemplateVariable;
}

export interface WhatsAppTemplate {
	name: string;
	language: string;
	category: string;
	status: string;
	approved: boolean;
	/** Meta's template id (`hsm_id`), when the listing gives it. */
	id?: string;
	/** Why Meta rejected or paused it, when the listing says. */
	statusReason?: string;
	/** NAMED templates key the body by variable name; positional ones by "1", "2"… */
	named: boolean;
	bodyText: string;
	headerFormat?: string;
	headerText?: string;
	/** Every button in template order; `variable` when it has a dynamic part. */
	buttons: TemplateButtonDefinition[];
	/** Header, then body, then buttons: the order of the resource mapper's fields. */
	variables: TemplateVariable[];
	/** Why the node cannot send this template, if it cannot. */
	unsupported?: string;
}

const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Variable names in order of first appearance. */
export function variablesOf(text: string): string[] {
	const names: string[] = [];
	for (const match of text.matchAll(VARIABLE)) if (!names.includes(match[1])) names.push(match[1]);
	return names;
}

/** The text with each `{{name}}` replaced by its value; variables without a value stay as written. */
export function fillVariables(text: string, values: ReadonlyMap<string, string>): string {
	return text.replace(VARIABLE, (whole, name: string) => values.get(name) ?? whole);
}

export function str(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}

export function objects(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? value.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object')
		: [];
}

export const variableLabel = (name: string) => `{{${name}}}`;
/** Resource-mapper labels are cut at about 24 characters: the part of the template, then what it wants. */
export const partLabel = (part: string, what: string) => `${part} · ${what}`;

/**
 * Buttons with a dynamic part, by Meta's type: what the field is called and how it is sent.
 * One-time-password buttons take the code the way URL buttons take their suffix; a URL button has
 * a dynamic part only when its URL has a variable; a quick reply's payload is optional (without
 * one, WhatsApp reports the button's text).
 */
const DYNAMIC_BUTTONS: Record<
	string,
	{ label: string; subType: TemplateButtonSubType; required: boolean }
> = {
	URL: { label: 'URL suffix', subType: 'url', required: true },
	COPY_CODE: { label: 'Copy code', subType: 'copy_code', required: true },
	OTP: { label: 'One-time code', subType: 'url', required: true },
	QUICK_REPLY: { label: 'Reply payload', subType: 'quick_reply', required: false },
};

/** Buttons and components that need data no field of the node gives (product lists, carousels…). */
const UNSENDABLE_BUTTONS = ['MPM', 'SPM', 'CATALOG', 'ORDER_DETAILS'];
const UNSENDABLE_COMPONENTS = ['CAROUSEL', 'LIMITED_TIME_OFFER'];

function headerVariables(
	format: string,
	headerText: string,
	sender: TemplateSender,
): TemplateVariable[] | { unsupported: string } {
	const header = (
		id: string,
		kind: TemplateVariableKind,
		what: string,
		required: boolean,
	): TemplateVariable => ({
		id,
		kind,
		key: id.slice('header.'.length),
		displayName: partLabel('Header', what),
		required,
	});
	if (format === 'TEXT') {
		const [name] = variablesOf(headerText);
		if (name === undefined) return [];
		return [
			{
				id: 'header.text',
				kind: 'header_text',
				key: name,
				displayName: partLabel('Header', variableLabel(name)),
				detail: `header "${headerText}"`,
				required: true,
			},
		];
	}
	if (isTemplateMediaFormat(format)) {
		const kind = format[0] + format.slice(1).toLowerCase();
		return [
			// with media ids, either one will do: the check before sending asks for exactly one
			header('header.media_url', 'header_media_url', `${kind} URL`, !sender.mediaIds),
			...(sender.mediaIds
				? [header('header.media_id', 'header_media_id', `${kind} media ID`, false)]
				: []),
			...(format === 'DOCUMENT'
				? [header('header.media_name', 'header_media_name', 'File name', false)]
				: []),
		];
	}
	if (format === 'LOCATION' && sender.locationHeader) {
		return [
			header('header.latitude', 'header_latitude', 'Latitude', true),
			header('header.longitude', 'header_longitude', 'Longitude', true),
			header('header.location_name', 'header_location_name', 'Place name', false),
			header('header.location_address', 'header_location_address', 'Address', false),
		];
	}
	const headers = sender.locationHeader
		? 'text, image, video, document and location headers'
		: 'text, image, video and document headers';
	return {
		unsupported: `its ${format} header cannot be sent through ${sender.api} (only ${headers})`,
	};
}

/** Reads one of Meta's template objects; `sender` says which parts the sending API can fill. */
export function parseMetaTemplate(raw: IDataObject, sender: TemplateSender): WhatsAppTemplate {
	const components = objects(raw.components);
	const component = (type: string) =>
		components.find((entry) => str(entry.type).toUpperCase() === type);
	const body = component('BODY');
	const header = component('HEADER');
	const bodyText = str(body?.text);
	const bodyVariables = variablesOf(bodyText);
	const named =
		str(raw.parameter_format).toUpperCase() === 'NAMED' ||
		bodyVariables.some((name) => !/^\d+$/.test(name));
	const status = str(raw.status);
	const template: WhatsAppTemplate = {
		name: str(raw.name),
		language: str(raw.language),
		category: str(raw.category),
		status,
		approved: status.toLowerCase() === 'approved',
		id: str(raw.id) || undefined,
		// Meta answers "NONE" for a template it did not reject
		statusReason: /^(none)?$/i.test(str(raw.rejected_reason))
			? undefined
			: str(raw.rejected_reason),
		named,
		bodyText,
		buttons: [],
		variables: [],
	};
	const unsupported: string[] = [];

	if (header) {
		const format = str(header.format).toUpperCase() || 'TEXT';
		template.headerFormat = format;
		if (format === 'TEXT') template.headerText = str(header.text);
		const read = headerVariables(format, template.headerText ?? '', sender);
		if ('unsupported' in read) unsupported.push(read.unsupported);
		else template.variables.push(...read);
	}

	for (const name of bodyVariables) {
		template.variables.push({
			id: `body.${name}`,
			kind: 'body',
			key: name,
			displayName: partLabel('Body', variableLabel(name)),
			required: true,
		});
	}

	objects(component('BUTTONS')?.buttons).forEach((button, index) => {
		const type = str(button.type).toUpperCase();
		const text = str(button.text);
		const url = str(button.url) || undefined;
		const detail = text ? `button "${text}"` : undefined;
		const dynamic =
			(type === 'URL' && variablesOf(url ?? '').length === 0) ||
			(type === 'QUICK_REPLY' && !sender.quickReplyPayloads)
				? undefined
				: DYNAMIC_BUTTONS[type];
		const variable: TemplateVariable | undefined = dynamic && {
			id: `button.${index}`,
			kind: 'button',
			key: String(index),
			displayName: partLabel(`Button ${index + 1}`, dynamic.label),
			detail,
			required: dynamic.required,
			subType: dynamic.subType,
		};
		if (variable) template.variables.push(variable);
		if (UNSENDABLE_BUTTONS.includes(type)) {
			unsupported.push(`its ${type} button needs product data this node does not send`);
		}
		template.buttons.push({ type, text, url, variable });
	});

	for (const type of UNSENDABLE_COMPONENTS) {
		if (component(type)) unsupported.push(`its ${type} component cannot be filled by this node`);
	}
	if (unsupported.length > 0) template.unsupported = unsupported.join('; ');
	return template;
}

/** The value of a Template dropdown: name and language, so one name in two languages stays two templates. */
export function templateOptionValue(template: Pick<WhatsAppTemplate, 'name' | 'language'>): string {
	return `${template.name}|${template.language}`;
}

export function parseTemplateOptionValue(value: string): { name: string; language?: string } {
	const [name, language] = value.trim().split('|');
	return { name: name.trim(), language: language?.trim() || undefined };
}

/** The label of a template in a dropdown: "order_confirmation · en_US · Utility". */
export function templateLabel(template: Pick<WhatsAppTemplate, 'name' | 'language' | 'category'>) {
	const category = template.category.toLowerCase();
	return [
		template.name,
		template.language,
		category && category[0].toUpperCase() + category.slice(1),
	]
		.filter(Boolean)
		.join(' · ');
}

/** Where templates were looked for, in messages: Chatwoot's inbox, Kapso's WhatsApp Business Account. */
export interface TemplateSource {
	/** "in this inbox" */
	place: string;
	/** "Chatwoot only sends approved templates" */
	approvedOnly: string;
}

/** Finds the chosen template; the problem says why it cannot be used (for the Template field). */
export function findTemplate<T extends WhatsAppTemplate>(
	templates: T[],
	value: string,
	source: TemplateSource,
): { template: T } | { problem: string } {
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
		const reason = matches[0].statusReason ? ` (${matches[0].statusReason})` : '';
		return {
			problem: `${wanted} is ${matches[0].status || 'not approved'}${reason}, not approved: ${source.approvedOnly}`,
		};
	}
	if (sameName.length > 0) {
		return {
			problem: `${wanted} does not exist in that language; it exists in ${sameName.map((t) => t.language).join(', ')}`,
		};
	}
	return { problem: `no template ${wanted} ${source.place}. Approved templates: ${list}` };
}
