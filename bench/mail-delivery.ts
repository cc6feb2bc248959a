// How fast the portal's mail worker gets booking confirmations, each with its .ics invite, to
// a loopback SMTP server, and how much memory the server process uses meanwhile. The built
// server runs its worker inline (the default) against PostgreSQL; the messages are queued
// first and released at once. Then the same for an invitation wave (no .ics). Prints
// figures, asserts nothing. Needs a build (`npm run build`) and PostgreSQL.
//   npx tsx bench/mail-delivery.ts [--families 1000]
//   (PostgreSQL from TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer } from '../tests/support/server';
import { openDatabase, type Database } from '../src/lib/server/db';
import {
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
import { bookVisit } from '../src/lib/server/booking/answer';
import { sendWave } from '../src/lib/server/visit-rounds/waves';

const { values } = parseArgs({ options: { families: { type: 'string', default: '1000' } } });
const FAMILIES = Number(values.families);
const TEACHERS = 20;
const DAY = 86_400_000;
const FAR = new Date('2100-01-01T00:00:00Z');

async function seed(db: Database) {
	const now = Date.now();
	const [s] = await db
		.insert(school)
		.values({
			name: 'Benchschool',
			phone: '020 000 0000',
			street: 'Schoolstraat 1',
			postalCode: '1000 AA',
			city: 'Amsterdam'
		})
		.returning();
	const [round] = await db
		.insert(visitRound)
		.values({
			schoolId: s!.id,
			name: 'Bench',
			startsOn: new Date(now).toISOString().slice(0, 10),
			endsOn: new Date(now + 60 * DAY).toISOString().slice(0, 10),
			bookingOpensAt: new Date(now - DAY),
			bookingClosesAt: new Date(now + 59 * DAY)
		})
		.returning();
	const perTeacher = Math.ceil(FAMILIES / TEACHERS);
	const languages = ['nl', 'ar', 'tr', 'pl', 'uk', 'en', 'fr'];
	let made = 0;
	let admin = '';
	for (let t = 0; t < TEACHERS && made < FAMILIES; t++) {
		const [teacher] = await db
			.insert(staff)
			.values({
				schoolId: s!.id,
				email: `t${t}@bench.example`,
				name: `Teacher ${t}`,
				role: t === 0 ? 'admin' : 'teacher'
			})
			.returning();
		if (t === 0) admin = teacher!.id;
		const [g] = await db
			.insert(group)
			.values({ schoolId: s!.id, name: `G${t}`, year: 3 })
			.returning();
		await db.insert(groupTeacher).values({ groupId: g!.id, staffId: teacher!.id });
		await db.insert(visitRoundGroup).values({ roundId: round!.id, groupId: g!.id });
		const times = Array.from({ length: perTeacher }, (_, i) => {
			const start = new Date(now + (3 + Math.floor(i / 3)) * DAY);
			start.setUTCHours(14 + (i % 3), 0, 0, 0);
			return { startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000) };
		});
		const slots = await createSlots(
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
			'Europe/Amsterdam',
			new Date(now)
		);
		if (!slots.ok) throw new Error(`slots: ${slots.reason}`);
		for (let f = 0; f < perTeacher && made < FAMILIES; f++, made++) {
			const [fam] = await db
				.insert(family)
				.values({
					schoolId: s!.id,
					visitingStaffId: teacher!.id,
					language: languages[made % languages.length]!,
					street: 'Straat 1',
					city: 'Amsterdam'
				})
				.returning();
			await db.insert(pupil).values({
				schoolId: s!.id,
				familyId: fam!.id,
				groupId: g!.id,
				pupilNumber: `${t}-${f}`,
				firstName: 'Kind',
				lastName: `${f}`
			});
			await db.insert(guardian).values({
				familyId: fam!.id,
				name: `Ouder ${made}`,
				email: `ouder${made}@families.example`
			});
			const result = await bookVisit(
				db,
				s!.id,
				round!.id,
				fam!.id,
				{
					slotId: slots.ids[f]!,
					location: 'home',
					neutralPlaceId: null,
					visitAddress: null,
					interpreterLanguage: null,
					ownInterpreterLanguage: null,
					parentQuestions: null,
					notHomeReason: null,
					notHomeReasonText: null
				},
				{
					kind: 'parent',
					familyPath: `/f/${'x'.repeat(32)}`,
					language: languages[made % languages.length]!
				},
				new Date(now)
			);
			if (!result.ok) throw new Error(result.problem);
		}
	}
	return { schoolId: s!.id, roundId: round!.id, admin };
}

