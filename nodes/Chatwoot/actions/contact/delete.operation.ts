import { showOnlyFor } from '../../../shared/displayOptions';
import { contactLocator } from '../descriptions';
import type { OperationExecute } from '../operation.types';

export const description = showOnlyFor('contact', 'delete', [contactLocator]);

/** Chatwoot deletes the contact with its conversations and answers with an empty 200. */
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const contact = itemTarget.call(this, 'contact', itemIndex, connection);
	await contact.request({ method: 'DELETE' });
	return { id: contact.id, deleted: true };
};
