/**
 * What a parent's pages cost the server: the family page (a family with a booked visit), the
 * choose-a-time page with 30 open times, the newsletter page, and a booking (the choose-a-time
 * form's POST, each one a real booking of another family in another slot), each beside /healthz
 * in the same run (the machine's own floor: the hooks and one query). For each: requests a
 * second with a few requests in flight, and the server process's CPU time per request (user +
 * system, from /proc: Linux), its system part and its read/write system calls (a database round
 * trip is two). Prints figures; asserts nothing. Needs a build.
 * On PGlite; on PostgreSQL when TEST_DATABASE_URL points at a server (a database is created
 * and dropped there).
 *   npx tsx bench/parent-pages.ts     (BENCH_N requests a page, default 2000; BENCH_POSTS
 *                                      bookings, default 200; BENCH_CONCURRENCY, default 4)
 * Each page is first requested 300 times (and 40 bookings made) before it is measured: with
 * fewer, the figures measure V8 still compiling (a family page read 4.5 ms after 40 warm-up
 * requests, 2.1 ms after 300), not what a server that has run for a while spends.
 * A booking's figure counts its confirmation mail too: the server's CPU until it is idle after
 * the bookings (the inline mail worker sends after the answer). With MAIL_WORKER=off in the
 * environment the server sends nothing, and the figure is the request alone.
 * To profile one page: BENCH_PROFILE="family page" (BENCH_PROFILE_SECONDS, default 20) requests
 * only that page (BENCH_PROFILE=booking: only bookings) and prints the server's pid for
 * `perf record -g -p <pid>` (start the bench with
 * NODE_OPTIONS=--perf-basic-prof for JavaScript names), or CPU_PROF_DIR=/tmp/prof for V8's own
 * profile. On a loaded machine V8's profile counts time the process waited for a core as the
 * function it was in (socket writes looked like a quarter of the time); perf counts only CPU.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
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
import { issueFamilyLink } from '../src/lib/server/families/links';
import { renewNewsletterCode } from '../src/lib/server/families/newsletter';
import { bookVisit } from '../src/lib/server/booking/answer';
import { fromWallTime } from '../src/lib/server/time/zone';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer, type RunningServer } from '../tests/support/server';

const NOW = new Date('2026-10-05T10:00:00Z');
const ZONE = 'Europe/Amsterdam';
const N = Number(process.env.BENCH_N) || 2000;
const WARM = 300;
const WARM_POSTS = 40;
const POSTS = Number(process.env.BENCH_POSTS) || 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 4;
const OPEN_TIMES = 30;

interface Seeded {
	/** A family that has not answered yet, whose teacher has 30 open times. */
	chooser: string;
	/** A family with a booked visit at home. */
	booked: string;
	newsletterCode: string;
	/** Each family books its own time: a real booking every time. */
	bookings: { token: string; slotId: string }[];
}

const AFTERNOON = ['13:00', '14:00', '15:00', '16:00'];
// The booking teacher's times fill whole days, so hundreds of bookings stay inside the round.
const ALL_DAY = Array.from({ length: 13 }, (_, i) => `${String(8 + i).padStart(2, '0')}:00`);

/** `count` visits of 45 minutes at `hours` on school days from 19 October on. */
function visitTimes(count: number, hours = AFTERNOON) {
	const times = [];
	for (let day = 0; times.length < count; day++) {
		const date = new Date(Date.parse('2026-10-19') + day * 86_400_000);
		if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
		const iso = date.toISOString().slice(0, 10);
		for (const from of hours) {
			if (times.length === count) break;
			const startsAt = fromWallTime(iso, from, ZONE)!;
			times.push({ startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000) });
		}
	}
	return times;
}

