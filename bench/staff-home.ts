/**
 * The pages that run a round, for a school with 1,000 families in a running round (bookings at
 * home, at school and elsewhere, declines, visits this week, reports written and to write): the
 * staff home page for the office and for a teacher, and the families table (first page, a status,
 * a search, page 10), each beside /healthz in the same run (the machine's own floor), with the
 * server's CPU time per request and the size of the HTML. Also the office's list of all the
 * school's visits (issue 17): a week and a day, with the height each takes at 360 and 1280 px in
 * Chromium (the page's length to scroll, and on paper). On PGlite, and on PostgreSQL when
 * BENCH_DATABASE_URL points at a server (a database is created and dropped). Needs a build.
 *   npx tsx bench/staff-home.ts            (BENCH_N=100 requests each; default 60)
 *   BENCH_ONLY=visits npx tsx bench/staff-home.ts   (only the school's visits)
 */
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db';
import { hashPassword } from '../src/lib/server/auth/password';
import { seedBusyRound } from '../tests/support/busy-round';
import { onServerDatabases } from './databases';
import { signInOverHttp, startServer, type RunningServer } from '../tests/support/server';
import { chromium } from '@playwright/test';
import { systemChromium } from '../scripts/browser.js';

const NOW = new Date('2026-11-04T12:00:00Z');
const N = Number(process.env.BENCH_N) || 60;
const PASSWORD = 'bench-home-password';
const ONLY = process.env.BENCH_ONLY ?? '';

