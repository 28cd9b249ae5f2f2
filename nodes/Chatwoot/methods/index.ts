import { lazyMethods } from '../../shared/lazyMethods';

/**
 * The editor's methods, loaded on first use (n8n loads every installed node at start-up; most
 * executions never open a list). Each list of names is held to its module by the type checker and,
 * for completeness, by test/unit/lazyLoading.test.ts.
 */
export const { chatwootAccessTokenApiTest } = lazyMethods(
	async () => await import('./credentialTest'),
	['chatwootAccessTokenApiTest'],
);

export const listSearch = lazyMethods(
	async () => await import('./listSearch'),
	[
		'searchAccounts',
		'searchAgents',
		'searchContacts',
		'searchConversations',
		'searchInboxes',
		'searchTeams',
		'searchTemplateInboxes',
	],
);

export const loadOptions = lazyMethods(
	async () => await import('./loadOptions'),
	['getLabels', 'getTemplates'],
);

export const resourceMapping = lazyMethods(
	async () => await import('./resourceMapping'),
	['getTemplateVariables'],
);
