import { requireAdmin } from '$lib/server/auth/guard';
import { schoolToday } from '$lib/server/clock';
import { currentRound } from '$lib/server/school/overview';
import { isoWeek, mondayOf } from '$lib/server/slots/calendar';
import { schoolVisits, visitsRange } from '$lib/server/slots/school-visits';
import { addDays } from '$lib/server/time/zone';
import type { PageServerLoad } from './$types';

/** Every teacher's visits of a day or a week, for the office to read and print (issue 17). */
export const load: PageServerLoad = async (event) => {
	const me = requireAdmin(event);
	const db = event.locals.db;
	const today = schoolToday(me.timeZone);
	const round = await currentRound(db, me.schoolId, today);
	const range = visitsRange(event.url.searchParams, today, round?.startsOn ?? null);
	const days = await schoolVisits(db, me, range, me.timeZone);
	return {
		range: {
			...range,
			last: addDays(range.first, range.days - 1),
			weekNumber: isoWeek(mondayOf(range.first))
		},
		total: days.reduce((n, d) => n + d.visits.length, 0),
		days: days.map((d) => ({
			date: d.date,
			visits: d.visits.map(({ visit: v, ...s }) => ({
				slotId: s.id,
				start: s.start,
				end: s.end,
				teacher: s.teacher,
				secondStaff: s.secondStaff,
				familyId: v.familyId,
				children: v.children.map((c) => ({ name: c.fullName, group: c.group })),
				location: v.location,
				address: v.address,
				placeName: v.placeName,
				interpreterLanguage: v.interpreterLanguage,
				interpreter: v.interpreter,
				ownInterpreterLanguage: v.ownInterpreterLanguage,
				stillToTell: v.stillToTell,
				guardians: s.guardians
			}))
		}))
	};
};
