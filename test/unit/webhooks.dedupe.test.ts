import { DeliveryLog } from '../../nodes/shared/webhooks';

describe('DeliveryLog', () => {
	it('knows an id again within the window, not after it', () => {
		const log = new DeliveryLog(60_000);
		expect(log.seen('a', 0)).toBe(false);
		expect(log.seen('a', 59_999)).toBe(true);
		expect(log.seen('b', 59_999)).toBe(false);
		// The window counts from the first sighting: a retry does not extend it.
		expect(log.seen('a', 60_000)).toBe(false);
	});

	it('keeps at most maxEntries ids, dropping the oldest', () => {
		const log = new DeliveryLog(60_000, 2);
		log.seen('a', 1);
		log.seen('b', 2);
		log.seen('c', 3);
		expect(log.entries(3)).toEqual({ b: 2, c: 3 });
		expect(log.seen('a', 4)).toBe(false);
	});

	it('round-trips through entries() and merge(), as static data carries it to another process', () => {
		const first = new DeliveryLog(60_000);
		first.seen('x', 1_000);
		const second = new DeliveryLog(60_000);
		second.seen('y', 2_000);
		second.merge(first.entries(2_000), 2_000);
		expect(second.seen('x', 3_000)).toBe(true);
		expect(second.entries(3_000)).toEqual({ x: 1_000, y: 2_000 });
	});

	it('ignores entries that are not id → time, expired or from far in the future', () => {
		const log = new DeliveryLog(60_000);
		log.merge({ ok: 100_000, old: 1, future: 10_000_000, text: 'x' }, 100_000);
		log.merge(['a'], 100_000);
		log.merge(null, 100_000);
		expect(log.entries(100_000)).toEqual({ ok: 100_000 });
	});
});
