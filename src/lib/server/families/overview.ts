/**
 * Which families a round covers and how each has answered, for the teacher's overview, the
 * CSV export and the day sheet. Teachers see the families they visit; admins all of the school.
 */
import { sql, type SQL } from 'drizzle-orm';
import { jsonOf, rowsOf, type Database } from '../db';
import { fullNameSql } from '../roster/names';

/**
 * A pupil (alias `p`) brings their family into the round when in one of the round's groups, or new
 * while the round includes new pupils. Neither subquery refers to the pupil row: PostgreSQL runs
 * each once (a hashed list of groups), not once per pupil (0.2 s on PGlite at 1,000 pupils).
 */
export const pupilInRound = (roundId: string): SQL => sql`(
	p.group_id in (select group_id from visit_round_group where round_id = ${roundId})
	or (p.is_new and exists (select 1 from visit_round r where r.id = ${roundId} and r.include_new_pupils)))`;

/**
 * A family takes part when one of its children does (pupilInRound). Only the round's own school's
 * pupils are looked at: the `or` in pupilInRound keeps PostgreSQL from using the group index, so
 * without the school it read every school's pupils (1 s at 1,000 schools, bench/scale.ts); by
 * school it is the index on (school_id, pupil_number). A new pupil of another school never
 * joins this round either, whatever the caller filters afterwards.
 */
export const familiesInRound = (roundId: string): SQL => sql`
	select distinct p.family_id from pupil p
	where p.school_id = (select r.school_id from visit_round r where r.id = ${roundId})
	  and ${pupilInRound(roundId)}`;

export type AnswerStatus = 'booked' | 'declined' | 'open';

export interface FamilyAnswer {
	familyId: string;
	bookingId: string | null;
	/** Raised on every change of the answer; calendar files carry it as SEQUENCE. */
	sequence: number;
	slotId: string | null;
	placeId: string | null;
	/** The address the parent typed for the visit, if it differs from the family's own. */
	visitAddress: string | null;
	children: { name: string; group: string | null }[];
	teacher: string | null;
	status: AnswerStatus;
	startsAt: Date | null;
	endsAt: Date | null;
	location: 'home' | 'school' | 'neutral' | null;
	address: string;
	placeName: string | null;
	placeAddress: string | null;
	/** The school arranges an interpreter for this language. */
	interpreterLanguage: string | null;
	/** The family brings its own interpreter (a relative or friend) for this language. */
	ownInterpreterLanguage: string | null;
	questions: string | null;
	/** Staff's own note: for staff pages only, never for the family's. */
	staffNote: string | null;
	notHomeReason: string | null;
	notHomeReasonText: string | null;
	familyNotice: 'moved' | 'cancelled' | null;
	hasEmail: boolean;
	secondStaff: string | null;
	talkingPoints: string;
}

export interface OverviewFilter {
	/** Only the families this person visits (or goes along to); null: the whole school. */
	staffId: string | null;
	status?: AnswerStatus;
	groupId?: string;
	/** One family only: its own page needs no list of the whole school. */
	familyId?: string;
}

export async function familyAnswers(
	db: Database,
	schoolId: string,
	roundId: string,
	filter: OverviewFilter
): Promise<FamilyAnswer[]> {
	const result = await db.execute(sql`
		with fams as (${familiesInRound(roundId)}),
		answer as (
			select b.* from booking b where b.round_id = ${roundId} and b.status <> 'cancelled'
		)
		select f.id as family_id,
			trim(concat_ws(' ', f.street, f.postal_code, f.city)) as family_address,
			v.name as teacher,
			a.id as booking_id, a.sequence, a.slot_id, a.neutral_place_id,
			a.status, a.location, a.visit_address, a.interpreter_language, a.own_interpreter_language, a.parent_questions, a.staff_note,
			a.not_home_reason, a.not_home_reason_text, a.family_notice,
			s.starts_at, s.ends_at, s2.name as second_staff,
			np.name as place_name, np.address as place_address,
			exists (select 1 from guardian g where g.family_id = f.id and g.email is not null) as has_email,
			(select json_agg(json_build_object('name', ${fullNameSql('p')}, 'group', sg.name) order by p.birth_date nulls last)
			   from pupil p left join school_group sg on sg.id = p.group_id where p.family_id = f.id) as children,
			coalesce((select vrg.talking_points from pupil p join visit_round_group vrg on vrg.group_id = p.group_id and vrg.round_id = ${roundId}
			   where p.family_id = f.id order by p.birth_date nulls last limit 1),
			   (select r.new_pupil_talking_points from visit_round r where r.id = ${roundId})) as talking_points
		from family f
		join fams on fams.family_id = f.id
		left join staff v on v.id = f.visiting_staff_id
		left join answer a on a.family_id = f.id
		left join slot s on s.id = a.slot_id
		left join staff s2 on s2.id = s.second_staff_id
		left join neutral_place np on np.id = a.neutral_place_id
		where f.school_id = ${schoolId}
		  ${filter.staffId ? sql`and (f.visiting_staff_id = ${filter.staffId} or s.second_staff_id = ${filter.staffId})` : sql``}
		  ${filter.familyId ? sql`and f.id = ${filter.familyId}` : sql``}
		  ${filter.groupId ? sql`and exists (select 1 from pupil p where p.family_id = f.id and p.group_id = ${filter.groupId})` : sql``}
		order by s.starts_at nulls last, f.id`);
	const rows = rowsOf<Record<string, unknown>>(result).map((r) => {
		const children = jsonOf<{ name: string; group: string | null }[]>(r.children);
		const status: AnswerStatus =
			r.status === 'booked' ? 'booked' : r.status === 'declined' ? 'declined' : 'open';
		return {
			familyId: r.family_id as string,
			bookingId: (r.booking_id as string | null) ?? null,
			sequence: Number(r.sequence ?? 0),
			slotId: (r.slot_id as string | null) ?? null,
			placeId: (r.neutral_place_id as string | null) ?? null,
			visitAddress: (r.visit_address as string | null) || null,
			children: children ?? [],
			teacher: (r.teacher as string | null) ?? null,
			status,
			startsAt: r.starts_at ? new Date(r.starts_at as string) : null,
			endsAt: r.ends_at ? new Date(r.ends_at as string) : null,
			location: (r.location as FamilyAnswer['location']) ?? null,
			address: (r.visit_address as string | null) || (r.family_address as string),
			placeName: (r.place_name as string | null) ?? null,
			placeAddress: (r.place_address as string | null) ?? null,
			interpreterLanguage: (r.interpreter_language as string | null) ?? null,
			ownInterpreterLanguage: (r.own_interpreter_language as string | null) ?? null,
			questions: (r.parent_questions as string | null) ?? null,
			staffNote: (r.staff_note as string | null) ?? null,
			notHomeReason: (r.not_home_reason as string | null) ?? null,
			notHomeReasonText: (r.not_home_reason_text as string | null) ?? null,
			familyNotice: (r.family_notice as FamilyAnswer['familyNotice']) ?? null,
			hasEmail: Boolean(r.has_email),
			secondStaff: (r.second_staff as string | null) ?? null,
			talkingPoints: (r.talking_points as string | null) ?? ''
		};
	});
	return filter.status ? rows.filter((r) => r.status === filter.status) : rows;
}
