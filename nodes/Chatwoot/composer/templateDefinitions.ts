import type { IDataObject, INode } from 'n8n-workflow';

import {
	fillVariables,
	findTemplate as findWhatsAppTemplate,
	objects,
	parseMetaTemplate,
	partLabel,
	readTemplateValues,
	str,
	variableLabel,
	variablesOf,
	type TemplateSender,
	type WhatsAppTemplate,
} from '../../shared/whatsappTemplates';
import { templateInboxKind } from '../helpers/channels';
import type { TemplateMediaType } from './templateFields';
import type { TemplateMessage } from './templateParams';

/**
 * Templates as Chatwoot stores them on an inbox (`GET inboxes/{id}`): Meta's objects in
 * `message_templates` (WhatsApp Cloud / 360dialog), read by the shared WhatsApp template model,
 * or Twilio's in `content_templates.templates`. Their variables become the fields of the node's
 * resource mapper and are read back into a TemplateMessage for `buildTemplateParams`.
 */

export interface TemplateDefinition extends WhatsAppTemplate {
	provider: 'whatsapp' | 'twilio';
	/** Twilio's content SID, sent along so newer Chatwoot versions pick the exact template. */
	contentSid?: string;
}

/**
 * What Chatwoot's processed_params can carry: no LOCATION header, media by URL only, and no
 * quick-reply payloads (Chatwoot sends only URL and copy-code button parameters).
 */
const CHATWOOT_SENDER: TemplateSender = {
	api: "Chatwoot's API",
	locationHeader: false,
	mediaIds: false,
	quickReplyPayloads: false,
};

/** Reads one of Meta's template objects as Chatwoot stores it in `message_templates`. */
export function parseWhatsAppTemplate(raw: IDataObject): TemplateDefinition {
	return { ...parseMetaTemplate(raw, CHATWOOT_SENDER), provider: 'whatsapp' };
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
			displayName: partLabel(inBody.includes(name) ? 'Body' : 'Variable', variableLabel(name)),
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

/** Finds the chosen template among the inbox's; the problem says why it cannot be used. */
export function findTemplate(
	templates: TemplateDefinition[],
	value: string,
): { template: TemplateDefinition } | { problem: string } {
	return findWhatsAppTemplate(templates, value, {
		place: 'in this inbox',
		approvedOnly: 'Chatwoot only sends approved templates',
	});
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
	const filled = readTemplateValues(node, itemIndex, template, values);
	const message: TemplateMessage = {
		name: template.name,
		language: template.language,
		category: template.category,
		body: filled.body,
		buttons: [],
		flat: template.provider === 'twilio',
		contentSid: template.contentSid,
		categoryFromTemplate: true,
	};
	const header = filled.header;
	if (header?.kind === 'text') message.header = header;
	if (header?.kind === 'media' && header.link) {
		message.header = {
			kind: 'media',
			mediaType: header.format.toLowerCase() as TemplateMediaType,
			url: header.link,
			fileName: header.fileName,
		};
	}

	// Chatwoot uses the array index as the button index: buttons without a variable that come
	// before one with a variable are kept as placeholders; trailing ones are left out.
	const buttonValues = new Map(filled.buttons.map((button) => [button.index, button]));
	const lastWithVariable = template.buttons.reduce(
		(last, button, index) => (button.variable ? index : last),
		-1,
	);
	message.buttons = template.buttons.slice(0, lastWithVariable + 1).map((button, index) => {
		const value = buttonValues.get(index);
		return button.variable
			? {
					type: button.variable.subType === 'copy_code' ? 'copy_code' : 'url',
					parameter: value?.value ?? '',
				}
			: { type: 'none', parameter: '' };
	});
	return message;
}

/** What agents see in Chatwoot: the template body with the values filled in. */
export function renderTemplateBody(template: TemplateDefinition, message: TemplateMessage): string {
	return fillVariables(
		template.bodyText,
		new Map(message.body.map((parameter) => [parameter.name, parameter.value])),
	);
}
