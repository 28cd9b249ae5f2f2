import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Adds show-conditions to fields. n8n-workflow's updateDisplayOptions deep-merges every field with
 * lodash, a cost n8n pays at each start-up for every field of every operation; adding keys to
 * each field's `show` needs no deep copy.
 */
export function addShowConditions(
	conditions: NonNullable<IDisplayOptions['show']>,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...conditions },
		},
	}));
}

/** Shows an operation's fields only for that resource and operation. */
export function showOnlyFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return addShowConditions({ resource: [resource], operation: [operation] }, properties);
}

/**
 * Like addShowConditions, but a field's own condition on the same parameter wins: a group of
 * fields shown for several values, one of which narrows it further (a caption among media fields).
 */
export function addDefaultShowConditions(
	conditions: NonNullable<IDisplayOptions['show']>,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...conditions, ...property.displayOptions?.show },
		},
	}));
}
