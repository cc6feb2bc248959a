/**
 * A school in the middle of a visit round, made with a few bulk inserts (a thousand families take
 * well under a second), and what its figures must be, worked out here in plain code from the same
 * rules the rows were made by: the oracle for the home page's counts, and the bench's data.
 *
 * Family k (1…n) has a child in group G(k mod groups), a second child when k is a multiple of 5,
 * and is visited by teacher (k mod teachers). Its answer is decided by k mod 10:
 *   0–3 booked at home, 4 at school, 5 at a neutral place, 6 no meeting, 7 booked and cancelled
 *   (so not answered), 8–9 not answered.
 * Booked and cancelled families each have their own slot, 50 minutes after the one before,
 * from 19 October 2026 08:00 UTC on; every 50th has a second staff member (the next teacher).
 * Booked with k a multiple of 3 asked for an interpreter; past visits with k a multiple of 4 have
 * their report. Families without a phone: k a multiple of 7.
 * Besides: `outside` families in a group the round leaves out, all "no meeting"; the first five
 * have a new pupil, so they are invited after all.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/lib/server/db';
import type { ProgressFigure } from '../../src/lib/server/visit-rounds/progress';

export const FIRST_SLOT = Date.parse('2026-10-19T08:00:00Z');
export const SLOT_STEP_MS = 50 * 60_000;
const NEW_OUTSIDE = 5;

export interface BusyRoundOptions {
	/** Unique per school in one database: it goes into the staff's e-mail addresses. */
	tag: string;
	families: number;
	teachers?: number;
	groups?: number;
	outside?: number;
	now: Date;
}

export interface BusyRound {
	schoolId: string;
	roundId: string;
	/** Teacher i's id at index i. */
	teachers: string[];
	officeId: string;
	options: Required<BusyRoundOptions>;
}

const one = async <T>(db: Database, query: ReturnType<typeof sql>) =>
	rowsOf<T>(await db.execute(query))[0]!;

export const slotStart = (k: number) => new Date(FIRST_SLOT + k * SLOT_STEP_MS);
export const phoneOf = (k: number) => (k % 7 === 0 ? null : `06${String(k).padStart(8, '0')}`);
const hasSlot = (k: number) => [0, 1, 2, 3, 4, 5, 7].includes(k % 10);
const isBooked = (k: number) => k % 10 <= 5;

