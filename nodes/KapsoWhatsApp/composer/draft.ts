import type { IDataObject } from 'n8n-workflow';

import type { MediaKind } from './messageTypes';

/** Where a media file comes from: an address, a Kapso media ID, or a binary property of the item. */
export type MediaSource = { link: string } | { id: string } | { binaryProperty: string };

export interface InteractiveText {
	body: string;
	header?: string;
	footer?: string;
}

export interface ListSection {
	title?: string;
	rows: Array<{ id: string; title: string; description?: string }>;
}

/**
 * A message's content as read from the fields and checked, before it is written in either API's
 * words (`cloudContent.ts` for Meta's JSON, `legacyMessage.ts` for the legacy API).
 */
export type MessageDraft =
	| { kind: 'text'; body: string; previewUrl: boolean }
	| {
			kind: 'media';
			mediaKind: MediaKind;
			source: MediaSource;
			caption?: string;
			filename?: string;
			voice: boolean;
	  }
	| { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
	/** Cards in Meta's shape, which the legacy API takes too. */
	| { kind: 'contacts'; cards: IDataObject[] }
	| ({ kind: 'buttons'; buttons: Array<{ id: string; title: string }> } & InteractiveText)
	| ({ kind: 'list'; buttonText: string; sections: ListSection[] } & InteractiveText)
	| ({ kind: 'ctaUrl'; displayText: string; url: string } & InteractiveText)
	| { kind: 'reaction'; messageId: string; emoji: string };