async function seed(db: Database): Promise<Seeded> {
	const [s] = await db
		.insert(school)
		.values({ name: 'Basisschool De Bench', city: 'Utrecht', phone: '030 000 0000' })
		.returning();
	const schoolId = s!.id;
	const [round] = await db
		.insert(visitRound)
		.values({
			schoolId,
			name: 'Huisbezoeken najaar',
			startsOn: '2026-10-19',
			endsOn: '2027-06-30',
			bookingOpensAt: new Date('2026-10-01T08:00:00Z'),
			bookingClosesAt: new Date('2027-06-29T16:00:00Z')
		})
		.returning();
	const roundId = round!.id;
	await renewNewsletterCode(db, schoolId, roundId);
	const [{ newsletterCode }] = (await db
		.select({ newsletterCode: visitRound.newsletterCode })
		.from(visitRound)
		.where(eq(visitRound.id, roundId))) as [{ newsletterCode: string }];

	let k = 0;
	async function teacherWithGroup(name: string) {
		const [t] = await db
			.insert(staff)
			.values({ schoolId, email: `${name}@bench.example`, name, role: 'teacher' })
			.returning();
		const [g] = await db
			.insert(group)
			.values({ schoolId, name: `Groep ${name}`, year: 3 })
			.returning();
		await db.insert(groupTeacher).values({ groupId: g!.id, staffId: t!.id });
		await db
			.insert(visitRoundGroup)
			.values({ roundId, groupId: g!.id, talkingPoints: 'Kennismaken' });
		return { teacherId: t!.id, groupId: g!.id };
	}
	async function familyOf(teacher: { teacherId: string; groupId: string }) {
		k++;
		const [f] = await db
			.insert(family)
			.values({
				schoolId,
				street: `Straat ${k}`,
				postalCode: '3500 AB',
				city: 'Utrecht',
				visitingStaffId: teacher.teacherId,
				language: 'nl'
			})
			.returning();
		await db
			.insert(guardian)
			.values({ familyId: f!.id, name: `Ouder ${k}`, email: `ouder${k}@bench.example` });
		await db.insert(pupil).values({
			schoolId,
			familyId: f!.id,
			groupId: teacher.groupId,
			pupilNumber: `P${k}`,
			firstName: `Kind${k}`,
			lastName: 'Bench',
			birthDate: '2020-01-01'
		});
		return { familyId: f!.id, token: await issueFamilyLink(db, f!.id, roundId, NOW) };
	}
	async function slots(teacherId: string, count: number, hours = AFTERNOON) {
		const made = await createSlots(
			db,
			{
				schoolId,
				roundId,
				staffId: teacherId,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: visitTimes(count, hours)
			},
			ZONE,
			NOW
		);
		if (!made.ok) throw new Error(`slots: ${made.reason}`);
		return made.ids;
	}

	// One teacher: 31 times, one of them booked, so the family still choosing sees 30.
	const first = await teacherWithGroup('Leerkracht Een');
	const firstSlots = await slots(first.teacherId, OPEN_TIMES + 1);
	const chooser = await familyOf(first);
	const booked = await familyOf(first);
	const answer = await bookVisit(
		db,
		schoolId,
		roundId,
		booked.familyId,
		{
			slotId: firstSlots[0]!,
			location: 'home',
			neutralPlaceId: null,
			visitAddress: null,
			interpreterLanguage: null,
			ownInterpreterLanguage: null,
			parentQuestions: 'Hoe gaat het in de klas?',
			notHomeReason: null,
			notHomeReasonText: null
		},
		{ kind: 'parent', familyPath: `/f/${booked.token}`, language: 'nl' },
		NOW
	);
	if (!answer.ok) throw new Error(`booking: ${answer.problem}`);

	// Another teacher with a time for each family that books during the bench.
	const second = await teacherWithGroup('Leerkracht Twee');
	const secondSlots = await slots(second.teacherId, POSTS + WARM_POSTS, ALL_DAY);
	const bookings = [];
	for (let i = 0; i < POSTS + WARM_POSTS; i++)
		bookings.push({ token: (await familyOf(second)).token, slotId: secondSlots[i]! });
	return { chooser: chooser.token, booked: booked.token, newsletterCode, bookings };
}

