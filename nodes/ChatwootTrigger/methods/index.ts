import { lazyMethods } from '../../shared/lazyMethods';

/** The trigger's editor lists, loaded on first use like the Chatwoot node's. */
export const loadOptions = lazyMethods(
	async () => await import('./loadOptions'),
	['getInboxes', 'getLabels'],
);
