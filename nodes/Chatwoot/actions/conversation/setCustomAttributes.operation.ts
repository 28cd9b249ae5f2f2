import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../../shared/displayOptions';
import { fieldError } from '../../../shared/fieldError';
import { conversationLocator, customAttributesField } from '../descriptions';
import type { OperationExecute } from '../operation.types';

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
export const execute: OperationExecute = async function (itemIndex, { connection }) {
	const { itemTarget } = await import('../../helpers/itemTargets');
	const { parseJsonObject } = await import('../../helpers/fields');
	const node = this.getNode();
	const conversation = itemTarget.call(this, 'conversation', itemIndex, connection);
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
	let merged = attributes;
	if (keep) {
		const current = await conversation.request({ method: 'GET' });
		merged = { ...((current.custom_attributes ?? {}) as IDataObject), ...attributes };
	}
	const response = await conversation.request({
		method: 'POST',
		path: '/custom_attributes',
		body: { custom_attributes: merged },
	});
	return {
		conversation_id: conversation.id,
		custom_attributes: (response.custom_attributes ?? merged) as IDataObject,
	};
};
