export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one task per item with at most `concurrency` in flight. Items sharing a key run one
 * after another in item order (messages to one conversation stay in order); different keys run
 * side by side. Without `continueOnFail`, the first failure stops new work from starting and is
 * thrown once the work in flight has settled, so nothing is left half-done in the background;
 * `onStopped` sees it first, with the outcomes of the items that did run (to tell the user).
 */
export async function runItems<T>(
	count: number,
	concurrency: number,
	keyOf: (index: number) => string,
	task: (index: number) => Promise<T>,
	continueOnFail: boolean,
	onStopped?: (error: unknown, outcomes: ReadonlyArray<ItemOutcome<T> | undefined>) => void,
): Promise<Array<ItemOutcome<T>>> {
	const chains = new Map<string, number[]>();
	for (let index = 0; index < count; index++) {
		let key: string;
		try {
			key = keyOf(index);
		} catch {
			key = `\u0000item-${index}`; // the task itself will report the bad parameter
		}
		const chain = chains.get(key);
		if (chain) chain.push(index);
		else chains.set(key, [index]);
	}

	const queue = [...chains.values()];
	const outcomes = new Array<ItemOutcome<T>>(count);
	let firstFailure: { index: number; error: unknown } | undefined;

	const worker = async () => {
		for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
			for (const index of chain) {
				if (firstFailure && !continueOnFail) return;
				try {
					outcomes[index] = { ok: true, value: await task(index) };
				} catch (error) {
					outcomes[index] = { ok: false, error };
					if (!continueOnFail && (!firstFailure || index < firstFailure.index))
						firstFailure = { index, error };
				}
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, queue.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (firstFailure) {
		onStopped?.(firstFailure.error, outcomes);
		throw firstFailure.error;
	}
	return outcomes;
}
