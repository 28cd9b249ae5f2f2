import { sleep } from 'n8n-workflow';

/** Keys read ahead per request while a worker is free: new keys start soon, the reading stays short. */
const LOOK_AHEAD_KEYS = 8;

export type ItemOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one task per item with at most `concurrency` keys in flight. Items sharing a key run in item
 * order: a task gets its `turn`, which resolves once the item before it with that key has finished,
 * and must wait for it before sending anything. Different keys run side by side, taken in the order
 * they first appear. Without `continueOnFail`, the first failure stops new work: later turns reject,
 * so nothing is sent after it, and the failure is thrown once the work in flight has settled, so
 * nothing is left half-done in the background; `onStopped` sees it first, with the outcomes of the
 * items that did run (to tell the user).
 *
 * Reading a key or an item's parameters evaluates n8n expressions, which blocks the event loop
 * (about 1 ms each in n8n 2.x), so both happen while a request is on the wire: keys are read as the
 * work reaches them (not all before the first send; a few more per request while a worker is free,
 * so that new keys start soon), and an item's task starts once the item before it with its key has
 * handed its request to the network, at most one item ahead.
 */
export async function runItems<T>(
	count: number,
	concurrency: number,
	keyOf: (index: number) => string,
	task: (index: number, turn: Promise<void>) => Promise<T>,
	continueOnFail: boolean,
	onStopped?: (error: unknown, outcomes: ReadonlyArray<ItemOutcome<T> | undefined>) => void,
): Promise<Array<ItemOutcome<T>>> {
	const outcomes = new Array<ItemOutcome<T>>(count);
	let firstFailure: { index: number; error: unknown } | undefined;
	const stopped = () => firstFailure !== undefined && !continueOnFail;

	/** The items of each key read so far, and the keys no worker has taken yet (first seen first). */
	const chains = new Map<string, number[]>();
	const untaken: number[][] = [];
	let keysRead = 0;
	const maxWorkers = Math.max(1, Math.floor(concurrency) || 1);
	const workers: Array<Promise<void>> = [];

	/** Reads the next item's key; a key not seen before gets a worker while there are fewer than allowed. */
	const readKey = () => {
		const index = keysRead++;
		let key: string;
		try {
			key = keyOf(index);
		} catch {
			key = `\u0000item-${index}`; // the task itself will report the bad parameter
		}
		const chain = chains.get(key);
		if (chain) {
			chain.push(index);
			return;
		}
		const started = [index];
		chains.set(key, started);
		untaken.push(started);
		if (workers.length < maxWorkers) workers.push(Promise.resolve().then(worker));
	};
	/** The item after `position` in a chain, reading keys until one turns up or none are left. */
	const nextInChain = (chain: number[], position: number): number | undefined => {
		while (chain.length <= position + 1 && keysRead < count && !stopped()) readKey();
		return chain[position + 1];
	};
	/** While a worker is free: reads a few keys further, up to the next new key (which gets it). */
	const lookAhead = () => {
		const seen = chains.size;
		for (let read = 0; read < LOOK_AHEAD_KEYS && keysRead < count && !stopped(); read++) {
			if (workers.length >= maxWorkers || chains.size > seen) return;
			readKey();
		}
	};

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

	async function worker(): Promise<void> {
		for (let chain = untaken.shift(); chain !== undefined; chain = untaken.shift()) {
			let previous: Promise<void> = Promise.resolve();
			for (let position = 0, index: number | undefined = chain[0]; index !== undefined; ) {
				if (stopped()) break;
				const done = runItem(index, previous);
				await previous; // at most one item ahead: the next starts once this one may send
				previous = done;
				// once its request is on the wire (or answered already, on a fast server)
				if (keysRead < count || position < chain.length - 1)
					await Promise.race([afterIoPhase(), done]);
				index = nextInChain(chain, position++);
				lookAhead();
			}
			await previous;
		}
	}

	if (count > 0) readKey();
	for (let settled = 0; settled < workers.length; settled++) await workers[settled];
	if (firstFailure) {
		onStopped?.(firstFailure.error, outcomes);
		throw firstFailure.error;
	}
	return outcomes;
}

/**
 * Resolves once the event loop has been through its I/O phase: a request handed to n8n's HTTP
 * client before has then connected and been written. Two timers, because a timer due at once runs
 * before the I/O phase of the next turn of the loop, the second one after it.
 */
async function afterIoPhase(): Promise<void> {
	await sleep(0);
	await sleep(0);
}
