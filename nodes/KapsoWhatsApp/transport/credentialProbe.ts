import type { ICredentialTestFunctions } from 'n8n-workflow';

import { credentialProbe as probe, type ProbeResponse } from '../../shared/credentialProbe';

export type { ProbeResponse };

/** The credential test's request, in the transport like every other request: the key in X-API-Key. */
export async function credentialProbe(
	helpers: ICredentialTestFunctions['helpers'],
	url: string,
	apiKey: string,
): Promise<ProbeResponse> {
	return await probe(helpers, url, { 'X-API-Key': apiKey });
}