export async function seedBusyRound(db: Database, options: BusyRoundOptions): Promise<BusyRound> {
	const o: Required<BusyRoundOptions> = { teachers: 12, groups: 24, outside: 20, ...options };
	const { tag } = o;
	const { id: schoolId } = await one<{ id: string }>(
		db,
		sql`insert into school (name, city, phone) values (${`School ${tag}`}, 'Amsterdam', '020 000 0000') returning id`
	);
	await db.execute(sql`insert into staff (school_id, email, name, role)
		select ${schoolId}, 'teacher' || i || '@' || ${tag} || '.example', 'Leerkracht ' || i, 'teacher' from generate_series(0, ${o.teachers - 1}) i`);
	const { id: officeId } = await one<{ id: string }>(
		db,
		sql`insert into staff (school_id, email, name, role, title) values (${schoolId}, ${`office@${tag}.example`}, 'Kantoor', 'admin', 'office') returning id`
	);
	await db.execute(sql`insert into school_group (school_id, name, year)
		select ${schoolId}, 'G' || g, 1 + g % 8 from generate_series(0, ${o.groups - 1}) g`);
	await db.execute(
		sql`insert into school_group (school_id, name, year) values (${schoolId}, 'X', 7)`
	);
	await db.execute(sql`insert into group_teacher (group_id, staff_id)
		select g.id, st.id from school_group g join staff st on st.school_id = g.school_id
		  and st.email = 'teacher' || (substring(g.name from 2)::int % ${o.teachers}) || '@' || ${tag} || '.example'
		where g.school_id = ${schoolId} and g.name <> 'X'`);
	await db.execute(sql`insert into family (school_id, street, postal_code, city, visiting_staff_id)
		select ${schoolId}, 'Straat ' || k, '1000 AB', 'Amsterdam', st.id from generate_series(1, ${o.families}) k
		join staff st on st.school_id = ${schoolId} and st.email = 'teacher' || (k % ${o.teachers}) || '@' || ${tag} || '.example'`);
	await db.execute(sql`insert into family (school_id, street, postal_code, city, visiting_staff_id)
		select ${schoolId}, 'Buiten ' || e, '1000 AB', 'Amsterdam', st.id from generate_series(1, ${o.outside}) e
		join staff st on st.school_id = ${schoolId} and st.email = 'teacher0@' || ${tag} || '.example'`);
	const fams = sql`(select id, substring(street from 8)::int as k from family where school_id = ${schoolId} and street like 'Straat %')`;
	await db.execute(sql`insert into pupil (school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date)
		select ${schoolId}, f.id, g.id, 'P' || f.k, 'Kind' || f.k, 'Achternaam' || f.k, '2018-01-01'
		from ${fams} f join school_group g on g.school_id = ${schoolId} and g.name = 'G' || (f.k % ${o.groups})`);
	await db.execute(sql`insert into pupil (school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date)
		select ${schoolId}, f.id, g.id, 'Q' || f.k, 'Broer' || f.k, 'Achternaam' || f.k, '2020-01-01'
		from ${fams} f join school_group g on g.school_id = ${schoolId} and g.name = 'G' || ((f.k + 1) % ${o.groups})
		where f.k % 5 = 0`);
	await db.execute(sql`insert into pupil (school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date, is_new)
		select ${schoolId}, f.id, g.id, 'B' || substring(f.street from 8), 'Buiten' || substring(f.street from 8), 'Achternaam', '2017-01-01',
			substring(f.street from 8)::int <= ${NEW_OUTSIDE}
		from family f join school_group g on g.school_id = f.school_id and g.name = 'X'
		where f.school_id = ${schoolId} and f.street like 'Buiten %'`);
	await db.execute(sql`insert into guardian (family_id, name, email, phone)
		select f.id, 'Ouder ' || f.k, 'ouder' || f.k || '@' || ${tag} || '.example',
			case when f.k % 7 = 0 then null else '06' || lpad(f.k::text, 8, '0') end
		from ${fams} f`);
	await db.execute(
		sql`insert into guardian (family_id, name, email) select f.id, 'Verzorger ' || f.k, null from ${fams} f where f.k % 4 = 0`
	);

	const { id: roundId } = await one<{ id: string }>(
		db,
		sql`insert into visit_round (school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
			values (${schoolId}, ${`Ronde ${tag}`}, '2026-10-19', '2026-11-27', '2026-10-01T08:00:00Z', '2026-11-26T16:00:00Z') returning id`
	);
	await db.execute(sql`insert into visit_round_group (round_id, group_id, talking_points)
		select ${roundId}, id, 'Kennismaken' from school_group where school_id = ${schoolId} and name <> 'X'`);
	const first = new Date(FIRST_SLOT).toISOString();
	await db.execute(sql`insert into slot (school_id, round_id, staff_id, second_staff_id, starts_at, ends_at)
		select ${schoolId}, ${roundId}, fam.visiting_staff_id,
			case when f.k % 50 = 1 then (select id from staff where email = 'teacher' || ((f.k + 1) % ${o.teachers}) || '@' || ${tag} || '.example') end,
			${first}::timestamptz + f.k * interval '50 minutes', ${first}::timestamptz + f.k * interval '50 minutes' + interval '45 minutes'
		from ${fams} f join family fam on fam.id = f.id where f.k % 10 in (0, 1, 2, 3, 4, 5, 7)`);
	await db.execute(sql`insert into slot_staff (slot_id, staff_id, starts_at, ends_at)
		select id, staff_id, starts_at, ends_at from slot where round_id = ${roundId}
		union all select id, second_staff_id, starts_at, ends_at from slot where round_id = ${roundId} and second_staff_id is not null`);
	await db.execute(sql`insert into booking (school_id, round_id, family_id, slot_id, status, location, interpreter_language, not_home_reason, cancelled_at)
		select ${schoolId}, ${roundId}, f.id, s.id,
			(case when f.k % 10 = 7 then 'cancelled' else 'booked' end)::booking_status,
			(case f.k % 10 when 4 then 'school' when 5 then 'neutral' else 'home' end)::visit_location,
			case when f.k % 3 = 0 then 'ar' end,
			case when f.k % 10 in (4, 5) then 'privacy' end,
			case when f.k % 10 = 7 then ${first}::timestamptz end
		from ${fams} f join slot s on s.round_id = ${roundId} and s.starts_at = ${first}::timestamptz + f.k * interval '50 minutes'`);
	await db.execute(sql`insert into booking (school_id, round_id, family_id, status, not_home_reason)
		select ${schoolId}, ${roundId}, f.id, 'declined', case when f.k % 20 = 6 then 'privacy' end from ${fams} f where f.k % 10 = 6`);
	await db.execute(sql`insert into booking (school_id, round_id, family_id, status)
		select ${schoolId}, ${roundId}, id, 'declined' from family where school_id = ${schoolId} and street like 'Buiten %'`);
	await db.execute(sql`insert into visit_report (school_id, round_id, booking_id, family_id, held, held_at, location, staff_ids, main_points)
		select b.school_id, b.round_id, b.id, b.family_id, true, s.starts_at, b.location, array[s.staff_id], 'Goed gesprek'
		from booking b join slot s on s.id = b.slot_id join ${fams} f on f.id = b.family_id
		where b.round_id = ${roundId} and b.status = 'booked' and s.starts_at <= ${o.now.toISOString()}::timestamptz and f.k % 4 = 0`);
	const teachers = rowsOf<{ id: string }>(
		await db.execute(
			sql`select id from staff where school_id = ${schoolId} and role = 'teacher' order by substring(email from 8 for position('@' in email) - 8)::int`
		)
	).map((r) => r.id);
	return { schoolId, roundId, teachers, officeId, options: o };
}

