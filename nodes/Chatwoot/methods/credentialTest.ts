import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import {
	accountIdProblem,
	checkAccountId,
	checkBaseUrl,
	chatwootMessage,
	credentialProbe,
	cut,
	redactor,
	redirectMessage,
	type ProbeResponse,
} from '../transport';

const BOT_MESSAGE = 'Access to this endpoint is not authorized for bots';
const NOT_IN_ACCOUNT = 'You are not authorized to access this account';

/**
 * Tells the user which case they are in: a user token (and whether it belongs to the account),
 * an agent-bot token (which cannot read the profile), a bad token, or a URL that is not Chatwoot.
 */
export async function chatwootAccessTokenApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const token = String(data.accessToken ?? '');
	const redact = redactor([token]);
	// Whatever the server answered is scrubbed of the token and cut short before it is shown.
	const fail = (message: string): INodeCredentialTestResult => ({
		status: 'Error',
		message: redact(message),
	});

	const checked = checkBaseUrl(data.baseUrl);
	if ('problem' in checked) return fail(checked.problem);
	const { baseUrl } = checked;
	if (!token.trim()) return fail('API Access Token is empty');
	const accountId = checkAccountId(data.accountId);
	if (accountId === undefined) return fail(accountIdProblem(data.accountId));

	const get = async (path: string): Promise<ProbeResponse | string> => {
		const url = `${baseUrl}${path}`;
		let response: ProbeResponse;
		try {
			response = await credentialProbe(this.helpers, url, token);
		} catch (error) {
			const code =
				(error as { code?: string; cause?: { code?: string } }).code ??
				(error as { cause?: { code?: string } }).cause?.code;
			return `Could not reach ${baseUrl}${code ? ` (${code})` : ''}. Check the Base URL and that n8n can reach it.`;
		}
		if (response.statusCode >= 300 && response.statusCode < 400) {
			return redirectMessage(response.statusCode, response.headers, url, redact);
		}
		return response;
	};

	const profile = await get('/api/v1/profile');
	if (typeof profile === 'string') return fail(profile);
	const message = chatwootMessage(profile.body);

	if (profile.statusCode === 200 && isProfile(profile.body)) {
		const accounts = profile.body.accounts as IDataObject[];
		const account = accounts.find((entry) => Number(entry.id) === accountId);
		const who = String(profile.body.name ?? profile.body.email ?? 'this user');
		if (!account) {
			const list =
				accounts.map((entry) => `${String(entry.id)} (${String(entry.name)})`).join(', ') || 'none';
			return fail(
				`The token of ${who} is valid but has no access to account ${accountId}. Their accounts: ${list}`,
			);
		}
		return {
			status: 'OK',
			message: `User token of ${who}, ${String(account.role ?? 'member')} in account ${accountId} "${String(account.name)}"`,
		};
	}
	if (profile.statusCode === 401 && message === BOT_MESSAGE) {
		// Bots cannot read the profile. Every endpoint a bot may call either changes something or
		// needs an existing conversation, so no probe leaves no trace: reading conversation 0 (which
		// cannot exist) tells whether the bot may use this account, at the cost of a 404 in
		// Chatwoot's log.
		const probe = await get(`/api/v1/accounts/${accountId}/conversations/0`);
		if (typeof probe === 'string') return fail(probe);
		if (probe.statusCode === 401 && chatwootMessage(probe.body) === NOT_IN_ACCOUNT) {
			return fail(`Agent-bot token is valid but the bot has no access to account ${accountId}`);
		}
		return {
			status: 'OK',
			message: `Agent-bot token for account ${accountId}: it can send messages and manage conversations, but not contacts or inboxes`,
		};
	}
	if (profile.statusCode === 401) {
		return fail(`Chatwoot rejected the token: ${message ?? 'Invalid Access Token'}`);
	}
	if (profile.statusCode === 200 || profile.statusCode === 404 || message === undefined) {
		return fail(
			`${baseUrl} did not answer like a Chatwoot server (HTTP ${profile.statusCode} on /api/v1/profile). Check the Base URL.`,
		);
	}
	return fail(`Chatwoot answered HTTP ${profile.statusCode}: ${cut(message)}`);
}

function isProfile(body: unknown): body is IDataObject & { accounts: IDataObject[] } {
	return !!body && typeof body === 'object' && Array.isArray((body as IDataObject).accounts);
}
