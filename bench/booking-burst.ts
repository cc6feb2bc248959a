// N families book at once against the built portal on PostgreSQL, a fifth of them fighting
// over a few popular slots; then the same transaction straight on PostgreSQL, for comparison.
// Prints figures, asserts nothing. Needs a build (`npm run build`) and PostgreSQL.
// Also where the machine's CPU went during the burst (server, this process as the parents'
// side, PostgreSQL), and the floor that puts under the mean latency (Little's law): on a small
// machine the goal of p99 250 ms can be beyond what the cores allow, whatever the portal does.
//   npx tsx bench/booking-burst.ts [--families 500] [--concurrency 64]
//   (PostgreSQL from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
//   REQUESTS_AT_ONCE=1000 in the environment: the server without its request gate (admission/gate.ts).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer } from '../tests/support/server';
import { postBooking } from './support/booking-post';
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
import { bookVisit, parentActor } from '../src/lib/server/booking/answer';

const { values } = parseArgs({
	options: {
		families: { type: 'string', default: '500' },
		warm: { type: 'string', default: '1500' },
		concurrency: { type: 'string', default: '64' }
	}
});
const FAMILIES = Number(values.families);
/**
 * Bookings of other families, each in a time of its own, before the burst: a server that has
 * run a while has booked before. Without them the burst measures V8 still compiling the booking
 * path (a quarter of the server's CPU in the optimising compiler, by perf), not the portal.
 * 300 were not enough: V8's log showed the compiler still at work after 1,500 bookings, and the
 * server spent 3.8 ms a request in the burst after 300, 3.2–3.3 ms after 1,500.
 */
