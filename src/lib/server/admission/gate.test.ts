import { describe, expect, it } from 'vitest';
import { gate } from './gate';

/** A work that runs until it is told to end. */
function held() {
	let end!: () => void;
	const ended = new Promise<void>((resolve) => (end = resolve));
	return { end, work: () => ended };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the request gate', () => {
	it('lets `limit` works run at once and starts the others in the order they came', async () => {
		const g = gate(2);
		const started: number[] = [];
		const works = Array.from({ length: 6 }, () => held());
		const done = works.map((w, i) =>
			g.pass(async () => {
				started.push(i);
				await w.work();
				return i;
			})
		);
		await turn();
		expect(started).toEqual([0, 1]);
		expect(g.load).toEqual({ running: 2, waiting: 4 });
		works[1]!.end();
		await turn();
		expect(started).toEqual([0, 1, 2]);
		works[0]!.end();
		works[2]!.end();
		await turn();
		expect(started).toEqual([0, 1, 2, 3, 4]);
		for (const w of works) w.end();
		expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(g.load).toEqual({ running: 0, waiting: 0 });
	});

	it('hands the place on when a work fails, and the failure reaches its caller', async () => {
		const g = gate(1);
		const failing = g.pass(async () => {
			throw new Error('refused');
		});
		const after = g.pass(async () => 'ran');
		await expect(failing).rejects.toThrow('refused');
		expect(await after).toBe('ran');
		expect(g.load).toEqual({ running: 0, waiting: 0 });
	});

	it('keeps the order through many waits (the queue turns over)', async () => {
		const g = gate(1);
		const order: number[] = [];
		const first = held();
		const running = g.pass(first.work);
		const rest = Array.from({ length: 50 }, (_, i) => g.pass(async () => void order.push(i)));
		first.end();
		await running;
		const late = g.pass(async () => void order.push(50));
		await Promise.all([...rest, late]);
		expect(order).toEqual(Array.from({ length: 51 }, (_, i) => i));
	});

	it('refuses a limit below one', () => {
		expect(() => gate(0)).toThrow(RangeError);
	});
});
