import { claimDelivery, DeliveryLog } from '../../nodes/shared/webhooks';
import { FakeResponse } from '../helpers/n8nProcesses';

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

describe('DeliveryLog.entries', () => {
	it('gives the newest max ids', () => {
		const log = new DeliveryLog(60_000);
		for (let i = 1; i <= 5; i++) log.seen(`d${i}`, i);
		expect(log.entries(5, 2)).toEqual({ d4: 4, d5: 5 });
	});
});

describe('DeliveryLog claims', () => {
	it('an id in flight is neither new nor a duplicate, and stays out of entries() until confirmed', () => {
		const log = new DeliveryLog(60_000);
		expect(log.claim('a', 1)).toBe('new');
		expect(log.claim('a', 2)).toBe('in flight');
		expect(log.entries(2)).toEqual({});
		log.confirm('a');
		expect(log.claim('a', 3)).toBe('duplicate');
		expect(log.entries(3)).toEqual({ a: 1 });
	});

	it('a released id is new again', () => {
		const log = new DeliveryLog(60_000);
		log.claim('a', 1);
		log.release('a');
		expect(log.entries(2)).toEqual({});
		expect(log.claim('a', 2)).toBe('new');
	});

	it('a claim never settled is given up after inFlightMs', () => {
		const log = new DeliveryLog(60_000, 1000, 30_000);
		log.claim('a', 0);
		expect(log.claim('a', 29_999)).toBe('in flight');
		expect(log.claim('a', 30_000)).toBe('new');
	});
});

describe('claimDelivery', () => {
	const claimWith = (response: FakeResponse, stored: { deliveries?: unknown } = {}) => {
		const log = new DeliveryLog(60_000);
		const claim = claimDelivery(log, stored, 'a', response, 1_000, 3);
		return { log, claim, stored };
	};

	it('puts the new id into this request’s static data with the newest others (kept - 1)', () => {
		const stored = { deliveries: { x: 100, y: 200, z: 300 } };
		const { claim } = claimWith(new FakeResponse(), stored);
		expect(claim).toBe('new');
		expect(stored.deliveries).toEqual({ y: 200, z: 300, a: 1_000 });
	});

	it('confirms on a success answer, releases on an error answer (n8n started nothing)', () => {
		for (const [status, next] of [
			[200, 'duplicate'],
			[302, 'duplicate'],
			[404, 'new'],
			[500, 'new'],
		] as const) {
			const response = new FakeResponse();
			const { log } = claimWith(response);
			response.status(status).json({});
			expect([status, log.claim('a', 2_000)]).toEqual([status, next]);
		}
	});

	it('confirms when the caller hangs up before the answer', () => {
		const response = new FakeResponse();
		const { log } = claimWith(response);
		response.hangUp();
		expect(log.claim('a', 2_000)).toBe('duplicate');
	});

	it('a duplicate or an id in flight leaves static data as it was', () => {
		const response = new FakeResponse();
		const log = new DeliveryLog(60_000);
		claimDelivery(log, {}, 'a', response, 1_000, 3);
		const stored = { deliveries: { b: 900 } };
		expect(claimDelivery(log, stored, 'a', new FakeResponse(), 1_100, 3)).toBe('in flight');
		expect(stored.deliveries).toEqual({ b: 900 });
		response.json({});
		expect(claimDelivery(log, stored, 'a', new FakeResponse(), 1_200, 3)).toBe('duplicate');
		expect(stored.deliveries).toEqual({ b: 900 });
	});
});
