/**
 * The staff menu: each person gets the pages of their own work. Everyone has the home page,
 * families and reports. "My times" and "My calendar" are for people who visit: teachers and
 * interns always, and office staff only when they have a group, slots or families of their own;
 * office staff without them get the team's times instead. The school's own pages (auth/policy.ts,
 * `runsSchool`) are for the office only, among them all teachers' visits of a day or a week.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { runsSchool, type Viewer } from '../auth/policy';

export const menuItems = {
	overview: '/staff',
	families: '/staff/families',
	slots: '/staff/slots',
	team_slots: '/staff/slots',
	calendar: '/staff/calendar',
	visits: '/staff/visits',
	reports: '/staff/reports',
	rounds: '/staff/rounds',
	mailbox: '/staff/mailbox',
	interpreters: '/staff/interpreters',
	roster: '/staff/roster',
	team: '/staff/team',
	places: '/staff/places',
	school: '/staff/school',
	privacy: '/staff/privacy'
} as const;
export type MenuItem = keyof typeof menuItems;

/** Whether this person visits families: a group of their own, a slot (theirs or going along), or families assigned. */
export async function visitsFamilies(db: Database, me: Viewer): Promise<boolean> {
	const [row] = rowsOf<{ visits: boolean }>(
		await db.execute(sql`
			select exists (select 1 from group_teacher gt join school_group g on g.id = gt.group_id
			                 where gt.staff_id = ${me.id} and g.school_id = ${me.schoolId})
			    or exists (select 1 from slot_staff ss where ss.staff_id = ${me.id})
			    or exists (select 1 from family f where f.visiting_staff_id = ${me.id} and f.school_id = ${me.schoolId})
			  as visits`)
	);
	return Boolean(row?.visits);
}

export async function staffMenu(db: Database, me: Viewer): Promise<MenuItem[]> {
	if (!runsSchool(me)) return ['overview', 'families', 'slots', 'calendar', 'reports'];
	const own: MenuItem[] = (await visitsFamilies(db, me)) ? ['slots', 'calendar'] : ['team_slots'];
	return [
		'overview',
		'families',
		...own,
		'visits',
		'reports',
		'rounds',
		'mailbox',
		'interpreters',
		'roster',
		'team',
		'places',
		'school',
		'privacy'
	];
}
