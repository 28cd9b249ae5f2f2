import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { chatwootAccessTokenApiTest, listSearch, loadOptions, resourceMapping } from './methods';

/** Thin node class: the description lists resources, the router runs them. */
export class Chatwoot implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = {
		credentialTest: { chatwootAccessTokenApiTest },
		listSearch,
		loadOptions,
		resourceMapping,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
