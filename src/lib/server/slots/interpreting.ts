/**
 * The visits a colleague interprets at (interpreter.staff_id is theirs, the request arranged), for
 * their own week and day sheet. These are other teachers' families, whom the colleague may not
 * otherwise see (policy.ts): so only what interpreting takes — the time, the place (the address
 * only when they come to a home in person), the language, the teacher and the school's phone.
 * No family, no names, no link: the visit is read-only for them. A home address shown is a
 * contact detail, logged as seen like every other.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import { slotsShownFor, type Viewer } from '../auth/policy';
import { recordContactViews, type ContactPage } from '../audit/record';
import { whereabouts } from './visits';

export interface InterpretingVisit {
	slotId: string;
	startsAt: Date;
	endsAt: Date;
	language: string;
	mode: 'in_person' | 'phone';
	location: 'home' | 'school' | 'neutral';
	/** Home in person: the visit's address; neutral: the place's; else null. */
	address: string | null;
	placeName: string | null;
	teacherId: string;
	teacher: string;
	schoolPhone: string;
}

/** The visits `staffId` interprets at between `from` and `to`, as `me` may see them. */
export async function interpretingOf(
	db: Database,
	me: Viewer,
	staffId: string,
	from: Date,
	to: Date,
	page: ContactPage
): Promise<InterpretingVisit[]> {
	// Their own, or anyone's for the office: the same rule as for a week of slots.
	if (slotsShownFor(me, staffId) !== staffId) return [];
	const result = await db.execute(sql`
		select b.slot_id, b.family_id, s.starts_at, s.ends_at, ir.language, ir.mode, b.location,
			b.visit_address, f.street, f.postal_code, f.city, np.name as place_name,
			np.address as place_address, st.id as teacher_id, st.name as teacher, sc.phone as school_phone
		from interpreter_request ir
		join interpreter i on i.id = ir.interpreter_id and i.school_id = ir.school_id
		join booking b on b.id = ir.booking_id and b.status = 'booked'
		join slot s on s.id = b.slot_id
		join staff st on st.id = s.staff_id
		join family f on f.id = b.family_id
		join school sc on sc.id = ir.school_id
		left join neutral_place np on np.id = b.neutral_place_id
		where ir.status = 'arranged' and ir.school_id = ${me.schoolId} and i.staff_id = ${staffId}
			and s.starts_at >= ${from.toISOString()}::timestamptz and s.starts_at < ${to.toISOString()}::timestamptz
		order by s.starts_at`);
	const rows = rowsOf<Record<string, unknown>>(result);
	const visits = rows.map((r): InterpretingVisit => {
		const location = r.location as InterpretingVisit['location'];
		const mode = r.mode as InterpretingVisit['mode'];
		return {
			slotId: r.slot_id as string,
			startsAt: new Date(r.starts_at as string),
			endsAt: new Date(r.ends_at as string),
			language: r.language as string,
			mode,
			location,
			// By phone the family's home is no business of the interpreter's.
			...(location === 'home' && mode === 'phone'
				? { address: null, placeName: null }
				: whereabouts(r, location)),
			teacherId: r.teacher_id as string,
			teacher: r.teacher as string,
			schoolPhone: (r.school_phone as string | null) ?? ''
		};
	});
	await recordContactViews(db, {
		schoolId: me.schoolId,
		staffId: me.id,
		familyIds: rows
			.filter((r) => r.location === 'home' && r.mode === 'in_person')
			.map((r) => r.family_id as string),
		page
	});
	return visits;
}
