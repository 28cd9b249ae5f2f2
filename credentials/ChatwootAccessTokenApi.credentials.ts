import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { isRequestToOrigin } from '../nodes/shared/credentialScope';

/**
 * Access token for Chatwoot's account API. The credential test lives on the Chatwoot node
 * (`testedBy`), because telling a user token from an agent-bot token, and checking the account,
 * takes more than one request. There is deliberately no declarative `test` here: n8n would run it
 * instead of the node's, and it cannot accept a bot token (bots may not read /api/v1/profile).
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
				'Address of your Chatwoot installation, without user, password, query or fragment. A trailing slash or a pasted /api/v1 or /app/... path is removed automatically. Redirects are never followed: use the address Chatwoot answers on.',
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
			// n8n's Test button only says "Connection tested successfully", so the limits are told here
			displayName:
				'An agent-bot token can send messages and manage conversations (status, assignment, labels, custom attributes), but Chatwoot refuses it for contacts and inboxes: Contact operations, Send to Contact, templates From the Inbox and the lists in the node need a user token.',
			name: 'agentBotNotice',
			type: 'notice',
			default: '',
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
	 * with underscores by default, Chatwoot reads both. Only requests to the Base URL's origin get
	 * the token.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (!isRequestToOrigin(credentials.baseUrl, requestOptions)) return requestOptions;
		requestOptions.headers = {
			...requestOptions.headers,
			'Api-Access-Token': String(credentials.accessToken ?? ''),
		};
		return requestOptions;
	}
}
