import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { requestTarget } from '../nodes/shared/credentialScope';

/** The addresses the key may go to: the origin and path of each Base URL of the credential. */
function keyDestinations(credentials: ICredentialDataDecryptedObject): string[] {
	const destinations: string[] = [];
	for (const raw of [credentials.baseUrl, credentials.legacyBaseUrl]) {
		try {
			const url = new URL(String(raw ?? '').trim());
			destinations.push(`${url.origin}${url.pathname.replace(/\/+$/, '')}/`);
		} catch {
			// An unreadable Base URL is reported by the node before any request.
		}
	}
	return destinations;
}

/**
 * Project API key for Kapso's WhatsApp API (Meta-compatible), Platform API and legacy API. The
 * credential test lives on the Kapso WhatsApp node (`testedBy`): it lists the project's phone
 * numbers to say what the key sees.
 */
export class KapsoApi implements ICredentialType {
	name = 'kapsoApi';

	displayName = 'Kapso API';

	icon: Icon = { light: 'file:../icons/kapso.svg', dark: 'file:../icons/kapso.dark.svg' };

	documentationUrl = 'https://github.com/chatwoot-kapso/n8n-nodes-chatwoot-kapso#kapso-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Project API key from Kapso → Project Settings → API Keys. It is sent as the X-API-Key header, only to the two addresses below.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kapso.ai',
			placeholder: 'https://api.kapso.ai',
			required: true,
			description:
				'Address of Kapso’s current API (WhatsApp and Platform API). Change it only for a proxy in front of Kapso or a test server. Redirects are never followed.',
		},
		{
			displayName: 'Legacy API Base URL',
			name: 'legacyBaseUrl',
			type: 'string',
			default: 'https://app.kapso.ai/api/v1',
			placeholder: 'https://app.kapso.ai/api/v1',
			required: true,
			description:
				'Address of Kapso’s legacy API, used only by Message → Send in Conversation (Legacy API)',
		},
	];

	/**
	 * Adds the key header, and only for a request to one of the credential's own addresses: a
	 * request anywhere else (a media URL, a mistaken address) never carries the key.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = requestTarget(requestOptions);
		if (!url) return requestOptions;
		const target = `${url.origin}${url.pathname}`;
		const ownAddress = keyDestinations(credentials).some(
			(destination) => `${target}/`.startsWith(destination) || target.startsWith(destination),
		);
		if (!ownAddress) return requestOptions;
		requestOptions.headers = {
			...requestOptions.headers,
			'X-API-Key': String(credentials.apiKey ?? ''),
		};
		return requestOptions;
	}
}
