import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { KapsoConnection } from '../transport';
import { readTemplateObject } from './templateLookup';

/**
 * Message Type → Template: the chosen approved template of the sender number's WhatsApp Business
 * Account with the item's values, checked against it. Templates are not bound by the 24-hour
 * window. (A CloudContentReader; typed by its shape so the reader list can import it.)
 */
export async function readTemplate(
	this: IExecuteFunctions,
	itemIndex: number,
	context: {
		phoneNumberId: string;
		memo: <T>(key: string, load: (shared: KapsoConnection) => Promise<T>) => Promise<T>;
	},
): Promise<{ type: 'template'; object: IDataObject; freeForm: false }> {
	return {
		type: 'template',
		object: await readTemplateObject.call(this, itemIndex, context.phoneNumberId, context.memo),
		freeForm: false,
	};
}
