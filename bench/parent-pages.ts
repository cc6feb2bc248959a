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
 * Each page is first requested 2,000 times (and 1,000 bookings made) before it is measured: with
 * fewer, the figures measure V8 still compiling, not what a server that has run for a while
 * spends (a family page read 4.5 ms after 40 warm-up requests, 2.1 ms after 300). 300 and 40
 * were not enough either: V8's log (--log-function-events) showed the optimising compiler still
 * busy 140–380 ms of each second through 2,000 bookings, and /healthz read 0.59–0.69 ms after
 * 300 requests, 0.41–0.43 after 2,000; a booking 3.0–3.8 ms after 40, 2.15–2.35 after 1,000.
 * BENCH_WARM and BENCH_WARM_POSTS set other numbers (BENCH_WARM=300 BENCH_WARM_POSTS=40: the
 * figures of stop 34 and before). BENCH_NODE_ARGS: V8's flags for the server alone.
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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '../src/lib/server/db';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer } from '../tests/support/server';
import { NOW, OPEN_TIMES, seedParentPages, type Seeded } from './support/parent-seed';
import { idle, measure, page, pool as poolOf, type Figure } from './support/measure';

const N = Number(process.env.BENCH_N) || 2000;
const WARM = Number(process.env.BENCH_WARM) || 2000;
const WARM_POSTS = Number(process.env.BENCH_WARM_POSTS) || 1000;
const POSTS = Number(process.env.BENCH_POSTS) || 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 4;
const pool = (count: number, work: (i: number) => Promise<void>) =>
	poolOf(count, CONCURRENCY, work);

async function run(label: string, env: Record<string, string>, databaseUrl: string | null) {
	const handle = await openDatabase({
		databaseUrl,
		dataDir: env.DATA_DIR ?? '',
		role: 'bench'
	});
	let seeded: Seeded;
	try {
		await handle.migrate();
		seeded = await seedParentPages(handle.db, POSTS + WARM_POSTS);
	} finally {
		await handle.close();
	}
	const server = await startServer(
		{ ...env, FAKE_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' },
		// CPU_PROF_DIR=/tmp/prof: the server writes a V8 CPU profile there when it stops.
		{
			nodeArgs: [
				...(process.env.CPU_PROF_DIR
					? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`]
					: []),
				// BENCH_NODE_ARGS="--log-function-events --logfile=/tmp/v8.log", say.
				...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])
			]
		}
	);
	try {
		const base = server.url;
		const gets: [string, string][] = [
			['/healthz', `${base}/healthz`],
			// SvelteKit's own floor for a page: the layout and a few lines of text, no query.
			['home page (no data)', `${base}/`],
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
			// What the server printed (BENCH_NODE_ARGS=--trace-gc writes there): BENCH_SERVER_OUTPUT=file.
			if (process.env.BENCH_SERVER_OUTPUT)
				fs.writeFileSync(process.env.BENCH_SERVER_OUTPUT, server.output());
			return;
		}

		const figures: Figure[] = [];
		for (const [name, url] of gets)
			figures.push(await measure(server, name, N, () => page(url), { concurrency: CONCURRENCY }));
		// Bookings to warm the action's path (and their mail), then the measured ones.
		for (let i = 0; i < WARM_POSTS; i++) await post(POSTS + i);
		await idle(server);
		// With the inline mail worker (the default) the confirmations are sent after the answers:
		// the CPU is counted until the server is idle again. MAIL_WORKER=off: the request alone.
		const booking = process.env.MAIL_WORKER === 'off' ? 'booking (POST)' : 'booking + its mail';
		figures.push(
			await measure(server, booking, POSTS, post, { untilIdle: true, concurrency: CONCURRENCY })
		);
		// /healthz again at the end: the floor is the mean of both, as the machine drifts.
		const healthAgain = await measure(server, '/healthz', N, () => page(`${base}/healthz`), {
			concurrency: CONCURRENCY
		});
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
