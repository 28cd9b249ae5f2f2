import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

/**
 * The editor's methods, each loading its module on first use: n8n loads every installed node at
 * start-up, and the HTTP door and the lists are only needed once someone opens the node.
 */
export async function kapsoApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
) {
	const { kapsoApiTest: test } = await import('./credentialTest');
	return await test.call(this, credential);
}

export const listSearch = {
	async searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const { searchPhoneNumbers } = await import('./listSearch');
		return await searchPhoneNumbers.call(this, filter, paginationToken);
	},
};

export const loadOptions = {
	async getTemplates(this: ILoadOptionsFunctions) {
		const { getTemplates } = await import('./loadOptions');
		return await getTemplates.call(this);
	},
	async getTemplateBodyVariables(this: ILoadOptionsFunctions) {
		const { getTemplateBodyVariables } = await import('./loadOptions');
		return await getTemplateBodyVariables.call(this);
	},
};

export const resourceMapping = {
	async getTemplateVariables(this: ILoadOptionsFunctions) {
		const { getTemplateVariables } = await import('./resourceMapping');
		return await getTemplateVariables.call(this);
	},
};
