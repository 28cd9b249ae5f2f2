import type { IDataObject } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { contactConversations } from '../../helpers/contacts';
import { itemTarget } from '../../helpers/itemTargets';
import { contactLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

export const description = showOnlyFor('contact', 'getConversations', [contactLocator]);

/** One item per conversation: Chatwoot returns the contact's latest 20, newest first. */
export const execute: OperationExecute<IDataObject[]> = async function (itemIndex, { connection }) {
	return await contactConversations(itemTarget.call(this, 'contact', itemIndex, connection));
};
