import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError } from '../fieldError';
import {
	type TemplateButtonSubType,
	type TemplateMediaFormat,
	type TemplateVariable,
	type WhatsAppTemplate,
} from './definition';

/** The label of the resource mapper that holds a template's variables, in errors. */
export const TEMPLATE_VARIABLES_LABEL = 'Template Variables';
/** WhatsApp's longest copy code (and one-time password). */
export const MAX_COPY_CODE_LENGTH = 15;

/** File types a media header takes, by extension of its URL (Meta's list for each header kind). */
export const HEADER_MEDIA_EXTENSIONS: Record<TemplateMediaFormat, readonly string[]> = {
	IMAGE: ['jpg', 'jpeg', 'png'],
	VIDEO: ['mp4', '3gp', '3gpp'],
	DOCUMENT: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt'],
};
/** Extensions a header cannot take at all, so a URL ending in one is refused whatever the header. */
const OTHER_MEDIA_EXTENSIONS = ['gif', 'webp', 'heic', 'svg', 'mov', 'avi', 'mkv', 'mp3', 'ogg'];

export type FilledHeader =
	| { kind: 'text'; parameterName: string; value: string }
	| { kind: 'media'; format: TemplateMediaFormat; link?: string; id?: string; fileName?: string }
	| { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string };

/** A template with the values of one item, checked: what a node turns into its API's shape. */
export interface FilledTemplate {
	header?: FilledHeader;
	/** Every body variable in template order: "1", "2"… or the NAMED variable names. */
	body: Array<{ name: string; value: string }>;
	/** The buttons that send a value (a quick reply without a payload sends none), in template order. */
	buttons: Array<{ index: number; subType: TemplateButtonSubType; value: string }>;
}

/** A variable in errors: its label, what it fills and its id, `Button 1 · URL suffix, button "Track order" (button.0)`. */
export function variableName(variable: TemplateVariable): string {
	return `${variable.displayName}${variable.detail ? `, ${variable.detail}` : ''} (${variable.id})`;
}

function extensionOf(url: string): string | undefined {
	try {
		const match = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname);
		return match?.[1].toLowerCase();
	} catch {
		return undefined;
	}
}

/** Why a header URL cannot carry this kind of media, judged by its file extension (none: no verdict). */
export function headerMediaProblem(format: TemplateMediaFormat, url: string): string | undefined {
	const extension = extensionOf(url);
	if (!extension || HEADER_MEDIA_EXTENSIONS[format].includes(extension)) return undefined;
	const other = (Object.keys(HEADER_MEDIA_EXTENSIONS) as TemplateMediaFormat[]).find((kind) =>
		HEADER_MEDIA_EXTENSIONS[kind].includes(extension),
	);
	if (!other && !OTHER_MEDIA_EXTENSIONS.includes(extension)) return undefined;
	const wanted = HEADER_MEDIA_EXTENSIONS[format].map((type) => type.toUpperCase()).join(', ');
	const article = (kind: string) => `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind.toLowerCase()}`;
	const what = other ? `, ${article(other)}` : '';
	return `points to a .${extension} file${what}; this template's header takes ${article(format)} (${wanted})`;
}

function coordinate(value: string, limit: number): number | undefined {
	const number = Number(value.trim());
	return value.trim() !== '' && Number.isFinite(number) && Math.abs(number) <= limit
		? number
		: undefined;
}

/**
 * Reads a resource mapper's values for a template into a FilledTemplate, with an error naming the
 * variable and the item for anything WhatsApp would refuse: a variable the template does not have,
 * an empty required one, a header URL that is not http(s) or is the wrong kind of file, media given
 * twice or not at all, a coordinate out of range, a copy code over 15 characters, a URL suffix that
 * is a whole address or has spaces.
 */
