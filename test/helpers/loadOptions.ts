import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	createContext,
	extractLocator,
	getPath,
	NODE,
	type ContextOptions,
	type HttpHandler,
} from './context';

export interface LoadOptionsContextOptions {
	/** The parameters of the node being edited (what n8n passes as currentNodeParameters). */
	parameters?: Record<string, unknown>;
	credentials?: IDataObject;
	http?: HttpHandler;
	/** Another node's credential and authenticate (see ContextOptions). */
	node?: Pick<ContextOptions, 'authenticate' | 'defaultCredentials' | 'node'>;
}

/** A small stand-in for n8n's ILoadOptionsFunctions (list search, load options, resource mapping). */
export function createLoadOptionsContext(options: LoadOptionsContextOptions = {}) {
	const parameters = options.parameters ?? {};
	const harness = createContext({
		parameters,
		credentials: options.credentials,
		http: options.http,
		...options.node,
	});
	const read = (name: string, fallback: unknown, extra?: { extractValue?: boolean }) => {
		const value = getPath(parameters, name);
		const resolved = value === undefined ? fallback : value;
		return extra?.extractValue ? extractLocator(resolved, name) : resolved;
	};
	const context = {
		getNode: () => options.node?.node ?? NODE,
		getCredentials: harness.context.getCredentials,
		getNodeParameter: (name: string, fallback?: unknown, extra?: { extractValue?: boolean }) => {
			const resolved = read(name, fallback, extra);
			if (resolved === undefined) throw new Error(`Could not get parameter "${name}"`);
			return resolved;
		},
		getCurrentNodeParameter: (name: string, extra?: { extractValue?: boolean }) =>
			read(name, undefined, extra),
		getCurrentNodeParameters: () => parameters,
		helpers: { httpRequestWithAuthentication: harness.httpRequestWithAuthentication },
	};
	return { context: context as unknown as ILoadOptionsFunctions, requests: harness.requests };
}
