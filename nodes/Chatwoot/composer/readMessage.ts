import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';
import { readOptionalIdValue } from '../../shared/ids';
import { MultipartBody, type ChatwootRequest, type MultipartFile } from '../transport';
import { readAttachments } from './attachments';
import {
	assertContentLength,
	parseContentAttributesJson,
	validateContentAttributes,
} from './contentAttributes';
import {
	INTERACTIVE_CONTENT_TYPES,
	isInteractive,
	type InteractiveContentType,
} from './contentTypes';
import { readInboxTemplate, type TemplateLookupContext } from './inboxTemplate';
import { renderTemplateBody } from './templateDefinitions';
import { TEMPLATE_INBOX_FIELD, type InboxField } from './templateFields';
import {
	buildTemplateParams,
	isTemplateMediaType,
	type TemplateFieldNames,
	type TemplateHeader,
	type TemplateMessage,
} from './templateParams';

/** A message ready to send: the JSON payload and any files, before it is tied to a conversation. */
export interface MessageDraft {
	payload: IDataObject;
	files: MultipartFile[];
}

interface FixedCollectionValue<T> {
	[group: string]: T[] | undefined;
}

function entries<T>(value: unknown, group: string): T[] {
	return ((value as FixedCollectionValue<T> | undefined)?.[group] ?? []) as T[];
}

interface CardInput {
	title?: string;
	description?: string;
	mediaUrl?: string;
	actions?: FixedCollectionValue<{ type: string; text?: string; uri?: string; payload?: string }>;
}
interface FormFieldInput {
	type: string;
	name?: string;
	label?: string;
	placeholder?: string;
	default?: string;
	required?: boolean;
	pattern?: string;
	patternError?: string;
	selectOptions?: FixedCollectionValue<{ label: string; value: string }>;
}

/** Turns the editor's structured fields into Chatwoot's `content_attributes.items`. */
function itemsFromFields(
	this: IExecuteFunctions,
	itemIndex: number,
	contentType: InteractiveContentType,
): IDataObject[] {
	switch (contentType) {
		case 'input_select':
			return entries<{ title: string; value?: string }>(
				this.getNodeParameter('selectOptions', itemIndex, {}),
				'option',
			).map((option) => ({ title: option.title, value: option.value || option.title }));
		case 'cards':
			return entries<CardInput>(this.getNodeParameter('cards', itemIndex, {}), 'card').map((card) =>
				compact({
					title: card.title,
					description: card.description,
					media_url: card.mediaUrl,
					actions: entries<{ type: string; text?: string; uri?: string; payload?: string }>(
						card.actions,
						'action',
					).map((action) =>
						compact({
							type: action.type,
							text: action.text,
							...(action.type === 'link' ? { uri: action.uri } : { payload: action.payload }),
						}),
					),
				}),
			);
		case 'form':
			return entries<FormFieldInput>(
				this.getNodeParameter('formFields', itemIndex, {}),
				'field',
			).map((field) => {
				const options = entries<{ label: string; value: string }>(field.selectOptions, 'option');
				return compact({
					type: field.type,
					name: field.name,
					label: field.label,
					placeholder: field.placeholder,
					default: field.default,
					required: field.required || undefined,
					pattern: field.pattern,
					pattern_error: field.patternError,
					options: field.type === 'select' && options.length > 0 ? options : undefined,
				});
			});
		case 'article':
			return entries<{ title?: string; description?: string; link?: string }>(
				this.getNodeParameter('articles', itemIndex, {}),
				'article',
			).map((article) =>
				compact({ title: article.title, description: article.description, link: article.link }),
			);
	}
}

function readManualTemplate(this: IExecuteFunctions, itemIndex: number): TemplateMessage {
	const headerType = this.getNodeParameter('templateHeaderType', itemIndex, 'none') as string;
	let header: TemplateHeader | undefined;
	if (headerType === 'text') {
		header = {
			kind: 'text',
			parameterName: this.getNodeParameter('templateHeaderParameterName', itemIndex, '1') as string,
			value: this.getNodeParameter('templateHeaderText', itemIndex, '') as string,
		};
	} else if (isTemplateMediaType(headerType)) {
		header = {
			kind: 'media',
			mediaType: headerType,
			url: this.getNodeParameter('templateHeaderMediaUrl', itemIndex, '') as string,
			fileName: this.getNodeParameter('templateHeaderFileName', itemIndex, '') as string,
		};
	}
	return {
		name: this.getNodeParameter('templateName', itemIndex, '') as string,
		language: this.getNodeParameter('templateLanguage', itemIndex, '') as string,
		category: this.getNodeParameter('templateCategory', itemIndex, 'UTILITY') as string,
		body: entries<{ name: string; value: string }>(
			this.getNodeParameter('templateBodyParameters', itemIndex, {}),
			'parameter',
		).map((parameter) => ({ name: String(parameter.name), value: String(parameter.value ?? '') })),
		header,
		buttons: entries<{ type: 'url' | 'copy_code' | 'none'; parameter: string }>(
			this.getNodeParameter('templateButtons', itemIndex, {}),
			'button',
		).map((button) => ({ type: button.type, parameter: String(button.parameter ?? '') })),
	};
}

/** What agents see in Chatwoot for a template they did not write out. */
export function templateSummary(template: TemplateMessage): string {
	const values = template.body
		.map((parameter) => `${parameter.name}: ${parameter.value}`)
		.join(', ');
	return values ? `Template ${template.name} (${values})` : `Template ${template.name}`;
}

