import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkServiceAddress } from '../../shared/address';
import { withCredentials } from '../../shared/credentials';
import { DEFAULT_RETRY, type RetryPolicy } from '../../shared/retry';
import { redactor } from '../../shared/secrets';
import {
	CREDENTIAL_TYPE,
	DEFAULT_TIMEOUT_MS,
	type ChatwootConnection,
	type ChatwootContext,
} from './types';

const SUFFIXES_TO_STRIP = [/\/api\/v1(\/.*)?$/i, /\/app(\/.*)?$/i, /\/+$/];

/** Users paste `https://host/`, `https://host/api/v1` or an address-bar URL; Chatwoot wants the bare origin (+ sub-path). */
export function normalizeBaseUrl(raw: string): string {
	let url = raw.trim();
	for (const suffix of SUFFIXES_TO_STRIP) url = url.replace(suffix, '');
	return url.replace(/\/+$/, '');
}

/** A Base URL as the credential holds it, checked: the normalised address, or what is wrong. */
export function checkBaseUrl(raw: unknown): { baseUrl: string } | { problem: string } {
	const checked = checkServiceAddress(raw, 'Base URL in the Chatwoot credential');
	return 'problem' in checked ? checked : { baseUrl: normalizeBaseUrl(checked.address) };
}

/** The credential's Account ID as a number, or undefined when it is not a positive whole number. */
export function checkAccountId(raw: unknown): number | undefined {
	const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
	const id = Number(text);
	return /^\d+$/.test(text) && id > 0 && Number.isSafeInteger(id) ? id : undefined;
}

export const accountIdProblem = (raw: unknown) =>
	`Account ID in the Chatwoot credential must be a positive whole number such as 1 (got ${JSON.stringify(raw ?? '')})`;

export async function getConnection(
	this: ChatwootContext,
	retry: RetryPolicy = DEFAULT_RETRY,
	timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ChatwootConnection> {
	const credentials = await this.getCredentials<
		ICredentialDataDecryptedObject & {
			baseUrl: string;
			accountId: number | string;
			accessToken: string;
		}
	>(CREDENTIAL_TYPE);
	const checked = checkBaseUrl(credentials.baseUrl);
	if ('problem' in checked) {
		throw new NodeOperationError(this.getNode(), checked.problem, {
			description: 'For example https://app.chatwoot.com or https://chat.example.com',
		});
	}
	const override = readAccountOverride.call(this);
	const accountId = override ?? checkAccountId(credentials.accountId);
	if (accountId === undefined) {
		throw new NodeOperationError(this.getNode(), accountIdProblem(credentials.accountId), {
			description:
				'The number after /app/accounts/ in the address bar when you are signed in to Chatwoot.',
		});
	}
	const connection: ChatwootConnection = {
		baseUrl: checked.baseUrl,
		accountId,
		retry,
		timeoutMs,
		redact: redactor([String(credentials.accessToken ?? '')]),
	};
	return withCredentials(connection, this.getNode(), CREDENTIAL_TYPE, credentials);
}

/** The execution's connection for one item, whose requests wait for the item's turn. */
export function connectionForItem(
	connection: ChatwootConnection,
	turn: Promise<void>,
): ChatwootConnection {
	return Object.create(connection, { turn: { value: turn } }) as ChatwootConnection;
}

/** Node parameter that overrides the credential's account (a resource locator; empty = the credential's). */
export const ACCOUNT_PARAMETER = 'accountId';

/**
 * The node's optional Account field. Read once per execution (first item) and for every list in
 * the editor, so requests, lists and dropdowns all use the same account.
 */
function readAccountOverride(this: ChatwootContext): number | undefined {
	const read = (extractValue: boolean): unknown =>
		'getInputData' in this
			? this.getNodeParameter(ACCOUNT_PARAMETER, 0, '', { extractValue })
			: this.getNodeParameter(ACCOUNT_PARAMETER, '', { extractValue });
	// An empty locator (in any mode) means "the credential's account"; n8n cannot extract from an empty URL.
	const plain = read(false);
	const given = plain && typeof plain === 'object' ? (plain as { value?: unknown }).value : plain;
	if (given === undefined || given === null || String(given).trim() === '') return undefined;
	let raw: unknown;
	try {
		raw = read(true);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `Account: ${(error as Error).message}`, {
			description:
				'Pick the account from the list, or give its number (the one after /app/accounts/ in Chatwoot’s address bar).',
		});
	}
	const text = String(raw ?? '').trim();
	if (text === '') return undefined;
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Account: must be a positive whole number such as 1 (got ${JSON.stringify(raw)})`,
			{ description: 'Leave it empty to use the account of the credential.' },
		);
	}
	return Number(text);
}

export function accountPath(connection: ChatwootConnection, accountId?: number): string {
	return `/api/v1/accounts/${accountId ?? connection.accountId}`;
}
