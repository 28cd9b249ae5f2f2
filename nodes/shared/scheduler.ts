export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one task per item with at most `concurrency` keys in flight. Items sharing a key run in item
 * order: a task gets its `turn`, which resolves once the item before it with that key has finished,
 * and must wait for it before sending anything. The next item's task starts as soon as the one
 * before it is under way, so reading its parameters (n8n's expression evaluation) overlaps the wait
 * for the server. Different keys run side by side. Without `continueOnFail`, the first failure stops
 * new work: later turns reject, so nothing is sent after it, and the failure is thrown once the work
 * in flight has settled, so nothing is left half-done in the background;
 * `onStopped` sees it first, with the outcomes of the items that did run (to tell the user).
 */
export async function runItems<T>(
	count: number,
	concurrency: number,
	keyOf: (index: number) => string,
	task: (index: number, turn: Promise<void>) => Promise<T>,
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
	const stopped = () => firstFailure !== undefined && !continueOnFail;

	/** Runs one item once `previous` has settled; never rejects. */
	const runItem = async (index: number, previous: Promise<void>): Promise<void> => {
		let skipped = false;
		const turn = previous.then(() => {
			if (stopped()) {
				skipped = true;
				throw new Error('Not sent: an earlier item failed');
			}
		});
		turn.catch(() => undefined); // a task that fails before its turn never waits for it
		try {
			outcomes[index] = { ok: true, value: await task(index, turn) };
		} catch (error) {
			if (skipped) return;
			outcomes[index] = { ok: false, error };
			if (!continueOnFail && (!firstFailure || index < firstFailure.index))
				firstFailure = { index, error };
		}
	};

	const worker = async () => {
		for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) {
			let previous: Promise<void> = Promise.resolve();
			for (const index of chain) {
				if (stopped()) break;
				const done = runItem(index, previous);
				await previous; // at most one item ahead: the next starts once this one may send
				previous = done;
			}
			await previous;
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
