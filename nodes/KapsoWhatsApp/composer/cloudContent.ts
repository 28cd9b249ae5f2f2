import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { KapsoConnection } from '../transport';
import { LIMITS, requiredText } from './limits';

/** What a message type's reader gives: Meta's `type` and its object, and whether the window binds it. */
export interface CloudContent {
	type: string;
	object: IDataObject;
	/** Free-form (everything but a template): only within 24 h of the customer's last message. */
	freeForm: boolean;
}

/** What a reader may need besides the item's fields: the sender and the item's connection. */
export interface ComposeContext {
	connection: KapsoConnection;
	phoneNumberId: string;
}

export type CloudContentReader = (
	this: IExecuteFunctions,
	itemIndex: number,
	context: ComposeContext,
) => Promise<CloudContent>;

const readText: CloudContentReader = async function (itemIndex) {
	const node = this.getNode();
	const body = requiredText(
		node,
		itemIndex,
		'Text',
		this.getNodeParameter('text', itemIndex, ''),
		LIMITS.textBody,
	);
	const previewUrl = this.getNodeParameter('previewUrl', itemIndex, false) as boolean;
	return {
		type: 'text',
		object: previewUrl ? { preview_url: true, body } : { body },
		freeForm: true,
	};
};

/**
 * One reader per Message Type value of Message → Send. A new type adds its reader here (the
 * template's lives in `template*.ts`).
 */
export const cloudContentReaders: Record<string, CloudContentReader> = {
	text: readText,
};
