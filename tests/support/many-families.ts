/**
 * A large school in a few statements (generate_series, no loop of inserts): `families` families
 * with 1 or 2 children in 24 groups, `teachers` visiting teachers, an office member, and one round
 * in which the families have answered by a fixed rule (`answerOf`), so a test or a benchmark
 * knows every count without asking the code it checks.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/lib/server/db';

/** The round runs 19 October – 6 November 2026; its first week is 19–25 October. */
export const ROUND_FIRST_DAY = '2026-10-19';

export interface Answer {
	status: 'not_answered' | 'home' | 'school' | 'neutral' | 'declined';
	interpreter: boolean;
	reason: boolean;
	/** The visit is in the round's first week (19–25 October). */
	firstWeek: boolean;
}

/** Family k's answer: 3 in 10 none, 4 at home, 1 at school, 1 at a neutral place, 1 no meeting. */
export function answerOf(k: number): Answer {
	const status = (
		[
			'not_answered',
			'not_answered',
			'not_answered',
			'home',
			'home',
			'home',
			'home',
			'school',
			'neutral',
			'declined'
		] as const
	)[k % 10]!;
	const booked = status === 'home' || status === 'school' || status === 'neutral';
	return {
		status,
		interpreter: booked && k % 7 === 0,
		reason: status === 'school' || status === 'neutral' || status === 'declined',
		firstWeek: booked && k % 15 < 7
	};
}

export interface ManyFamilies {
	schoolId: string;
	roundId: string;
	officeId: string;
	/** Teacher i (1-based) visits the families k with k % teachers = i - 1. */
	teacherIds: string[];
	/** Family ids by k (1-based: familyIds[k - 1]). */
	familyIds: string[];
}

