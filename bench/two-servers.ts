// Two portal processes and two mail workers on one PostgreSQL and one loopback SMTP server, as a
// school runs them behind a proxy without sticky sessions: a booking burst is spread over both
// servers while both workers deliver mail and run the daily jobs (retention, reminders) at once.
// Prints what it found and exits 1 on a violation: a double booking, a mail delivered twice or
// not at all, a reminder or a retention run done twice. Needs a build and PostgreSQL.
//   npx tsx bench/two-servers.ts [--families 200] [--concurrency 32]
//   (PostgreSQL from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer, type RunningServer } from '../tests/support/server';
import { postBooking } from './support/booking-post';
import { openDatabase, rowsOf, type Database } from '../src/lib/server/db';
import {
	booking,
	family,
	group,
	groupTeacher,
	guardian,
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
		families: { type: 'string', default: '200' },
		concurrency: { type: 'string', default: '32' }
	}
});
const FAMILIES = Number(values.families);
const CONCURRENCY = Number(values.concurrency);
const TEACHERS = 10;
const POPULAR_SLOTS = 3;
/** Families whose visit is tomorrow, booked long ago: both workers find their reminder due. */
const REMINDED = 20;
const DAY = 86_400_000;
const root = path.resolve(import.meta.dirname, '..');

interface Attempt {
	token: string;
	familyId: string;
	slotId: string;
	address: string;
}

async function seed(db: Database) {
	const now = Date.now();
	const [s] = await db.insert(school).values({ name: 'Twee servers' }).returning();
	const schoolId = s!.id;
	const [round] = await db
		.insert(visitRound)
		.values({
			schoolId,
			name: 'Nu',
			startsOn: new Date(now).toISOString().slice(0, 10),
			endsOn: new Date(now + 40 * DAY).toISOString().slice(0, 10),
			bookingOpensAt: new Date(now - DAY),
			bookingClosesAt: new Date(now + 39 * DAY)
		})
		.returning();
	// A round that ended two years ago: the retention job removes its data, once.
	const [old] = await db
		.insert(visitRound)
		.values({
			schoolId,
			name: 'Oud',
			startsOn: new Date(now - 760 * DAY).toISOString().slice(0, 10),
			endsOn: new Date(now - 740 * DAY).toISOString().slice(0, 10),
			bookingOpensAt: new Date(now - 780 * DAY),
			bookingClosesAt: new Date(now - 745 * DAY)
		})
		.returning();
	const perTeacher = Math.ceil(FAMILIES / TEACHERS);
	const remindedPerTeacher = Math.ceil(REMINDED / TEACHERS);
	const popularPerTeacher = Math.round(perTeacher / 5);
	const attempts: Attempt[] = [];
	const reminded: string[] = [];
	let made = 0;
	const newFamily = async (teacherId: string, groupId: string, address: string) => {
		const [fam] = await db
			.insert(family)
			.values({ schoolId, visitingStaffId: teacherId })
			.returning();
		await db.insert(pupil).values({
			schoolId,
			familyId: fam!.id,
			groupId,
			pupilNumber: `p${made++}`,
			firstName: 'Kind',
			lastName: `${made}`
		});
		await db.insert(guardian).values({ familyId: fam!.id, name: 'Ouder', email: address });
		return fam!.id;
	};
	for (let t = 0; t < TEACHERS; t++) {
		const [teacher] = await db
			.insert(staff)
			.values({ schoolId, email: `t${t}@staff.example`, name: `Teacher ${t}`, role: 'teacher' })
			.returning();
		const [g] = await db
			.insert(group)
			.values({ schoolId, name: `G${t}`, year: 3 })
			.returning();
		await db.insert(groupTeacher).values({ groupId: g!.id, staffId: teacher!.id });
		await db.insert(visitRoundGroup).values({ roundId: round!.id, groupId: g!.id });
		const slotsFor = async (times: { startsAt: Date; endsAt: Date }[]) => {
			const created = await createSlots(
				db,
				{
					schoolId,
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
			return created.ids;
		};
		const ids = await slotsFor(
			Array.from({ length: perTeacher + POPULAR_SLOTS }, (_, i) => {
				const start = new Date(now + (3 + Math.floor(i / 2)) * DAY);
				start.setUTCHours(15 + (i % 2), 0, 0, 0);
				return { startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000) };
			})
		);
		for (let f = 0; f < perTeacher && attempts.length < FAMILIES; f++) {
			const address = `family${attempts.length}@families.example`;
			const familyId = await newFamily(teacher!.id, g!.id, address);
			const token = await issueFamilyLink(db, familyId, round!.id, new Date(now));
			const slotId =
				f < popularPerTeacher
					? ids[f % POPULAR_SLOTS]!
					: ids[POPULAR_SLOTS + f - popularPerTeacher]!;
			attempts.push({ token, familyId, slotId, address });
		}
		// Visits in six hours, booked two days ago: inside the reminder window, never reminded yet.
		const soon = await slotsFor(
			Array.from({ length: remindedPerTeacher }, (_, i) => {
				const start = new Date(now + 6 * 3_600_000 + i * 3_600_000);
				return { startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000) };
			})
		);
		for (let r = 0; r < remindedPerTeacher && reminded.length < REMINDED; r++) {
			const address = `reminded${reminded.length}@families.example`;
			const familyId = await newFamily(teacher!.id, g!.id, address);
			await db.insert(booking).values({
				schoolId,
				roundId: round!.id,
				familyId,
				slotId: soon[r]!,
				status: 'booked',
				location: 'school',
				bookedBy: 'parent',
				createdAt: new Date(now - 2 * DAY),
				updatedAt: new Date(now - 2 * DAY)
			});
			reminded.push(address);
		}
	}
	// The old round holds a family's link: personal data the retention job removes.
	await issueFamilyLink(db, attempts[0]!.familyId, old!.id, new Date(now - 770 * DAY));
	for (let i = attempts.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[attempts[i], attempts[j]] = [attempts[j]!, attempts[i]!];
	}
	return { schoolId, roundId: round!.id, oldRoundId: old!.id, attempts, reminded };
}

