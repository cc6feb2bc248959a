/**
 * Two builds of the portal side by side: another checkout's ("before") and this one's ("after"),
 * each its own server on one PostgreSQL database, asked for the same parent pages in turns of a
 * tenth of the requests each. The machine is shared and its speed drifts by a third within
 * minutes; runs one after the other compare the drift, turns this short compare the builds.
 * For each page: server CPU per request and requests a second of both, and after/before.
 * Bookings are each a real one, of a family of its own, on either server; the mail workers are
 * off (two inline workers on one database would send each other's mail), so a booking's figure is
 * its request alone. Prints figures; asserts nothing.
 *   git worktree add /tmp/before <commit> && (cd /tmp/before && ln -s "$PWD/node_modules" . && npm run build)
 *   npm run build && TEST_DATABASE_URL=postgres://… npx tsx bench/before-after.ts /tmp/before
 * Both checkouts need the same migrations (`drizzle/`): they share the database.
 * BENCH_AFTER_NODE_ARGS="--max-semi-space-size=32" starts the "after" server with those options
 * for node: give one checkout twice (`before-after.ts .`) to compare node's options alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db';
import { createPostgresDatabase } from '../tests/support/databases';
import { startServer, type RunningServer } from '../tests/support/server';
import { postBooking } from './support/booking-post';
import { measure, page, pool, type Figure } from './support/measure';
import { NOW, seedParentPages } from './support/parent-seed';

const before = process.argv[2];
const here = path.resolve(import.meta.dirname, '..');
const N = Number(process.env.BENCH_N) || 2000;
const POSTS = Number(process.env.BENCH_POSTS) || 400;
const TURNS = 10;
const CONCURRENCY = 4;
// As bench/parent-pages.ts: fewer measure V8 still compiling.
const WARM = Number(process.env.BENCH_WARM) || 2000;
const WARM_POSTS = Number(process.env.BENCH_WARM_POSTS) || 600;

const migrations = (root: string) =>
	fs
		.readdirSync(path.join(root, 'drizzle'))
		.filter((name) => name.endsWith('.sql'))
		.map((name) => name + fs.readFileSync(path.join(root, 'drizzle', name), 'utf8'))
		.join('\n');

if (!before || !fs.existsSync(path.join(before, 'build', 'index.js')))
	throw new Error('usage: npx tsx bench/before-after.ts <another checkout, built>');
if (!process.env.TEST_DATABASE_URL)
	throw new Error('TEST_DATABASE_URL: both servers share one PostgreSQL database');
if (migrations(before) !== migrations(here))
	throw new Error('the two checkouts have different migrations: they cannot share a database');

const created = await createPostgresDatabase('hb_bench_before_after');
try {
	const handle = await openDatabase({ databaseUrl: created.url, dataDir: '', role: 'bench' });
	// Each server books its own families: the first half before, the second after.
	const perServer = POSTS + WARM_POSTS;
	const seeded = await (async () => {
		try {
			await handle.migrate();
			return await seedParentPages(handle.db, 2 * perServer);
		} finally {
			await handle.close();
		}
	})();
	const env = {
		DATABASE_URL: created.url,
		FAKE_NOW: NOW.toISOString(),
		LOG_LEVEL: 'warn',
		MAIL_WORKER: 'off'
	};
	const servers = [
		await startServer(env, { root: before }),
		await startServer(env, {
			root: here,
			nodeArgs: process.env.BENCH_AFTER_NODE_ARGS?.split(' ').filter(Boolean)
		})
	] as const;
	try {
		const pages = (server: RunningServer): [string, string][] => [
			['/healthz', `${server.url}/healthz`],
			['family page (booked)', `${server.url}/f/${seeded.booked}`],
			['choose a time (30)', `${server.url}/f/${seeded.chooser}/book`],
			['newsletter page', `${server.url}/n/${seeded.newsletterCode}`]
		];
		const booking = (side: number, server: RunningServer) => async (i: number) => {
			const response = await postBooking(server.url, seeded.bookings[side * perServer + i]!);
			await response.arrayBuffer();
			if (response.status !== 303) throw new Error(`booking ${i}: ${response.status}`);
			return '';
		};
		// Warm-up: the JIT, the pools, on every page and the booking path of both servers.
		for (const [side, server] of servers.entries()) {
			for (const [, url] of pages(server))
				await pool(WARM, CONCURRENCY, () => page(url).then(() => undefined));
			const book = booking(side, server);
			await pool(WARM_POSTS, CONCURRENCY, (i) => book(POSTS + i).then(() => undefined));
		}

		/** The two servers in turns; sums each one's CPU and time over its turns. */
		const compare = async (
			label: string,
			count: number,
			request: (side: number, server: RunningServer) => (i: number) => Promise<string>
		) => {
			const totals = servers.map(() => ({ cpu: 0, seconds: 0, requests: 0 }));
			const turn = Math.ceil(count / TURNS);
			for (let t = 0; t < TURNS; t++) {
				for (const [side, server] of servers.entries()) {
					const make = request(side, server);
					const figure: Figure = await measure(
						server,
						label,
						Math.min(turn, count - t * turn),
						(i) => make(t * turn + i),
						{ concurrency: CONCURRENCY }
					);
					const n = Math.min(turn, count - t * turn);
					totals[side]!.cpu += (figure.cpu ?? NaN) * n;
					totals[side]!.seconds += n / figure.perSecond;
					totals[side]!.requests += n;
				}
			}
			return totals.map((x) => ({ cpu: x.cpu / x.requests, perSecond: x.requests / x.seconds }));
		};

		const rows: [string, { cpu: number; perSecond: number }[]][] = [];
		for (const [index, [label]] of pages(servers[0]).entries())
			rows.push([
				label,
				await compare(label, N, (_, server) => () => page(pages(server)[index]![1]))
			]);
		rows.push(['booking (POST)', await compare('booking', POSTS, booking)]);

		const health = rows[0]![1];
		console.log(
			`Before: ${before}; after: ${here}. ${N} requests a page, ${POSTS} bookings, in ${TURNS} turns each, ${CONCURRENCY} at a time, one PostgreSQL.`
		);
		console.log(
			`${'page'.padEnd(22)} ${'server CPU ms/request'.padEnd(30)} ${'requests/s (% of /healthz)'.padEnd(36)}`
		);
		for (const [label, [b, a]] of rows) {
			const share = (x: { perSecond: number }, side: number) =>
				label === '/healthz'
					? ''
					: ` (${((x.perSecond / health[side]!.perSecond) * 100).toFixed(0)} %)`;
			console.log(
				`${label.padEnd(22)} ${`${b!.cpu.toFixed(2)} → ${a!.cpu.toFixed(2)} (${((a!.cpu / b!.cpu) * 100).toFixed(0)} %)`.padEnd(30)} ` +
					`${b!.perSecond.toFixed(0)}${share(b!, 0)} → ${a!.perSecond.toFixed(0)}${share(a!, 1)}`
			);
		}
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
	}
} finally {
	await created.drop();
}
