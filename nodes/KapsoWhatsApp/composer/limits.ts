import type { INode } from 'n8n-workflow';

import { fieldError } from '../../shared/fieldError';

/**
 * Meta's limits on what a message may hold (NOTES §2d; Kapso's SDK enforces the same), checked
 * before anything is sent. One list, in characters.
 */
export const LIMITS = {
	textBody: 4096,
	caption: 1024,
	filename: 240,
	locationName: 100,
	locationAddress: 300,
	interactiveBody: 1024,
	listBody: 4096,
	header: 60,
	footer: 60,
	buttonsMin: 1,
	buttonsMax: 3,
	buttonTitle: 20,
	buttonId: 256,
	listButtonText: 20,
	sectionsMax: 10,
	rowsMax: 10,
	rowTitle: 24,
	rowId: 200,
	rowDescription: 72,
	sectionTitle: 24,
	ctaDisplayText: 20,
	bizOpaqueCallbackData: 512,
	contactsMax: 257,
} as const;

/** Characters as WhatsApp counts them (code points: an emoji is one, not two UTF-16 units). */
export function length(text: string): number {
	return [...text].length;
}

/** Fails the item when `text` is longer than `max`, naming the field. */
export function checkLength(
	node: INode,
	itemIndex: number,
	field: string,
	text: string,
	max: number,
): void {
	const count = length(text);
	if (count > max)
		throw fieldError(
			node,
			itemIndex,
			field,
			`is ${count} characters long; WhatsApp allows at most ${max}`,
		);
}

/** A required text: trimmed, not empty, within `max`. */
export function requiredText(
	node: INode,
	itemIndex: number,
	field: string,
	raw: unknown,
	max?: number,
): string {
	const text = typeof raw === 'string' ? raw : String(raw ?? '');
	if (!text.trim()) throw fieldError(node, itemIndex, field, 'is empty');
	if (max !== undefined) checkLength(node, itemIndex, field, text, max);
	return text;
}

/** An optional text: undefined when empty, else within `max`. */
export function optionalText(
	node: INode,
	itemIndex: number,
	field: string,
	raw: unknown,
	max?: number,
): string | undefined {
	const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
	if (!text.trim()) return undefined;
	if (max !== undefined) checkLength(node, itemIndex, field, text, max);
	return text;
}

/** An http(s) address WhatsApp can fetch. */
export function httpUrl(node: INode, itemIndex: number, field: string, raw: unknown): string {
	const text = requiredText(node, itemIndex, field, raw).trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol))
		throw fieldError(
			node,
			itemIndex,
			field,
			`must be an http:// or https:// address (got ${JSON.stringify(text)})`,
		);
	return text;
}
