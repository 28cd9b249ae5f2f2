import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { channelLabel } from '../../Chatwoot/helpers/channels';
import { loadOptions as chatwootLists } from '../../Chatwoot/methods';
import { listContext, payloadOf } from '../../Chatwoot/methods/shared';

/** The account's inboxes as "name · channel", for the Inboxes filter. */
export async function getInboxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { get } = await listContext.call(this);
	return payloadOf(await get('inboxes', undefined, 'the inboxes'))
		.map((inbox) => ({
			name: `${String(inbox.name)} · ${channelLabel(inbox)}`,
			value: Number(inbox.id),
			description: `Inbox ${String(inbox.id)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The account's labels by title, as the Chatwoot node lists them. */
export const getLabels = chatwootLists.getLabels;
