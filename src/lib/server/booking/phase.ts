/** Where a family stands in its round: may it still choose, change or cancel, and if not, why. */
import type { FamilyPage } from '../families/page';

export type ParentPhase = 'not_open' | 'open' | 'locked' | 'closed';

const HOUR = 3_600_000;

export interface PhaseInput {
	round: Pick<FamilyPage['round'], 'opensAt' | 'closesAt' | 'deadlineHours'>;
	answer: { status: string; startsAt: Date | null } | null;
}

export function parentPhase(page: PhaseInput, now: Date): ParentPhase {
	const { round, answer } = page;
	// A visit that is close (or past) is changed by phone: the teacher has planned the evening.
	if (
		answer?.status === 'booked' &&
		answer.startsAt &&
		answer.startsAt.getTime() - now.getTime() < round.deadlineHours * HOUR
	)
		return 'locked';
	if (now < round.opensAt) return 'not_open';
	if (now > round.closesAt) return 'closed';
	return 'open';
}
