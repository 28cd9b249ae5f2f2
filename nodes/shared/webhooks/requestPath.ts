import type { IWebhookFunctions } from 'n8n-workflow';

/** The path n8n received this request on (`/webhook/<id>/webhook` or `/webhook-test/…`). */
export function requestPath(context: IWebhookFunctions): string {
	const request = context.getRequestObject();
	return String(request.originalUrl ?? request.url ?? '')
		.split('?')[0]
		.replace(/\/+$/, '');
}

/**
 * Whether a registered URL is the one this request came to; a proxy may add a path prefix. Every
 * n8n process (main, webhook processes) sees the same path, whatever host it was reached on.
 */
export function isUrlOf(url: string | undefined, path: string): boolean {
	if (!url || !path) return false;
	try {
		return new URL(url).pathname.replace(/\/+$/, '').endsWith(path);
	} catch {
		return false;
	}
}
