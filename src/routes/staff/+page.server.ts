import { requireStaff } from '$lib/server/auth/guard';
import { runsSchool } from '$lib/server/auth/policy';
import { now } from '$lib/server/clock';
import { groupsOfTeacher, schoolCounts } from '$lib/server/school/overview';
import { failedCount } from '$lib/server/mail/mailbox';
import { openReportCount } from '$lib/server/reports/list';
import { staffHome } from '$lib/server/visit-rounds/home';
import { otherTimeAskedCount } from '$lib/server/requests/for-teacher';
import { slotShortages } from '$lib/server/visit-rounds/shortage';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event);
	const db = event.locals.db;
	const office = runsSchool(me);
	const at = now();
	const [home, groups, counts, failedMail, openReports, otherTimeAsked] = await Promise.all([
		staffHome(db, me, at),
		groupsOfTeacher(db, me.schoolId, me.id),
		office ? schoolCounts(db, me.schoolId) : null,
		office ? failedCount(db, me.schoolId) : 0,
		openReportCount(db, me, at),
		otherTimeAskedCount(db, me)
	]);
	// The office sees every teacher short of times; anyone else only their own.
	const shortages = await slotShortages(
		db,
		me.schoolId,
		home.rounds.map((r) => r.id),
		at,
		office ? null : me.id
	);
	return {
		me: { name: me.name, runsSchool: office, title: me.title },
		timeZone: me.timeZone,
		rounds: home.rounds.map((r) => ({
			id: r.id,
			name: r.name,
			startsOn: r.startsOn,
			endsOn: r.endsOn,
			bookingOpensAt: r.bookingOpensAt,
			bookingClosesAt: r.bookingClosesAt
		})),
		schoolProgress: home.school,
		mine: home.mine,
		interpretersToArrange: home.interpretersToArrange,
		groups,
		counts,
		failedMail,
		openReports,
		otherTimeAsked,
		shortages
	};
};
