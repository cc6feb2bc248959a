/**
 * PostgreSQL goes away under a running portal (a relay in front of it is switched off: open
 * connections are cut and new ones refused) and comes back. While it is away every page answers
 * 503 with Retry-After and a page of its own in the reader's language, with the school's phone
 * number when the portal saw it before; a booking posted then is refused whole and the parent is
 * told it was not saved. A booking burst cut in the middle leaves every booking whole. When the
 * database is back, the same process serves again and nothing changed. A fault of our own gives
 * a translated 500 page with a reference, never a message key. Needs a build and TEST_DATABASE_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql as raw } from 'drizzle-orm';
import { chromium } from '@playwright/test';
import { createPostgresDatabase } from '../support/databases';
import { runCli, startServer, type RunningServer } from '../support/server';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { compareSnapshots, snapshotTables } from '../support/table-snapshot';
import { messages } from '../e2e/messages';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import type { DemoCredentials } from '../../src/lib/server/demo/load';

const DEMO_PHONE = '020 123 4567';
const html = { Accept: 'text/html,application/xhtml+xml' };

describe.skipIf(!process.env.TEST_DATABASE_URL)('the database away on PostgreSQL', () => {
	let server: RunningServer;
	let proxy: TcpProxy;
	let demo: DemoCredentials;
	let direct: DatabaseHandle;
	let directUrl = '';
	let dropDatabase: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		const created = await createPostgresDatabase('hb_outage');
		directUrl = created.url;
		dropDatabase = created.drop;
		const cli = await runCli(['demo', '--json'], { DATABASE_URL: directUrl });
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;
		const target = new URL(directUrl);
		proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
		const viaProxy = new URL(directUrl);
		viaProxy.hostname = '127.0.0.1';
		viaProxy.port = String(proxy.port);
		// No background jobs: mail delivery, reminders and the daily start of retention would
		// write between the two snapshots this test compares (CI saw that on a loaded machine).
		server = await startServer({ DATABASE_URL: viaProxy.toString(), MAIL_WORKER: 'off' });
		direct = await openDatabase({ databaseUrl: directUrl, dataDir: '', role: 'test' });
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await proxy?.close();
		await direct?.close();
		await dropDatabase?.();
	});

	const family = (surname: string) => {
		const found = demo.families.find((f) => f.name.includes(surname))!;
		return { ...found, path: new URL(found.url).pathname };
	};
	const get = (pathname: string, headers: Record<string, string> = html) =>
		fetch(server.url + pathname, { headers, redirect: 'manual' });
	const post = (pathname: string, form: Record<string, string>, headers = {}) =>
		fetch(server.url + pathname, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				...html,
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server.url,
				...headers
			},
			body: new URLSearchParams(form)
		});
	const slotsOn = async (pathname: string) =>
		[
			...(await (await get(`${pathname}/book?place=school`)).text()).matchAll(
				/name="slotId" value="([0-9a-f-]{36})"/g
			)
		].map((m) => m[1]!);
	const waitUntilHealthy = async () => {
		for (let i = 0; i < 100; i++) {
			if ((await fetch(`${server.url}/healthz`)).status === 200) return;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error('the portal did not recover');
	};

	it('answers 503 in the reader’s language with the school’s phone, changes nothing, and recovers', async () => {
		const bakker = family('Bakker');
		const arabic = { path: new URL(demo.families.find((f) => f.language === 'ar')!.url).pathname };
		// The portal learns the school's phone number from a page it serves.
		expect((await get(bakker.path)).status).toBe(200);
		expect((await get(arabic.path)).status).toBe(200);
		const [slotId] = await slotsOn(bakker.path);
		expect(slotId).toBeTruthy();
		const newsletter = new URL(demo.newsletterUrl!).pathname;
		const before = await snapshotTables(direct.db);

		await proxy.down();
		try {
			expect((await fetch(`${server.url}/healthz`)).status).toBe(503);

			// A family's page (its link is opened in a hook), in the family's language as its page
			// was: Arabic, right to left, although the browser asks for Dutch.
			const ar = await get(arabic.path, { ...html, 'Accept-Language': 'nl' });
			expect(ar.status).toBe(503);
			expect(Number(ar.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(ar.headers.get('cache-control')).toBe('no-store');
			const arPage = await ar.text();
			expect(arPage).toContain('<html lang="ar" dir="rtl">');
			expect(arPage).toContain(messages('ar').outage.title);
			expect(arPage).toContain(messages('ar').outage.nothing_lost);
			expect(arPage).toContain(DEMO_PHONE);
			expect(arPage).not.toMatch(/errors\.|outage\./);
			expect(arPage).not.toContain('<script');

			// The language cookie wins over the browser's languages.
			const uk = await get(bakker.path, {
				...html,
				'Accept-Language': 'ar',
				Cookie: 'lang=uk'
			});
			expect(uk.status).toBe(503);
			expect(await uk.text()).toContain('<html lang="uk" dir="ltr">');

			// The newsletter page fails in its load function: the same page, not SvelteKit's.
			const news = await get(newsletter, { ...html, 'Accept-Language': 'tr' });
			expect(news.status).toBe(503);
			expect(news.headers.get('retry-after')).toBeTruthy();
			expect(await news.text()).toContain(messages('tr').outage.title);

			// A staff page with a session cookie: the session check in a hook fails.
			const staff = await get('/staff', {
				...html,
				Cookie: 'session=abc.def; __Host-session=abc.def'
			});
			expect([503, 303]).toContain(staff.status);

			// Not HTML: JSON with the key and the text.
			const json = await get(bakker.path, { Accept: 'application/json', Cookie: 'lang=en' });
			expect(json.status).toBe(503);
			expect(json.headers.get('content-type')).toContain('application/json');
			const body = (await json.json()) as { message: string; text: string };
			expect(body.message).toBe('outage.title');
			expect(body.text).toContain(messages('en').outage.title);

			// A booking posted now: refused whole, and the parent reads that it was not saved.
			const booking = await post(
				`${bakker.path}/book`,
				{ location: 'school', slotId: slotId!, interpreter: 'none', questions: 'Mag oma erbij?' },
				{ Cookie: 'lang=pl' }
			);
			expect(booking.status).toBe(503);
			expect(booking.headers.get('retry-after')).toBeTruthy();
			const notSaved = await booking.text();
			expect(notSaved).toContain('<html lang="pl"');
			expect(notSaved).toContain(messages('pl').outage.not_saved);

			await saveScreenshots(server.url + bakker.path);
		} finally {
			await proxy.up();
		}

		// The same process serves again, and the database is exactly as it was.
		await waitUntilHealthy();
		expect((await get(bakker.path)).status).toBe(200);
		const after = await snapshotTables(direct.db);
		expect(compareSnapshots(before, after).filter((l) => l.endsWith('DIFFERENT'))).toEqual([]);
	});

	it('leaves every booking of a burst whole when the database goes away in the middle', async () => {
		const candidates = demo.families.map((f) => new URL(f.url).pathname);
		const offered = await Promise.all(candidates.map(slotsOn));
		const paths = candidates.filter((_, i) => offered[i]!.length > 0).slice(0, 12);
		const slots = offered.filter((o) => o.length > 0);
		expect(paths.length).toBeGreaterThan(3);
		const sql = postgres(directUrl, { max: 1, onnotice: () => {} });
		try {
			const [{ since }] = (await sql`select now() as since`) as unknown as [{ since: Date }];
			const answers = paths.map(async (p, i) => {
				await new Promise((r) => setTimeout(r, i * 50));
				const slotId = slots[i]!.at(-1 - (i % slots[i]!.length))!;
				return post(`${p}/book`, { location: 'school', slotId, interpreter: 'none' });
			});
			setTimeout(() => void proxy.down(), 300);
			const statuses = await Promise.all(answers.map(async (a) => (await a).status)).catch(
				(error: unknown) => {
					throw new Error(`${String(error)}\n${server.output().slice(-4000)}`);
				}
			);
			await proxy.up();
			await waitUntilHealthy();

			// A parent who was told "booked" (303) has the booking; a refusal was a page, not a crash.
			for (const status of statuses) expect([303, 409, 503]).toContain(status);
			const booked = await sql<{ id: string; mails: number }[]>`
				select b.id,
					(select count(*)::int from outbox o where o.booking_id = b.id) as mails
				from booking b where b.created_at >= ${since}`;
			const confirmed = statuses.filter((s) => s === 303).length;
			expect(booked.length).toBeGreaterThanOrEqual(confirmed);
			// Never half done: each new booking came with its confirmation mail, in one transaction.
			for (const b of booked) expect(b.mails, `booking ${b.id}`).toBeGreaterThan(0);
			console.log(`burst: ${statuses.join(' ')}; ${booked.length} bookings, each with its mail`);
		} finally {
			await sql.end();
		}
	});

	it('shows a translated page with a reference for a fault of its own', async () => {
		const bakker = family('Bakker');
		// A table that is not there is no outage: it is a fault, as a bug would be.
		await direct.db.execute(raw`alter table booking rename to booking_away`);
		try {
			const response = await get(bakker.path, { ...html, Cookie: 'lang=fr' });
			expect(response.status).toBe(500);
			const page = await response.text();
			expect(page).toContain('<html lang="fr" dir="ltr">');
			expect(page).toContain(messages('fr').errors.unexpected);
			const reference = /<code>([^<]+)<\/code>/.exec(page)?.[1];
			expect(reference).toBeTruthy();
			expect(server.output()).toContain(`"reference":"${reference}"`);
			expect(page).not.toMatch(/errors\.|outage\./);
		} finally {
			await direct.db.execute(raw`alter table booking_away rename to booking`);
		}
		expect((await get(bakker.path)).status).toBe(200);
	});
});

/** With SHOTS_DIR set: the outage page at 360 px wide, in Dutch and in Arabic. */
async function saveScreenshots(url: string) {
	const dir = process.env.SHOTS_DIR;
	if (!dir) return;
	fs.mkdirSync(dir, { recursive: true });
	const executablePath = ['/usr/bin/chromium', process.env.CHROMIUM_PATH].find(
		(p) => p && fs.existsSync(p)
	);
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
	try {
		for (const lang of ['nl', 'ar']) {
			const page = await browser.newPage({
				viewport: { width: 360, height: 640 },
				extraHTTPHeaders: { Cookie: `lang=${lang}` }
			});
			await page.goto(url);
			await page.screenshot({ path: path.join(dir, `outage-${lang}-360.png`), fullPage: true });
			await page.close();
		}
	} finally {
		await browser.close();
	}
}
