/**
 * Delivery ids seen within a window, so a delivery a service sends again (a retry with the same
 * id) starts at most one execution. Kept in memory by the process that received it, and as a
 * plain object (`entries`) a node can keep in its static data, so a retry that reaches another
 * process or comes after a restart is known too.
 */
export class DeliveryLog {
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly windowMs: number,
		/** The most ids kept; the oldest go first. Bounds memory when a service floods. */
		private readonly maxEntries = 1000,
	) {}

	/** Records `id` at `nowMs`; true when it was already seen within the window (a duplicate). */
	seen(id: string, nowMs: number): boolean {
		this.forgetOlderThan(nowMs - this.windowMs);
		const earlier = this.seenAt.get(id);
		if (earlier !== undefined) return true;
		this.seenAt.set(id, nowMs);
		while (this.seenAt.size > this.maxEntries) {
			const oldest = this.seenAt.keys().next().value as string;
			this.seenAt.delete(oldest);
		}
		return false;
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

	/** The ids still within the window and when they were first seen, for static data. */
	entries(nowMs: number): Record<string, number> {
		this.forgetOlderThan(nowMs - this.windowMs);
		return Object.fromEntries(this.seenAt);
	}

	private forgetOlderThan(cutoff: number): void {
		for (const [id, at] of this.seenAt) if (at <= cutoff) this.seenAt.delete(id);
	}

	/** Map order is insertion order; keep it oldest first so trimming drops the oldest. */
	private reorder(): void {
		const sorted = [...this.seenAt].sort((a, b) => a[1] - b[1]);
		this.seenAt.clear();
		for (const [id, at] of sorted) this.seenAt.set(id, at);
		while (this.seenAt.size > this.maxEntries) {
			const oldest = this.seenAt.keys().next().value as string;
			this.seenAt.delete(oldest);
		}
	}
}
