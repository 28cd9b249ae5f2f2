/**
 * Delivery ids seen within a window, so a delivery a service sends again (a retry with the same
 * id) starts at most one execution. Kept in memory by the process that received it, and as a
 * plain object (`entries`) a node can keep in its static data, so a retry that reaches another
 * process or comes after a restart is known too.
 *
 * An id is first claimed (in flight) and only counts as seen once its delivery was answered
 * without an error: n8n answers 5xx when it could not start the execution (in queue mode: Redis
 * refused the job), and the service's retry must then start it, not be taken for a duplicate.
 */
export class DeliveryLog {
	private readonly seenAt = new Map<string, number>();
	private readonly inFlight = new Map<string, number>();

	constructor(
		private readonly windowMs: number,
		/** The most ids kept; the oldest go first. Bounds memory when a service floods. */
		private readonly maxEntries = 1000,
		/** A claim older than this is given up (its answer never came): a retry may start. */
		private readonly inFlightMs = IN_FLIGHT_MS,
	) {}

	/** Records `id` at `nowMs`; true when it was already seen within the window (a duplicate). */
	seen(id: string, nowMs: number): boolean {
		const claim = this.claim(id, nowMs);
		if (claim === 'new') this.confirm(id);
		return claim !== 'new';
	}

	/**
	 * Claims `id` for the delivery now being handled: `new` (go on, then `confirm` or `release`),
	 * `duplicate` (seen within the window), or `in flight` (another request with this id is being
	 * handled in this process right now, and whether it starts is not known yet).
	 */
	claim(id: string, nowMs: number): DeliveryClaim {
		this.forgetOlderThan(nowMs - this.windowMs);
		for (const [pending, at] of this.inFlight)
			if (at <= nowMs - this.inFlightMs) this.inFlight.delete(pending);
		if (this.seenAt.has(id)) return 'duplicate';
		if (this.inFlight.has(id)) return 'in flight';
		this.inFlight.set(id, nowMs);
		return 'new';
	}

	/** The claimed id's delivery was handled: from now on it is a duplicate (and in `entries`). */
	confirm(id: string): void {
		const at = this.inFlight.get(id);
		if (at === undefined) return;
		this.inFlight.delete(id);
		if (!this.seenAt.has(id)) this.seenAt.set(id, at);
		this.trim();
	}

	/** The claimed id's delivery was not handled: a retry with this id starts as new. */
	release(id: string): void {
		this.inFlight.delete(id);
	}

	/** Adds what another process recorded (its `entries`), keeping the earlier time of an id. */
	merge(entries: unknown, nowMs: number): void {
		if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return;
		const incoming = Object.entries(entries as Record<string, unknown>)
			.filter((entry): entry is [string, number] => typeof entry[1] === 'number')
			.filter(([, at]) => at > nowMs - this.windowMs && at <= nowMs + this.windowMs)
			.sort((a, b) => a[1] - b[1]);
		for (const [id, at] of incoming) {
			const known = this.seenAt.get(id);
			if (known === undefined || at < known) this.seenAt.set(id, at);
		}
		this.reorder();
	}

	/**
	 * The ids seen within the window and when they were first seen (the newest `max`), for static
	 * data. Ids in flight are left out: another request's static data must not carry an id whose
	 * execution may yet fail to start.
	 */
	entries(nowMs: number, max = this.maxEntries): Record<string, number> {
		this.forgetOlderThan(nowMs - this.windowMs);
		return max > 0 ? Object.fromEntries([...this.seenAt].slice(-max)) : {};
	}

	private forgetOlderThan(cutoff: number): void {
		for (const [id, at] of this.seenAt) if (at <= cutoff) this.seenAt.delete(id);
	}

	/** Map order is insertion order; keep it oldest first so trimming drops the oldest. */
	private reorder(): void {
		const sorted = [...this.seenAt].sort((a, b) => a[1] - b[1]);
		this.seenAt.clear();
		for (const [id, at] of sorted) this.seenAt.set(id, at);
		this.trim();
	}

	private trim(): void {
		while (this.seenAt.size > this.maxEntries) {
			const oldest = this.seenAt.keys().next().value as string;
			this.seenAt.delete(oldest);
		}
	}
}

export type DeliveryClaim = 'new' | 'duplicate' | 'in flight';

/** Longer than any service waits for an answer (Chatwoot 5 s, Kapso 10 s), shorter than Kapso's 40 s retry. */
const IN_FLIGHT_MS = 30_000;

/** What dedupe needs of n8n's (Express) response: its status once sent, and its events. */
export interface DeliveryResponse {
	statusCode?: number;
	writableFinished?: boolean;
	once?(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * One delivery id through the process's log and the node's static data (as this request loaded
 * it: n8n reads it from the database for every production request and saves it after).
 * `new`: this request's static data now holds the id too, and the id counts as seen once n8n has
 * answered the delivery with a success; an error answer (n8n started nothing) releases it. A request whose caller hung
 * up before the answer keeps it seen: n8n may well have started the execution.
 */
export function claimDelivery(
	log: DeliveryLog,
	stored: { deliveries?: unknown },
	id: string,
	response: DeliveryResponse,
	nowMs: number,
	kept: number,
): DeliveryClaim {
	log.merge(stored.deliveries, nowMs);
	const claim = log.claim(id, nowMs);
	if (claim !== 'new') return claim;
	stored.deliveries = { ...log.entries(nowMs, kept - 1), [id]: nowMs };
	if (typeof response.once !== 'function') {
		log.confirm(id);
		return claim;
	}
	response.once('finish', () =>
		(response.statusCode ?? 200) < 400 ? log.confirm(id) : log.release(id),
	);
	response.once('close', () => {
		if (!response.writableFinished) log.confirm(id);
	});
	return claim;
}
