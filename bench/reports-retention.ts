/**
 * The school year's end at a large school: 1,000 pupils in 750 families and 24 groups, one round
 * with 600 visits, 80 "no meeting" answers and 500 reports. Measures the evaluation's figures
 * (live, then frozen), one group's ParnasSys export, and the retention job that freezes the
 * figures and removes the round's personal data. On PGlite, and on PostgreSQL when
 * BENCH_DATABASE_URL points at a server (a database is created and dropped).
 *   npx tsx bench/reports-retention.ts
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type DatabaseHandle } from '../src/lib/server/db';
import { onBenchDatabases } from './databases';
import { liveFigures, roundFigures } from '../src/lib/server/evaluation/figures';
import { reportsCsv, reportsForGroup } from '../src/lib/server/reports/export';
import { applyRetention } from '../src/lib/server/privacy/retention';
import { translatorFor } from '../src/lib/server/i18n';

const TZ = 'Europe/Amsterdam';
const AFTER_ROUND = new Date('2026-12-01T12:00:00Z');
const YEAR_END = new Date('2027-08-01T06:00:00Z');

async function seed(handle: DatabaseHandle) {
	const db = handle.db;
	const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0]!;
	const { id: schoolId } = await one<{ id: string }>(
		sql`insert into school (name) values ('Bench') returning id`
	);
	await db.execute(
		sql`insert into staff (school_id, email, name, role) select ${schoolId}, 'teacher' || g || '@bench.example', 'Leerkracht ' || g, 'teacher' from generate_series(1, 24) g`
	);
	await db.execute(
		sql`insert into school_group (school_id, name, year) select ${schoolId}, ((g - 1) / 3 + 1) || chr(65 + (g - 1) % 3), (g - 1) / 3 + 1 from generate_series(1, 24) g`
	);
	await db.execute(
		sql`insert into group_teacher (group_id, staff_id) select sg.id, st.id from school_group sg join staff st on st.email = 'teacher' || (select count(*) from school_group x where x.name <= sg.name and x.school_id = sg.school_id) || '@bench.example' where sg.school_id = ${schoolId}`
	);
	await db.execute(sql`insert into family (school_id, street, postal_code, city, visiting_staff_id)
		select ${schoolId}, 'Straat ' || f, '1000 AB', 'Amsterdam', (select id from staff where email = 'teacher' || (1 + f % 24) || '@bench.example') from generate_series(1, 750) f`);
	await db.execute(sql`with fams as (select id, row_number() over (order by id) as n from family where school_id = ${schoolId}),
		groups as (select id, row_number() over (order by name) as n from school_group where school_id = ${schoolId})
		insert into pupil (school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date)
		select ${schoolId}, fams.id, groups.id, (30000 + p)::text, 'Kind' || p, 'Achternaam' || fams.n, '2018-01-01'
		from generate_series(1, 1000) p join fams on fams.n = 1 + (p % 750) join groups on groups.n = 1 + (p % 24)`);
	await db.execute(
		sql`insert into guardian (family_id, name, email) select id, 'Ouder van ' || street, replace(street, ' ', '') || '@ouders.example' from family where school_id = ${schoolId}`
	);
	const { id: roundId } = await one<{
		id: string;
	}>(sql`insert into visit_round (school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
		values (${schoolId}, 'Bench-ronde', '2026-10-05', '2026-11-27', '2026-09-20T08:00:00Z', '2026-11-26T16:00:00Z') returning id`);
	await db.execute(
		sql`insert into visit_round_group (round_id, group_id, talking_points) select ${roundId}, id, 'Kennismaken' from school_group where school_id = ${schoolId}`
	);
	// One slot per family at its teacher, an hour apart on weekday evenings.
	await db.execute(sql`with fams as (select id, visiting_staff_id, row_number() over (partition by visiting_staff_id order by id) as n from family where school_id = ${schoolId})
		insert into slot (school_id, round_id, staff_id, starts_at, ends_at)
		select ${schoolId}, ${roundId}, visiting_staff_id, timestamptz '2026-10-05 15:00+02' + ((n - 1) / 4) * interval '1 day' + ((n - 1) % 4) * interval '1 hour',
			timestamptz '2026-10-05 15:45+02' + ((n - 1) / 4) * interval '1 day' + ((n - 1) % 4) * interval '1 hour' from fams`);
	await db.execute(sql`with fams as (select id, visiting_staff_id, row_number() over (partition by visiting_staff_id order by id) as n, row_number() over (order by id) as k from family where school_id = ${schoolId}),
		slots as (select id, staff_id, row_number() over (partition by staff_id order by starts_at) as n from slot where round_id = ${roundId})
		insert into booking (school_id, round_id, family_id, slot_id, status, location, interpreter_language, parent_questions, not_home_reason, not_home_reason_text)
		select ${schoolId}, ${roundId}, fams.id, case when fams.k <= 600 then slots.id end,
			case when fams.k <= 600 then 'booked' else 'declined' end::booking_status,
			case when fams.k > 600 then null when fams.k % 5 = 0 then 'school' when fams.k % 11 = 0 then 'neutral' else 'home' end::visit_location,
			case when fams.k % 7 = 0 then 'ar' when fams.k % 13 = 0 then 'tr' end,
			'Een vraag van ouder ' || fams.k, case when fams.k % 5 = 0 or fams.k > 600 then 'no_space' end, 'Toelichting ' || fams.k
		from fams join slots on slots.staff_id = fams.visiting_staff_id and slots.n = fams.n where fams.k <= 680`);
	await db.execute(sql`insert into visit_report (school_id, round_id, booking_id, family_id, held, held_at, location, staff_ids, parents_present, main_points)
		select b.school_id, b.round_id, b.id, b.family_id, true, s.starts_at, b.location, array[s.staff_id], array['Ouder'], repeat('Besproken: welbevinden, huiswerk en vrije tijd. ', 8)
		from booking b join slot s on s.id = b.slot_id where b.round_id = ${roundId} and b.status = 'booked' order by b.id limit 500`);
	const { id: groupId } = await one<{ id: string }>(
		sql`select id from school_group where school_id = ${schoolId} and name = '5A'`
	);
	return { schoolId, roundId, groupId };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const t0 = performance.now();
	const result = await work();
	return [result, performance.now() - t0];
}

async function run(label: string, handle: DatabaseHandle) {
	await handle.migrate();
	const { schoolId, roundId, groupId } = await seed(handle);
	const { t } = translatorFor('nl');
	const [figures, live] = await timed(() => liveFigures(handle.db, schoolId, roundId, AFTER_ROUND));
	const [rows, exportMs] = await timed(async () => {
		const found = await reportsForGroup(
			handle.db,
			{ id: '00000000-0000-0000-0000-000000000000', schoolId, role: 'admin', title: 'office' },
			roundId,
			groupId
		);
		return { found, csv: reportsCsv(found, t, TZ) };
	});
	const [run, retention] = await timed(() => applyRetention(handle.db, YEAR_END));
	const [, frozen] = await timed(() => roundFigures(handle.db, schoolId, roundId, YEAR_END));
	console.log(
		`${label}: ${figures!.total.invited} families, ${figures!.total.booked} visits, ${figures!.total.reportsWritten} reports. ` +
			`Evaluation live ${live.toFixed(0)} ms, frozen ${frozen.toFixed(0)} ms; group 5A export (${rows.found.length} pupils, ${(rows.csv.length / 1024).toFixed(1)} KiB CSV) ${exportMs.toFixed(0)} ms; ` +
			`retention job ${retention.toFixed(0)} ms (${run.bookings} bookings removed)`
	);
}

await onBenchDatabases(run);
