import type { IDataObject, INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { MAX_COPY_CODE_LENGTH } from '../../shared/whatsappTemplates';
import { assertHttpUrl } from './contentAttributes';
import {
	TEMPLATE_CATEGORIES,
	TEMPLATE_MEDIA_TYPES,
	type TemplateMediaType,
} from './templateFields';

export function isTemplateMediaType(value: string): value is TemplateMediaType {
	return (TEMPLATE_MEDIA_TYPES as readonly string[]).includes(value);
}

export type TemplateHeader =
	| { kind: 'text'; parameterName: string; value: string }
	| { kind: 'media'; mediaType: TemplateMediaType; url: string; fileName?: string };

export interface TemplateButton {
	/** `none`: a button without a variable that precedes one with a variable (keeps the positions). */
	type: 'url' | 'copy_code' | 'none';
	parameter: string;
}

/**
 * How a button without a variable is sent when a later button has one. Chatwoot
 * (Whatsapp::TemplateProcessorService) uses the array index as the button index and skips an entry
 * unless its type is `url` or it has a parameter; every entry must be an object with a `type`
 * (else the whole processed_params is read as a legacy shape). A `copy_code` entry with an empty
 * parameter is such an entry: skipped, index kept, valid for the spec's `enum: [url, copy_code]`,
 * and it survives multipart encoding (`buttons[][type]=copy_code&buttons[][parameter]=`).
 */
export const BUTTON_PLACEHOLDER = { type: 'copy_code', parameter: '' } as const;

/** Everything needed to send one template, however it was entered (by hand or from the inbox). */
export interface TemplateMessage {
	name: string;
	language: string;
	category: string;
	/** Positional templates use "1", "2"…; NAMED templates use the variable names. */
	body: Array<{ name: string; value: string }>;
	header?: TemplateHeader;
	/** In template order; Chatwoot uses the array position as the button index. */
	buttons: TemplateButton[];
	/**
	 * Twilio content templates: Chatwoot reads processed_params as flat variables
	 * (`{"1": "John"}`), not as `{body: …}`.
	 */
	flat?: boolean;
	/** Twilio's content SID: newer Chatwoot versions use it to pick the exact template. */
	contentSid?: string;
	/** The category comes from the template itself (from the inbox), so it is not limited to the API's list. */
	categoryFromTemplate?: boolean;
}

export interface TemplateFieldNames {
	name: string;
	language: string;
	category: string;
	body: string;
	headerMediaUrl: string;
	buttons: string;
}

export const MANUAL_TEMPLATE_FIELDS: TemplateFieldNames = {
	name: 'Template Name',
	language: 'Template Language',
	category: 'Template Category',
	body: 'Body Parameters',
	headerMediaUrl: 'Header Media URL',
	buttons: 'Buttons',
};

/** Builds `template_params` in Chatwoot's current shape, checking what Chatwoot would reject. */
export function buildTemplateParams(
	node: INode,
	itemIndex: number,
	template: TemplateMessage,
	fields: TemplateFieldNames = MANUAL_TEMPLATE_FIELDS,
): IDataObject {
	const name = template.name.trim();
	const language = template.language.trim();
	if (!name) throw fieldError(node, itemIndex, fields.name, 'is required');
	if (!language)
		throw fieldError(node, itemIndex, fields.language, 'is required (for example en_US)');
	const category = template.category.trim().toUpperCase();
	if (
		!template.categoryFromTemplate &&
		!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)
	) {
		throw fieldError(
			node,
			itemIndex,
			fields.category,
			`must be one of ${TEMPLATE_CATEGORIES.join(', ')} (got ${JSON.stringify(template.category)})`,
		);
	}

	const processed: IDataObject = {};
	const body: IDataObject = {};
	for (const parameter of template.body) {
		const key = parameter.name.trim();
		if (!key) {
			throw fieldError(
				node,
				itemIndex,
				fields.body,
				'every parameter needs a name ("1", "2"… or the variable name)',
			);
		}
		if (key in body)
			throw fieldError(node, itemIndex, fields.body, `parameter "${key}" is given twice`);
		body[key] = parameter.value;
	}
	if (template.flat) {
		return compactParams({
			name,
			language,
			category,
			content_sid: template.contentSid,
			processed_params: body,
		});
	}
	if (Object.keys(body).length > 0) processed.body = body;

	const header = template.header;
	if (header?.kind === 'media') {
		assertHttpUrl(node, itemIndex, fields.headerMediaUrl, header.url);
		processed.header = {
			media_url: header.url.trim(),
			media_type: header.mediaType,
			...(header.mediaType === 'document' && header.fileName
				? { media_name: header.fileName }
				: {}),
		};
	} else if (header?.kind === 'text' && header.value !== '') {
		processed.header = { [header.parameterName.trim() || '1']: header.value };
	}

	// Placeholders only matter before a button with a variable.
	let buttonCount = template.buttons.length;
	while (buttonCount > 0 && template.buttons[buttonCount - 1].type === 'none') buttonCount--;
	if (buttonCount > 0) {
		processed.buttons = template.buttons.slice(0, buttonCount).map((button, position) => {
			if (button.type === 'none') return { ...BUTTON_PLACEHOLDER };
			const parameter = button.parameter.trim();
			if (
				button.type === 'copy_code' &&
				(parameter.length < 1 || parameter.length > MAX_COPY_CODE_LENGTH)
			) {
				throw fieldError(
					node,
					itemIndex,
					fields.buttons,
					`button ${position + 1}: a copy code must be 1 to ${MAX_COPY_CODE_LENGTH} characters (got ${parameter.length})`,
				);
			}
			return { type: button.type, parameter };
		});
	}

	return compactParams({ name, language, category, processed_params: processed });
}

function compactParams(params: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(params).filter(([, value]) => value !== undefined && value !== ''),
	);
}
