import { familyAnswers } from '$lib/server/families/overview';
import { groupsOfSchool } from '$lib/server/staff/manage';
import { activeStaff } from '$lib/server/staff/people';
import { toWallTime } from '$lib/server/time/zone';
import { overviewRequest } from './filter';
import { seesWholeSchool } from '$lib/server/auth/policy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { me, round, filter } = await overviewRequest(event);
	const db = event.locals.db;
	const timeZone = me.timeZone;
	// One query: the counts cover every status, the list only the one asked for.
	const [all, groups, people] = round
		? await Promise.all([
				familyAnswers(db, me.schoolId, round.id, { ...filter, status: undefined }),
				groupsOfSchool(db, me.schoolId),
				seesWholeSchool(me) ? activeStaff(db, me.schoolId) : Promise.resolve([])
			])
		: [[], [], []];
	const rows = filter.status ? all.filter((f) => f.status === filter.status) : all;
	return {
		round: round && { name: round.name },
		isAdmin: seesWholeSchool(me),
		filter: {
			status: filter.status ?? '',
			group: filter.groupId ?? '',
			staff: seesWholeSchool(me) ? (filter.staffId ?? '') : ''
		},
		query: event.url.search,
		done:
			(['booked', 'unchanged', 'declined', 'cancelled'] as const).find(
				(d) => d === event.url.searchParams.get('done')
			) ?? null,
		counts: {
			booked: all.filter((f) => f.status === 'booked').length,
			declined: all.filter((f) => f.status === 'declined').length,
			open: all.filter((f) => f.status === 'open').length
		},
		// For the office to arrange: every booked visit that asks for an interpreter, soonest first.
		interpreterRequests: (filter.status && filter.status !== 'booked' ? [] : all)
			.filter((f) => f.status === 'booked' && f.interpreterLanguage && f.startsAt)
			.map((f) => ({
				familyId: f.familyId,
				language: f.interpreterLanguage!,
				date: toWallTime(f.startsAt!, timeZone).date,
				start: toWallTime(f.startsAt!, timeZone).time,
				teacher: f.teacher,
				children: f.children.map((c) => c.name).join(', ')
			})),
		groups,
		people: people.map((p) => ({ id: p.id, name: p.name })),
		families: rows.map((f) => ({
			...f,
			date: f.startsAt ? toWallTime(f.startsAt, timeZone).date : null,
			start: f.startsAt ? toWallTime(f.startsAt, timeZone).time : null,
			end: f.endsAt ? toWallTime(f.endsAt, timeZone).time : null,
			startsAt: undefined,
			endsAt: undefined
		}))
	};
};
