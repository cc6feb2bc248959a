/** What the staff dashboard shows. Every query is scoped to the signed-in person's school. */
import { and, asc, count, countDistinct, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { family, group, groupTeacher, pupil, staff, visitRound, staffTitle } from '../db/schema';

export interface RoundSummary {
	id: string;
	name: string;
	startsOn: string;
	endsOn: string;
	bookingOpensAt: Date;
	bookingClosesAt: Date;
	visitMinutes: number;
	travelMinutes: number;
}

/**
 * The round staff work on now: the one running today, else the next one to start, else the one
 * that ended last. An office that sets up next spring's round in November changes nothing yet.
 */
export async function currentRound(
	db: Database,
	schoolId: string,
	today: string
): Promise<RoundSummary | null> {
	const [round] = await db
		.select({
			id: visitRound.id,
			name: visitRound.name,
			startsOn: visitRound.startsOn,
			endsOn: visitRound.endsOn,
			bookingOpensAt: visitRound.bookingOpensAt,
			bookingClosesAt: visitRound.bookingClosesAt,
			visitMinutes: visitRound.visitMinutes,
			travelMinutes: visitRound.travelMinutes
		})
		.from(visitRound)
		.where(eq(visitRound.schoolId, schoolId))
		.orderBy(
			sql`${visitRound.endsOn} < ${today}`,
			sql`case when ${visitRound.endsOn} >= ${today} then ${visitRound.startsOn} end asc`,
			desc(visitRound.startsOn)
		)
		.limit(1);
	return round ?? null;
}

export interface SchoolCounts {
	groups: number;
	pupils: number;
	families: number;
	staff: number;
}

export async function schoolCounts(db: Database, schoolId: string): Promise<SchoolCounts> {
	const [[groups], [pupils], [families], [people]] = await Promise.all([
		db.select({ n: count() }).from(group).where(eq(group.schoolId, schoolId)),
		db.select({ n: count() }).from(pupil).where(eq(pupil.schoolId, schoolId)),
		db.select({ n: count() }).from(family).where(eq(family.schoolId, schoolId)),
		db
			.select({ n: count() })
			.from(staff)
			.where(and(eq(staff.schoolId, schoolId), eq(staff.active, true)))
	]);
	return {
		groups: groups?.n ?? 0,
		pupils: pupils?.n ?? 0,
		families: families?.n ?? 0,
		staff: people?.n ?? 0
	};
}

export interface TeacherGroup {
	name: string;
	pupils: number;
}

export async function groupsOfTeacher(
	db: Database,
	schoolId: string,
	staffId: string
): Promise<TeacherGroup[]> {
	return db
		.select({ name: group.name, pupils: countDistinct(pupil.id) })
		.from(groupTeacher)
		.innerJoin(group, eq(group.id, groupTeacher.groupId))
		.leftJoin(pupil, eq(pupil.groupId, group.id))
		.where(and(eq(groupTeacher.staffId, staffId), eq(group.schoolId, schoolId)))
		.groupBy(group.id, group.name)
		.orderBy(asc(group.name));
}

export async function familiesVisitedBy(
	db: Database,
	schoolId: string,
	staffId: string
): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(family)
		.where(and(eq(family.schoolId, schoolId), eq(family.visitingStaffId, staffId)));
	return row?.n ?? 0;
}

export interface StaffMember {
	id: string;
	name: string;
	email: string;
	role: 'admin' | 'teacher';
	title: (typeof staffTitle.enumValues)[number];
	active: boolean;
	accountReady: boolean;
}

export async function staffOfSchool(db: Database, schoolId: string): Promise<StaffMember[]> {
	const rows = await db
		.select({
			id: staff.id,
			name: staff.name,
			email: staff.email,
			role: staff.role,
			title: staff.title,
			active: staff.active,
			passwordHash: staff.passwordHash
		})
		.from(staff)
		.where(eq(staff.schoolId, schoolId))
		.orderBy(asc(staff.role), asc(staff.name));
	return rows.map(({ passwordHash, ...rest }) => ({
		...rest,
		accountReady: passwordHash !== null
	}));
}
