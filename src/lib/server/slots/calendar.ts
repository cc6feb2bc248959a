/** The week view's frame: which week, which days, and each slot on the school's wall clock. */
import { addDays, fromWallTime, isDate, toWallTime, weekdayOf } from '../time/zone';
import type { WeekSlot } from './week';

export function mondayOf(date: string): string {
	return addDays(date, 1 - weekdayOf(date));
}

/** The week asked for, else the week of today, else (before a round starts) its first week. */
export function chooseWeek(
	asked: string | null,
	today: string,
	roundStartsOn: string | null
): string {
	if (asked && isDate(asked)) return mondayOf(asked);
	if (roundStartsOn && roundStartsOn > today) return mondayOf(roundStartsOn);
	return mondayOf(today);
}

export function weekBounds(monday: string, timeZone: string): { from: Date; to: Date } {
	return {
		from: fromWallTime(monday, '00:00', timeZone)!,
		to: fromWallTime(addDays(monday, 7), '00:00', timeZone)!
	};
}

/** ISO week number: schools plan in "week 44". */
export function isoWeek(monday: string): number {
	const thursday = addDays(monday, 3);
	const [y] = thursday.split('-').map(Number) as [number];
	const jan4 = `${y}-01-04`;
	const firstMonday = mondayOf(jan4);
	const diff = (Date.parse(monday) - Date.parse(firstMonday)) / 86_400_000;
	return Math.round(diff / 7) + 1;
}

export type CalendarSlot<S extends WeekSlot = WeekSlot> = Omit<S, 'startsAt' | 'endsAt'> & {
	start: string;
	end: string;
};

export function groupByDay<S extends WeekSlot>(
	monday: string,
	slots: S[],
	timeZone: string
): { date: string; slots: CalendarSlot<S>[] }[] {
	const days = Array.from({ length: 7 }, (_, i) => ({
		date: addDays(monday, i),
		slots: [] as CalendarSlot<S>[]
	}));
	for (const s of slots) {
		const start = toWallTime(s.startsAt, timeZone);
		const day = days.find((d) => d.date === start.date);
		const { startsAt: _s, endsAt, ...rest } = s;
		day?.slots.push({ ...rest, start: start.time, end: toWallTime(endsAt, timeZone).time });
	}
	return days;
}
