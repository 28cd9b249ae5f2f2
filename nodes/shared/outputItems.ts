import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from './scheduler';

/** A result that carries files besides its JSON (a download); see withBinary. */
class ResultWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/**
 * An operation's result with n8n binary data: the output item gets `json` and `binary`. Typed as
 * IDataObject so operations keep one result type; toOutputItems recognises it.
 */
export function withBinary(json: IDataObject, binary: IBinaryKeyData): IDataObject {
	return new ResultWithBinary(json, binary) as unknown as IDataObject;
}

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
		for (const value of values) {
			if (value instanceof ResultWithBinary)
				returnData.push({ json: value.json, binary: value.binary, pairedItem });
			else returnData.push({ json: value, pairedItem });
		}
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

/** How many carried-out items an error lists by number before it only counts the rest. */
const LISTED_ITEMS = 100;

/**
 * Without Continue On Fail, n8n drops the output of a node that throws, so the user cannot see
 * that other items were already carried out (messages sent) and a re-run repeats them. The
 * error's description lists them, with the id of what each created ("item (id)").
 */
export function describeItemsDone(
	error: unknown,
	outcomes: ReadonlyArray<ItemOutcome<IDataObject | IDataObject[]> | undefined>,
): void {
	const done: string[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (!outcome?.ok) return;
		const id = createdId(outcome.value);
		done.push(id === undefined ? String(itemIndex) : `${itemIndex} (${id})`);
	});
	if (done.length === 0 || !error || typeof error !== 'object') return;
	const listed = done.slice(0, LISTED_ITEMS).join(', ');
	const more = done.length > LISTED_ITEMS ? ` and ${done.length - LISTED_ITEMS} more` : '';
	const count = done.length === 1 ? '1 other item was' : `${done.length} other items were`;
	const note = `Before this error stopped the node, ${count} carried out (item number, and in brackets the id of the message or record it created): ${listed}${more}. Running the workflow again repeats them: remove those items first, or turn on Settings → On Error → Continue to get every item's result.`;
	const target = error as { description?: string | null };
	target.description = target.description ? `${target.description}\n\n${note}` : note;
}

/** The id of what an item created: the message of a send (`message.id`, `messageId`), else the record itself. */
function createdId(value: IDataObject | IDataObject[]): string | undefined {
	if (Array.isArray(value)) return undefined;
	const message = value.message as IDataObject | undefined;
	const id = message && typeof message === 'object' ? message.id : (value.messageId ?? value.id);
	return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
}
