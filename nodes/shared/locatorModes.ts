import type { INodePropertyMode } from 'n8n-workflow';

/** The modes of a resource locator, written once for every locator of every node. */

/** The "From List" mode of a locator, searched by one of the node's listSearch methods. */
export function listMode(searchListMethod: string, placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode is not a parameter: it has no default
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list',
		placeholder,
		typeOptions: { searchListMethod, searchable: true },
	};
}

/** The "By ID" mode: numeric IDs; optional locators also accept an empty value. */
export function idMode(
	noun: string,
	example: string,
	{ optional = false } = {},
): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode is not a parameter: it has no default
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: example,
		validation: [
			{
				type: 'regex',
				properties: {
					regex: optional ? '^\\s*\\d*\\s*$' : '^\\s*\\d+\\s*$',
					errorMessage: `Use the ${noun} number, e.g. ${example}`,
				},
			},
		],
	};
}

/** The "By URL" mode: the ID is the number after `/<segment>/` in an address. */
export function urlMode(segment: string, placeholder: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode is not a parameter: it has no default
	return {
		displayName: 'By URL',
		name: 'url',
		type: 'string',
		placeholder,
		extractValue: { type: 'regex', regex: `/${segment}/(\\d+)` },
		validation: [
			{
				type: 'regex',
				properties: {
					regex: `.*/${segment}/\\d+.*`,
					errorMessage: `Paste a Chatwoot address containing /${segment}/<number>`,
				},
			},
		],
	};
}
