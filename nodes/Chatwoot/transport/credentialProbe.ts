import type { ICredentialTestFunctions } from 'n8n-workflow';

import { credentialProbe as probe, type ProbeResponse } from '../../shared/credentialProbe';

export type { ProbeResponse };

/** The credential test's requests, in the transport like every other request: the token in its header. */
export async function credentialProbe(
	helpers: ICredentialTestFunctions['helpers'],
	url: string,
	token: string,
): Promise<ProbeResponse> {
	return await probe(helpers, url, { 'Api-Access-Token': token });
}
