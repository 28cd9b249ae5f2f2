import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { KapsoConnection } from '../transport';
import type { InteractiveText, MessageDraft } from './draft';
import { uploadBinaryMedia } from './media';
import { CLOUD_MESSAGE_TYPE_VALUES } from './messageTypes';
import { readDraft } from './readContent';

/** A message's content in Meta's words: its `type` and the type's object. */
export interface CloudContent {
	type: string;
	/** The type's object (an array for contacts). */
	object: IDataObject | IDataObject[];
}

/**
 * An item's content, read and checked, not yet built: building may send something first (a
 * binary file is uploaded), so the 24-hour check comes between the two.
 */
export interface PreparedContent {
	/** Free-form (everything but a template): only within 24 h of the customer's last message. */
	freeForm: boolean;
	build(): Promise<CloudContent>;
}

/** What a reader may need besides the item's fields: the sender and the item's connection. */
export interface ComposeContext {
	connection: KapsoConnection;
	phoneNumberId: string;
}

/** Reads and checks one message type's fields; no request is sent before `build`. */
export type CloudContentReader = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: ComposeContext,
) => Promise<PreparedContent>;

function interactive(type: string, text: InteractiveText, action: IDataObject): IDataObject {
	const object: IDataObject = { type };
	if (text.header !== undefined) object.header = { type: 'text', text: text.header };
	object.body = { text: text.body };
	if (text.footer !== undefined) object.footer = { text: text.footer };
	object.action = action;
	return object;
}

/** A checked draft in Meta's words; a binary file is uploaded first and sent by its new ID. */
export async function toCloudContent(
	this: IExecuteFunctions,
	itemIndex: number,
	draft: MessageDraft,
	{ connection, phoneNumberId }: ComposeContext,
): Promise<CloudContent> {
	const content = (type: string, object: IDataObject | IDataObject[]) => ({ type, object });
	switch (draft.kind) {
		case 'text':
			return content(
				'text',
				draft.previewUrl ? { preview_url: true, body: draft.body } : { body: draft.body },
			);
		case 'media': {
			const { source } = draft;
			const object: IDataObject =
				'link' in source
					? { link: source.link }
					: 'id' in source
						? { id: source.id }
						: {
								id: await uploadBinaryMedia.call(
									this,
									itemIndex,
									connection,
									phoneNumberId,
									source.binaryProperty,
									draft.mediaKind,
									draft.voice,
								),
							};
			if (draft.caption !== undefined) object.caption = draft.caption;
			if (draft.filename !== undefined) object.filename = draft.filename;
			if (draft.voice) object.voice = true;
			return content(draft.mediaKind, object);
		}
		case 'location': {
			const object: IDataObject = { latitude: draft.latitude, longitude: draft.longitude };
			if (draft.name !== undefined) object.name = draft.name;
			if (draft.address !== undefined) object.address = draft.address;
			return content('location', object);
		}
		case 'contacts':
			return content('contacts', draft.cards);
		case 'buttons':
			return content(
				'interactive',
				interactive('button', draft, {
					buttons: draft.buttons.map((button) => ({ type: 'reply', reply: button })),
				}),
			);
		case 'list':
			return content(
				'interactive',
				interactive('list', draft, { button: draft.buttonText, sections: draft.sections }),
			);
		case 'ctaUrl':
			return content(
				'interactive',
				interactive('cta_url', draft, {
					name: 'cta_url',
					parameters: { display_text: draft.displayText, url: draft.url },
				}),
			);
		case 'reaction':
			return content('reaction', { message_id: draft.messageId, emoji: draft.emoji });
	}
}

const readFromFields = (messageType: string): CloudContentReader =>
	async function (itemIndex, context) {
		const draft = readDraft.call(this, itemIndex, messageType);
		return {
			freeForm: true,
			build: async () => await toCloudContent.call(this, itemIndex, draft, context),
		};
	};

/**
 * One reader per Message Type value of Message → Send. The template's lives in `template*.ts`
 * and is added here as `template` (its PreparedContent has `freeForm: false`).
 */
export const cloudContentReaders: Record<string, CloudContentReader> = Object.fromEntries(
	CLOUD_MESSAGE_TYPE_VALUES.map((value) => [value, readFromFields(value)]),
);
