/**
 * Does the portal stay as fast for one school when the database holds a thousand? Seeds one school
 * (300 families in a running round: half booked, 16 of them with an interpreter asked for, slots
 * for all, a link each) in two databases, grows the second to 1,000 such schools (300,000
 * families) with set-based inserts, runs a server on each, and measures the pages a family and the
 * office use most for that same school on both, in turns (one request here, one there), so that
 * the machine's changing load falls on both sides alike:
 *   the family page (/f/[token]), the choose-a-time page (/f/[token]/book), a booking (the book
 *   action, a fresh family and slot each time), the families table (/staff/families) and the
 *   office's home page (/staff); and the families table searched for a surname.
 * It prints p50/p95 per page at 1 and at 1,000 schools and the ratio of the p50s (the goal is
 * at most 1.5), then, with --explain, EXPLAIN ANALYZE of every statement those pages ran at 1,000
 * schools (captured with DB_LOG_QUERIES, text only) and the sequential scans among them.
 *
 * On PostgreSQL (TEST_DATABASE_URL or BENCH_DATABASE_URL: a database is created and dropped), or on
 * PGlite with --pglite. Needs a build (npm run build).
 *   TEST_DATABASE_URL=postgres://… npx tsx bench/scale.ts [--explain] [--pglite]
 *   BENCH_N=60 requests per page (default 40), BENCH_SCHOOLS=1000, BENCH_FAMILIES=300 per school.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type DatabaseHandle } from '../src/lib/server/db';
import { hashPassword } from '../src/lib/server/auth/password';
import { createPostgresDatabase } from '../tests/support/databases';
import { cookieHeader, cookieJar, startServer, type RunningServer } from '../tests/support/server';

const args = new Set(process.argv.slice(2));
const N = Number(process.env.BENCH_N) || 40;
const SCHOOLS = Number(process.env.BENCH_SCHOOLS) || 1000;
const FAMILIES = Number(process.env.BENCH_FAMILIES) || 300;
const TEACHERS = 12;
const GROUPS = 24;
const CHUNK = 100;
/** Tables above this many rows must not be read whole for one school's page. */
const LARGE = 10_000;
// Before the round's first visit and inside its booking window: every family may still book.
const NOW = new Date('2026-10-12T12:00:00Z');
const FIRST_SLOT = '2026-10-19T08:00:00Z';
const PASSWORD = 'bench-scale-password';
const OFFICE = 'office@s1.scale.example';

// Every id is md5 of a name ('f' || school || '-' || family number): the inserts need no joins to
// find the rows they point at, and this script knows school 1's ids without asking.
const uuidOf = (name: string) =>
	createHash('md5')
		.update(name)
		.digest('hex')
		.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
// A family link token of the portal's shape (32 characters of base32) from md5's hex: the digits
// 0, 1, 8 and 9 are not in base32, so they become w, x, y and z (the same in SQL below).
const tokenOf = (k: number) =>
	createHash('md5')
		.update(`tok1-${k}`)
		.digest('hex')
		.replace(/[0189]/g, (d) => ({ '0': 'w', '1': 'x', '8': 'y', '9': 'z' })[d]!);

const id = (prefix: string, ...parts: string[]) =>
	`md5('${prefix}' || ${parts.join(` || '-' || `)})::uuid`;

