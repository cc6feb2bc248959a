import { schoolToday } from '$lib/server/clock';
import { familyAnswers } from '$lib/server/families/overview';
import { addDays, isDate, toWallTime } from '$lib/server/time/zone';
import { overviewRequest } from '../filter';
import type { PageServerLoad } from './$types';

/** One day's visits in order, to print and take along: where, who, what to talk about. */
export const load: PageServerLoad = async (event) => {
	const { me, round } = await overviewRequest(event);
	const timeZone = me.timeZone;
	const visits = round
		? await familyAnswers(event.locals.db, me.schoolId, round.id, {
				staffId: me.id,
				status: 'booked'
			})
		: [];
	const withDay = visits.map((v) => ({
		...v,
		date: toWallTime(v.startsAt!, timeZone).date,
		start: toWallTime(v.startsAt!, timeZone).time,
		end: toWallTime(v.endsAt!, timeZone).time
	}));
	const days = [...new Set(withDay.map((v) => v.date))].sort();
	const asked = event.url.searchParams.get('date');
	const today = schoolToday(me.timeZone);
	const date = asked && isDate(asked) ? asked : (days.find((d) => d >= today) ?? today);
	return {
		me: { name: me.name },
		date,
		previous: [...days].reverse().find((d) => d < date) ?? addDays(date, -1),
		next: days.find((d) => d > date) ?? addDays(date, 1),
		visits: withDay
			.filter((v) => v.date === date)
			.map((v) => ({
				...v,
				startsAt: undefined,
				endsAt: undefined,
				talkingPoints: v.talkingPoints
					.split('\n')
					.map((p) => p.trim())
					.filter(Boolean)
			}))
	};
};
