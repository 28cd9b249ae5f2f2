import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * Whether a request goes to the origin of a credential's Base URL. Credentials add their secret
 * only then: a file link that redirects to a storage host, or an HTTP Request node pointed at
 * another address with this credential, never carries the secret there.
 */
export function isRequestToOrigin(baseUrl: unknown, request: IHttpRequestOptions): boolean {
	try {
		const own = new URL(String(baseUrl)).origin;
		const target = new URL(String(request.url ?? ''), request.baseURL || undefined).origin;
		return own !== 'null' && own === target;
	} catch {
		return false;
	}
}