async function seed(location: { databaseUrl: string | null; dataDir: string }) {
	const handle = await openDatabase({ ...location, role: 'bench' });
	try {
		await handle.migrate();
		const started = performance.now();
		const busy = await seedBusyRound(handle.db, { tag: 'bench', families: 1000, now: NOW });
		const hash = await hashPassword(PASSWORD);
		await handle.db.execute(
			sql`update staff set password_hash = ${hash} where id in (${busy.officeId}, ${busy.teachers[1]!})`
		);
		// A few failed mails, as after an outage, so the office's mail figure has something to count.
		await handle.db.execute(sql`insert into outbox (school_id, kind, to_address, payload, status)
			select ${busy.schoolId}, 'nudge', 'x' || i || '@invalid', '{}'::jsonb, 'failed' from generate_series(1, 5) i`);
		console.log(
			`  seeded 1,000 families (+20 outside the round) in ${Math.round(performance.now() - started)} ms`
		);
		return {
			office: 'office@bench.example',
			teacher: 'teacher1@bench.example'
		};
	} finally {
		await handle.close();
	}
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function time(url: string, cookie: string) {
	const started = performance.now();
	const response = await fetch(url, {
		headers: { Cookie: `lang=nl; ${cookie}`, Accept: 'text/html' }
	});
	const body = await response.text();
	const elapsed = performance.now() - started;
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	return { elapsed, body };
}

/** N requests of each, interleaved, so both see the same machine. */
/** The server process's CPU time (user + system) so far, in ms, from /proc (Linux). */
function cpuMs(server: RunningServer): number | null {
	try {
		const fields = fs
			.readFileSync(`/proc/${server.process.pid}/stat`, 'utf8')
			.split(') ')[1]!
			.split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}

async function measure(server: RunningServer, label: string, cookie: string, pagePath = '/staff') {
	const page: number[] = [];
	const health: number[] = [];
	let html = '';
	for (let i = 0; i < 5; i++) await time(`${server.url}${pagePath}`, cookie);
	const cpuBefore = cpuMs(server);
	for (let i = 0; i < N; i++) {
		const home = await time(`${server.url}${pagePath}`, cookie);
		page.push(home.elapsed);
		html = home.body;
	}
	const cpuAfter = cpuMs(server);
	for (let i = 0; i < N; i++) health.push((await time(`${server.url}/healthz`, '')).elapsed);
	page.sort((a, b) => a - b);
	health.sort((a, b) => a - b);
	console.log(
		`  ${label.padEnd(22)} median ${ms(percentile(page, 50))}, p95 ${ms(percentile(page, 95))}` +
			`  | /healthz median ${ms(percentile(health, 50))}, p95 ${ms(percentile(health, 95))}` +
			`  | HTML ${(html.length / 1024).toFixed(1)} KB (${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped)` +
			(cpuBefore !== null && cpuAfter !== null
				? `  | server CPU ${((cpuAfter - cpuBefore) / N).toFixed(1)} ms/request`
				: '')
	);
	return html;
}

/**
 * All the school's visits, for the office: this week (4 November is a Wednesday) and one day,
 * timed, then each page's height in Chromium at a phone's and a desktop's width.
 */
async function schoolVisits(server: RunningServer, cookie: string) {
	const pages = [
		['school visits, week', '/staff/visits?week=2026-11-02'],
		['school visits, day', '/staff/visits?day=2026-11-04']
	] as const;
	for (const [name, pagePath] of pages) {
		const html = await measure(server, name, cookie, pagePath);
		const rows = (html.match(/<th scope="row"/g) ?? []).length;
		console.log(`    ${rows} visits on the page`);
	}
	const browser = await chromium.launch({
		executablePath: systemChromium(),
		args: ['--no-sandbox', '--disable-gpu']
	});
	try {
		for (const [label, pagePath] of pages)
			for (const width of [360, 1280]) {
				const context = await browser.newContext({
					viewport: { width, height: 800 },
					extraHTTPHeaders: { Cookie: `lang=nl; ${cookie}` }
				});
				const page = await context.newPage();
				await page.goto(server.url + pagePath);
				const height = await page.evaluate(() => document.documentElement.scrollHeight);
				await page.emulateMedia({ media: 'print' });
				const paper = await page.evaluate(() => document.documentElement.scrollHeight);
				console.log(
					`  ${label.padEnd(22)} at ${String(width).padStart(4)} px: ${height} px high (${(height / 800).toFixed(1)} screens); ${paper} px with the print styles`
				);
				await context.close();
			}
	} finally {
		await browser.close();
	}
}

async function run(label: string, env: Record<string, string>, databaseUrl: string | null) {
	console.log(`${label}:`);
	const people = await seed({ databaseUrl, dataDir: env.DATA_DIR ?? '' });
	const server = await startServer({ ...env, FAKE_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' });
	try {
		if (ONLY === 'visits')
			return await schoolVisits(server, await signInOverHttp(server, people.office, PASSWORD));
		const officeHtml = await measure(
			server,
			'office home',
			await signInOverHttp(server, people.office, PASSWORD)
		);
		if (!/href="\/staff\/families\?round=[0-9a-f-]{36}&amp;status=booked"/.test(officeHtml))
			throw new Error('the office home shows no round figures');
		const teacherHtml = await measure(
			server,
			'teacher home (to call)',
			await signInOverHttp(server, people.teacher, PASSWORD)
		);
		console.log(
			`  the teacher's page lists ${(teacherHtml.match(/href="tel:/g) ?? []).length} phone numbers to call`
		);
		const office = await signInOverHttp(server, people.office, PASSWORD);
		for (const [name, query] of [
			['families, first page', ''],
			['families, at home', '?status=home'],
			['families, search', '?q=achternaam12'],
			['families, page 10', '?page=10']
		] as const) {
			const html = await measure(server, name, office, `/staff/families${query}`);
			const rows = (html.match(/href="\/staff\/families\/[0-9a-f-]{36}"/g) ?? []).length;
			console.log(`    ${rows} families on the page`);
		}
		// The families nobody has reached yet, who needs action first on top (issue 14).
		for (const [name, cookie] of [
			['not answered, office', office],
			['not answered, teacher', await signInOverHttp(server, people.teacher, PASSWORD)]
		] as const) {
			const html = await measure(server, name, cookie, '/staff/not-answered');
			const cards = (html.match(/href="\/staff\/families\/[0-9a-f-]{36}"/g) ?? []).length;
			console.log(`    ${cards} family links on the page`);
		}
		await schoolVisits(server, office);
	} finally {
		await server.stop();
	}
}

console.log(
	`Staff home, families table and not-answered list, 1,000 families in a running round; ${N} requests each:`
);
await onServerDatabases('hb-bench-home', run);
