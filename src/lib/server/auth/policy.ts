/**
 * Who may see and change what. Every load and action asks here (directly, or through
 * `requireStaff`/`requireAdmin` in guard.ts and the SQL conditions below); no other module
 * decides access on its own. Parents are not in this table: a family's link token opens that one
 * family's pages and nothing else (families/links.ts).
 *
 * People. Staff sign in with a role and a title. `admin` is the school office, the director and
 * usually the care coordinator; `teacher` is a teacher or an intern. A care coordinator may have
 * the teacher role at a small school: their title still lets them read every report.
 * A visit's *staff* are its slot's teacher and the second staff member who goes along.
 *
 * | resource                                         | admin             | teacher                                  |
 * | ------------------------------------------------ | ----------------- | ---------------------------------------- |
 * | school settings, team, roster, rounds, places,   | the whole school  | no                                       |
 * |   letters and links, Mailbox, privacy, evaluation|                   |                                          |
 * | families list                                    | the whole school  | families they visit or go along to       |
 * | a family's page and contact details              | the whole school  | families they visit or go along to       |
 * | book, change, cancel, decline for a family       | the whole school  | families they visit                      |
 * | who visits a family                              | the whole school  | no                                       |
 * | a week of slots                                  | anyone's          | their own (as teacher or going along)    |
 * | the school's visits of a day or week, all        | the whole school  | no                                       |
 * |   teachers together (slots/school-visits.ts)     |                   |                                          |
 * | visits they interpret at (a colleague who        | anyone's          | their own: time, place, language, the    |
 * |   interprets; slots/visits.ts)                   |                   |   teacher; never the family or its link  |
 * | interpreter requests and the school's interpreters| the whole school  | no                                       |
 * | add, move, delete a slot                         | anyone's          | their own (as its teacher)               |
 * | read a visit report                              | every one         | visits they went to or are named in;     |
 * |                                                  |                   |   every one if their title is care coord.|
 * | write a visit report                             | as reading        | as reading                               |
 *
 * Everything is within the person's own school: another school's rows are not found (404), the
 * same answer as for an id that does not exist, so nothing tells that they do.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface Viewer {
	id: string;
	schoolId: string;
	role: 'admin' | 'teacher';
	title: string;
}

/** The office's work: settings, team, roster, rounds, places, letters, Mailbox, privacy, evaluation. */
export const runsSchool = (me: Viewer) => me.role === 'admin';

/** Sees every family of the school, not only those they visit. */
export const seesWholeSchool = (me: Viewer) => me.role === 'admin';

export const readsAllReports = (me: Viewer) =>
	me.role === 'admin' || me.title === 'care_coordinator';

/** A family as access sees it: its school, who visits it, and who goes along to its booked visit. */
export interface FamilyRef {
	schoolId: string;
	visitingStaffId: string | null;
	/** Second staff members of the family's booked visit. */
	goingAlong?: string[];
}

export function mayViewFamily(me: Viewer, family: FamilyRef): boolean {
	if (family.schoolId !== me.schoolId) return false;
	return (
		seesWholeSchool(me) ||
		family.visitingStaffId === me.id ||
		(family.goingAlong ?? []).includes(me.id)
	);
}

/** Book, change, cancel or decline on the family's behalf. */
export function mayActForFamily(me: Viewer, family: FamilyRef): boolean {
	return (
		family.schoolId === me.schoolId && (seesWholeSchool(me) || family.visitingStaffId === me.id)
	);
}

/** Whose families a list shows: `null` for the whole school, else one person's. */
export function familiesListedFor(me: Viewer, askedFor: string | null): string | null {
	return seesWholeSchool(me) ? askedFor : me.id;
}

/** Whose week of slots a page shows: an admin may look at anyone's, a teacher at their own. */
export function slotsShownFor(me: Viewer, askedFor: string | null): string {
	return runsSchool(me) && askedFor ? askedFor : me.id;
}

export function mayChangeSlot(me: Viewer, slot: { schoolId: string; staffId: string }): boolean {
	return slot.schoolId === me.schoolId && (runsSchool(me) || slot.staffId === me.id);
}

export interface ReportRef {
	schoolId: string;
	/** The visit's slot staff (teacher and second), if the booking still exists. */
	slotStaffIds: string[];
	/** Who the report names as present from school. */
	reportStaffIds: string[];
}

export function mayReadReport(me: Viewer, report: ReportRef): boolean {
	if (report.schoolId !== me.schoolId) return false;
	return (
		readsAllReports(me) ||
		report.slotStaffIds.includes(me.id) ||
		report.reportStaffIds.includes(me.id)
	);
}

/** The same rule as `mayReadReport`, as a condition on the query's own columns (no alias assumed). */
export function reportReadableSql(
	me: Viewer,
	columns: { schoolId: SQL; slotStaffId: SQL; secondStaffId: SQL; reportStaffIds: SQL }
): SQL {
	if (readsAllReports(me)) return sql`${columns.schoolId} = ${me.schoolId}`;
	return sql`${columns.schoolId} = ${me.schoolId} and (${me.id}::uuid in (${columns.slotStaffId}, ${columns.secondStaffId}) or ${me.id}::uuid = any(coalesce(${columns.reportStaffIds}, '{}')))`;
}