/** The server process's CPU time (user + system) so far, in ms, from /proc (Linux). */
const ticksPerSecond = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
	} catch {
		return 100;
	}
})();
/** The server process's CPU time so far (user and system, ms) and its read/write system calls. */
function usage(server: RunningServer): { user: number; system: number; syscalls: number } | null {
	try {
		const fields = fs
			.readFileSync(`/proc/${server.process.pid}/stat`, 'utf8')
			.split(') ')[1]!
			.split(' ');
		const io = fs.readFileSync(`/proc/${server.process.pid}/io`, 'utf8');
		const count = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? 0);
		return {
			user: (Number(fields[11]) * 1000) / ticksPerSecond,
			system: (Number(fields[12]) * 1000) / ticksPerSecond,
			syscalls: count('syscr') + count('syscw')
		};
	} catch {
		return null;
	}
}

async function pool(count: number, work: (i: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < count) await work(next++);
		})
	);
}

interface Figure {
	label: string;
	perSecond: number;
	/** Per request: server CPU ms (user + system), its system part, and read/write system calls. */
	cpu: number | null;
	system: number | null;
	syscalls: number | null;
	html: string;
}

/** `count` requests, CONCURRENCY at a time; `request(i)` makes the i-th and checks its answer. */
async function measure(
	server: RunningServer,
	label: string,
	count: number,
	request: (i: number) => Promise<string>,
	{ untilIdle = false } = {}
): Promise<Figure> {
	let html = '';
	const before = usage(server);
	const began = performance.now();
	await pool(count, async (i) => {
		html = await request(i);
	});
	const seconds = (performance.now() - began) / 1000;
	if (untilIdle) await idle(server);
	const after = usage(server);
	const per = (pick: (u: NonNullable<ReturnType<typeof usage>>) => number) =>
		before && after ? (pick(after) - pick(before)) / count : null;
	return {
		label,
		perSecond: count / seconds,
		cpu: per((u) => u.user + u.system),
		system: per((u) => u.system),
		syscalls: per((u) => u.syscalls),
		html
	};
}

/**
 * Until the server has stopped working (under 1 ms of CPU in 200 ms, at most 30 s): a booking's
 * confirmation is composed and sent by the mail worker after the answer, and belongs to its cost.
 */
async function idle(server: RunningServer) {
	const cpu = () => {
		const u = usage(server);
		return u ? u.user + u.system : 0;
	};
	const until = performance.now() + 30_000;
	let last = cpu();
	while (performance.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		const now = cpu();
		if (now - last < 1) return;
		last = now;
	}
}

async function page(url: string): Promise<string> {
	const response = await fetch(url, { headers: { Accept: 'text/html' } });
	const body = await response.text();
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	return body;
}

