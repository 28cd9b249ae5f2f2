import type { ICredentialTestFunctions } from 'n8n-workflow';

/** What a credential test's GET returns: status, headers and the (parsed JSON, or text) body. */
export interface ProbeResponse {
	statusCode: number;
	headers?: Record<string, string | string[] | undefined>;
	body: unknown;
}

/**
 * The credential test's request. n8n hands a credential test only `helpers.request`, so the test
 * passes its helpers here. A redirect is never followed: on another host it would hand over the key.
 */
export async function credentialProbe(
	helpers: ICredentialTestFunctions['helpers'],
	url: string,
	apiKey: string,
): Promise<ProbeResponse> {
	return (await helpers.request({
		method: 'GET',
		uri: url,
		headers: { 'X-API-Key': apiKey, Accept: 'application/json' },
		json: true,
		simple: false,
		resolveWithFullResponse: true,
		followRedirect: false,
		followAllRedirects: false,
		timeout: 15_000,
	})) as ProbeResponse;
}
