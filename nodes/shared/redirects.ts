import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

export const MAX_REDIRECTS = 5;

/**
 * One hop of a file download: the bytes and the full answer, whatever its status, and never a
 * redirect followed by the HTTP client (`followRedirects` does it, through the credential).
 */
export function fileHopOptions(url: string, timeoutMs: number): IHttpRequestOptions {
	return {
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: timeoutMs,
	};
}

/** Whether an answer is a redirect that names where to go. */
export function isRedirect(response: IN8nHttpFullResponse): boolean {
	return response.statusCode >= 300 && response.statusCode < 400 && !!redirectTarget(response);
}

function redirectTarget(response: IN8nHttpFullResponse): string | undefined {
	const header = response.headers?.location;
	const location = Array.isArray(header) ? header[0] : header;
	return typeof location === 'string' && location ? location : undefined;
}

/**
 * Follows redirects one hop at a time, each through `send` (an authenticated request with
 * `disableFollowRedirect`). Done here, not by the HTTP client, so that every hop goes back through
 * the credential's authenticate, which adds the secret only on the credential's own address: a
 * storage or CDN host a file link redirects to never sees it. Stops after `MAX_REDIRECTS` hops, or
 * at a redirect to anything but http(s), and returns that redirect: the caller reports it.
 */
export async function followRedirects(
	send: (url: string) => Promise<IN8nHttpFullResponse>,
	url: string,
): Promise<{ response: IN8nHttpFullResponse; url: string }> {
	let current = url;
	for (let hop = 0; ; hop++) {
		const response = await send(current);
		const location = redirectTarget(response);
		if (hop === MAX_REDIRECTS || !location || !isRedirect(response))
			return { response, url: current };
		let next: URL;
		try {
			next = new URL(location, current);
		} catch {
			return { response, url: current };
		}
		if (next.protocol !== 'http:' && next.protocol !== 'https:') return { response, url: current };
		current = next.href;
	}
}