/** Schools from…to, each the same school, in one statement per table (no loop of inserts). */
function seedStatements(from: number, to: number): string[] {
	const schools = `generate_series(${from}, ${to}) s`;
	const families = `${schools} cross join generate_series(1, ${FAMILIES}) k`;
	const school = id('sc', 's');
	const family = id('f', 's', 'k');
	const round = id('r', 's');
	const teacherOf = (n: string) => id('t', 's', n);
	const slotStart = `'${FIRST_SLOT}'::timestamptz + k * interval '50 minutes'`;
	const slotEnd = `${slotStart} + interval '45 minutes'`;
	return [
		`insert into school (id, name, city, phone) select ${school}, 'School ' || s, 'Utrecht', '030 000 0000' from ${schools}`,
		`insert into staff (id, school_id, email, name, role)
			select ${teacherOf('t')}, ${school}, 'teacher' || t || '@s' || s || '.scale.example', 'Leerkracht ' || t, 'teacher'
			from ${schools} cross join generate_series(0, ${TEACHERS - 1}) t`,
		`insert into staff (id, school_id, email, name, role, title)
			select ${id('o', 's')}, ${school}, 'office@s' || s || '.scale.example', 'Kantoor', 'admin', 'office' from ${schools}`,
		`insert into school_group (id, school_id, name, year)
			select ${id('g', 's', 'g')}, ${school}, 'G' || g, 1 + g % 8 from ${schools} cross join generate_series(0, ${GROUPS - 1}) g`,
		`insert into group_teacher (group_id, staff_id)
			select ${id('g', 's', 'g')}, ${teacherOf(`(g % ${TEACHERS})`)} from ${schools} cross join generate_series(0, ${GROUPS - 1}) g`,
		// Family k: a child in group k mod 24 (whose teacher, k mod 12, visits), a second child when
		// k is a multiple of 5; one parent with e-mail and phone, a second without when k is a multiple of 4.
		`insert into family (id, school_id, street, postal_code, city, language, visiting_staff_id)
			select ${family}, ${school}, 'Straat ' || k, '3500 AB', 'Utrecht',
				case when k % 9 = 0 then 'ar' when k % 11 = 0 then 'tr' else 'nl' end, ${teacherOf(`(k % ${TEACHERS})`)}
			from ${families}`,
		`insert into pupil (id, school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date)
			select ${id('p', 's', 'k')}, ${school}, ${family}, ${id('g', 's', `(k % ${GROUPS})`)}, 'P' || k, 'Kind' || k, 'Achternaam' || k, '2018-01-01'
			from ${families}`,
		`insert into pupil (id, school_id, family_id, group_id, pupil_number, first_name, last_name, birth_date)
			select ${id('q', 's', 'k')}, ${school}, ${family}, ${id('g', 's', `((k + 1) % ${GROUPS})`)}, 'Q' || k, 'Broer' || k, 'Achternaam' || k, '2020-01-01'
			from ${families} where k % 5 = 0`,
		`insert into guardian (family_id, name, email, phone, relation)
			select ${family}, 'Ouder ' || k, 'ouder' || k || '@s' || s || '.scale.example', '06' || lpad(k::text, 8, '0'), 'moeder'
			from ${families}`,
		`insert into guardian (family_id, name, relation) select ${family}, 'Verzorger ' || k, 'vader' from ${families} where k % 4 = 0`,
		`insert into visit_round (id, school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
			select ${round}, ${school}, 'Huisbezoeken najaar', '2026-10-19', '2026-11-27', '2026-10-01T08:00:00Z', '2026-11-26T16:00:00Z' from ${schools}`,
		`insert into visit_round_group (round_id, group_id, talking_points)
			select ${round}, ${id('g', 's', 'g')}, 'Kennismaken' from ${schools} cross join generate_series(0, ${GROUPS - 1}) g`,
		`insert into family_link (family_id, round_id, token_hash)
			select ${family}, ${round}, sha256(convert_to(translate(md5('tok' || s || '-' || k), '0189', 'wxyz'), 'UTF8'))
			from ${families}`,
		// One slot per family with its own teacher, 50 minutes after the school's previous one.
		`insert into slot (id, school_id, round_id, staff_id, starts_at, ends_at)
			select ${id('sl', 's', 'k')}, ${school}, ${round}, ${teacherOf(`(k % ${TEACHERS})`)}, ${slotStart}, ${slotEnd}
			from ${families}`,
		`insert into slot_staff (slot_id, staff_id, starts_at, ends_at)
			select ${id('sl', 's', 'k')}, ${teacherOf(`(k % ${TEACHERS})`)}, ${slotStart}, ${slotEnd} from ${families}`,
		// Every tenth family (k ending in 3) asked to be called: the office's home page counts them.
		`insert into family_request (school_id, round_id, family_id, kind, phone, language)
			select ${school}, ${round}, ${family}, 'call_me', '+316' || lpad(k::text, 8, '0'), 'nl' from ${families} where k % 10 = 3`,
		// Every even family has booked its slot: at school when k is a multiple of 6, else at home.
		`insert into booking (id, school_id, round_id, family_id, slot_id, status, location, not_home_reason, interpreter_language)
			select ${id('b', 's', 'k')}, ${school}, ${round}, ${family}, ${id('sl', 's', 'k')}, 'booked',
				(case when k % 6 = 0 then 'school' else 'home' end)::visit_location, case when k % 6 = 0 then 'privacy' end,
				case when k % 18 = 0 then 'ar' end
			from ${families} where k % 2 = 0`,
		// The Arabic-speaking families among them (k a multiple of 18, at school) asked the school to
		// arrange an interpreter: 16 open requests a school, 16,000 in all, which every booking's
		// transaction and the office's pages look up.
		`insert into interpreter_request (school_id, booking_id, language, starts_at, ends_at, location)
			select ${school}, ${id('b', 's', 'k')}, 'ar', ${slotStart}, ${slotEnd}, 'school'
			from ${families} where k % 18 = 0`
	];
}