async function run(label: string, env: Record<string, string>, databaseUrl: string | null) {
	const handle = await openDatabase({
		databaseUrl,
		dataDir: env.DATA_DIR ?? '',
		role: 'bench'
	});
	let seeded: Seeded;
	try {
		await handle.migrate();
		seeded = await seed(handle.db);
	} finally {
		await handle.close();
	}
	const server = await startServer(
		{ ...env, FAKE_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' },
		// CPU_PROF_DIR=/tmp/prof: the server writes a V8 CPU profile there when it stops.
		{
			nodeArgs: process.env.CPU_PROF_DIR
				? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`]
				: []
		}
	);
	try {
		const base = server.url;
		const gets: [string, string][] = [
			['/healthz', `${base}/healthz`],
			['family page (booked)', `${base}/f/${seeded.booked}`],
			['choose a time (30)', `${base}/f/${seeded.chooser}/book`],
			['newsletter page', `${base}/n/${seeded.newsletterCode}`]
		];
		// Warm up: the code paths, the JIT, the connection pool.
		// (Not when profiling bookings: the profile would hold the pages' warm-up too.)
		if (process.env.BENCH_PROFILE !== 'booking')
			for (const [, url] of gets) await pool(WARM, () => page(url).then(() => undefined));
		const book = await page(`${base}/f/${seeded.chooser}/book`);
		const times = new Set(book.match(/name="slotId" value="[0-9a-f-]{36}"/g) ?? []).size;
		if (times !== OPEN_TIMES)
			throw new Error(`the choose-a-time page offers ${times} times, not ${OPEN_TIMES}`);

		const post = async (i: number) => {
			const { token, slotId } = seeded.bookings[i]!;
			const response = await fetch(`${base}/f/${token}/book`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'text/html',
					Origin: base
				},
				body: new URLSearchParams({ location: 'home', slotId, interpreter: 'none' })
			});
			await response.arrayBuffer();
			if (response.status !== 303 || !/saved=booked$/.test(response.headers.get('location') ?? ''))
				throw new Error(`booking ${i}: ${response.status} ${response.headers.get('location')}`);
			return '';
		};
		const only = process.env.BENCH_PROFILE;
		if (only) {
			// For a profiler (`perf record -p <pid>`, or CPU_PROF_DIR): one page, nothing else.
			const url = gets.find(([name]) => name.startsWith(only))?.[1];
			if (!url && only !== 'booking') throw new Error(`BENCH_PROFILE: no page called ${only}`);
			const seconds = Number(process.env.BENCH_PROFILE_SECONDS) || 20;
			console.log(`profiling ${only}: server pid ${server.process.pid}, ${seconds} s`);
			const until = performance.now() + seconds * 1000;
			let count = 0;
			// Bookings: each family books once, so at most POSTS + WARM_POSTS of them.
			const limit = url ? Number.MAX_SAFE_INTEGER : POSTS + WARM_POSTS;
			await pool(limit, async (i) => {
				if (performance.now() > until) throw new Error('done');
				if (url) await page(url);
				else await post(i);
				count++;
			}).catch((error: Error) => {
				if (error.message !== 'done') throw error;
			});
			console.log(`${count} requests`);
			return;
		}

		const figures: Figure[] = [];
		for (const [name, url] of gets) figures.push(await measure(server, name, N, () => page(url)));
		// Bookings to warm the action's path (and their mail), then the measured ones.
		for (let i = 0; i < WARM_POSTS; i++) await post(POSTS + i);
		await idle(server);
		// With the inline mail worker (the default) the confirmations are sent after the answers:
		// the CPU is counted until the server is idle again. MAIL_WORKER=off: the request alone.
		const booking = process.env.MAIL_WORKER === 'off' ? 'booking (POST)' : 'booking + its mail';
		figures.push(await measure(server, booking, POSTS, post, { untilIdle: true }));
		// /healthz again at the end: the floor is the mean of both, as the machine drifts.
		const healthAgain = await measure(server, '/healthz', N, () => page(`${base}/healthz`));
		const health = figures[0]!;
		health.perSecond = (health.perSecond + healthAgain.perSecond) / 2;
		for (const key of ['cpu', 'system', 'syscalls'] as const) {
			const [a, b] = [health[key], healthAgain[key]];
			health[key] = a !== null && b !== null ? (a + b) / 2 : null;
		}

		console.log(`${label}:`);
		for (const f of figures) {
			const ratio =
				f === health ? '' : `${((f.perSecond / health.perSecond) * 100).toFixed(0)} % of /healthz`;
			const size = f.html.startsWith('<')
				? `HTML ${(f.html.length / 1024).toFixed(1)} KB (${(gzipSync(f.html).length / 1024).toFixed(1)} KB gzipped)`
				: '';
			console.log(
				`  ${f.label.padEnd(22)} ${f.perSecond.toFixed(0).padStart(6)} req/s  ${ratio.padEnd(18)}` +
					`  server CPU ${f.cpu === null ? '?' : f.cpu.toFixed(2)} ms/request` +
					` (system ${f.system === null ? '?' : f.system.toFixed(2)} ms,` +
					` ${f.syscalls === null ? '?' : f.syscalls.toFixed(1)} read/write calls)  ${size}`
			);
		}
	} finally {
		await server.stop();
	}
}

console.log(
	`Parent pages against the built portal: ${N} requests a page, ${POSTS} bookings, ${CONCURRENCY} at a time.`
);
if (process.env.TEST_DATABASE_URL) {
	const created = await createPostgresDatabase('hb_bench_parent');
	try {
		await run('PostgreSQL (TEST_DATABASE_URL)', { DATABASE_URL: created.url }, created.url);
	} finally {
		await created.drop();
	}
} else {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-parent-'));
	try {
		await run(
			'PGlite (set TEST_DATABASE_URL for PostgreSQL)',
			{ DATA_DIR: dataDir, DATABASE_URL: '' },
			null
		);
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}
