import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The message types of Message → Send (Meta's JSON through Kapso's WhatsApp API) and of Send in
 * Conversation (the legacy API's `message_type`). One list each; the legacy API has no sticker
 * and no CTA URL button, but takes a template by name.
 */
const TYPES: Record<string, INodePropertyOptions> = {
	audio: { name: 'Audio', value: 'audio', description: 'An audio file or a voice note' },
	buttons: {
		name: 'Reply Buttons',
		value: 'buttons',
		description: 'A text with up to 3 buttons the customer can tap to answer',
	},
	contacts: { name: 'Contacts', value: 'contacts', description: 'One or more contact cards' },
	ctaUrl: {
		name: 'CTA URL Button',
		value: 'ctaUrl',
		description: 'A text with one button that opens a web address',
	},
	document: { name: 'Document', value: 'document', description: 'A PDF, Office or text file' },
	image: { name: 'Image', value: 'image', description: 'A JPEG or PNG picture' },
	list: {
		name: 'List',
		value: 'list',
		description: 'A text with a button that opens a list of up to 10 choices',
	},
	location: { name: 'Location', value: 'location', description: 'A pin on the map' },
	reaction: {
		name: 'Reaction',
		value: 'reaction',
		description: 'An emoji reaction to a message (empty emoji removes it)',
	},
	sticker: { name: 'Sticker', value: 'sticker', description: 'A WEBP sticker' },
	template: {
		name: 'Template',
		value: 'template',
		description: 'An approved WhatsApp template: the only kind allowed outside the 24-hour window',
	},
	text: { name: 'Text', value: 'text', description: 'A text message' },
	video: { name: 'Video', value: 'video', description: 'An MP4 or 3GP video' },
};

const pick = (values: string[]) => values.map((value) => TYPES[value]);

/**
 * Message → Send. Template is added by its own module (`composer/template*.ts`) once it exists;
 * the option list stays alphabetical.
 */
export const CLOUD_MESSAGE_TYPE_VALUES = [
	'audio',
	'contacts',
	'ctaUrl',
	'document',
	'image',
	'list',
	'location',
	'reaction',
	'buttons',
	'sticker',
	'text',
	'video',
];
/** The template is read by its own module (`templateContent.ts`), not from the content fields. */
export const TEMPLATE_MESSAGE_TYPE = 'template';
export const cloudMessageTypeOptions = pick([
	...CLOUD_MESSAGE_TYPE_VALUES,
	TEMPLATE_MESSAGE_TYPE,
]).sort((a, b) => a.name.localeCompare(b.name));

/** Send in Conversation (legacy `message_type`; no sticker, no CTA URL button). */
export const LEGACY_MESSAGE_TYPE_VALUES = [
	'audio',
	'contacts',
	'document',
	'image',
	'list',
	'location',
	'reaction',
	'buttons',
	'template',
	'text',
	'video',
];
export const legacyMessageTypeOptions = pick(LEGACY_MESSAGE_TYPE_VALUES);

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export function isMediaKind(value: string): value is MediaKind {
	return (MEDIA_KINDS as readonly string[]).includes(value);
}
