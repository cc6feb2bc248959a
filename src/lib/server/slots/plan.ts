/**
 * Turns a teacher's pattern ("Tuesdays and Thursdays 15:30–20:00, 45-minute visits, 15 minutes
 * to travel") into slot times. Each slot is placed on the wall clock of its own day, so a
 * pattern that spans the end of summer time keeps 15:30 at 15:30.
 */
import {
	addDays,
	fromWallTime,
	isDate,
	minutesOfDay,
	TIME_PATTERN,
	timeOfMinutes,
	weekdayOf
} from '../time/zone';

export interface SlotPattern {
	from: string;
	to: string;
	/** ISO weekdays, 1 = Monday. */
	weekdays: number[];
	startTime: string;
	endTime: string;
	visitMinutes: number;
	/** Left free after each visit: the way to the next home. */
	travelMinutes: number;
}

export interface SlotTime {
	startsAt: Date;
	endsAt: Date;
}

export type PlanProblem =
	| 'invalid_dates'
	| 'to_before_from'
	| 'range_too_long'
	| 'no_weekdays'
	| 'invalid_times'
	| 'end_before_start'
	| 'invalid_length'
	| 'no_slots'
	| 'too_many_slots';

export const MAX_RANGE_DAYS = 92;
export const MAX_SLOTS = 400;

export function planSlots(
	pattern: SlotPattern,
	timeZone: string
): { ok: true; slots: SlotTime[] } | { ok: false; problem: PlanProblem } {
	const { from, to, weekdays, startTime, endTime, visitMinutes, travelMinutes } = pattern;
	if (!isDate(from) || !isDate(to)) return { ok: false, problem: 'invalid_dates' };
	if (to < from) return { ok: false, problem: 'to_before_from' };
	if (!TIME_PATTERN.test(startTime) || !TIME_PATTERN.test(endTime))
		return { ok: false, problem: 'invalid_times' };
	if (endTime <= startTime) return { ok: false, problem: 'end_before_start' };
	const days = weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
	if (days.length === 0) return { ok: false, problem: 'no_weekdays' };
	if (!Number.isInteger(visitMinutes) || visitMinutes < 10 || visitMinutes > 240)
		return { ok: false, problem: 'invalid_length' };
	if (!Number.isInteger(travelMinutes) || travelMinutes < 0 || travelMinutes > 120)
		return { ok: false, problem: 'invalid_length' };

	const slots: SlotTime[] = [];
	const first = minutesOfDay(startTime);
	const last = minutesOfDay(endTime);
	for (let date = from, n = 0; date <= to; date = addDays(date, 1), n++) {
		if (n >= MAX_RANGE_DAYS) return { ok: false, problem: 'range_too_long' };
		if (!days.includes(weekdayOf(date))) continue;
		for (let m = first; m + visitMinutes <= last; m += visitMinutes + travelMinutes) {
			const startsAt = fromWallTime(date, timeOfMinutes(m), timeZone);
			const endsAt = fromWallTime(date, timeOfMinutes(m + visitMinutes), timeZone);
			// Only in the night hour skipped in March; no school plans visits then.
			if (!startsAt || !endsAt) continue;
			slots.push({ startsAt, endsAt });
			if (slots.length > MAX_SLOTS) return { ok: false, problem: 'too_many_slots' };
		}
	}
	if (slots.length === 0) return { ok: false, problem: 'no_slots' };
	return { ok: true, slots };
}