export function readTemplateValues(
	node: INode,
	itemIndex: number,
	template: WhatsAppTemplate,
	values: IDataObject,
): FilledTemplate {
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

	const filled: FilledTemplate = { body: [], buttons: [] };
	const media: { link?: string; id?: string; fileName?: string; given: TemplateVariable[] } = {
		given: [],
	};
	const location: { latitude?: number; longitude?: number; name?: string; address?: string } = {};
	const format = template.headerFormat as TemplateMediaFormat;
	for (const variable of template.variables) {
		const value = read(variable);
		const trimmed = value.trim();
		switch (variable.kind) {
			case 'body':
				filled.body.push({ name: variable.key, value });
				break;
			case 'header_text':
				filled.header = { kind: 'text', parameterName: variable.key, value };
				break;
			case 'header_media_url': {
				if (trimmed === '') break;
				if (!/^https?:\/\/\S+$/i.test(trimmed)) {
					const asId = known.has('header.media_id') && /^\d+$/.test(trimmed);
					throw fail(
						`${variableName(variable)} must be an http:// or https:// URL (got ${JSON.stringify(value)})${asId ? '; for an uploaded file, put its media ID in the media ID field' : ''}`,
					);
				}
				const problem = headerMediaProblem(format, trimmed);
				if (problem) throw fail(`${variableName(variable)} ${problem}`);
				media.link = trimmed;
				media.given.push(variable);
				break;
			}
			case 'header_media_id':
				if (trimmed === '') break;
				if (/\s|\//.test(trimmed)) {
					throw fail(
						`${variableName(variable)} must be the ID an upload returned, e.g. 1166846181421424 (got ${JSON.stringify(value)}); a link goes in the URL field`,
					);
				}
				media.id = trimmed;
				media.given.push(variable);
				break;
			case 'header_media_name':
				media.fileName = trimmed || undefined;
				break;
			case 'header_latitude':
			case 'header_longitude': {
				const limit = variable.kind === 'header_latitude' ? 90 : 180;
				const number = coordinate(value, limit);
				if (number === undefined) {
					throw fail(
						`${variableName(variable)} must be a number from -${limit} to ${limit} (got ${JSON.stringify(value)})`,
					);
				}
				location[variable.kind === 'header_latitude' ? 'latitude' : 'longitude'] = number;
				break;
			}
			case 'header_location_name':
				location.name = trimmed || undefined;
				break;
			case 'header_location_address':
				location.address = trimmed || undefined;
				break;
			case 'button':
				if (trimmed === '') break;
				checkButton(variable, trimmed, template, fail);
				filled.buttons.push({
					index: Number(variable.key),
					subType: variable.subType ?? 'url',
					value: trimmed,
				});
				break;
		}
	}

	const mediaFields = template.variables.filter(
		(variable) => variable.kind === 'header_media_url' || variable.kind === 'header_media_id',
	);
	if (mediaFields.length > 0) {
		const names = mediaFields.map(variableName).join(' or ');
		if (media.given.length === 0)
			throw fail(`${names} is required: the template has a media header`);
		if (media.given.length > 1) throw fail(`give either ${names}, not both`);
		filled.header = {
			kind: 'media',
			format,
			link: media.link,
			id: media.id,
			fileName: format === 'DOCUMENT' ? media.fileName : undefined,
		};
	}
	if (location.latitude !== undefined && location.longitude !== undefined) {
		filled.header = {
			kind: 'location',
			latitude: location.latitude,
			longitude: location.longitude,
			name: location.name,
			address: location.address,
		};
	}
	return filled;
}

function checkButton(
	variable: TemplateVariable,
	value: string,
	template: WhatsAppTemplate,
	fail: (problem: string) => Error,
): void {
	const button = template.buttons[Number(variable.key)];
	if (
		(variable.subType === 'copy_code' || button?.type === 'OTP') &&
		value.length > MAX_COPY_CODE_LENGTH
	) {
		throw fail(
			`${variableName(variable)} is ${value.length} characters; WhatsApp allows at most ${MAX_COPY_CODE_LENGTH}`,
		);
	}
	if (variable.subType === 'url' && button?.type === 'URL') {
		const approved = button.url ? ` in ${button.url}` : '';
		if (/^https?:\/\//i.test(value)) {
			throw fail(
				`${variableName(variable)} is a whole address (${value}); give only the part that replaces the variable${approved}`,
			);
		}
		if (/\s/.test(value)) {
			throw fail(
				`${variableName(variable)} has spaces or line breaks, which break the button's link${approved}; encode them (encodeURIComponent) or leave them out`,
			);
		}
	}
}
