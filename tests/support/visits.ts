/** What many tests build: a visit's times on a school's wall clock, and a family's choice of visit. */
import type { VisitChoice } from '../../src/lib/server/booking/answer';
import { fromWallTime } from '../../src/lib/server/time/zone';

export const AMS = 'Europe/Amsterdam';

/** A visit from `from` to `to` (HH:MM) on `date`, in the school's zone. */
export const wallTimes = (date: string, from: string, to: string, zone = AMS) => ({
	startsAt: fromWallTime(date, from, zone)!,
	endsAt: fromWallTime(date, to, zone)!
});

/** A home visit in this slot with nothing else asked; `over` changes what a test needs. */
export const visitChoice = (slotId: string, over: Partial<VisitChoice> = {}): VisitChoice => ({
	slotId,
	location: 'home',
	neutralPlaceId: null,
	visitAddress: null,
	interpreterLanguage: null,
	ownInterpreterLanguage: null,
	parentQuestions: null,
	notHomeReason: null,
	notHomeReasonText: null,
	...over
});
