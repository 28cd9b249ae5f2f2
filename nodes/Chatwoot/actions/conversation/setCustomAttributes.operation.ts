import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { parseJsonObject } from '../../helpers/fields';
import { readId } from '../../../shared/ids';
import { chatwootApiRequest } from '../../transport';
import { conversationLocator, customAttributesField } from '../descriptions';
import type { OperationContext } from '../operation.types';
import { showOnlyFor } from '../../../shared/displayOptions';

const properties: INodeProperties[] = [
	conversationLocator,
	{ ...customAttributesField, required: true },
	{
		displayName: 'Keep Other Attributes',
		name: 'keepOtherAttributes',
		type: 'boolean',
		default: true,
		description:
			'Whether to keep the custom attributes not given here. Off: the conversation ends up with exactly these attributes.',
	},
];

export const description = showOnlyFor('conversation', 'setCustomAttributes', properties);

/** Chatwoot replaces all custom attributes; to keep the others they are read and merged first. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ connection }: OperationContext,
): Promise<IDataObject> {
	const node = this.getNode();
	const conversationId = readId.call(this, itemIndex, 'conversationId', 'Conversation', connection);
	const attributes = parseJsonObject(
		node,
		itemIndex,
		'Custom Attributes (JSON)',
		this.getNodeParameter('customAttributes', itemIndex, '{}'),
	);
	const keep = this.getNodeParameter('keepOtherAttributes', itemIndex, true) as boolean;
	if (keep && Object.keys(attributes).length === 0) {
		throw fieldError(
			node,
			itemIndex,
			'Custom Attributes (JSON)',
			'is empty; give at least one attribute, e.g. {"plan": "pro"}',
		);
	}
	const subject = `conversation ${conversationId} in account ${connection.accountId}`;
	let merged = attributes;
	if (keep) {
		const conversation = await chatwootApiRequest.call(this, connection, {
			method: 'GET',
			path: `conversations/${conversationId}`,
			subject,
			itemIndex,
		});
		merged = { ...((conversation.custom_attributes ?? {}) as IDataObject), ...attributes };
	}
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'POST',
		path: `conversations/${conversationId}/custom_attributes`,
		body: { custom_attributes: merged },
		subject,
		itemIndex,
	});
	return {
		conversation_id: conversationId,
		custom_attributes: (response.custom_attributes ?? merged) as IDataObject,
	};
}