export async function seedManyFamilies(
	db: Database,
	options: { families: number; teachers: number; school?: string }
): Promise<ManyFamilies> {
	const { families: n, teachers: tn } = options;
	const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query))[0]!;
	const { id: schoolId } = await one<{ id: string }>(
		sql`insert into school (name, phone) values (${options.school ?? 'Grote school'}, '030 000 0000') returning id`
	);
	const tag = schoolId.slice(0, 8);
	const { id: officeId } = await one<{ id: string }>(
		sql`insert into staff (school_id, email, name, role, title) values (${schoolId}, ${`office-${tag}@large.example`}, 'Office', 'admin', 'office') returning id`
	);
	await db.execute(
		sql`insert into staff (school_id, email, name, role) select ${schoolId}, 'teacher' || i || '-' || ${tag} || '@large.example', 'Leerkracht ' || lpad(i::text, 2, '0'), 'teacher' from generate_series(1, ${tn}) i`
	);
	const teacherIds = rowsOf<{ id: string }>(
		await db.execute(
			sql`select id from staff where school_id = ${schoolId} and role = 'teacher' order by name`
		)
	).map((r) => r.id);
	await db.execute(
		sql`insert into school_group (school_id, name, year) select ${schoolId}, ((g - 1) / 3 + 1) || chr(65 + (g - 1) % 3), (g - 1) / 3 + 1 from generate_series(1, 24) g`
	);
	const { id: placeId } = await one<{ id: string }>(
		sql`insert into neutral_place (school_id, name, address) values (${schoolId}, 'Buurthuis', 'Pleinweg 1') returning id`
	);
	const { id: roundId } = await one<{ id: string }>(
		sql`insert into visit_round (school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
			values (${schoolId}, 'Najaar 2026', ${ROUND_FIRST_DAY}, '2026-11-06', '2026-10-01T08:00:00Z', '2026-11-05T16:00:00Z') returning id`
	);
	await db.execute(
		sql`insert into visit_round_group (round_id, group_id) select ${roundId}, id from school_group where school_id = ${schoolId}`
	);
	await db.execute(sql`
		with t as (select id, row_number() over (order by name) - 1 as i from staff where school_id = ${schoolId} and role = 'teacher')
		insert into family (school_id, street, postal_code, city, visiting_staff_id)
		select ${schoolId}, 'Straat ' || k, '1000 AB', 'Amsterdam', t.id
		from generate_series(1, ${n}) k join t on t.i = k % ${tn}`);
	const familyIds = rowsOf<{ id: string }>(
		await db.execute(
			sql`select id from family where school_id = ${schoolId} order by (substring(street from 8))::int`
		)
	).map((r) => r.id);
	// Family k: Kind<k> Fam<k> in group 1 + k % 24; every fourth family a younger sister too.
	await db.execute(sql`
		with f as (select id, (substring(street from 8))::int as k from family where school_id = ${schoolId}),
		g as (select id, row_number() over (order by year, name) as n from school_group where school_id = ${schoolId})
		insert into pupil (school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date)
		select ${schoolId}::uuid, f.id, g.id, (100000 + f.k)::text, 'Kind' || f.k, 'Fam' || lpad(f.k::text, 5, '0'), date '2017-01-01'
		from f join g on g.n = 1 + f.k % 24
		union all
		select ${schoolId}::uuid, f.id, g.id, (200000 + f.k)::text, 'Zus' || f.k, 'Fam' || lpad(f.k::text, 5, '0'), date '2020-01-01'
		from f join g on g.n = 1 + (f.k + 5) % 24 where f.k % 4 = 0`);
	await db.execute(sql`
		insert into guardian (family_id, name, email)
		select id, 'Ouder ' || substring(street from 8), case when (substring(street from 8))::int % 10 <> 1 then 'ouder' || substring(street from 8) || '-' || ${tag} || '@large.example' end
		from family where school_id = ${schoolId}`);
	// One slot per booked family at its teacher, on day k % 15 of the round, a minute apart per k.
	await db.execute(sql`
		with f as (select id, visiting_staff_id, (substring(street from 8))::int as k from family where school_id = ${schoolId})
		insert into slot (school_id, round_id, staff_id, starts_at, ends_at)
		select ${schoolId}, ${roundId}, visiting_staff_id,
			timestamptz '2026-10-19 13:00:00+00' + (k % 15) * interval '1 day' + (k / 15) * interval '1 minute',
			timestamptz '2026-10-19 13:45:00+00' + (k % 15) * interval '1 day' + (k / 15) * interval '1 minute'
		from f where k % 10 between 3 and 8`);
	await db.execute(sql`
		with f as (select id, visiting_staff_id, (substring(street from 8))::int as k from family where school_id = ${schoolId})
		insert into booking (school_id, round_id, family_id, slot_id, status, location, neutral_place_id, interpreter_language, not_home_reason)
		select ${schoolId}, ${roundId}, f.id, s.id,
			case when f.k % 10 = 9 then 'declined' else 'booked' end::booking_status,
			case f.k % 10 when 7 then 'school' when 8 then 'neutral' when 9 then null else 'home' end::visit_location,
			case when f.k % 10 = 8 then ${placeId}::uuid end,
			case when f.k % 10 between 3 and 8 and f.k % 7 = 0 then 'ar' end,
			case when f.k % 10 in (7, 8, 9) then 'no_space' end
		from f left join slot s on s.round_id = ${roundId} and s.staff_id = f.visiting_staff_id
			and s.starts_at = timestamptz '2026-10-19 13:00:00+00' + (f.k % 15) * interval '1 day' + (f.k / 15) * interval '1 minute'
		where f.k % 10 between 3 and 9`);
	// A cancelled answer counts for nothing: some families without an answer had one.
	await db.execute(sql`
		insert into booking (school_id, round_id, family_id, status, cancelled_at)
		select ${schoolId}, ${roundId}, id, 'cancelled', now() from family
		where school_id = ${schoolId} and (substring(street from 8))::int % 10 = 0`);
	return { schoolId, roundId, officeId, teacherIds, familyIds };
}
