import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * Where a request goes, as a credential's `authenticate` sees it: n8n's request helper passes
 * `url` (with an optional `baseURL`), while the HTTP Request node with a predefined credential
 * still goes through the legacy helper, which passes `uri` (with an optional `baseUrl`).
 */
export function requestTarget(request: IHttpRequestOptions): URL | undefined {
	const legacy = request as IHttpRequestOptions & { uri?: unknown; baseUrl?: unknown };
	const address = request.url ?? legacy.uri;
	const base = request.baseURL ?? legacy.baseUrl;
	try {
		return new URL(String(address ?? ''), base ? String(base) : undefined);
	} catch {
		return undefined;
	}
}

/**
 * Whether a request goes to the origin of a credential's Base URL. Credentials add their secret
 * only then: a file link that redirects to a storage host, or an HTTP Request node pointed at
 * another address with this credential, never carries the secret there.
 */
export function isRequestToOrigin(baseUrl: unknown, request: IHttpRequestOptions): boolean {
	const target = requestTarget(request);
	try {
		const own = new URL(String(baseUrl)).origin;
		return target !== undefined && own !== 'null' && own === target.origin;
	} catch {
		return false;
	}
}
