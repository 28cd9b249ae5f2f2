import type {
	ICredentialDataDecryptedObject,
	IAdditionalCredentialOptions,
	INode,
} from 'n8n-workflow';

/**
 * Gives a connection the credential as read once per execution (`authentication`), handed to n8n
 * with every request so that n8n does not load and decrypt it again each time. Not enumerable:
 * never printed with the connection.
 */
export function withCredentials<Connection extends object>(
	connection: Connection,
	node: INode,
	type: string,
	data: ICredentialDataDecryptedObject,
): Connection & { readonly authentication: IAdditionalCredentialOptions } {
	const stored = node.credentials?.[type];
	return Object.defineProperty(connection, 'authentication', {
		value: {
			credentialsDecrypted: { id: stored?.id ?? '', name: stored?.name ?? '', type, data },
		},
	}) as Connection & { readonly authentication: IAdditionalCredentialOptions };
}
