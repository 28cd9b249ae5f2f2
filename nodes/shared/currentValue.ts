import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** Reads a resource locator or plain parameter of the node being edited; '' when unset or unreadable. */
export function currentValue(this: ILoadOptionsFunctions, name: string): string {
	try {
		const value = this.getNodeParameter(name, '', { extractValue: true }) as unknown;
		return value === undefined || value === null || typeof value === 'object'
			? ''
			: String(value).trim();
	} catch {
		return '';
	}
}
