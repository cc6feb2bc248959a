import { requireStaff } from '$lib/server/auth/guard';
import { runsSchool } from '$lib/server/auth/policy';
import { now, schoolToday } from '$lib/server/clock';
import {
	currentRound,
	familiesVisitedBy,
	groupsOfTeacher,
	schoolCounts
} from '$lib/server/school/overview';
import { failedCount } from '$lib/server/mail/mailbox';
import { openReportCount } from '$lib/server/reports/list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const db = event.locals.db;
	const [round, counts, groups, visits, failedMail, openReports] = await Promise.all([
		currentRound(db, me.schoolId, schoolToday(me.timeZone)),
		schoolCounts(db, me.schoolId),
		groupsOfTeacher(db, me.schoolId, me.id),
		familiesVisitedBy(db, me.schoolId, me.id),
		runsSchool(me) ? failedCount(db, me.schoolId) : 0,
		openReportCount(db, me, now())
	]);
	return {
		me: { name: me.name, runsSchool: runsSchool(me), title: me.title },
		timeZone: me.timeZone,
		round: round && {
			name: round.name,
			startsOn: round.startsOn,
			endsOn: round.endsOn,
			bookingOpensAt: round.bookingOpensAt,
			bookingClosesAt: round.bookingClosesAt,
			visitMinutes: round.visitMinutes
		},
		counts,
		groups,
		visits,
		failedMail,
		openReports
	};
};