async function seed(handle: DatabaseHandle, from: number, to: number): Promise<number> {
	const started = performance.now();
	for (let a = from; a <= to; a += CHUNK) {
		const b = Math.min(to, a + CHUNK - 1);
		for (const statement of seedStatements(a, b)) await handle.db.execute(sql.raw(statement));
		if (to - from > CHUNK) process.stdout.write(`    schools ${a}–${b} seeded\n`);
	}
	// What autovacuum would do in a while, done now: the planner sees the tables as they are, and
	// the measuring does not share the machine with autovacuum catching up on the new rows (it
	// vacuums a table after enough inserts) nor with a checkpoint writing them out. Without it the
	// page measured first after the seed read 1.4× and 1.9× slower than at one school in two runs;
	// with it, 1.07×.
	await handle.db.execute(sql`vacuum (analyze)`);
	if (handle.kind === 'postgres') await handle.db.execute(sql`checkpoint`);
	return performance.now() - started;
}

async function signIn(server: RunningServer): Promise<string> {
	const response = await fetch(`${server.url}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'text/html',
			Origin: server.url
		},
		body: new URLSearchParams({ email: OFFICE, password: PASSWORD })
	});
	if (response.status !== 303) throw new Error(`sign-in: ${response.status}`);
	return cookieHeader(cookieJar(response));
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

type Page =
	| 'family page'
	| 'choose a time'
	| 'book (POST)'
	| 'families table'
	| 'families search'
	| 'office home';
const PAGES: Page[] = [
	'family page',
	'choose a time',
	'book (POST)',
	'families table',
	'families search',
	'office home'
];
type Figures = Record<Page, { p50: number; p95: number }>;

/** The odd families (not booked yet); each run of bookings takes its own, never used before. */
const unbooked = Array.from({ length: FAMILIES }, (_, i) => i + 1).filter((k) => k % 2 === 1);
// Most book (5 warm-up requests and N measured, per measurement); the last 20 are only looked
// at, so their choose-a-time page stays that of a family without a visit.
const toBook = unbooked.slice(0, -20);
const toLook = unbooked.slice(-20);

/** A server on one of the two databases, signed in as school 1's office. */
interface Target {
	server: RunningServer;
	cookie: string;
	/** The families this database has booked so far: each booking takes the next one. */
	booked: { count: number };
}

async function request(target: Target, page: Page, i: number) {
	const { server, cookie } = target;
	const headers = { Cookie: `lang=nl; ${cookie}`, Accept: 'text/html' };
	let response: Response;
	if (page === 'book (POST)') {
		const k = toBook[target.booked.count++];
		if (k === undefined) throw new Error('no family left to book: lower BENCH_N');
		response = await fetch(`${server.url}/f/${tokenOf(k)}/book`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				...headers,
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server.url
			},
			body: new URLSearchParams({
				location: 'home',
				slotId: uuidOf(`sl1-${k}`),
				interpreter: 'none'
			})
		});
		await response.text();
		if (response.status !== 303 || !response.headers.get('location')?.endsWith('?saved=booked'))
			throw new Error(
				`booking for family ${k}: ${response.status} ${response.headers.get('location')}`
			);
		return;
	}
	const url =
		page === 'family page'
			? `/f/${tokenOf((i % FAMILIES) + 1)}`
			: page === 'choose a time'
				? `/f/${tokenOf(toLook[i % toLook.length]!)}/book`
				: page === 'families table'
					? '/staff/families'
					: page === 'families search'
						? // A surname: one family (and those whose number starts alike) among 300.
							`/staff/families?q=achternaam${(i % FAMILIES) + 1}`
						: '/staff';
	response = await fetch(server.url + url, { headers });
	const body = await response.text();
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	if (page === 'choose a time' && !/name="slotId" value="[0-9a-f-]{36}"/.test(body))
		throw new Error(`${url} offers no time`);
	if (page.startsWith('families') && !/href="\/staff\/families\/[0-9a-f-]{36}"/.test(body))
		throw new Error('the families table lists no family');
}

/**
 * N requests of each page on both databases, page by page (after 5 each to warm up), in turns:
 * one on the first, one on the second, then the other way round. On a shared machine the load
 * changes from minute to minute; in turns, both sides meet the same load, and their ratio holds
 * what the database's size changed, not what the machine did meanwhile.
 */
async function measure(targets: [Target, Target]): Promise<[Figures, Figures]> {
	const figures = [{}, {}] as [Figures, Figures];
	for (const page of PAGES) {
		for (const target of targets) for (let i = 0; i < 5; i++) await request(target, page, i);
		const times: [number[], number[]] = [[], []];
		for (let i = 0; i < N; i++) {
			for (const side of i % 2 === 0 ? [0, 1] : [1, 0]) {
				const started = performance.now();
				await request(targets[side]!, page, i);
				times[side]!.push(performance.now() - started);
			}
		}
		for (const side of [0, 1]) {
			const sorted = times[side]!.sort((a, b) => a - b);
			figures[side]![page] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
		}
	}
	return figures;
}

async function serve(env: Record<string, string>) {
	return startServer({ ...env, FAKE_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' });
}

/**
 * Each page once with the statement log on, then EXPLAIN ANALYZE of every statement it ran,
 * inside a transaction that is rolled back (a booking's statements write). The log has no
 * parameters (it must never hold personal data), so they are filled in here from the column each
 * one is compared with: this script made the data and knows school 1's ids.
 */
async function explain(env: Record<string, string>, databaseUrl: string, booked: Target['booked']) {
	const logFile = path.join(os.tmpdir(), `hb-scale-queries-${process.pid}.sql`);
	fs.rmSync(logFile, { force: true });
	const server = await serve({ ...env, DB_LOG_QUERIES: logFile });
	const byPage = new Map<Page, string[]>();
	try {
		const target = { server, cookie: await signIn(server), booked };
		for (const page of PAGES) {
			const before = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').length : 0;
			await request(target, page, 7);
			const logged = fs.readFileSync(logFile, 'utf8').slice(before).split('\n').filter(Boolean);
			byPage.set(page, [...new Set(logged)]);
		}
	} finally {
		await server.stop();
		fs.rmSync(logFile, { force: true });
	}
	const k = toLook[0]!;
	const values: Record<string, string> = {
		school_id: uuidOf('sc1'),
		round_id: uuidOf('r1'),
		family_id: uuidOf(`f1-${k}`),
		reserved_for_family_id: uuidOf(`f1-${k}`),
		staff_id: uuidOf(`t1-${k % TEACHERS}`),
		visiting_staff_id: uuidOf(`t1-${k % TEACHERS}`),
		second_staff_id: uuidOf(`t1-${k % TEACHERS}`),
		slot_id: uuidOf(`sl1-${k}`),
		booking_id: uuidOf(`b1-${k + 1}`)
	};
	const tableIds: Record<string, string> = {
		school: values.school_id!,
		visit_round: values.round_id!,
		family: values.family_id!,
		staff: uuidOf('o1'),
		slot: values.slot_id!,
		booking: values.booking_id!
	};
	const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const seqScans: string[] = [];
	let sizes = new Map<string, number>();
	try {
		for (const [page, queries] of byPage) {
			console.log(`\n  ${page}: ${queries.length} statements`);
			for (const query of queries) {
				const count = Math.max(0, ...[...query.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
				const params: (string | number | Uint8Array | null)[] = [];
				for (let n = 1; n <= count; n++) params.push(guess(query, n, values, tableIds, k));
				console.log(`\n    ${query.length > 400 ? query.slice(0, 400) + ' …' : query}`);
				let plan: string[];
				try {
					await client.unsafe('begin');
					const rows = await client.unsafe(
						`explain (analyze, costs off, timing on) ${query}`,
						params as never[]
					);
					plan = rows.map((r) => String(r['QUERY PLAN']));
				} catch (error) {
					plan = [`(not explained: ${(error as Error).message})`];
				} finally {
					await client.unsafe('rollback');
				}
				if (plan.some((line) => /One-Time Filter: false/.test(line)))
					plan.push('(a parameter here could not be guessed: the plan is partly empty)');
				for (const line of plan) {
					console.log(`      ${line}`);
					const scan = /Seq Scan on (\w+)/.exec(line);
					if (scan) seqScans.push(`${page}: ${scan[1]} (${line.trim()})`);
				}
			}
		}
		sizes = new Map(
			(
				await client.unsafe(
					`select relname, reltuples::bigint as n from pg_class where relkind = 'r'`
				)
			).map((r) => [String(r.relname), Number(r.n)])
		);
	} finally {
		await client.end();
	}
	// A scan of a school's own 24 groups is no concern; one of 300,000 families is.
	const large = [
		...new Set(seqScans.filter((s) => (sizes.get(s.split(': ')[1]!.split(' ')[0]!) ?? 0) > LARGE))
	];
	console.log(
		`\n  Sequential scans at ${SCHOOLS} schools on tables of more than ${LARGE} rows: ${large.length || 'none'}`
	);
	for (const s of large) console.log(`    ${s}`);
}

/** A value for parameter $n from what the statement compares it with. */
function guess(
	query: string,
	n: number,
	values: Record<string, string>,
	tableIds: Record<string, string>,
	k: number
): string | number | Uint8Array | null {
	const at = query.search(new RegExp(`\\$${n}(?!\\d)`));
	const before = query.slice(Math.max(0, at - 80), at);
	const column = /"?(\w+)"?\."?(\w+)"?\s*(?:=|<>|>=|<=|<|>|in \(|= any\()\s*(?:\(?\s*)?$/i.exec(
		before
	);
	const bare = /"?(\w+)"?\s*(?:=|<>|>=|<=|<|>)\s*$/i.exec(before);
	// `$3::uuid in (s.staff_id, s.second_staff_id)` names its column after the parameter.
	const after = new RegExp(`^\\$${n}::\\w+ in \\(\\w+\\.(\\w+)`).exec(query.slice(at));
	const [table, name] = column ? [column[1]!, column[2]!] : [null, bare?.[1] ?? after?.[1] ?? ''];
	if (/limit\s*$/i.test(before)) return 50;
	// A search term goes through the fold (search.ts): the surname the measured search types.
	if (/translate\($/i.test(before)) return `achternaam${k}`;
	if (/offset\s*$/i.test(before)) return 0;
	if (name === 'token_hash') return createHash('sha256').update(tokenOf(k)).digest();
	// An alias (`visit_round r`) stands for the table it names in a from or join.
	const real =
		table &&
		(tableIds[table]
			? table
			: new RegExp(`(?:from|join)\\s+"?(\\w+)"?\\s+(?:as\\s+)?"?${table}"?\\b`, 'i').exec(
					query
				)?.[1]);
	if (name === 'id' && real && tableIds[real]) return tableIds[real];
	if (values[name]) return values[name];
	if (/_at$|starts|ends/.test(name)) return NOW.toISOString();
	if (name === 'active' || name.startsWith('is_')) return 'true';
	if (name === 'status' || name === 'kind')
		return name === 'kind'
			? 'call_me'
			: ({ outbox: 'failed', family_request: 'open', interpreter_request: 'requested' }[
					real || table || ''
				] ?? 'booked');
	return null;
}

/** Where a database lives: a PostgreSQL database (created and dropped here), or a PGlite folder. */
interface Place {
	env: Record<string, string>;
	location: { databaseUrl: string | null; dataDir: string };
}

async function run(label: string, [small, large]: [Place, Place]) {
	console.log(`${label}:`);
	// School 1 is the same in both: every id and link comes from its name (uuidOf, tokenOf).
	const one = await Promise.all(
		[small, large].map(async ({ location }) => {
			const handle = await openDatabase({ ...location, role: 'bench' });
			await handle.migrate();
			const ms = await seed(handle, 1, 1);
			await handle.db.execute(
				sql`update staff set password_hash = ${await hashPassword(PASSWORD)} where email = ${OFFICE}`
			);
			return { handle, ms };
		})
	);
	console.log(`  1 school seeded (${FAMILIES} families) in ${(one[0]!.ms / 1000).toFixed(1)} s`);
	await one[0]!.handle.close();
	const db = one[1]!.handle;
	const many = await seed(db, 2, SCHOOLS);
	const counts = rowsOf<Record<string, string>>(
		await db.db
			.execute(sql`select (select count(*) from family) as families, (select count(*) from slot) as slots,
			(select count(*) from booking) as bookings, (select count(*) from pupil) as pupils,
			(select count(*) from interpreter_request) as interpreters`)
	)[0]!;
	console.log(
		`  the other database grown to ${SCHOOLS} schools in ${(many / 1000).toFixed(1)} s: ${counts.families} families, ${counts.pupils} pupils, ${counts.slots} slots, ${counts.bookings} bookings, ${counts.interpreters} interpreter requests`
	);
	// PGlite is one process's database: the servers open theirs after this script lets go.
	await db.close();
	const servers = await Promise.all([serve(small.env), serve(large.env)]);
	const bookedOnLarge = { count: 0 };
	let figures: [Figures, Figures];
	try {
		const targets = (await Promise.all(
			servers.map(async (server, side) => ({
				server,
				cookie: await signIn(server),
				booked: side === 0 ? { count: 0 } : bookedOnLarge
			}))
		)) as [Target, Target];
		figures = await measure(targets);
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
	}
	console.log(
		`\n  p50 / p95 for school 1, 1 school vs ${SCHOOLS} schools, measured in turns (goal: p50 ratio ≤ 1.5):`
	);
	console.log(
		`    ${'page'.padEnd(15)} ${'1 school'.padStart(17)} ${`${SCHOOLS} schools`.padStart(17)}  p50 ratio`
	);
	for (const page of PAGES) {
		const [a, b] = [figures[0][page], figures[1][page]];
		const cell = (f: { p50: number; p95: number }) =>
			`${f.p50.toFixed(1)} / ${f.p95.toFixed(1)}`.padStart(17);
		console.log(`    ${page.padEnd(15)} ${cell(a)} ${cell(b)}  ${(b.p50 / a.p50).toFixed(2)}×`);
	}
	if (args.has('--explain')) {
		if (large.location.databaseUrl)
			await explain(large.env, large.location.databaseUrl, bookedOnLarge);
		else console.log('\n  (--explain runs on PostgreSQL only)');
	}
}

console.log(
	`Scale: school 1's pages at 1 school and at ${SCHOOLS} schools of ${FAMILIES} families; ${N} requests each`
);
if (args.has('--pglite')) {
	const dirs = [1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-scale-')));
	try {
		const at = (dataDir: string): Place => ({
			env: { DATA_DIR: dataDir, DATABASE_URL: '' },
			location: { databaseUrl: null, dataDir }
		});
		await run('PGlite', [at(dirs[0]!), at(dirs[1]!)]);
	} finally {
		for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
	}
} else {
	process.env.TEST_DATABASE_URL ||= process.env.BENCH_DATABASE_URL;
	if (!process.env.TEST_DATABASE_URL)
		throw new Error('set TEST_DATABASE_URL (a PostgreSQL server), or pass --pglite');
	const created = [
		await createPostgresDatabase('hb_bench_scale_one'),
		await createPostgresDatabase('hb_bench_scale_many')
	];
	try {
		const at = (url: string): Place => ({
			env: { DATABASE_URL: url },
			location: { databaseUrl: url, dataDir: '' }
		});
		await run('PostgreSQL', [at(created[0]!.url), at(created[1]!.url)]);
	} finally {
		for (const database of created) await database.drop();
	}
}
