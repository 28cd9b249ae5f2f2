import type { IDataObject } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { contactLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

export const description = showOnlyFor('contact', 'getConversations', [contactLocator]);

/** One item per conversation: Chatwoot returns the contact's latest 20, newest first. */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { contactConversations } = await import('../../helpers/contacts');
	return await contactConversations(itemTarget.call(this, 'contact', itemIndex, connection));
};
