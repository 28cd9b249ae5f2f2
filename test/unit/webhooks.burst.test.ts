import { BurstBuffer } from '../../nodes/shared/webhooks';

/** A clock that moves only when the test says so; sleepers wake in time order. */
function fakeClock() {
	let now = 0;
	const sleepers: Array<{ until: number; wake: () => void }> = [];
	return {
		now: () => now,
		sleep: async (ms: number) =>
			await new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
		async advance(ms: number) {
			const target = now + ms;
			for (;;) {
				sleepers.sort((a, b) => a.until - b.until);
				const next = sleepers[0];
				if (!next || next.until > target) break;
				sleepers.shift();
				now = next.until;
				next.wake();
				// Let the woken burst run to its next sleep or its end.
				for (let i = 0; i < 5; i++) await Promise.resolve();
			}
			now = target;
		},
	};
}

function buffer(clock: ReturnType<typeof fakeClock>, maxEvents = 50) {
	return new BurstBuffer<string>({
		quietMs: 3_000,
		maxWaitMs: 20_000,
		maxEvents,
		now: clock.now,
		sleep: clock.sleep,
	});
}

describe('BurstBuffer', () => {
	it('gives the opener every event of the burst after quietMs without a new one', async () => {
		const clock = fakeClock();
		const burst = buffer(clock);
		const first = burst.add('conv-1', 'hi');
		expect(first.role).toBe('opened');
		await clock.advance(2_000);
		expect(burst.add('conv-1', 'are you there?')).toEqual({ role: 'joined', position: 2 });
		await clock.advance(2_999);
		expect(burst.add('conv-1', 'hello?')).toEqual({ role: 'joined', position: 3 });
		let settled: string[] | undefined;
		if (first.role === 'opened') void first.events.then((events) => (settled = events));
		await clock.advance(2_999);
		expect(settled).toBeUndefined();
		await clock.advance(1);
		expect(settled).toEqual(['hi', 'are you there?', 'hello?']);
		expect(burst.openKeys()).toEqual([]);
	});

	it('keeps keys apart', async () => {
		const clock = fakeClock();
		const burst = buffer(clock);
		const a = burst.add('a', 'a1');
		const b = burst.add('b', 'b1');
		expect([a.role, b.role]).toEqual(['opened', 'opened']);
		await clock.advance(3_000);
		if (a.role !== 'opened' || b.role !== 'opened') throw new Error('expected two bursts');
		expect(await a.events).toEqual(['a1']);
		expect(await b.events).toEqual(['b1']);
	});

	it('closes a burst after maxWaitMs however chatty, and the next event opens a new one', async () => {
		const clock = fakeClock();
		const burst = buffer(clock);
		const first = burst.add('k', 'e0');
		for (let i = 1; i <= 9; i++) {
			await clock.advance(2_000);
			expect(burst.add('k', `e${i}`).role).toBe('joined');
		}
		// 20 s after the first event the burst is due, though its last event came 2 s ago.
		await clock.advance(2_000);
		if (first.role !== 'opened') throw new Error('expected an opener');
		expect(await first.events).toHaveLength(10);
		expect(burst.add('k', 'next').role).toBe('opened');
	});

	it('opens a new burst once one holds maxEvents', async () => {
		const clock = fakeClock();
		const burst = buffer(clock, 2);
		const first = burst.add('k', 'a');
		burst.add('k', 'b');
		const third = burst.add('k', 'c');
		expect(third.role).toBe('opened');
		await clock.advance(3_000);
		if (first.role !== 'opened' || third.role !== 'opened') throw new Error('expected openers');
		expect(await first.events).toEqual(['a', 'b']);
		expect(await third.events).toEqual(['c']);
	});
});
