import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** What the modes of a resource locator need to know about the thing it locates. */
export interface LocatedThing {
	/** The node's listSearch method behind "From List", and the list's placeholder. */
	searchListMethod: string;
	listPlaceholder: string;
	/** "By ID": the thing's name in the error text and an example ID. */
	noun: string;
	example: string;
	/** Optional locators also accept an empty ID. */
	optional?: boolean;
	/** "By URL", for things with a page of their own: the ID is the number after `/<segment>/`. */
	url?: { segment: string; example: string };
}

/**
 * The modes of a resource locator, written once for every locator of every node: From List, By ID
 * and, for things with a page of their own, By URL. Spread it into the locator. The modes are
 * written under `modes`, where n8n's lint knows them as modes (which have no default), not as
 * parameters.
 */
export function locatorModes(thing: LocatedThing): { modes: INodePropertyMode[] } {
	const { searchListMethod, listPlaceholder, noun, example, optional = false, url } = thing;
	const segment = url?.segment ?? '';
	const locator = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: listPlaceholder,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
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
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: url?.example,
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
			},
		],
	} satisfies Pick<INodeProperties, 'modes'>;
	return url ? locator : { modes: locator.modes.slice(0, 2) };
}
