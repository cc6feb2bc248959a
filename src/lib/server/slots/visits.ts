/**
 * The visits booked in a set of slots, as the week view and the day sheet show them: who (the
 * children's first names and groups), where (home with its address, school, or the neutral
 * place), the interpreter (still to arrange, arranged, or the family's own) and the parents' questions, and whether the family still has to hear
 * of a change the school made. Details come only for families this person may see (policy.ts):
 * a slot booked by a family that another teacher now visits stays "booked", without a name.
 */
import { sql } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { mayViewFamily, type Viewer } from '../auth/policy';
import { formatAddress } from '../../format';
import { fullNameSql } from '../roster/names';

export interface VisitChild {
	firstName: string;
	/** With the name prefix and last name (names.ts): the day sheet greets the family by it. */
	fullName: string;
	group: string | null;
	groupId: string | null;
	isNew: boolean;
}

/** The school's interpreter for a visit, once the office arranged one. */
export interface ArrangedInterpreter {
	/** A colleague with a staff account by their own name; else the name on the school's list. */
	name: string;
	kind: 'staff' | 'volunteer' | 'service';
	mode: 'in_person' | 'phone';
	/** Who a service sends, when the office knows. */
	contactName: string | null;
	/** The phone the service gave for this visit, else the interpreter's own. */
	phone: string | null;
}

export interface SlotVisit {
	slotId: string;
	bookingId: string;
	familyId: string;
	roundId: string;
	children: VisitChild[];
	location: 'home' | 'school' | 'neutral';
	/** Home: the address the parent gave for the visit, else the family's; neutral: the place's. */
	address: string | null;
	placeName: string | null;
	/** The school arranges an interpreter for this language … */
	interpreterLanguage: string | null;
	/** … and this is who, once arranged (null while the office still has to). */
	interpreter: ArrangedInterpreter | null;
	/** The family brings a relative or friend to interpret, in this language. */
	ownInterpreterLanguage: string | null;
	questions: string | null;
	staffNote: string | null;
	/** The school moved the visit (cancelled ones have no slot left to show). */
	familyNotice: 'moved' | 'cancelled' | null;
	/** The family's language: the one its mails are written in. */
	familyLanguage: string;
	/** Someone in the family has an e-mail address: a change made by the school reaches them by mail. */
	hasEmail: boolean;
	/**
	 * The school changed the visit and no mail reached the family about it: it has no e-mail
	 * address, or the mail failed. Somebody has to phone or speak to them.
	 */
	stillToTell: boolean;
}

/** Booked visits in these slots, keyed by slot, for the families this person may see. */
export async function visitsInSlots(
	db: Database,
	me: Viewer,
	slotIds: readonly string[]
): Promise<Map<string, SlotVisit>> {
	const visits = new Map<string, SlotVisit>();
	if (slotIds.length === 0) return visits;
	const ids = sql.join(
		slotIds.map((id) => sql`${id}::uuid`),
		sql`, `
	);
	const result = await db.execute(sql`
		select b.id as booking_id, b.slot_id, b.family_id, b.round_id, b.location, b.visit_address,
			b.interpreter_language, b.own_interpreter_language, b.parent_questions, b.staff_note, b.family_notice,
			f.school_id, f.visiting_staff_id, f.language as family_language,
			f.street, f.postal_code, f.city, s.second_staff_id,
			np.name as place_name, np.address as place_address,
			ir.mode as interpreter_mode, ir.contact_name as interpreter_contact,
			ir.contact_phone as interpreter_contact_phone, i.name as interpreter_name,
			i.kind as interpreter_kind, i.phone as interpreter_phone, ist.name as interpreter_staff_name,
			(select json_agg(json_build_object('firstName', p.first_name, 'fullName', ${fullNameSql('p')}, 'group', g.name,
					'groupId', p.group_id, 'isNew', p.is_new) order by p.birth_date nulls last, p.first_name)
			   from pupil p left join school_group g on g.id = p.group_id where p.family_id = f.id) as children,
			exists (select 1 from guardian gu where gu.family_id = f.id and coalesce(gu.email, '') <> '') as has_email,
			exists (select 1 from outbox o where o.booking_id = b.id and o.kind in ('visit_changed', 'visit_cancelled')
			   and o.status = 'failed' and o.created_at >= b.updated_at) as mail_failed
		from booking b
		join slot s on s.id = b.slot_id
		join family f on f.id = b.family_id
		left join neutral_place np on np.id = b.neutral_place_id
		left join interpreter_request ir on ir.booking_id = b.id and ir.status = 'arranged'
		left join interpreter i on i.id = ir.interpreter_id
		left join staff ist on ist.id = i.staff_id
		where b.status = 'booked' and b.school_id = ${me.schoolId} and b.slot_id in (${ids})`);
	for (const r of rowsOf<Record<string, unknown>>(result)) {
		const ref = {
			schoolId: r.school_id as string,
			visitingStaffId: (r.visiting_staff_id as string | null) ?? null,
			goingAlong: r.second_staff_id ? [r.second_staff_id as string] : []
		};
		if (!mayViewFamily(me, ref)) continue;
		const location = r.location as SlotVisit['location'];
		const notice = (r.family_notice as SlotVisit['familyNotice']) ?? null;
		visits.set(r.slot_id as string, {
			slotId: r.slot_id as string,
			bookingId: r.booking_id as string,
			familyId: r.family_id as string,
			roundId: r.round_id as string,
			children: jsonOf<VisitChild[]>(r.children) ?? [],
			location,
			...whereabouts(r, location),
			interpreterLanguage: (r.interpreter_language as string | null) || null,
			interpreter: r.interpreter_name ? arrangedInterpreter(r) : null,
			ownInterpreterLanguage: (r.own_interpreter_language as string | null) || null,
			questions: (r.parent_questions as string | null) || null,
			staffNote: (r.staff_note as string | null) || null,
			familyNotice: notice,
			familyLanguage: r.family_language as string,
			hasEmail: Boolean(r.has_email),
			stillToTell: notice !== null && (!r.has_email || Boolean(r.mail_failed))
		});
	}
	return visits;
}

/**
 * Where a visit is, from a row with the booking's `visit_address`, the family's `street`,
 * `postal_code` and `city`, and the neutral place's `place_name` and `place_address`: home the
 * address the parent gave for the visit, else the family's; neutral the place's; school nothing.
 */
export function whereabouts(r: Record<string, unknown>, location: SlotVisit['location']) {
	return {
		address:
			location === 'home'
				? (r.visit_address as string | null) ||
					formatAddress(r.street as string, r.postal_code as string, r.city as string)
				: location === 'neutral'
					? ((r.place_address as string | null) ?? null)
					: null,
		placeName: location === 'neutral' ? ((r.place_name as string | null) ?? null) : null
	};
}

function arrangedInterpreter(r: Record<string, unknown>): ArrangedInterpreter {
	const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
	return {
		name: text(r.interpreter_staff_name) ?? (r.interpreter_name as string),
		kind: r.interpreter_kind as ArrangedInterpreter['kind'],
		mode: r.interpreter_mode as ArrangedInterpreter['mode'],
		contactName: text(r.interpreter_contact),
		phone: text(r.interpreter_contact_phone) ?? text(r.interpreter_phone)
	};
}
