import type { ItemTarget } from '../../helpers/itemTargets';

/** `GET conversations/{id}/labels` → `{payload: ["billing", …]}`. */
export async function conversationLabels(conversation: ItemTarget): Promise<string[]> {
	const response = await conversation.request({ method: 'GET', path: '/labels' });
	return Array.isArray(response.payload) ? response.payload.map(String) : [];
}

/** Labels from a list field or a comma-separated string: trimmed, without blanks or repeats. */
export function readLabels(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
	const labels = values.map((value) => String(value ?? '').trim()).filter((value) => value !== '');
	return [...new Set(labels)];
}
