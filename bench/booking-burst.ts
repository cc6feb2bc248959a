// N families book at once against the built portal on PostgreSQL, a fifth of them fighting
// over a few popular slots; then the same transaction straight on PostgreSQL, for comparison.
// Prints figures, asserts nothing. Needs a build (`npm run build`) and PostgreSQL.
//   npx tsx bench/booking-burst.ts [--families 500] [--concurrency 64]
//   (PostgreSQL from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer } from '../tests/support/server';
import { openDatabase, rowsOf, type Database } from '../src/lib/server/db';
import {
	family,
	group,
	groupTeacher,
	pupil,
	school,
	staff,
	visitRound,
	visitRoundGroup
} from '../src/lib/server/db/schema';
import { createSlots } from '../src/lib/server/slots/create';
import { issueFamilyLink } from '../src/lib/server/families/links';

const { values } = parseArgs({
	options: {
		families: { type: 'string', default: '500' },
		concurrency: { type: 'string', default: '64' }
	}
});
const FAMILIES = Number(values.families);
const CONCURRENCY = Number(values.concurrency);
const TEACHERS = 20;
const POPULAR_SLOTS = 3;
const DAY = 86_400_000;

interface Attempt {
	token: string;
	familyId: string;
	slotId: string;
}

/** A school with 20 teachers, each with their share of the families and a slot more than they need. */
async function seed(
	db: Database
): Promise<{ attempts: Attempt[]; roundId: string; schoolId: string }> {
	const now = Date.now();
	const [s] = await db.insert(school).values({ name: 'Benchschool' }).returning();
	const today = new Date(now).toISOString().slice(0, 10);
	const endsOn = new Date(now + 40 * DAY).toISOString().slice(0, 10);
	const [round] = await db
		.insert(visitRound)
		.values({
			schoolId: s!.id,
			name: 'Bench',
			startsOn: today,
			endsOn,
			bookingOpensAt: new Date(now - DAY),
			bookingClosesAt: new Date(now + 39 * DAY)
		})
		.returning();
	const perTeacher = Math.ceil(FAMILIES / TEACHERS);
	const popularPerTeacher = Math.round(perTeacher / 5);
	const attempts: Attempt[] = [];
	for (let t = 0; t < TEACHERS; t++) {
		const [teacher] = await db
			.insert(staff)
			.values({
				schoolId: s!.id,
				email: `t${t}@bench.example`,
				name: `Teacher ${t}`,
				role: 'teacher'
			})
			.returning();
		const [g] = await db
			.insert(group)
			.values({ schoolId: s!.id, name: `G${t}`, year: 3 })
			.returning();
		await db.insert(groupTeacher).values({ groupId: g!.id, staffId: teacher!.id });
		await db.insert(visitRoundGroup).values({ roundId: round!.id, groupId: g!.id });
		// Two slots an evening from the third day on, enough for every family of the teacher.
		const times = Array.from({ length: perTeacher + POPULAR_SLOTS }, (_, i) => {
			const start = new Date(now + (3 + Math.floor(i / 2)) * DAY);
			start.setUTCHours(15 + (i % 2), 0, 0, 0);
			return { startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000) };
		});
		const created = await createSlots(
			db,
			{
				schoolId: s!.id,
				roundId: round!.id,
				staffId: teacher!.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times
			},
			'UTC',
			new Date(now)
		);
		if (!created.ok) throw new Error(`slots: ${created.reason}`);
		for (let f = 0; f < perTeacher && attempts.length < FAMILIES; f++) {
			const [fam] = await db
				.insert(family)
				.values({ schoolId: s!.id, visitingStaffId: teacher!.id })
				.returning();
			await db.insert(pupil).values({
				schoolId: s!.id,
				familyId: fam!.id,
				groupId: g!.id,
				pupilNumber: `${t}-${f}`,
				firstName: 'Kind',
				lastName: `${f}`
			});
			const token = await issueFamilyLink(db, fam!.id, round!.id, new Date(now));
			// A fifth of the families all want one of the first few slots; the others each their own.
			const slotId =
				f < popularPerTeacher
					? created.ids[f % POPULAR_SLOTS]!
					: created.ids[POPULAR_SLOTS + f - popularPerTeacher]!;
			attempts.push({ token, familyId: fam!.id, slotId });
		}
	}
	// Shuffle, so the popular fights are spread through the burst.
	for (let i = attempts.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[attempts[i], attempts[j]] = [attempts[j]!, attempts[i]!];
	}
	return { attempts, roundId: round!.id, schoolId: s!.id };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) await work(items[next++]!);
		})
	);
}

