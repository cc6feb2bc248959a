/**
 * At most `limit` requests are handled at once; the others wait their turn, first come first
 * served.
 *
 * Why: a request takes a connection of the database pool several times (the family's link, the
 * transaction, the page again after a refused form). Without a gate, 64 parents at once all queue
 * at the pool, and each turn there waits behind all the others: a parent who lost a race for a
 * time queued more often, and waited longest (bench/booking-burst.ts: booked p50 230 ms, lost a
 * race p50 316-442 ms, p99 of all 473-503 ms). Behind a gate of 16 the requests inside seldom wait
 * for the pool, and the wait at the gate is the same for everyone: p99 336-343 ms, for up to 8 %
 * fewer requests a second (less work shares each turn of the event loop).
 */
export interface Gate {
	/** Runs the work once fewer than `limit` others run, in the order the works arrived. */
	pass<T>(work: () => Promise<T>): Promise<T>;
	/** Works running now and works waiting. */
	readonly load: { running: number; waiting: number };
}

export function gate(limit: number): Gate {
	if (!Number.isInteger(limit) || limit < 1)
		throw new RangeError('a gate lets at least one through');
	let running = 0;
	// A queue as two stacks: shift() on an array is linear in its length, and a burst is long.
	let incoming: Array<() => void> = [];
	let outgoing: Array<() => void> = [];
	const next = () => {
		if (outgoing.length === 0) {
			outgoing = incoming.reverse();
			incoming = [];
		}
		return outgoing.pop();
	};
	return {
		async pass(work) {
			if (running < limit) running++;
			// The one who leaves hands its place on: `running` stays as it is.
			else await new Promise<void>((enter) => incoming.push(enter));
			try {
				return await work();
			} finally {
				const waiting = next();
				if (waiting) waiting();
				else running--;
			}
		},
		get load() {
			return { running, waiting: incoming.length + outgoing.length };
		}
	};
}
