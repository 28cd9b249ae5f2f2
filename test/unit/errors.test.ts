import { NodeApiError } from 'n8n-workflow';

import { json } from '../helpers/context';
import { runChatwoot, sendParameters } from '../helpers/run';

type Case = [string, () => ReturnType<typeof json>, string, string | undefined];

const networkFailure =
	(code: string, message = code) =>
	() => {
		throw Object.assign(new Error(message), { code });
	};

/** One row per mapped failure: what Chatwoot (or the network) did → the message the user sees. */
const cases: Case[] = [
	[
		'401 invalid token',
		() => json({ error: 'Invalid Access Token' }, 401),
		'Chatwoot rejected the API access token',
		'Check the API Access Token in the credential',
	],
	[
		'401 bot token on a user endpoint',
		() => json({ error: 'Access to this endpoint is not authorized for bots' }, 401),
		'This operation needs a user access token: agent-bot tokens cannot call it',
		'Use a user token from Profile Settings → Access Token',
	],
	[
		'401 token not in this account',
		() => json({ error: 'You are not authorized to access this account' }, 401),
		'The access token has no access to account 1',
		'Check the Account ID in the credential',
	],
	[
		'401 role check',
		() => json({ error: 'You are not authorized to do this action' }, 401),
		'The token’s user is not allowed to do this in Chatwoot',
		'Use an administrator’s token',
	],
	[
		'401 suspended account',
		() => json({ error: 'Account is suspended' }, 401),
		'Chatwoot account 1 is suspended',
		'reactivate the account',
	],
	[
		'404 JSON',
		() => json({ error: 'Resource could not be found' }, 404),
		'Chatwoot could not find conversation 42 in account 1',
		'Chatwoot said: Resource could not be found',
	],
	[
		'404 HTML (not Chatwoot)',
		() => json('<html>nginx 404</html>', 404),
		'Chatwoot answered 404 Not Found for conversation 42 in account 1',
		'Check the Base URL',
	],
	[
		'422 message',
		() =>
			json({ error: 'Validation failed: Content is too long (maximum is 150000 characters)' }, 422),
		'Chatwoot rejected the request: Validation failed: Content is too long (maximum is 150000 characters)',
		undefined,
	],
	[
		'422 Rails validation shape',
		() => json({ message: 'Email has already been taken', attributes: ['email'] }, 422),
		'Chatwoot rejected the request: Email has already been taken',
		undefined,
	],
	[
		'429 after the last attempt',
		() => json('Retry later', 429),
		"Chatwoot's rate limit stopped the request (HTTP 429: Retry later)",
		'Lower "Parallel Conversations"',
	],
	[
		'500',
		() => json({ error: 'Internal Server Error' }, 500),
		'Chatwoot server error (HTTP 500): Internal Server Error. The message may have been sent: check conversation 42 before running this item again',
		'reading the conversation to see whether the message was stored failed too',
	],
	[
		'502 HTML',
		() => json('<html>Bad Gateway</html>', 502),
		'Chatwoot server error (HTTP 502). The message may have been sent: check conversation 42 before running this item again',
		'reading the conversation to see whether the message was stored failed too',
	],
	['503', () => json('', 503), 'Chatwoot server error (HTTP 503)', 'Try again later'],
	[
		'DNS failure',
		networkFailure('ENOTFOUND', 'getaddrinfo ENOTFOUND chat.example.com'),
		'Could not find the Chatwoot server https://chat.example.com: the host name does not resolve (ENOTFOUND)',
		'Check the Base URL',
	],
	[
		'connection refused',
		networkFailure('ECONNREFUSED'),
		'Could not connect to Chatwoot at https://chat.example.com: connection refused',
		'Chatwoot is running',
	],
	[
		'TLS',
		networkFailure('CERT_HAS_EXPIRED'),
		'TLS handshake with Chatwoot at https://chat.example.com failed (CERT_HAS_EXPIRED)',
		'certificate',
	],
	[
		'timeout after sending',
		networkFailure('ETIMEDOUT'),
		'The connection to Chatwoot at https://chat.example.com failed after the request was sent (ETIMEDOUT). The message may have been sent: check conversation 42 before running this item again',
		'reading the conversation to see whether the message was stored failed too',
	],
	[
		'reset after sending',
		networkFailure('ECONNRESET', 'socket hang up'),
		'The connection to Chatwoot at https://chat.example.com failed after the request was sent (ECONNRESET). The message may have been sent: check conversation 42 before running this item again',
		'reading the conversation to see whether the message was stored failed too',
	],
];

describe('Chatwoot and network failures become clear NodeApiErrors', () => {
	it.each(cases)('%s', async (_name, http, message, description) => {
		const run = await runChatwoot({
			parameters: sendParameters({ options: { retryAttempts: 1 } }),
			http,
		});
		expect(run.error).toBeInstanceOf(NodeApiError);
		const error = run.error as NodeApiError;
		expect(error.message).toBe(message);
		if (description) expect(error.description).toContain(description);
		expect(error.context.itemIndex).toBe(0);
	});
});
