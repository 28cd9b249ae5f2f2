import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkServiceAddress } from '../../shared/address';
import { withCredentials } from '../../shared/credentials';
import { DEFAULT_RETRY, type RetryPolicy } from '../../shared/retry';
import { redactor } from '../../shared/secrets';
import {
	CREDENTIAL_TYPE,
	DEFAULT_TIMEOUT_MS,
	GRAPH_VERSION,
	type KapsoApiSurface,
	type KapsoConnection,
	type KapsoContext,
} from './types';

export interface KapsoCredentials extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
	legacyBaseUrl: string;
}

/** The credential's two addresses, checked and without trailing slashes; or what is wrong. */
export function checkKapsoAddresses(
	data: ICredentialDataDecryptedObject,
): { baseUrl: string; legacyBaseUrl: string } | { problem: string } {
	const base = checkServiceAddress(data.baseUrl, 'Base URL in the Kapso credential');
	if ('problem' in base) return base;
	const legacy = checkServiceAddress(
		data.legacyBaseUrl ?? 'https://app.kapso.ai/api/v1',
		'Legacy API Base URL in the Kapso credential',
	);
	if ('problem' in legacy) return legacy;
	const trim = (address: string) => address.replace(/\/+$/, '');
	// A pasted `…/meta/whatsapp/v24.0` or `…/platform/v1` is the same host.
	const baseUrl = trim(
		trim(base.address).replace(/\/(meta\/whatsapp(\/v[\d.]+)?|platform\/v1)$/i, ''),
	);
	return { baseUrl, legacyBaseUrl: trim(legacy.address) };
}

export async function getConnection(
	this: KapsoContext,
	retry: RetryPolicy = DEFAULT_RETRY,
	timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<KapsoConnection> {
	const credentials = await this.getCredentials<KapsoCredentials>(CREDENTIAL_TYPE);
	const checked = checkKapsoAddresses(credentials);
	if ('problem' in checked) {
		throw new NodeOperationError(this.getNode(), checked.problem, {
			description:
				'For example https://api.kapso.ai (and https://app.kapso.ai/api/v1 for the legacy API)',
		});
	}
	const connection: KapsoConnection = {
		...checked,
		retry,
		timeoutMs,
		redact: redactor([String(credentials.apiKey ?? '')]),
	};
	return withCredentials(connection, this.getNode(), CREDENTIAL_TYPE, credentials);
}

/** The execution's connection for one item, whose requests wait for the item's turn. */
export function connectionForItem(
	connection: KapsoConnection,
	turn: Promise<void>,
): KapsoConnection {
	return Object.create(connection, { turn: { value: turn } }) as KapsoConnection;
}

/** Where a surface's paths start. */
export function surfaceRoot(
	connection: Pick<KapsoConnection, 'baseUrl' | 'legacyBaseUrl'>,
	api: KapsoApiSurface,
): string {
	if (api === 'legacy') return connection.legacyBaseUrl;
	return api === 'platform'
		? `${connection.baseUrl}/platform/v1`
		: `${connection.baseUrl}/meta/whatsapp/${GRAPH_VERSION}`;
}
