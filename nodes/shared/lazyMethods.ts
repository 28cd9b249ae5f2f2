/**
 * Editor methods (list searches, option loaders, resource mappers, credential tests) whose module is
 * loaded on their first call, not when n8n loads the node. n8n reads the method names when it loads
 * the node, so they are listed; the type checker holds each name to a function of the module.
 */
export function lazyMethods<Module, Name extends keyof Module>(
	load: () => Promise<Module>,
	names: readonly Name[],
): Pick<Module, Name> {
	const methods = {} as Pick<Module, Name>;
	for (const name of names) {
		const method = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
			const implementation = (await load())[name] as (...args: unknown[]) => Promise<unknown>;
			return await implementation.apply(this, args);
		};
		methods[name] = method as Module[Name];
	}
	return methods;
}
