import { requireStaff } from '$lib/server/auth/guard';
import { runsSchool, slotsShownFor } from '$lib/server/auth/policy';
import { now, schoolToday } from '$lib/server/clock';
import { currentRound } from '$lib/server/school/overview';
import { activeStaff } from '$lib/server/staff/people';
import { weekOfPerson } from '$lib/server/slots/week';
import { chooseWeek, groupByDay, isoWeek, weekBounds } from '$lib/server/slots/calendar';
import { addDays, toWallTime } from '$lib/server/time/zone';
import type { PageServerLoad } from './$types';

const doneStates = [
	'moved',
	'deleted',
	'moved_tell',
	'deleted_tell',
	'moved_told',
	'deleted_told'
] as const;

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const db = event.locals.db;
	const timeZone = me.timeZone;
	const [round, people] = await Promise.all([
		currentRound(db, me.schoolId, schoolToday(me.timeZone)),
		activeStaff(db, me.schoolId)
	]);

	// Teachers see their own calendar; admins may open anyone's of their school.
	const shown = slotsShownFor(me, event.url.searchParams.get('staff'));
	const person = people.find((p) => p.id === shown) ?? { id: me.id, name: me.name };

	const monday = chooseWeek(
		event.url.searchParams.get('week'),
		toWallTime(now(), timeZone).date,
		round?.startsOn ?? null
	);
	const { from, to } = weekBounds(monday, timeZone);
	const slots = await weekOfPerson(db, me, person.id, from, to);
	const done = event.url.searchParams.get('done');
	const language = event.url.searchParams.get('language');
	return {
		round: round ? { name: round.name } : null,
		person: { id: person.id, name: person.name, isMe: person.id === me.id },
		people: runsSchool(me) ? people.map((p) => ({ id: p.id, name: p.name })) : [],
		week: {
			monday,
			sunday: addDays(monday, 6),
			number: isoWeek(monday),
			previous: addDays(monday, -7),
			next: addDays(monday, 7)
		},
		days: groupByDay(monday, slots, timeZone),
		done: doneStates.find((d) => d === done) ?? null,
		// A language code only ("ro"): the page names it in the reader's language.
		mailedIn: language && /^[a-z]{2,3}$/.test(language) ? language : null,
		created: Number(event.url.searchParams.get('created')) || 0
	};
};
