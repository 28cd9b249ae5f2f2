import { sleep } from 'n8n-workflow';

export interface BurstOptions {
	/** How long a burst stays open after its latest event. */
	quietMs: number;
	/** The longest a burst stays open from its first event, however chatty the sender. */
	maxWaitMs: number;
	/** The most events in one burst; the next event opens a new burst. */
	maxEvents: number;
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

/** What adding an event did: it opened a burst (and will receive all its events), or joined an open one. */
export type BurstJoin<T> =
	| { role: 'opened'; events: Promise<T[]> }
	| { role: 'joined'; position: number };

interface OpenBurst<T> {
	events: T[];
	firstAt: number;
	lastAt: number;
}

/**
 * Merges consecutive events per key (a conversation, a sender) that arrive within `quietMs` of
 * each other. The event that opens a burst gets a promise of all its events once the burst has
 * been quiet for `quietMs` (or is `maxWaitMs` old); the events that join it learn so at once and
 * carry nothing further. In memory: one process sees only the events it received.
 */
export class BurstBuffer<T> {
	private readonly open = new Map<string, OpenBurst<T>>();
	private readonly now: () => number;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(private readonly options: BurstOptions) {
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep ?? (async (ms) => await sleep(ms));
	}

	add(key: string, event: T): BurstJoin<T> {
		const at = this.now();
		const burst = this.open.get(key);
		if (burst && burst.events.length < this.options.maxEvents && !this.isDue(burst, at)) {
			burst.events.push(event);
			burst.lastAt = at;
			return { role: 'joined', position: burst.events.length };
		}
		const opened: OpenBurst<T> = { events: [event], firstAt: at, lastAt: at };
		this.open.set(key, opened);
		return { role: 'opened', events: this.settle(key, opened) };
	}

	/** Keys with a burst still open (for tests and diagnostics). */
	openKeys(): string[] {
		return [...this.open.keys()];
	}

	private dueAt(burst: OpenBurst<T>): number {
		return Math.min(burst.lastAt + this.options.quietMs, burst.firstAt + this.options.maxWaitMs);
	}

	private isDue(burst: OpenBurst<T>, at: number): boolean {
		return at >= this.dueAt(burst);
	}

	private async settle(key: string, burst: OpenBurst<T>): Promise<T[]> {
		// Sleeps until the burst is due; an event that joined meanwhile moves the due time on.
		for (let at = this.now(); !this.isDue(burst, at); at = this.now()) {
			await this.sleep(this.dueAt(burst) - at);
		}
		if (this.open.get(key) === burst) this.open.delete(key);
		return burst.events;
	}
}