const WARM = Number(values.warm);
const CONCURRENCY = Number(values.concurrency);
const TEACHERS = 20;
/** The server's connection pool (db/index.ts): the raw run gets as many connections. */
const SERVER_POOL = 10;
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
): Promise<{ attempts: Attempt[]; warmUps: Attempt[]; roundId: string; schoolId: string }> {
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
	const warmPerTeacher = Math.ceil(WARM / TEACHERS);
	const attempts: Attempt[] = [];
	const warmUps: Attempt[] = [];
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
		// Four slots an evening from the third day on, enough for every family of the teacher and
		// a long warm-up (up to about 2,000 bookings).
		const times = Array.from({ length: perTeacher + POPULAR_SLOTS + warmPerTeacher }, (_, i) => {
			const start = new Date(now + (3 + Math.floor(i / 4)) * DAY);
			start.setUTCHours(15 + (i % 4), 0, 0, 0);
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
		const familyWithLink = async (f: number) => {
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
			return { token, familyId: fam!.id };
		};
		for (let f = 0; f < perTeacher && attempts.length < FAMILIES; f++) {
			// A fifth of the families all want one of the first few slots; the others each their own.
			const slotId =
				f < popularPerTeacher
					? created.ids[f % POPULAR_SLOTS]!
					: created.ids[POPULAR_SLOTS + f - popularPerTeacher]!;
			attempts.push({ ...(await familyWithLink(f)), slotId });
		}
		// The warm-up families' times come after everyone else's.
		for (let w = 0; w < warmPerTeacher && warmUps.length < WARM; w++) {
			const slotId = created.ids[POPULAR_SLOTS + perTeacher - popularPerTeacher + w]!;
			warmUps.push({ ...(await familyWithLink(perTeacher + w)), slotId });
		}
	}
	// Shuffle, so the popular fights are spread through the burst.
	for (let i = attempts.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[attempts[i], attempts[j]] = [attempts[j]!, attempts[i]!];
	}
	return { attempts, warmUps, roundId: round!.id, schoolId: s!.id };
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

/** CPU seconds the process used so far, in user code and in the kernel (Linux /proc, ticks of 10 ms). */
/** `thread`: the process's main thread alone (where its JavaScript runs), without GC and I/O helpers. */
const cpuOf = (pid: number, thread = false) => {
	const file = thread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
	const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
	return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
};
const cpuSince = (pid: number, before: { user: number; system: number }, thread = false) => {
	const now = cpuOf(pid, thread);
	return { user: now.user - before.user, system: now.system - before.system };
};

/** The machine's CPU time so far, busy and in all, in seconds over every core (Linux /proc/stat). */
const machineCpu = () => {
	const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
	const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks.map(Number) as number[];
	const busy = user! + nice! + system! + irq! + softirq! + steal!;
	return { busy: busy / 100, all: (busy + idle! + iowait!) / 100 };
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
	const { attempts, warmUps, roundId, schoolId } = await seed(handle.db);
	const server = await startServer(
		{
			DATABASE_URL: created.url,
			LOG_LEVEL: 'warn',
			// MAIL_WORKER=off: without the server's own mail worker, to see what it costs meanwhile.
			...(process.env.MAIL_WORKER && { MAIL_WORKER: process.env.MAIL_WORKER })
		},
		{
			// CPU_PROF_DIR=/tmp/prof: the server writes a V8 CPU profile there when it stops.
			nodeArgs: [
				...(process.env.CPU_PROF_DIR
					? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`]
					: []),
				// BENCH_SERVER_NODE_ARGS="--max-semi-space-size=32": options for the server's node only.
				...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])
			]
		}
	);
	try {
		// Warm up the server's connection pool and code paths on a page that changes nothing.
		await pool(
			attempts.slice(0, CONCURRENCY),
			CONCURRENCY,
			async (a) => void (await (await fetch(`${server.url}/f/${a.token}`)).text())
		);
		const book = (a: Attempt) => postBooking(server.url, a);
		const pending = async () =>
			rowsOf<{ pending: number; sent: number }>(
				await handle.db.execute(
					sql`select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'sent')::int as sent from outbox where school_id = ${schoolId}`
				)
			)[0]!;
		/** Until the server's mail worker has sent everything due (at most two minutes). */
		const mailSent = async () => {
			const began = performance.now();
			let mail = await pending();
			while (
				process.env.MAIL_WORKER !== 'off' &&
				mail.pending > 0 &&
				performance.now() - began < 120_000
			) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				mail = await pending();
			}
			return mail;
		};
		let warmErrors = 0;
		await pool(warmUps, CONCURRENCY, async (a) => {
			const response = await book(a);
			await response.arrayBuffer();
			if (response.status !== 303) warmErrors++;
		});
		if (warmErrors) throw new Error(`${warmErrors} warm-up bookings failed`);
		const sentBefore = (await mailSent()).sent;

		const latencies: number[] = [];
		// Apart by outcome too: a parent who lost a race gets the page again, with the refusal.
		const byOutcome = { booked: [] as number[], lostRace: [] as number[] };
		const outcome = { booked: 0, lostRace: 0, errors: 0 };
		const cpuBefore = cpuOf(server.process.pid!);
		const threadBefore = cpuOf(server.process.pid!, true);
		const machineBefore = machineCpu();
		const clientBefore = process.cpuUsage();
		const began = performance.now();
		await pool(attempts, CONCURRENCY, async (a) => {
			const t0 = performance.now();
			try {
				const response = await book(a);
				await response.arrayBuffer();
				const ms = performance.now() - t0;
				if (response.status === 303) {
					outcome.booked++;
					byOutcome.booked.push(ms);
				} else if (response.status === 409) {
					outcome.lostRace++;
					byOutcome.lostRace.push(ms);
				} else outcome.errors++;
			} catch {
				outcome.errors++;
			}
			latencies.push(performance.now() - t0);
		});
		const seconds = (performance.now() - began) / 1000;
		const burstCpu = cpuSince(server.process.pid!, cpuBefore);
		const threadCpu = (({ user, system }) => user + system)(
			cpuSince(server.process.pid!, threadBefore, true)
		);
		// Where the machine's cores went meanwhile: the server, this process (the 64 parents'
		// browsers), and the rest, which is PostgreSQL's backends (and whatever else runs here).
		const machine = (({ busy, all }) => ({
			busy: busy - machineBefore.busy,
			all: all - machineBefore.all
		}))(machineCpu());
		const clientCpu = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(clientBefore));
		const serverCpu = burstCpu.user + burstCpu.system;
		latencies.sort((x, y) => x - y);
		const doubles = await doubleBookings(handle.db, roundId);
		const memory = rssOf(server.process.pid!);

		// The server's mail worker gives way to requests (jobs/runner.ts): the confirmations go
		// out after the burst. Their cost is counted here, apart, until none is left to send.
		const mailCpuBefore = cpuOf(server.process.pid!);
		const mailBegan = performance.now();
		const mail = await mailSent();
		mail.sent -= sentBefore;
		const mailSeconds = (performance.now() - mailBegan) / 1000;
		const mailCpu = cpuSince(server.process.pid!, mailCpuBefore);

		// The app's own booking function in this process, without HTTP and SvelteKit: the same
		// drizzle statements on a pool of the server's size. Shows where the time goes.
		await handle.db.execute(sql`delete from audit_event where school_id = ${schoolId}`);
		await handle.db.execute(sql`delete from outbox where school_id = ${schoolId}`);
		await handle.db.execute(sql`delete from rate_limit`);
		await handle.db.execute(sql`delete from booking where round_id = ${roundId}`);
		const direct = await openDatabase({
			databaseUrl: created.url,
			dataDir: '',
			role: 'bench',
			poolSize: SERVER_POOL
		});
		const directBegan = performance.now();
		// This process's CPU while it books: drizzle and the domain code, no HTTP, no rendering.
		const directCpu = process.cpuUsage();
		const directOutcome = { booked: 0, lost: 0 };
		await pool(attempts, CONCURRENCY, async (a) => {
			const result = await bookVisit(
				direct.db,
				schoolId,
				roundId,
				a.familyId,
				{
					slotId: a.slotId,
					location: 'school',
					neutralPlaceId: null,
					visitAddress: null,
					interpreterLanguage: null,
					ownInterpreterLanguage: null,
					parentQuestions: '',
					notHomeReason: null,
					notHomeReasonText: null
				},
				parentActor(a.token, 'nl'),
				new Date()
			);
			if (result.ok) directOutcome.booked++;
			else directOutcome.lost++;
		});
		const directSeconds = (performance.now() - directBegan) / 1000;
		const directCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(directCpu));
		await direct.close();

		// The same transaction straight on PostgreSQL: the statements the app's booking runs for a
		// first booking (booking/answer.ts bookVisit, with its mails and audit row), written out
		// by hand and sent together as the app sends them (everything read in one round trip, then
		// everything written in one), on as many connections as the server's pool. Not counted:
		// the link lookup before the transaction (hooks).
		await handle.db.execute(sql`delete from audit_event where school_id = ${schoolId}`);
		await handle.db.execute(sql`delete from outbox where school_id = ${schoolId}`);
		await handle.db.execute(sql`delete from rate_limit`);
		await handle.db.execute(sql`delete from booking where round_id = ${roundId}`);
		const raw = postgres(created.url, { max: SERVER_POOL, onnotice: () => {} });
		const rawBegan = performance.now();
		const rawCpu = process.cpuUsage();
		let rawBooked = 0;
		let rawLost = 0;
		let rawErrors = 0;
		const rawLatencies: number[] = [];
		await pool(attempts, CONCURRENCY, async (a) => {
			const t0 = performance.now();
			try {
				await raw.begin(async (tx) => {
					const now = new Date();
					const bookingId = randomUUID();
					const windowFloor = new Date(now.getTime() - 3_600_000);
					const [, , , [facts], people] = await Promise.all([
						tx`select f.visiting_staff_id, f.language, r.booking_opens_at, r.booking_closes_at, r.change_deadline_hours from family f join visit_round r on r.id = ${roundId} and r.school_id = f.school_id where f.id = ${a.familyId} and f.school_id = ${schoolId} for update of f`,
						tx`select b.id, b.status, b.sequence, s.starts_at, b.slot_id, b.location, b.neutral_place_id, b.visit_address, b.interpreter_language, b.own_interpreter_language, b.parent_questions, b.staff_note, b.not_home_reason, b.not_home_reason_text from booking b left join slot s on s.id = b.slot_id where b.family_id = ${a.familyId} and b.round_id = ${roundId} and b.status <> 'cancelled'`,
						tx`select staff_id, starts_at, allows_home, allows_school, allows_neutral from slot where id = ${a.slotId} and round_id = ${roundId} and school_id = ${schoolId}`,
						tx`select s.starts_at, s.ends_at, s.staff_id, s.second_staff_id, sc.name as school_name, sc.phone, sc.street, sc.postal_code, sc.city, sc.time_zone, sc.staff_invite_details, r.name as round_name, r.change_deadline_hours, f.language, f.street, f.postal_code, f.city, p.name, p.address
							from school sc join visit_round r on r.id = ${roundId} and r.school_id = sc.id join family f on f.id = ${a.familyId} and f.school_id = sc.id left join slot s on s.id = ${a.slotId} and s.round_id = r.id left join neutral_place p on p.id = ${null} and p.school_id = sc.id where sc.id = ${schoolId}`,
						tx`select st.id, st.name, st.email, st.language, st.active from staff st join slot s on s.id = ${a.slotId} and st.id in (s.staff_id, s.second_staff_id)`,
						tx`select name, email from guardian where family_id = ${a.familyId} order by created_at`,
						tx`select p.first_name, p.infix, p.last_name, g.name from pupil p left join school_group g on g.id = p.group_id where p.family_id = ${a.familyId} order by p.birth_date`
					]);
					const teacher = people[0]!;
					const payload = {
						bookingId,
						sequence: 0,
						schoolName: facts!.school_name,
						schoolPhone: facts!.phone,
						schoolAddress: '',
						timeZone: facts!.time_zone,
						roundName: facts!.round_name,
						startsAt: new Date(facts!.starts_at).toISOString(),
						endsAt: new Date(facts!.ends_at).toISOString(),
						location: 'school',
						placeName: '',
						placeAddress: '',
						staffNames: [teacher.name],
						interpreterLanguage: null,
						ownInterpreterLanguage: null,
						deadline: now.toISOString(),
						by: 'family',
						familyLabel: 'Kind',
						familyPath: `/staff/families/${a.familyId}`,
						details: null
					};
					// The family's language changes only when the page's differs: here it does not.
					await Promise.all([
						tx`insert into rate_limit (key_hash, window_start, hits) values (${a.familyId}, ${now.toISOString()}, 1)
							on conflict (key_hash) do update set
								hits = case when rate_limit.window_start <= ${windowFloor.toISOString()} then 1 else rate_limit.hits + 1 end,
								window_start = case when rate_limit.window_start <= ${windowFloor.toISOString()} then excluded.window_start else rate_limit.window_start end
							returning hits, window_start`,
						tx`insert into booking (id, school_id, round_id, family_id, slot_id, status, location, neutral_place_id, visit_address, interpreter_language, own_interpreter_language, parent_questions, not_home_reason, not_home_reason_text, booked_by, booked_by_staff_id, family_notice, cancelled_at, updated_at, created_at)
							values (${bookingId}, ${schoolId}, ${roundId}, ${a.familyId}, ${a.slotId}, 'booked', 'school', null, null, null, null, '', null, null, 'parent', null, null, null, ${now}, ${now}) returning id, sequence`,
						tx`update family_request set status = (case when kind = 'call_me' then 'withdrawn' when exists (select 1 from slot where id = ${a.slotId} and reserved_for_family_id = family_request.family_id) then 'done' else 'withdrawn' end)::family_request_status, handled_at = ${now} where family_id = ${a.familyId} and round_id = ${roundId} and status = 'open'`,
						tx`insert into audit_event (school_id, actor_kind, actor_id, action, subject_type, subject_id, detail, created_at) values (${schoolId}, 'family', ${a.familyId}, 'booking.created', 'booking', ${bookingId}, ${tx.json({ slotId: a.slotId, location: 'school', placeId: null, interpreter: 'none' })}, ${now})`,
						tx`insert into outbox (school_id, to_address, to_name, language, booking_id, family_id, round_id, kind, payload, created_at, next_attempt_at)
						values (${schoolId}, ${teacher.email}, ${teacher.name}, ${teacher.language}, ${bookingId}, ${a.familyId}, ${roundId}, 'staff_visit_booked', ${tx.json(payload)}, ${now}, ${now}) returning id`
					]);
				});
				rawBooked++;
			} catch (error) {
				// A lost race, as in the app; anything else would make this baseline meaningless.
				if ((error as { code?: string }).code === '23505') rawLost++;
				else if (rawErrors++ === 0) console.error('raw:', error);
			}
			rawLatencies.push(performance.now() - t0);
		});
		rawLatencies.sort((x, y) => x - y);
		const rawSeconds = (performance.now() - rawBegan) / 1000;
		const rawCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(rawCpu));
		await raw.end();

		const appRate = attempts.length / seconds;
		const rawRate = attempts.length / rawSeconds;
		console.log(
			`families ${attempts.length}, concurrency ${CONCURRENCY}, ${TEACHERS} teachers, a fifth fighting over ${POPULAR_SLOTS} slots each; ${warmUps.length} bookings of other families first`
		);
		console.log(
			`app:  ${appRate.toFixed(0)} requests/s, ${(outcome.booked / seconds).toFixed(0)} bookings/s; booked ${outcome.booked}, lost a race ${outcome.lostRace}, errors ${outcome.errors}`
		);
		console.log(
			`      latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`
		);
		const spread = (list: number[]) => {
			const sorted = [...list].sort((x, y) => x - y);
			return sorted.length
				? `p50 ${percentile(sorted, 50).toFixed(0)}, p95 ${percentile(sorted, 95).toFixed(0)}, p99 ${percentile(sorted, 99).toFixed(0)} ms`
				: 'none';
		};
		console.log(
			`      booked ${spread(byOutcome.booked)}; lost a race ${spread(byOutcome.lostRace)}`
		);
		console.log(
			`      double bookings: ${doubles.slots} slots with two bookings, ${doubles.families} families with two answers (booked rows ${doubles.booked})`
		);
		console.log(
			`      server CPU ${((serverCpu / attempts.length) * 1000).toFixed(1)} ms a request (${serverCpu.toFixed(1)} s over ${seconds.toFixed(1)} s; ${burstCpu.system.toFixed(1)} s of it in the kernel)`
		);
		{
			const cores = availableParallelism();
			const perRequest = (machine.busy / attempts.length) * 1000;
			const server = burstCpu.user + burstCpu.system;
			const rest = machine.busy - server - clientCpu;
			const share = (part: number) => `${((part / machine.busy) * 100).toFixed(0)} %`;
			// Little's law: with CONCURRENCY requests always in flight, the mean latency is
			// CONCURRENCY / throughput. The throughput is at most the cores over the CPU a request
			// takes across the machine, and at most one core over the server's: its JavaScript
			// runs on one thread.
			const ceiling = Math.min(
				(cores * 1000) / perRequest,
				1000 / ((server / attempts.length) * 1000)
			);
			console.log(
				`      machine: ${cores} cores ${((machine.busy / machine.all) * 100).toFixed(0)} % busy; ${perRequest.toFixed(1)} ms of CPU a request across it: server ${share(server)} (its main thread ${((threadCpu / seconds) * 100).toFixed(0)} % busy), this process (the parents' side) ${share(clientCpu)}, PostgreSQL and the rest ${share(rest)}`
			);
			console.log(
				`      so at most ${ceiling.toFixed(0)} requests/s (every core busy, or the server's one thread), and a mean latency of at least ${((CONCURRENCY / ceiling) * 1000).toFixed(0)} ms with ${CONCURRENCY} in flight (Little's law)`
			);
		}
		console.log(
			process.env.MAIL_WORKER === 'off'
				? '      mail: not sent (MAIL_WORKER=off)'
				: `      mail: ${mail.sent} sent, ${mail.pending} still waiting ${mailSeconds.toFixed(1)} s after the burst; server CPU ${(((mailCpu.user + mailCpu.system) / Math.max(1, mail.sent)) * 1000).toFixed(1)} ms a mail`
		);
		console.log(
			`      server RSS after the burst ${memory.rss.toFixed(0)} MB, peak (VmHWM) ${memory.hwm.toFixed(0)} MB`
		);
		console.log(
			`raw:  ${rawRate.toFixed(0)} transactions/s (${rawBooked} booked, lost a race ${rawLost}, errors ${rawErrors}), ${SERVER_POOL} connections, ${(rawCpuMs / attempts.length).toFixed(1)} ms of this process's CPU a transaction`
		);
		console.log(
			`      latency p50 ${percentile(rawLatencies, 50).toFixed(1)} ms, p95 ${percentile(rawLatencies, 95).toFixed(1)} ms, p99 ${percentile(rawLatencies, 99).toFixed(1)} ms (the database's own floor for the goal of p99 250 ms)`
		);
		console.log(
			`direct: ${(attempts.length / directSeconds).toFixed(0)} bookings/s through bookVisit in-process (${directOutcome.booked} booked, ${directOutcome.lost} refused), ${(directCpuMs / attempts.length).toFixed(1)} ms of this process's CPU a booking`
		);
		console.log(`app/raw: ${((appRate / rawRate) * 100).toFixed(0)} %`);
	} finally {
		await server.stop();
	}
} finally {
	await handle.close();
	await created.drop();
}
