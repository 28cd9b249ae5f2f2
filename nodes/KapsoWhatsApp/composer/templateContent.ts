import type { IExecuteFunctions } from 'n8n-workflow';

import type { KapsoConnection } from '../transport';
import type { PreparedContent } from './cloudContent';
import { readTemplateObject } from './templateLookup';

/**
 * Message Type → Template: the chosen approved template of the sender number's WhatsApp Business
 * Account with the item's values, checked against it. Templates are not bound by the 24-hour
 * window. Read and checked at once; building sends nothing.
 */
export async function readTemplate(
	this: IExecuteFunctions,
	itemIndex: number,
	context: {
		phoneNumberId: string;
		memo: <T>(key: string, load: (shared: KapsoConnection) => Promise<T>) => Promise<T>;
	},
): Promise<PreparedContent> {
	const object = await readTemplateObject.call(
		this,
		itemIndex,
		context.phoneNumberId,
		context.memo,
	);
	return { freeForm: false, build: async () => ({ type: 'template', object }) };
}
