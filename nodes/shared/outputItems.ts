import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from './scheduler';

/**
 * One output item per result, in input order and paired to the input item it came from; an array
 * result gives several. A failed item (with Continue On Fail) becomes `{error, description, httpCode}`.
 */
export function toOutputItems(
	outcomes: Array<ItemOutcome<IDataObject | IDataObject[]>>,
): INodeExecutionData[] {
	const returnData: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if (!outcome.ok) {
			returnData.push({ json: errorJson(outcome.error), pairedItem });
			return;
		}
		const values: IDataObject[] = Array.isArray(outcome.value) ? outcome.value : [outcome.value];
		for (const json of values) returnData.push({ json, pairedItem });
	});
	return returnData;
}

function errorJson(error: unknown): IDataObject {
	const { message, description, httpCode } = error as {
		message?: string;
		description?: string | null;
		httpCode?: string | null;
	};
	const json: IDataObject = { error: message ?? String(error) };
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return json;
}
