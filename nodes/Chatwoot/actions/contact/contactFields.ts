import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../../../shared/fieldError';
import { readCustomAttributes } from '../../helpers/fields';
import { normalizeEmail, normalizePhone } from '../../helpers/phoneAndEmail';
import { customAttributesField } from '../descriptions';

/** A contact's own fields, for Contact → Create and Update: their descriptions and their reader. */

/** A contact's own fields, for Contact → Create and Update (collection options, alphabetical). */
export const contactAttributeFields: INodeProperties[] = [
	{
		displayName: 'Avatar URL',
		name: 'avatarUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/ana.jpg',
		description: 'Public address of a JPEG or PNG picture; Chatwoot downloads it in the background',
	},
	customAttributesField,
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Email address; must be unique in the account',
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		default: '',
		placeholder: 'crm-1042',
		description: 'ID of the person in your own system; must be unique in the account',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Ana Alvarez',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: '+14155550123',
		description:
			'In international E.164 form: + and country code. Spaces, dashes and parentheses are removed.',
	},
];

interface ContactAttributeInput {
	avatarUrl?: string;
	customAttributes?: unknown;
	email?: string;
	identifier?: string;
	name?: string;
	phoneNumber?: string;
}

/**
 * Reads the contact fields of a collection into Chatwoot's contact body, checking the phone
 * (E.164) and email before anything is sent. Empty fields are left out.
 */
export function readContactAttributes(
	this: IExecuteFunctions,
	itemIndex: number,
	collection: string,
): IDataObject {
	const node = this.getNode();
	const input = this.getNodeParameter(collection, itemIndex, {}) as ContactAttributeInput;
	const body: IDataObject = {};
	if (input.name !== undefined && String(input.name).trim() !== '')
		body.name = String(input.name).trim();
	if (input.email !== undefined && String(input.email).trim() !== '')
		body.email = normalizeEmail(node, itemIndex, 'Email', input.email);
	if (input.phoneNumber !== undefined && String(input.phoneNumber).trim() !== '') {
		body.phone_number = normalizePhone(node, itemIndex, 'Phone Number', input.phoneNumber);
	}
	if (input.identifier !== undefined && String(input.identifier).trim() !== '')
		body.identifier = String(input.identifier).trim();
	if (input.avatarUrl !== undefined && String(input.avatarUrl).trim() !== '') {
		const url = String(input.avatarUrl).trim();
		if (!/^https?:\/\/\S+$/i.test(url))
			throw fieldError(
				node,
				itemIndex,
				'Avatar URL',
				`must be an http:// or https:// URL (got ${JSON.stringify(url)})`,
			);
		body.avatar_url = url;
	}
	const customAttributes = readCustomAttributes(node, itemIndex, input.customAttributes);
	if (customAttributes) body.custom_attributes = customAttributes;
	return body;
}