export interface MessageOptions {
	binaryProperties?: string;
	bccEmails?: string;
	ccEmails?: string;
	campaignId?: number | string;
	checkReplyWindow?: boolean;
	echoId?: string;
	inReplyTo?: number | string;
	isVoiceMessage?: boolean;
}

/** Field names in errors about a template chosen from the inbox. */
const INBOX_TEMPLATE_FIELDS: TemplateFieldNames = {
	name: 'Template',
	language: 'Template',
	category: 'Template',
	body: 'Template Variables',
	headerMediaUrl: 'Template Variables',
	buttons: 'Template Variables',
};

/**
 * Reads the shared message fields of one item into a draft, checking everything Chatwoot would reject.
 * Pass the operation's context so a template's inbox is fetched once per execution, not per item,
 * and the operation's own inbox field if it has one (as given to `messageContentFields`).
 */
export async function readMessageDraft(
	this: IExecuteFunctions,
	itemIndex: number,
	options: MessageOptions,
	context?: TemplateLookupContext,
	ownInbox?: InboxField,
): Promise<MessageDraft> {
	const node = this.getNode();
	const contentType = this.getNodeParameter('contentType', itemIndex, 'text') as string;
	const payload: IDataObject = {};
	let contentAttributes: IDataObject = {};

	if (contentType === 'template') {
		const source = this.getNodeParameter('templateSource', itemIndex, 'inbox') as string;
		let defaultContent: string;
		if (source === 'manual') {
			const template = readManualTemplate.call(this, itemIndex);
			payload.template_params = buildTemplateParams(node, itemIndex, template);
			defaultContent = templateSummary(template);
		} else {
			const { definition, message } = await readInboxTemplate.call(
				this,
				itemIndex,
				ownInbox ?? TEMPLATE_INBOX_FIELD,
				context,
			);
			payload.template_params = buildTemplateParams(
				node,
				itemIndex,
				message,
				INBOX_TEMPLATE_FIELDS,
			);
			defaultContent = renderTemplateBody(definition, message) || templateSummary(message);
		}
		const content =
			(this.getNodeParameter('templateContent', itemIndex, '') as string) || defaultContent;
		assertContentLength(node, itemIndex, content);
		payload.content = content;
		payload.message_type = 'outgoing';
		payload.content_type = 'text';
	} else {
		const content = this.getNodeParameter('content', itemIndex, '') as string;
		assertContentLength(node, itemIndex, content);
		if (content !== '') payload.content = content;
		payload.message_type = this.getNodeParameter('messageType', itemIndex, 'outgoing') as string;
		payload.private = this.getNodeParameter('private', itemIndex, false) as boolean;
		payload.content_type = contentType;
		if (isInteractive(contentType)) {
			const mode = this.getNodeParameter('attributesMode', itemIndex, 'fields') as string;
			if (mode === 'json') {
				contentAttributes = parseContentAttributesJson(
					node,
					itemIndex,
					this.getNodeParameter('contentAttributesJson', itemIndex, '{}'),
				);
				validateContentAttributes(
					node,
					itemIndex,
					contentType,
					contentAttributes,
					'Content Attributes (JSON)',
				);
			} else {
				contentAttributes = { items: itemsFromFields.call(this, itemIndex, contentType) };
				validateContentAttributes(
					node,
					itemIndex,
					contentType,
					contentAttributes,
					INTERACTIVE_CONTENT_TYPES[contentType].field,
				);
			}
		}
	}

	const inReplyTo = readOptionalIdValue(node, itemIndex, 'Reply To Message ID', options.inReplyTo);
	const campaignId = readOptionalIdValue(node, itemIndex, 'Campaign ID', options.campaignId);
	if (inReplyTo !== undefined) contentAttributes = { ...contentAttributes, in_reply_to: inReplyTo };
	if (Object.keys(contentAttributes).length > 0) payload.content_attributes = contentAttributes;
	Object.assign(
		payload,
		compact({
			echo_id: options.echoId,
			campaign_id: campaignId,
			cc_emails: options.ccEmails?.trim(),
			bcc_emails: options.bccEmails?.trim(),
		}),
	);

	const files = await readAttachments.call(this, node, itemIndex, options.binaryProperties ?? '');
	if (options.isVoiceMessage) {
		if (files.length === 0) {
			throw fieldError(
				node,
				itemIndex,
				'Voice Message',
				'needs an audio file in Attachments (Binary Properties)',
			);
		}
		payload.is_voice_message = true;
	}
	return { payload, files };
}

/** Chooses JSON or multipart: files need multipart, where objects go as bracketed fields. */
export function draftToRequest(draft: MessageDraft): Pick<ChatwootRequest, 'body' | 'multipart'> {
	if (draft.files.length === 0) return { body: draft.payload };
	const multipart = new MultipartBody();
	for (const [key, value] of Object.entries(draft.payload))
		multipart.append(key, value as IDataObject);
	for (const file of draft.files) multipart.appendFile(file);
	return { multipart };
}

/** Drops empty strings so that fields the user left blank are not sent. */
export function compact<T extends IDataObject>(value: T): Partial<T> {
	const out: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry === undefined || entry === null || entry === '') continue;
		out[key] = entry;
	}
	return out as Partial<T>;
}
