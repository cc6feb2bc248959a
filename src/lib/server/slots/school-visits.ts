/**
 * The school's visits of one day or one week, for the office: every booked visit of every
 * teacher, grouped per day in time order, with who goes (the teacher and the second staff
 * member), the family, where, the interpreter and the parents' phone numbers. It reads the same
 * pieces as a teacher's week and day sheet (slots, withVisits, guardianPhones), only for
 * everybody at once. Access: the office (policy.ts, "the school's visits"); visitsInSlots leaves
 * out any family the viewer may not see. Phones and addresses are contact details: every family
 * listed is logged as seen, as on the day sheet.
 */
import type { Database } from '../db';
import type { Viewer } from '../auth/policy';
import { recordContactViews } from '../audit/record';
import { addDays, fromWallTime, isDate } from '../time/zone';
import { chooseWeek, groupByDay, type CalendarSlot } from './calendar';
import { guardianPhones } from './day-sheet';
import { slotsOfSchool, withVisits, type SlotWithVisit } from './week';

export interface SchoolVisitSlot extends SlotWithVisit {
	guardians: { name: string; phone: string }[];
}

export type SchoolVisit = CalendarSlot<SchoolVisitSlot>;

export interface SchoolVisitDay {
	date: string;
	visits: SchoolVisit[];
}

/** What the page shows: one day, or the week (Monday to Sunday) around a date. */
export interface VisitsRange {
	view: 'day' | 'week';
	first: string;
	days: 1 | 7;
	previous: string;
	next: string;
}

/**
 * `?day=` a date, or `?week=` any date of the week; a plain GET form sends `date` with
 * `view=day|week`. Anything else: this week, or the round's first week before it starts.
 */
export function visitsRange(
	params: URLSearchParams,
	today: string,
	roundStartsOn: string | null
): VisitsRange {
	const day = params.get('day') ?? (params.get('view') === 'day' ? params.get('date') : null);
	if (day && isDate(day))
		return { view: 'day', first: day, days: 1, previous: addDays(day, -1), next: addDays(day, 1) };
	const monday = chooseWeek(params.get('week') ?? params.get('date'), today, roundStartsOn);
	return {
		view: 'week',
		first: monday,
		days: 7,
		previous: addDays(monday, -7),
		next: addDays(monday, 7)
	};
}

/** The booked visits of `range`, the days without one left out. */
export async function schoolVisits(
	db: Database,
	me: Viewer,
	range: Pick<VisitsRange, 'first' | 'days'>,
	timeZone: string
): Promise<SchoolVisitDay[]> {
	const from = fromWallTime(range.first, '00:00', timeZone)!;
	const to = fromWallTime(addDays(range.first, range.days), '00:00', timeZone)!;
	const shown = await withVisits(db, me, await slotsOfSchool(db, me.schoolId, from, to));
	const familyIds = shown.map((s) => s.visit.familyId);
	const phones = await guardianPhones(db, familyIds);
	await recordContactViews(db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds,
		page: 'school_visits'
	});
	// Two teachers at one time: by name, so the order is the same on every database.
	const entries = shown
		.map((s): SchoolVisitSlot => ({ ...s, guardians: phones.get(s.visit.familyId) ?? [] }))
		.sort(
			(a, b) =>
				a.startsAt.getTime() - b.startsAt.getTime() || a.teacher.localeCompare(b.teacher, 'nl')
		);
	return groupByDay(range.first, entries, timeZone)
		.map((d) => ({ date: d.date, visits: d.slots }))
		.filter((d) => d.visits.length > 0);
}
