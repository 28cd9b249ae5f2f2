import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Access token for Chatwoot's account API. The credential test lives on the Chatwoot node
 * (`testedBy`), because telling a user token from an agent-bot token, and checking the account,
 * takes more than one request.
 */
export class ChatwootAccessTokenApi implements ICredentialType {
	name = 'chatwootAccessTokenApi';

	displayName = 'Chatwoot Access Token API';

	icon: Icon = { light: 'file:../icons/chatwoot.svg', dark: 'file:../icons/chatwoot.dark.svg' };

	documentationUrl = 'https://github.com/chatwoot-kapso/n8n-nodes-chatwoot-kapso#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.chatwoot.com',
			placeholder: 'https://chat.example.com',
			required: true,
			description:
				'Address of your Chatwoot installation. A trailing slash or a pasted /api/v1 or /app/... path is removed automatically.',
		},
		{
			displayName: 'API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A user token (Chatwoot → Profile Settings → Access Token) or an agent-bot token (Settings → Bots). Bot tokens can send messages and manage conversations but cannot read contacts or inboxes.',
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'number',
			default: 1,
			required: true,
			description:
				'The number after /app/accounts/ in the address bar when you are signed in to Chatwoot',
		},
	];

	/**
	 * Adds the token header. A function rather than n8n's declarative `{{$credentials.accessToken}}`
	 * form, which n8n evaluates as an expression on every request. Hyphen form: nginx drops headers
	 * with underscores by default, Chatwoot reads both.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = {
			...requestOptions.headers,
			'Api-Access-Token': String(credentials.accessToken ?? ''),
		};
		return requestOptions;
	}
}
