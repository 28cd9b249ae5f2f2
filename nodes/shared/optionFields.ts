import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields every node of the package shows alike: the same names, bounds and defaults (what the
 * router reads and checks), in each service's own words where the words differ.
 */

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/**
 * Retry Attempts and Retry Backoff (Ms), in that order: per-request retries that cannot do
 * anything twice, unlike n8n's "Retry On Fail" setting, which re-runs the whole node.
 */
export function buildRetryOptionFields(wording: {
	/** The service as the user knows it ("Chatwoot"). */
	service: string;
	/** What is tried again and what never is, in the service's terms. */
	attempts: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Retry Attempts',
			name: 'retryAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3, // DEFAULT_RETRY.maxAttempts; n8n's lint wants a literal, a unit test keeps them equal
			description: wording.attempts,
		},
		{
			displayName: 'Retry Backoff (Ms)',
			name: 'retryBackoffMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60000 },
			default: 1000, // DEFAULT_RETRY.backoffMs
			description: `Wait before the first retry when ${wording.service} sends no Retry-After header; doubles on each further retry`,
		},
	];
}

/** How long one attempt waits for the answer (n8n's own default is 300 s); `description` says what happens then. */
export function buildRequestTimeoutField(description: string): INodeProperties {
	return {
		displayName: 'Request Timeout (Ms)',
		name: 'requestTimeoutMs',
		type: 'number',
		typeOptions: { minValue: 1000, maxValue: 300000 },
		default: 30000, // DEFAULT_TIMEOUT_MS
		description,
	};
}
