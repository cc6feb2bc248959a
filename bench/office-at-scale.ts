/**
 * The office's pages at a big school (issue 17): about 1,000 pupils in 800 families, 24 groups
 * and 24 teachers in a running round. For each page: the server's median and p95 time beside
 * /healthz in the same run, the HTML's size (and gzipped), and in a real browser the page's
 * height at 360 and 1280 px wide, with how far down its first control sits (what the office
 * must scroll past). On PGlite, and on PostgreSQL when BENCH_DATABASE_URL points at a server (a
 * database is created and dropped). Needs a build and a Chromium. Prints; asserts nothing.
 *   npx tsx bench/office-at-scale.ts        (BENCH_N=40 requests each; default 20)
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../src/lib/server/db';
import { hashPassword } from '../src/lib/server/auth/password';
import { seedBusyRound } from '../tests/support/busy-round';
import { onServerDatabases } from './databases';
import { signInOverHttp, startServer, type RunningServer } from '../tests/support/server';
import { systemChromium } from '../scripts/browser.js';

const NOW = new Date('2026-10-21T12:00:00Z');
const N = Number(process.env.BENCH_N) || 20;
const PASSWORD = 'bench-office-password';
const FAMILIES = 800;

interface Page {
	label: string;
	path: string;
	/** The control the office came for: how far down the page it sits. */
	control?: string;
}

async function seed(location: { databaseUrl: string | null; dataDir: string }) {
	const handle = await openDatabase({ ...location, role: 'bench' });
	try {
		await handle.migrate();
		const busy = await seedBusyRound(handle.db, {
			tag: 'scale',
			families: FAMILIES,
			teachers: 24,
			now: NOW
		});
		await handle.db.execute(
			sql`update staff set password_hash = ${await hashPassword(PASSWORD)} where id = ${busy.officeId}`
		);
		const [pupils] = rowsOf<{ n: number }>(
			await handle.db.execute(
				sql`select count(*)::int as n from pupil where school_id = ${busy.schoolId}`
			)
		);
		console.log(`  seeded ${FAMILIES} families, ${pupils!.n} pupils, 24 groups, 24 teachers`);
		return { roundId: busy.roundId, office: 'office@scale.example' };
	} finally {
		await handle.close();
	}
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function get(url: string, cookie: string) {
	const started = performance.now();
	const response = await fetch(url, { headers: { Cookie: `lang=nl; ${cookie}` } });
	const body = await response.text();
	if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
	return { ms: performance.now() - started, body };
}

/** Height of the page and the top of its control, at one width, in a real browser. */
async function layout(browser: Browser, server: RunningServer, cookie: string, page: Page) {
	const heights: string[] = [];
	for (const width of [360, 1280]) {
		const context = await browser.newContext({ viewport: { width, height: 800 } });
		await context.addCookies(
			cookie.split('; ').map((pair) => {
				const [name, ...value] = pair.split('=');
				// The session cookie is __Host- (secure) even on http://localhost, as browsers allow.
				return {
					name: name!,
					value: value.join('='),
					domain: new URL(server.url).hostname,
					path: '/',
					secure: true
				};
			})
		);
		const tab = await context.newPage();
		await tab.goto(`${server.url}${page.path}`);
		const height = await tab.evaluate(() => document.documentElement.scrollHeight);
		const top = page.control
			? await tab
					.locator(page.control)
					.first()
					.evaluate((element) => Math.round(element.getBoundingClientRect().top + window.scrollY))
			: null;
		heights.push(`${width} px: ${height} px tall${top === null ? '' : `, control at ${top} px`}`);
		await context.close();
	}
	return heights.join('; ');
}

async function run(label: string, env: Record<string, string>, databaseUrl: string | null) {
	console.log(`${label}:`);
	const seeded = await seed({ databaseUrl, dataDir: env.DATA_DIR ?? '' });
	const server = await startServer({ ...env, FAKE_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' });
	const executablePath = systemChromium();
	const browser = await chromium.launch(
		executablePath ? { executablePath, args: ['--no-sandbox', '--disable-gpu'] } : {}
	);
	try {
		const cookie = await signInOverHttp(server, seeded.office, PASSWORD);
		const pages: Page[] = [
			{ label: 'office home', path: '/staff', control: 'main a[href^="/staff/families"]' },
			{
				label: 'round page (item 8)',
				path: `/staff/rounds/${seeded.roundId}`,
				control: 'form[action*="waves?/invitation"] button'
			},
			{
				label: 'privacy search (item 7)',
				path: '/staff/privacy?q=Achternaam1',
				control: 'main table a, main ul a'
			},
			{ label: "the school's week (item 9)", path: '/staff/visits?week=2026-10-19' },
			{
				label: 'letters, count of a set (item 11)',
				path: '/staff/families/letters?scope=not_answered',
				control: 'main form[method="POST"] button'
			}
		];
		for (const page of pages) {
			const url = `${server.url}${page.path}`;
			const probe = await fetch(url, { headers: { Cookie: cookie } });
			await probe.arrayBuffer();
			if (probe.status === 404) {
				console.log(`  ${page.label.padEnd(30)} (no such page in this build)`);
				continue;
			}
			for (let i = 0; i < 3; i++) await get(url, cookie);
			const times: number[] = [];
			const health: number[] = [];
			let html = '';
			for (let i = 0; i < N; i++) {
				const answer = await get(url, cookie);
				times.push(answer.ms);
				html = answer.body;
				health.push((await get(`${server.url}/healthz`, '')).ms);
			}
			times.sort((a, b) => a - b);
			health.sort((a, b) => a - b);
			console.log(
				`  ${page.label.padEnd(30)} median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms` +
					` (/healthz ${percentile(health, 50).toFixed(1)} ms)` +
					` | HTML ${(html.length / 1024).toFixed(1)} KB (${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped)` +
					` | ${await layout(browser, server, cookie, page)}`
			);
		}
	} finally {
		await browser.close();
		await server.stop();
	}
}

await onServerDatabases('hb-bench-scale', run);
