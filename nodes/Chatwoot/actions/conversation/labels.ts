import type { IExecuteFunctions } from 'n8n-workflow';

import { chatwootApiRequest, type ChatwootConnection } from '../../transport';

/** `GET conversations/{id}/labels` → `{payload: ["billing", …]}`. */
export async function conversationLabels(
	this: IExecuteFunctions,
	connection: ChatwootConnection,
	conversationId: number,
	itemIndex: number,
): Promise<string[]> {
	const response = await chatwootApiRequest.call(this, connection, {
		method: 'GET',
		path: `conversations/${conversationId}/labels`,
		subject: `conversation ${conversationId} in account ${connection.accountId}`,
		itemIndex,
	});
	return Array.isArray(response.payload) ? response.payload.map(String) : [];
}

/** Labels from a list field or a comma-separated string: trimmed, without blanks or repeats. */
export function readLabels(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const labels = values.map((value) => String(value ?? '').trim()).filter((value) => value !== '');
	return [...new Set(labels)];
}
