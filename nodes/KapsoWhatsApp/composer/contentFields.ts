import type { INodeProperties } from 'n8n-workflow';

import { addShowConditions } from '../../shared/displayOptions';

/**
 * The fields of a message's content, written once for Message → Send and Send in Conversation
 * (Legacy API): each shows for the message types that use it. `readContent.ts` reads them.
 */

/** Operations whose content these fields describe. */
export const CONTENT_OPERATIONS = ['send', 'sendInConversation'];

const forTypes = (types: string[], properties: INodeProperties[]) =>
	addShowConditions({ messageType: types }, properties);

const textFields = forTypes(
	['text'],
	[
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description:
				'The message, up to 4096 characters. WhatsApp formatting works: *bold*, _italic_, ~strikethrough~, ```monospace```.',
		},
		{
			displayName: 'Link Preview',
			name: 'previewUrl',
			type: 'boolean',
			default: false,
			description:
				'Whether WhatsApp shows a preview of the first web address in the text (Send only: the legacy API does not offer it)',
			displayOptions: { show: { operation: ['send'] } },
		},
	],
);

/** Every content field, for the operations in CONTENT_OPERATIONS. */
export const contentFields: INodeProperties[] = addShowConditions(
	{ resource: ['message'], operation: CONTENT_OPERATIONS },
	[...textFields],
);
