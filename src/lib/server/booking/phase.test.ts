import { describe, expect, it } from 'vitest';
import { parentPhase } from './phase';

const round = {
	opensAt: new Date('2026-10-01T00:00:00Z'),
	closesAt: new Date('2026-11-01T00:00:00Z'),
	deadlineHours: 24
};
const visit = (startsAt: string) => ({ status: 'booked', startsAt: new Date(startsAt) });

describe("a family's phase in the round", () => {
	it('is open between opening and closing, and not before or after', () => {
		expect(parentPhase({ round, answer: null }, new Date('2026-09-30T23:59:00Z'))).toBe('not_open');
		expect(parentPhase({ round, answer: null }, new Date('2026-10-15T12:00:00Z'))).toBe('open');
		expect(parentPhase({ round, answer: null }, new Date('2026-11-01T00:01:00Z'))).toBe('closed');
	});

	it('locks a booked visit within the deadline, even while the round is open', () => {
		expect(
			parentPhase(
				{ round, answer: visit('2026-10-16T15:00:00Z') },
				new Date('2026-10-15T15:01:00Z')
			)
		).toBe('locked');
		expect(
			parentPhase(
				{ round, answer: visit('2026-10-16T15:00:00Z') },
				new Date('2026-10-15T14:59:00Z')
			)
		).toBe('open');
		// A declined answer has no time to protect.
		expect(
			parentPhase(
				{ round, answer: { status: 'declined', startsAt: null } },
				new Date('2026-10-15T15:01:00Z')
			)
		).toBe('open');
	});
});