/** The loopback SMTP server: every delivery, by its Message-ID (the outbox row) and recipient. */
function smtpSink() {
	const deliveries: { to: string[]; messageId: string }[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			let head = '';
			stream.on('data', (c: Buffer) => {
				if (head.length < 8192) head += c.toString('latin1');
			});
			stream.on('end', () => {
				deliveries.push({
					to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
					messageId: /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? ''
				});
				callback();
			});
		}
	});
	return {
		deliveries,
		listen: () =>
			new Promise<number>((resolve) =>
				server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
			),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** `npm run cli -- worker` as its own process, the way a school runs it next to MAIL_WORKER=off. */
function startWorker(env: Record<string, string>) {
	let output = '';
	const child: ChildProcess = spawn(
		process.execPath,
		[path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/cli.ts', 'worker'],
		{ cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	child.stdout!.on('data', (c) => (output += c));
	child.stderr!.on('data', (c) => (output += c));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		output: () => output,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

async function pool<T>(
	items: T[],
	concurrency: number,
	work: (item: T, i: number) => Promise<void>
) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) {
				const i = next++;
				await work(items[i]!, i);
			}
		})
	);
}

const count = (db: Database, query: ReturnType<typeof sql>) =>
	db.execute(query).then((r) => Number(rowsOf<{ n: number }>(r)[0]!.n));

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const created = await createPostgresDatabase('hb_bench_two');
const handle = await openDatabase({ databaseUrl: created.url, dataDir: '', role: 'bench' });
const smtp = smtpSink();
const servers: RunningServer[] = [];
const workers: ReturnType<typeof startWorker>[] = [];
const problems: string[] = [];
try {
	await handle.migrate();
	const { schoolId, roundId, oldRoundId, attempts, reminded } = await seed(handle.db);
	const smtpPort = await smtp.listen();
	const shared = { DATABASE_URL: created.url, LOG_LEVEL: 'warn' };
	servers.push(
		...(await Promise.all([
			startServer({ ...shared, MAIL_WORKER: 'off' }),
			startServer({ ...shared, MAIL_WORKER: 'off' })
		]))
	);
	// Both workers start at the same moment, so both run retention and reminders at once.
	const workerEnv = {
		...shared,
		LOG_LEVEL: 'info',
		SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
		MAIL_FROM: 'portal@school.example',
		ORIGIN: servers[0]!.url
	};
	workers.push(startWorker(workerEnv), startWorker(workerEnv));

	const outcome = { booked: 0, lostRace: 0, errors: 0 };
	const perServer = [0, 0];
	const began = performance.now();
	await pool(attempts, CONCURRENCY, async (a, i) => {
		// No sticky sessions: each request goes to the next server in turn.
		const server = servers[i % 2]!;
		perServer[i % 2]!++;
		try {
			const response = await postBooking(server.url, a);
			await response.arrayBuffer();
			if (response.status === 303) outcome.booked++;
			else if (response.status === 409) outcome.lostRace++;
			else outcome.errors++;
		} catch {
			outcome.errors++;
		}
	});
	const burstSeconds = (performance.now() - began) / 1000;

	// Everything due now goes out: the families' confirmations, the teachers' mails, the reminders.
	const waitUntil = Date.now() + 240_000;
	for (;;) {
		const left = await count(
			handle.db,
			sql`select count(*)::int as n from outbox where status = 'pending' and next_attempt_at <= now() + interval '1 minute'`
		);
		const reminders = await count(
			handle.db,
			sql`select count(*)::int as n from outbox where kind = 'visit_reminder'`
		);
		if (left === 0 && reminders > 0) break;
		if (Date.now() > waitUntil) {
			problems.push(`${left} messages still pending after four minutes`);
			break;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	// A last look: a second worker that would send a message again gets the chance to.
	await new Promise((r) => setTimeout(r, 3000));
	await Promise.all(workers.map((w) => w.stop()));

	const [doubles] = rowsOf<{ slots: number; families: number }>(
		await handle.db.execute(sql`select
			(select count(*) from (select slot_id from booking where round_id = ${roundId} and status = 'booked' group by slot_id having count(*) > 1) x)::int as slots,
			(select count(*) from (select family_id from booking where round_id = ${roundId} and status <> 'cancelled' group by family_id having count(*) > 1) y)::int as families`)
	);
	if (doubles!.slots || doubles!.families)
		problems.push(
			`double bookings: ${doubles!.slots} slots, ${doubles!.families} families with two answers`
		);
	if (outcome.errors) problems.push(`${outcome.errors} requests failed`);

	const byMessage = new Map<string, number>();
	const byAddress = new Map<string, number>();
	for (const d of smtp.deliveries) {
		byMessage.set(d.messageId, (byMessage.get(d.messageId) ?? 0) + 1);
		for (const to of d.to) byAddress.set(to, (byAddress.get(to) ?? 0) + 1);
	}
	const twice = [...byMessage.values()].filter((n) => n > 1).length;
	if (twice) problems.push(`${twice} messages delivered more than once`);
	const sent = await count(
		handle.db,
		sql`select count(*)::int as n from outbox where status = 'sent' and school_id = ${schoolId}`
	);
	if (sent !== smtp.deliveries.length)
		problems.push(`${sent} messages marked sent, ${smtp.deliveries.length} delivered`);

	// Each family that got its slot: one confirmation; one that lost the race: none.
	const bookedFamilies = new Set(
		rowsOf<{ family_id: string }>(
			await handle.db.execute(
				sql`select family_id from booking where round_id = ${roundId} and status = 'booked'`
			)
		).map((r) => r.family_id)
	);
	let confirmations = 0;
	let wrongConfirmations = 0;
	for (const a of attempts) {
		const got = byAddress.get(a.address) ?? 0;
		const expected = bookedFamilies.has(a.familyId) ? 1 : 0;
		confirmations += got;
		if (got !== expected) wrongConfirmations++;
	}
	if (wrongConfirmations)
		problems.push(`${wrongConfirmations} families got other than one confirmation`);
	// Each teacher: one mail for each visit booked with them in the burst.
	const teacherMails = rowsOf<{ email: string; n: number }>(
		await handle.db.execute(sql`select st.email, count(*)::int as n from booking b
			join slot s on s.id = b.slot_id join staff st on st.id = s.staff_id
			where b.round_id = ${roundId} and b.status = 'booked' and b.created_at > now() - interval '1 hour'
			group by st.email`)
	);
	const wrongTeachers = teacherMails.filter((t) => (byAddress.get(t.email) ?? 0) !== t.n).length;
	if (wrongTeachers) problems.push(`${wrongTeachers} teachers got other than one mail a booking`);
	// Reminders: once each, though both workers looked for them at once.
	const wrongReminders = reminded.filter((r) => (byAddress.get(r) ?? 0) !== 1).length;
	if (wrongReminders) problems.push(`${wrongReminders} families got other than one reminder`);
	// Retention: both workers ran it; the old round's data went once, with one audit entry.
	const retentionRuns = workers.filter((w) => w.output().includes('retention_applied')).length;
	const removals = await count(
		handle.db,
		sql`select count(*)::int as n from audit_event where action = 'retention.round_data_removed' and subject_id = ${oldRoundId}`
	);
	const oldLinks = await count(
		handle.db,
		sql`select count(*)::int as n from family_link where round_id = ${oldRoundId}`
	);
	if (removals !== 1 || oldLinks !== 0)
		problems.push(`retention removed the old round ${removals} times, ${oldLinks} links left`);

	console.log(
		`two servers, two mail workers; ${attempts.length} families at concurrency ${CONCURRENCY} (${perServer[0]} + ${perServer[1]} requests), a fifth fighting over ${POPULAR_SLOTS} slots a teacher`
	);
	console.log(
		`bookings: booked ${outcome.booked}, lost a race ${outcome.lostRace}, errors ${outcome.errors} in ${burstSeconds.toFixed(1)} s; double bookings: ${doubles!.slots} slots, ${doubles!.families} families`
	);
	console.log(
		`smtp: ${smtp.deliveries.length} deliveries (${sent} marked sent), ${twice} delivered twice; confirmations ${confirmations} for ${bookedFamilies.size - REMINDED} booked families in the burst, ${wrongConfirmations} wrong`
	);
	console.log(
		`teachers: ${teacherMails.length} with mail, ${wrongTeachers} wrong; reminders: ${reminded.length} visits, ${wrongReminders} not exactly once`
	);
	console.log(
		`retention: run by ${retentionRuns} of 2 workers, old round removed ${removals} time(s), ${oldLinks} of its links left`
	);
	console.log(problems.length ? `VIOLATIONS:\n  ${problems.join('\n  ')}` : 'no violations');
} finally {
	await Promise.all(workers.map((w) => w.stop()));
	await Promise.all(servers.map((s) => s.stop()));
	await smtp.close();
	await handle.close();
	await created.drop();
}
process.exit(problems.length ? 1 : 0);
