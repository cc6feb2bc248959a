/**
 * Who may read visit reports: the staff of the visit, the admins, and the care coordinator
 * (who may have the teacher role at a small school). Every other query about reports goes
 * through `readableBy`, so that rule lives in one place.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface Reader {
	id: string;
	schoolId: string;
	role: 'admin' | 'teacher';
	title: string;
}

export const readsAllReports = (me: Reader) => me.role === 'admin' || me.title === 'care_coordinator';

/**
 * A condition on `visit_report vr` (and, for reports still tied to a booking, on its slot):
 * true when `me` may read the report.
 */
export function readableBy(me: Reader): SQL {
	if (readsAllReports(me)) return sql`vr.school_id = ${me.schoolId}`;
	return sql`vr.school_id = ${me.schoolId} and (${me.id}::uuid = any(vr.staff_ids) or exists (
		select 1 from booking rb join slot rs on rs.id = rb.slot_id
		where rb.id = vr.booking_id and ${me.id}::uuid in (rs.staff_id, rs.second_staff_id)))`;
}