export type Figures = Record<ProgressFigure, number>;

/**
 * The figures the rules above give, for the whole school or for teacher `teacher` (the families
 * they visit or go along to, and the visits they go to for reports).
 */
export function expectedFigures(
	o: Required<BusyRoundOptions>,
	week: { from: Date; to: Date },
	teacher: number | null = null
): Figures {
	const f: Figures = {
		invited: 0,
		notAnswered: 0,
		booked: 0,
		home: 0,
		school: 0,
		neutral: 0,
		ratherNotHome: 0,
		declined: 0,
		interpreter: 0,
		thisWeek: 0,
		reportsToWrite: 0
	};
	for (let k = 1; k <= o.families; k++) {
		const visitor = k % o.teachers;
		const second = hasSlot(k) && k % 50 === 1 ? (k + 1) % o.teachers : null;
		const booked = isBooked(k);
		const start = slotStart(k);
		if (
			booked &&
			start <= o.now &&
			k % 4 !== 0 &&
			(teacher === null || [visitor, second].includes(teacher))
		)
			f.reportsToWrite++;
		// Going along counts only for a visit that is booked: a cancelled one has no family of theirs.
		if (teacher !== null && visitor !== teacher && !(booked && second === teacher)) continue;
		f.invited++;
		const state = k % 10;
		if (booked) {
			f.booked++;
			const place = state === 4 ? 'school' : state === 5 ? 'neutral' : 'home';
			f[place]++;
			if (place !== 'home') f.ratherNotHome++;
			if (k % 3 === 0) f.interpreter++;
			if (start >= week.from && start < week.to) f.thisWeek++;
		} else if (state === 6) {
			f.declined++;
			f.ratherNotHome++;
		} else f.notAnswered++;
	}
	// The outside families with a new pupil: invited, and they said no meeting.
	if (teacher === null || teacher === 0) {
		const invitedOutside = Math.min(NEW_OUTSIDE, o.outside);
		f.invited += invitedOutside;
		f.declined += invitedOutside;
		f.ratherNotHome += invitedOutside;
	}
	return f;
}

/** The families teacher `teacher` still has to call, as family numbers k. */
export function expectedToCall(o: Required<BusyRoundOptions>, teacher: number): number[] {
	const ks: number[] = [];
	for (let k = 1; k <= o.families; k++)
		if (k % o.teachers === teacher && !isBooked(k) && k % 10 !== 6) ks.push(k);
	return ks;
}
