/**
 * Letters for all families of a school of 1,000 in a running round (issue 17, item 11): the
 * office posts the letters form for "all families", and gets the first batch of 50. Timed beside
 * /healthz in the same run (the machine's own floor), with the page's size (HTML, and gzipped)
 * and its height in Chromium at 360 and 1,280 px wide; then every batch of the print once, to
 * show the last costs what the first does. On PGlite, and on PostgreSQL when BENCH_DATABASE_URL
 * points at a server (a database is created and dropped). Needs a build and a Chromium
 * (scripts/browser.js finds it).
 *   npx tsx bench/letters.ts            (BENCH_N=20 posts of the first batch; default 10)
 */
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { chromium } from '@playwright/test';
import { openDatabase } from '../src/lib/server/db';
import { hashPassword } from '../src/lib/server/auth/password';
import { seedBusyRound } from '../tests/support/busy-round';
import { onServerDatabases } from './databases';
import { signInOverHttp, startServer, type RunningServer } from '../tests/support/server';
import { systemChromium } from '../scripts/browser.js';

const NOW = new Date('2026-11-04T12:00:00Z');
const N = Number(process.env.BENCH_N) || 10;
const FAMILIES = 1000;
const PASSWORD = 'bench-letters-password';

async function seed(location: { databaseUrl: string | null; dataDir: string }) {
	const handle = await openDatabase({ ...location, role: 'bench' });
	try {
		await handle.migrate();
		const started = performance.now();
		const busy = await seedBusyRound(handle.db, {
			tag: 'letters',
			families: FAMILIES,
			outside: 0,
			now: NOW
		});
		await handle.db.execute(
			sql`update staff set password_hash = ${await hashPassword(PASSWORD)} where id = ${busy.officeId}`
		);
		console.log(`  seeded ${FAMILIES} families in ${Math.round(performance.now() - started)} ms`);
		return 'office@letters.example';
	} finally {
		await handle.close();
	}
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function timed(server: RunningServer, cookie: string, form?: Record<string, string>) {
	const started = performance.now();
	const response = await fetch(`${server.url}${form ? '/staff/families/letters' : '/healthz'}`, {
		method: form ? 'POST' : 'GET',
		headers: {
			Cookie: `lang=nl; ${cookie}`,
			Accept: 'text/html',
			Origin: server.url,
			...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {})
		},
		body: form ? new URLSearchParams(form) : undefined
	});
	const body = await response.text();
	if (response.status !== 200) throw new Error(`letters: ${response.status}`);
	return { elapsed: performance.now() - started, body };
}

/** The next batch's hidden fields, as the page's own "next letters" form carries them. */
function nextForm(html: string): Record<string, string> | null {
	const form = /<form method="POST" class="toolbar">([\s\S]*?)<\/form>/.exec(html)?.[1];
	if (!form) return null;
	const fields: Record<string, string> = {};
	for (const [, name, value] of form.matchAll(/name="([a-zA-Z]+)" value="([^"]*)"/g))
		fields[name!] = value!
			.replace(/&amp;/g, '&')
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'");
	return fields;
}

async function heights(server: RunningServer, office: string) {
	const browser = await chromium.launch({ executablePath: systemChromium() });
	try {
		const result: Record<number, number> = {};
		for (const width of [360, 1280]) {
			const context = await browser.newContext({ viewport: { width, height: 800 } });
			await context.addCookies([{ name: 'lang', value: 'nl', url: server.url }]);
			const page = await context.newPage();
			await page.goto(`${server.url}/sign-in`);
			await page.locator('input[name="email"]').fill(office);
			await page.locator('input[name="password"]').fill(PASSWORD);
			await Promise.all([
				page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
				page.locator('input[name="password"]').press('Enter')
			]);
			// As the office does it: count first, then press the print button (a plain form POST).
			await page.goto(`${server.url}/staff/families/letters?scope=all`);
			await page.getByRole('button', { name: 'Brieven 1–50 maken' }).click();
			await page.locator('article.letter').nth(49).waitFor();
			result[width] = await page.evaluate(() => document.documentElement.scrollHeight);
			await context.close();
		}
		return result;
	} finally {
		await browser.close();
	}
}

async function run(label: string, env: Record<string, string>, databaseUrl: string | null) {
	console.log(`${label}:`);
	const office = await seed({ databaseUrl, dataDir: env.DATA_DIR ?? '' });
	const server = await startServer({ ...env, FAKE_NOW: NOW.toISOString(), LOG_LEVEL: 'warn' });
	try {
		const cookie = await signInOverHttp(server, office, PASSWORD);
		const all = { scope: 'all' };
		await timed(server, cookie, all);
		const first: number[] = [];
		const health: number[] = [];
		let html = '';
		for (let i = 0; i < N; i++) {
			const posted = await timed(server, cookie, all);
			first.push(posted.elapsed);
			html = posted.body;
			health.push((await timed(server, '')).elapsed);
		}
		const letters = (html.match(/<article class="letter"/g) ?? []).length;
		const heading = /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
		console.log(
			`  first batch ("${heading}", ${letters} letters): median ${ms(median(first))} over ${N}` +
				`  | /healthz median ${ms(median(health))}` +
				`  | HTML ${(html.length / 1024).toFixed(0)} KB (${(gzipSync(html).length / 1024).toFixed(0)} KB gzipped)`
		);
		// Every batch of the print once, through the page's own "next letters" form.
		const batches: number[] = [];
		let form: Record<string, string> | null = all;
		while (form) {
			const posted = await timed(server, cookie, form);
			batches.push(posted.elapsed);
			form = nextForm(posted.body);
		}
		console.log(
			`  the whole print: ${batches.length} batches, median ${ms(median(batches))}, slowest ${ms(Math.max(...batches))}, last ${ms(batches.at(-1)!)}`
		);
		const high = await heights(server, office);
		console.log(`  page height: ${high[360]} px at 360 px wide, ${high[1280]} px at 1,280 px`);
	} finally {
		await server.stop();
	}
}

console.log(`Letters for all families, ${FAMILIES} families in a running round:`);
await onServerDatabases('hb-bench-letters', run);
