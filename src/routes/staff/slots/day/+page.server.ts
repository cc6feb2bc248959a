import { requireStaff } from '$lib/server/auth/guard';
import { runsSchool, slotsShownFor } from '$lib/server/auth/policy';
import { schoolToday } from '$lib/server/clock';
import { activeStaff } from '$lib/server/staff/people';
import { daySheet, mapLink, telLink } from '$lib/server/slots/day-sheet';
import { addDays, isDate } from '$lib/server/time/zone';
import type { PageServerLoad } from './$types';

/** One day's visits in order, to print and take along: where, who to call, what to talk about. */
export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const db = event.locals.db;
	const q = event.url.searchParams;
	const people = await activeStaff(db, me.schoolId);
	// Teachers see their own day; admins may open anyone's of their school, as with the week.
	const shown = slotsShownFor(me, q.get('staff'));
	const person = people.find((p) => p.id === shown) ?? { id: me.id, name: me.name };
	const asked = q.get('date');
	const date = asked && isDate(asked) ? asked : schoolToday(me.timeZone);
	const sheet = await daySheet(db, me, person.id, date, me.timeZone);
	return {
		date,
		previous: addDays(date, -1),
		next: addDays(date, 1),
		person: { id: person.id, name: person.name, isMe: person.id === me.id },
		people: runsSchool(me) ? people.map((p) => ({ id: p.id, name: p.name })) : [],
		hidden: sheet.hidden,
		nextVisitDay: sheet.nextVisitDay,
		visits: sheet.visits.map((v) => ({
			familyId: v.familyId,
			start: v.start,
			end: v.end,
			children: v.children.map((c) => ({ name: c.fullName, group: c.group })),
			location: v.location,
			address: v.address,
			placeName: v.placeName,
			mapUrl: v.address && v.location !== 'school' ? mapLink(v.address) : null,
			interpreterLanguage: v.interpreterLanguage,
			interpreter: v.interpreter,
			ownInterpreterLanguage: v.ownInterpreterLanguage,
			questions: v.questions,
			staffNote: v.staffNote,
			alongWith: v.alongWith,
			guardians: v.guardians.map((g) => ({ ...g, href: telLink(g.phone) })),
			talkingPoints: v.talkingPoints,
			routeNumber: v.routeNumber,
			travel: v.travel,
			stillToTell: v.stillToTell
		})),
		interpreting: sheet.interpreting.map((v) => ({
			...v,
			mapUrl: v.address ? mapLink(v.address) : null
		}))
	};
};