function sink() {
	let count = 0;
	let bytes = 0;
	let withIcs = 0;
	let first = 0;
	let last = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			let text = '';
			stream.on('data', (c: Buffer) => {
				bytes += c.length;
				text += c.toString('latin1');
			});
			stream.on('end', () => {
				if (text.includes('text/calendar')) withIcs++;
				count++;
				last = performance.now();
				if (count === 1) first = last;
				callback();
			});
		}
	});
	return {
		server,
		listen: () =>
			new Promise<number>((resolve) =>
				server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
			),
		stats: () => ({ count, bytes, withIcs, first, last }),
		reset: () => ((count = 0), (bytes = 0), (withIcs = 0), (first = 0), (last = 0))
	};
}

const rssOf = (pid: number) => {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
	return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
};

/** CPU ms (user + system) the process used so far (Linux /proc, ticks of 10 ms). */
const cpuMsOf = (pid: number) => {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function waitFor(done: () => boolean, pid: number, timeoutMs = 300_000) {
	let peak = 0;
	const until = Date.now() + timeoutMs;
	while (!done()) {
		peak = Math.max(peak, rssOf(pid).rss);
		if (Date.now() > until) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
	return peak;
}

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const database = await createPostgresDatabase('hb_bench_mail');
const handle = await openDatabase({ databaseUrl: database.url, dataDir: '', role: 'bench' });
const smtp = sink();
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
	await handle.migrate();
	const seededAt = performance.now();
	const { schoolId, roundId, admin } = await seed(handle.db);
	// Only the families' confirmations (each with invite.ics) take part; the teachers' copies wait.
	await handle.db.execute(sql`delete from outbox where kind <> 'visit_booked'`);
	await handle.db.execute(
		sql`update outbox set next_attempt_at = ${FAR.toISOString()}::timestamptz`
	);
	console.log(
		`seeded ${FAMILIES} booked families in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`
	);
	const port = await smtp.listen();
	server = await startServer({
		DATABASE_URL: database.url,
		SMTP_URL: `smtp://127.0.0.1:${port}`,
		MAIL_FROM: 'huisbezoek@bench.example',
		LOG_LEVEL: 'warn'
	});
	const pid = server.process.pid!;
	const idle = rssOf(pid);

	const cpuBefore = cpuMsOf(pid);
	const released = performance.now();
	await handle.db.execute(sql`update outbox set next_attempt_at = now() where status = 'pending'`);
	const peak = await waitFor(() => smtp.stats().count >= FAMILIES, pid);
	const s1 = smtp.stats();
	const cpuPerMail = (cpuMsOf(pid) - cpuBefore) / s1.count;
	const seconds = (s1.last - released) / 1000;
	console.log(
		`\nconfirmations with .ics: ${s1.count} mails (${s1.withIcs} with text/calendar), ${(s1.bytes / s1.count / 1024).toFixed(1)} KB each`
	);
	console.log(
		`  released -> last accepted: ${seconds.toFixed(2)} s = ${(s1.count / seconds).toFixed(0)} mails/s, server CPU ${cpuPerMail.toFixed(2)} ms a mail`
	);
	console.log(
		`  server RSS idle ${idle.rss.toFixed(0)} MB, peak while sending ${peak.toFixed(0)} MB, after ${s1.count} mails ${rssOf(pid).rss.toFixed(0)} MB (VmHWM ${rssOf(pid).hwm.toFixed(0)} MB)`
	);

	smtp.reset();
	const waveCpuBefore = cpuMsOf(pid);
	const waveStart = performance.now();
	const wave = await sendWave(handle.db, schoolId, roundId, 'invitation', admin, new Date());
	const queued = performance.now();
	const wavePeak = await waitFor(() => smtp.stats().count >= FAMILIES, pid);
	const s2 = smtp.stats();
	const waveCpuPerMail = (cpuMsOf(pid) - waveCpuBefore) / s2.count;
	console.log(
		`\ninvitation wave: ${wave.ok ? wave.families : 0} families queued in ${((queued - waveStart) / 1000).toFixed(2)} s (new link each)`
	);
	console.log(
		`  queued -> last accepted: ${((s2.last - queued) / 1000).toFixed(2)} s = ${(s2.count / ((s2.last - queued) / 1000)).toFixed(0)} mails/s, server CPU ${waveCpuPerMail.toFixed(2)} ms a mail`
	);
	console.log(
		`  server RSS peak ${wavePeak.toFixed(0)} MB, after ${s2.count} mails ${rssOf(pid).rss.toFixed(0)} MB (VmHWM ${rssOf(pid).hwm.toFixed(0)} MB)`
	);
} finally {
	await server?.stop();
	await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
	await handle.close();
	await database.drop();
}