/** The server process's resident memory now and at its peak, in MB (Linux /proc). */
const rssOf = (pid: number) => {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
};

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function doubleBookings(db: Database, roundId: string) {
	const [row] = rowsOf<{ slots: number; families: number; booked: number }>(
		await db.execute(sql`
			select
				(select count(*) from (select slot_id from booking where round_id = ${roundId} and status = 'booked' group by slot_id having count(*) > 1) x)::int as slots,
				(select count(*) from (select family_id from booking where round_id = ${roundId} and status <> 'cancelled' group by family_id having count(*) > 1) y)::int as families,
				(select count(*) from booking where round_id = ${roundId} and status = 'booked')::int as booked`)
	);
	return row!;
}

const created = await createPostgresDatabase('hb_bench');
const handle = await openDatabase({ databaseUrl: created.url, dataDir: '', role: 'test' });
try {
	await handle.migrate();
	const { attempts, roundId, schoolId } = await seed(handle.db);
	const server = await startServer({
		DATABASE_URL: created.url,
		LOG_LEVEL: 'warn',
		// CPU_PROF_DIR=/tmp/prof: the server writes a V8 CPU profile there when it stops.
		...(process.env.CPU_PROF_DIR && {
			NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.CPU_PROF_DIR}`
		})
	});
	try {
		// Warm up the server's connection pool and code paths on a page that changes nothing.
		await pool(
			attempts.slice(0, CONCURRENCY),
			CONCURRENCY,
			async (a) => void (await (await fetch(`${server.url}/f/${a.token}`)).text())
		);
		const latencies: number[] = [];
		const outcome = { booked: 0, lostRace: 0, errors: 0 };
		const began = performance.now();
		await pool(attempts, CONCURRENCY, async (a) => {
			const t0 = performance.now();
			try {
				const response = await fetch(`${server.url}/f/${a.token}/book`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html',
						origin: server.url
					},
					body: new URLSearchParams({ location: 'school', slotId: a.slotId, interpreter: 'no' })
				});
				await response.arrayBuffer();
				if (response.status === 303) outcome.booked++;
				else if (response.status === 409) outcome.lostRace++;
				else outcome.errors++;
			} catch {
				outcome.errors++;
			}
			latencies.push(performance.now() - t0);
		});
		const seconds = (performance.now() - began) / 1000;
		latencies.sort((x, y) => x - y);
		const doubles = await doubleBookings(handle.db, roundId);
		const memory = rssOf(server.process.pid!);

		// The same work straight on PostgreSQL: lock the family, check the slot, insert the answer.
		await handle.db.execute(sql`delete from booking where round_id = ${roundId}`);
		const raw = postgres(created.url, { max: CONCURRENCY, onnotice: () => {} });
		const rawBegan = performance.now();
		let rawBooked = 0;
		await pool(attempts, CONCURRENCY, async (a) => {
			try {
				await raw.begin(async (tx) => {
					await tx`select f.id from family f join visit_round r on r.id = ${roundId} where f.id = ${a.familyId} and f.school_id = ${schoolId} for update of f`;
					await tx`select id from booking where family_id = ${a.familyId} and round_id = ${roundId} and status <> 'cancelled'`;
					await tx`select staff_id, starts_at from slot where id = ${a.slotId} and round_id = ${roundId}`;
					await tx`insert into booking (school_id, round_id, family_id, slot_id, status, location) values (${schoolId}, ${roundId}, ${a.familyId}, ${a.slotId}, 'booked', 'school')`;
					await tx`insert into audit_event (school_id, actor_kind, actor_id, action, subject_type) values (${schoolId}, 'family', ${a.familyId}, 'booking.created', 'booking')`;
				});
				rawBooked++;
			} catch {
				// a lost race, as in the app
			}
		});
		const rawSeconds = (performance.now() - rawBegan) / 1000;
		await raw.end();

		const appRate = attempts.length / seconds;
		const rawRate = attempts.length / rawSeconds;
		console.log(
			`families ${attempts.length}, concurrency ${CONCURRENCY}, ${TEACHERS} teachers, a fifth fighting over ${POPULAR_SLOTS} slots each`
		);
		console.log(
			`app:  ${appRate.toFixed(0)} requests/s, ${(outcome.booked / seconds).toFixed(0)} bookings/s; booked ${outcome.booked}, lost a race ${outcome.lostRace}, errors ${outcome.errors}`
		);
		console.log(
			`      latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`
		);
		console.log(
			`      double bookings: ${doubles.slots} slots with two bookings, ${doubles.families} families with two answers (booked rows ${doubles.booked})`
		);
		console.log(
			`      server RSS after the burst ${memory.rss.toFixed(0)} MB, peak (VmHWM) ${memory.hwm.toFixed(0)} MB`
		);
		console.log(`raw:  ${rawRate.toFixed(0)} transactions/s (${rawBooked} booked)`);
		console.log(`app/raw: ${((appRate / rawRate) * 100).toFixed(0)} %`);
	} finally {
		await server.stop();
	}
} finally {
	await handle.close();
	await created.drop();
}
