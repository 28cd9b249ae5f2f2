import type { ICredentialTestFunctions } from 'n8n-workflow';

/** What a credential test's GET returns: status, headers and the (parsed JSON, or text) body. */
export interface ProbeResponse {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body: unknown;
}

/**
 * One GET of a credential test. n8n hands a credential test only `helpers.request`
 * (ICredentialTestFunctions has no httpRequest, in n8n 1.x as in 2.x, and the method is not
 * deprecated there), so the test passes its helpers here. A redirect is never followed: on another
 * host it would hand that host the secret in `headers`.
 */
export async function credentialProbe(
	helpers: ICredentialTestFunctions['helpers'],
	url: string,
	headers: Record<string, string>,
): Promise<ProbeResponse> {
	return (await helpers.request({
		method: 'GET',
		uri: url,
		headers: { ...headers, Accept: 'application/json' },
		json: true,
		simple: false,
		resolveWithFullResponse: true,
		followRedirect: false,
		followAllRedirects: false,
		timeout: 15_000,
	})) as ProbeResponse;
}
