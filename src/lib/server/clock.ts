/**
 * The business clock: what "now" means for booking windows, deadlines and "no slots in the
 * past". It is the real time unless FAKE_NOW is set (tests that play the autumn-2026 round after
 * the fact). Session expiry and logs always use the real time.
 */
import { config } from './config';
import { toWallTime } from './time/zone';

const startedAt = Date.now();

export function now(): Date {
	const fake = config().fakeNow;
	return fake ? new Date(fake.getTime() + (Date.now() - startedAt)) : new Date();
}

/** Today's date on the school's wall clock (YYYY-MM-DD). */
export function schoolToday(timeZone: string): string {
	return toWallTime(now(), timeZone).date;
}
