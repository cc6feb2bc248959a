/**
 * Every page a parent can reach, in every state a family can be in and in every language, and
 * every staff page in Dutch and English, over HTTP from the built server: no page shows a
 * message key instead of its words ("family.change_until"), dates and times read the same
 * everywhere, and a retired or unknown link leads somewhere without telling anything about a family.
 *
 * The families get their states through the real forms. A visit "locked after the deadline"
 * needs the clock inside its round's change deadline: the states are made on a server whose
 * clock starts on 15 October, and the pages are read on a second one, on the same database,
 * whose clock starts on the evening of 18 October, a day before the first visit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import {
	cookieHeader,
	cookieJar,
	runCli,
	startServer,
	type RunningServer
} from '../support/server';
import { openDatabase } from '../../src/lib/server/db';
import { issueFamilyLink, resolveFamilyLink } from '../../src/lib/server/families/links';
import type { DemoCredentials } from '../../src/lib/server/demo/load';
import nl from '../../messages/nl.json';
import { demoFamilies } from '../../src/lib/server/demo/data';
import { fullName } from '../../src/lib/server/roster/names';
import { parentLanguages } from '../../src/lib/i18n/languages';

const LANGUAGES = parentLanguages;
const BOOKING_CLOCK = '2026-10-15T08:00:00Z';
const READING_CLOCK = '2026-10-18T20:00:00Z';

// A message key shown as text: one of our sections, then dotted lowercase words ("family.change_until").
// Not part of an address or a path, and not a file name such as "evaluation.csv".
const KEY = new RegExp(
	`(?<![\\w@./:-])(?:${Object.keys(nl).join('|')})(?:\\.[a-z][a-z0-9_]*)+(?<!\\.(?:csv|ics|json|html|pdf|svg|png|js|css|txt))(?![\\w@/-]|\\.\\w)`,
	'g'
);

const withoutCode = (html: string) =>
	html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<style[\s\S]*?<\/style>/gi, '');
/** What the reader sees, roughly: the text between tags, attributes left out. */
/** What a reader sees: no tags, and none of the invisible marks that isolate right-to-left values. */
const visibleText = (html: string) =>
	withoutCode(html)
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/[\u2066-\u2069]/g, '')
		.replace(/\s+/g, ' ');

function rawKeys(html: string): string[] {
	return [...new Set(withoutCode(html).match(KEY) ?? [])];
}

describe('what counts as a raw key', () => {
	it('finds keys in text and attributes, not in addresses, paths or file names', () => {
		expect(
			rawKeys('<p class="hint">family.change_until</p><a title="errors.not_found">x</a>')
		).toEqual(['family.change_until', 'errors.not_found']);
		expect(
			rawKeys(
				'<p>kantoor@spitsbergen.example · /staff/reports/export · evaluation.csv · mail.example.org@x</p>'
			)
		).toEqual([]);
		expect(rawKeys('<script>const k = "family.title"</script><p>Uw huisbezoek</p>')).toEqual([]);
	});
});

describe.each(databaseKinds)('every page in every state on %s', (kind) => {
	let env: Record<string, string>;
	let server: RunningServer;
	let demo: DemoCredentials;
	let dropDatabase: (() => Promise<void>) | undefined;
	/** Per state: the family's page (its path). */
	const states = {} as Record<
		| 'locked'
		| 'home'
		| 'school'
		| 'neutral'
		| 'cancelled'
		| 'declined'
		| 'open'
		| 'open_without_times',
		string
	>;
	let replacedPath = '';
	/** Family ids by surname, for the office's pages. */
	const familyIds: Record<string, string> = {};
	const unknownPath = '/f/' + 'a'.repeat(32);

	const pathOf = (surname: string) =>
		new URL(demo.families.find((f) => f.name.includes(surname))!.url).pathname;
	const get = (pathname: string, lang: string, cookie = '') =>
		fetch(server.url + pathname, {
			headers: { Cookie: `lang=${lang}${cookie ? `; ${cookie}` : ''}`, Accept: 'text/html' }
		});
	const post = (pathname: string, form: Record<string, string>, lang = 'nl', cookie = '') =>
		fetch(server.url + pathname, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url,
				Cookie: `lang=${lang}${cookie ? `; ${cookie}` : ''}`
			},
			body: new URLSearchParams(form)
		});
	const valuesOf = (html: string, name: string) =>
		[...html.matchAll(new RegExp(`name="${name}" value="([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]!);
	/** Books the nth free time (from the end when negative): each booking takes one off the list. */
	const book = async (
		path: string,
		location: 'home' | 'school' | 'neutral',
		slotIndex: number,
		interpreter: Record<string, string> = { interpreter: 'none' }
	) => {
		const page = await (await get(`${path}/book?place=${location}`, 'nl')).text();
		const slotId = valuesOf(page, 'slotId').at(slotIndex)!;
		const placeId = location === 'neutral' ? valuesOf(page, 'placeId')[0]! : '';
		const response = await post(`${path}/book`, {
			location,
			slotId,
			placeId,
			...interpreter,
			questions: 'Hoe gaat het met lezen?'
		});
		expect(
			response.status,
			`booking ${path} at ${location}: ${response.status === 303 ? '' : visibleText(await response.text()).slice(0, 2000)}`
		).toBe(303);
	};

	beforeAll(async () => {
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_states');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-states') };
		}
		const cli = await runCli(['demo', '--json'], { ...env, FAKE_NOW: BOOKING_CLOCK });
		expect(cli.status, cli.stderr).toBe(0);
		demo = JSON.parse(cli.stdout) as DemoCredentials;

		// A replaced link: the office makes a new letter for the Popescu family, so the link the
		// demo printed is retired. Before any server runs: PGlite admits one process at a time.
		replacedPath = pathOf('Popescu');
		const handle = await openDatabase({
			databaseUrl: env.DATABASE_URL ?? null,
			dataDir: env.DATA_DIR ?? '',
			role: 'test'
		});
		try {
			const opened = await resolveFamilyLink(handle.db, replacedPath.slice('/f/'.length));
			await issueFamilyLink(handle.db, opened!.familyId, opened!.roundId, new Date(BOOKING_CLOCK));
			for (const surname of [
				'Vries',
				'Nowak',
				'García',
				'Hassan',
				'Bakker',
				'Yılmaz',
				'Kowalska',
				'Smith'
			])
				familyIds[surname] = (await resolveFamilyLink(
					handle.db,
					pathOf(surname).slice('/f/'.length)
				))!.familyId;
		} finally {
			await handle.close();
		}

		// Jeroen Bos visits these families on Mondays and Wednesdays, four times an evening.
		server = await startServer({ ...env, FAKE_NOW: BOOKING_CLOCK });
		try {
			states.locked = pathOf('Vries');
			await book(states.locked, 'home', 0); // Monday 19 October, 15:30: within a day of the reading clock
			states.home = pathOf('Nowak');
			// With someone of their own to interpret: every page tells it from one the school arranges.
			await book(states.home, 'home', 7, { interpreter: 'bring', interpreterLanguage: 'pl' }); // Monday 26 October, 15:30: the first after summer time
			states.school = pathOf('García');
			await book(states.school, 'school', 12, {
				interpreter: 'arrange',
				interpreterLanguage: 'es'
			});
			states.neutral = pathOf('Hassan');
			await book(states.neutral, 'neutral', 16);
			states.cancelled = pathOf('Bakker');
			await book(states.cancelled, 'school', -1);
			expect((await post(`${states.cancelled}/cancel`, {})).status).toBe(303);
			states.declined = pathOf('Yılmaz');
			expect(
				(await post(`${states.declined}/decline`, { reason: 'privacy', reasonText: '' })).status
			).toBe(303);
			states.open = pathOf('Kowalska');
			// Anouk Visser has no times: her families' choose-a-time page says so.
			states.open_without_times = pathOf('Smith');
		} finally {
			await server.stop();
		}
		server = await startServer({ ...env, FAKE_NOW: READING_CLOCK });
	}, 240_000);

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	it('shows no message key on any parent page, in any state or language', async () => {
		const newsletter = new URL(demo.newsletterUrl!).pathname;
		const pages: string[] = [
			unknownPath,
			`${unknownPath}/book?place=school`,
			`${unknownPath}/decline`,
			replacedPath,
			`${replacedPath}/book?place=home`,
			`${replacedPath}/cancel`,
			newsletter
		];
		for (const path of Object.values(states)) {
			pages.push(
				path,
				`${path}/book?place=home`,
				`${path}/book?place=school`,
				`${path}/book?place=neutral`,
				`${path}/decline`,
				`${path}/cancel`
			);
		}
		for (const saved of ['booked', 'unchanged', 'declined', 'cancelled'])
			pages.push(`${states.home}?saved=${saved}`);
		const found: string[] = [];
		const check = async (label: string, response: Response) => {
			expect(response.status, label).toBeLessThan(500);
			for (const key of rawKeys(await response.text())) found.push(`${label}: ${key}`);
		};
		for (const lang of LANGUAGES) {
			for (const path of pages) await check(`${lang} ${path}`, await get(path, lang));
			// Refused forms come back with their messages.
			await check(
				`${lang} refused booking`,
				await post(
					`${states.open}/book`,
					{ location: 'home', questions: 'q'.repeat(2000), interpreter: 'arrange' },
					lang
				)
			);
			await check(
				`${lang} refused decline`,
				await post(`${states.open}/decline`, { reasonText: 'r'.repeat(2000) }, lang)
			);
			await check(
				`${lang} newsletter sent`,
				await post(newsletter, { email: 'nobody@nowhere.example' }, lang)
			);
			await check(
				`${lang} newsletter refused`,
				await post(newsletter, { email: 'not an address' }, lang)
			);
			await check(`${lang} retired link form`, await post(`${replacedPath}/decline`, {}, lang));
		}
		expect(found).toEqual([]);
		// Who sees to the interpreter, in the family's words.
		expect(visibleText(await (await get(states.home, 'en')).text())).toContain(
			'You bring someone to interpret: Polish'
		);
		expect(visibleText(await (await get(states.school, 'tr')).text())).toContain(
			'Okul bir tercüman ayarlıyor: İspanyolca'
		);
	}, 480_000);

	it('says when a visit can still be changed, and that nothing changed after the same booking', async () => {
		const expected: Record<string, string> = {
			nl: 'Dit kan tot 24 uur voor de afspraak.',
			en: 'You can do this until 24 hours before the appointment.',
			ar: 'يمكنكم فعل ذلك حتى 24 ساعة قبل الموعد.'
		};
		for (const [lang, sentence] of Object.entries(expected))
			expect(visibleText(await (await get(states.home, lang)).text())).toContain(sentence);
		const unchanged = await (await get(`${states.home}?saved=unchanged`, 'nl')).text();
		expect(unchanged).toMatch(
			/<p class="success" role="status">Er is niets veranderd\. Uw afspraak staat vast\.<\/p>/
		);
		// A visit within the deadline is changed by phone, not on the page.
		const locked = await (await get(states.locked, 'nl')).text();
		expect(locked).toContain('Wilt u iets veranderen? Bel dan school: 020 123 4567.');
		expect(locked).not.toContain(`${states.locked}/cancel`);
	});

	it('writes times on the 24-hour clock with the reader’s comma, and no date as numbers', async () => {
		for (const lang of LANGUAGES) {
			for (const path of [
				states.home,
				`${states.home}/cancel`,
				`${states.open}/book?place=school`
			]) {
				const text = visibleText(await (await get(path, lang)).text());
				expect(text, `${lang} ${path}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
				expect(text, `${lang} ${path}`).not.toMatch(
					/\d{1,2}:\d{2}\s*(?:AM|PM|am|pm|ص|م)(?!\p{L})/u
				);
			}
		}
		// Nowak's visit: Monday 26 October, 15:30–16:15, the day after summer time ends.
		expect(visibleText(await (await get(states.home, 'nl')).text())).toContain(
			'maandag 26 oktober, 15:30 tot 16:15'
		);
		const arabic = visibleText(await (await get(states.home, 'ar')).text());
		expect(arabic).toContain('الاثنين، 26 أكتوبر، من 15:30 إلى 16:15');
		expect(arabic).not.toMatch(/أكتوبر, /);
	});

	it('turns a retired link into a way back to the school, and an unknown one into advice, naming no family', async () => {
		const family = demo.families.find((f) => f.name.includes('Popescu'))!;
		for (const lang of LANGUAGES) {
			const retired = await get(replacedPath, lang);
			expect(retired.status).toBe(410);
			const html = await retired.text();
			expect(html).toContain(`<html lang="${lang}"`);
			expect(html).toContain(demo.school);
			expect(html).toContain('020 123 4567');
			expect(html).toContain(`action="${new URL(demo.newsletterUrl!).pathname}"`);
			expect(html).not.toMatch(/<script/);
			for (const secret of [family.name.split(' ')[0]!, family.teacher!, 'Lombokstraat'])
				expect(html).not.toContain(secret);

			const unknown = await get(unknownPath, lang, '');
			expect(unknown.status).toBe(404);
			const text = await unknown.text();
			expect(text).toContain(`<html lang="${lang}"`);
			expect(text).not.toContain(demo.school);
			expect(text).not.toContain('020 123 4567');
			expect(text).not.toMatch(/<script/);
		}
		// Its sub-pages and its forms answer the same; the browser's language counts without a cookie.
		expect((await get(`${replacedPath}/book?place=school`, 'fr')).status).toBe(410);
		expect((await post(`${replacedPath}/book`, { location: 'school' })).status).toBe(410);
		expect((await post(`${unknownPath}/decline`, {})).status).toBe(404);
		const turkish = await fetch(server.url + unknownPath, {
			headers: { 'Accept-Language': 'tr-TR,tr;q=0.9' }
		});
		expect(await turkish.text()).toContain('Bu bağlantı çalışmıyor');
		// The form asks the round's newsletter page for a new link: it answers as it does there.
		const asked = await post(new URL(demo.newsletterUrl!).pathname, { email: family.email! }, 'nl');
		expect(asked.status).toBe(200);
		expect(await asked.text()).toContain('Als school dit adres');
	});

	it('shows no message key and no numeric date-time on any staff page, in Dutch or English', async () => {
		const found: string[] = [];
		for (const person of [
			demo.staff.find((s) => s.role === 'admin')!,
			demo.staff.find((s) => s.email.startsWith('jeroen'))!
		]) {
			const signedIn = await post('/sign-in', { email: person.email, password: person.password });
			expect(signedIn.status).toBe(303);
			const session = cookieHeader(cookieJar(signedIn));
			for (const lang of ['nl', 'en']) {
				// Every staff page reachable by links from the dashboard, at most three of each kind.
				const seen = new Map<string, number>();
				const queue = ['/staff'];
				const visited = new Set<string>();
				while (queue.length > 0 && visited.size < 120) {
					const path = queue.shift()!;
					if (visited.has(path)) continue;
					visited.add(path);
					const response = await get(path, lang, session);
					expect(response.status, `${lang} ${path}`).toBeLessThan(500);
					if (!(response.headers.get('content-type') ?? '').includes('text/html')) continue;
					const html = await response.text();
					for (const key of rawKeys(html)) found.push(`${person.role} ${lang} ${path}: ${key}`);
					const text = visibleText(html);
					if (/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b/.test(text))
						found.push(`${person.role} ${lang} ${path}: numeric date-time`);
					// Links are relative ("./staff/families"): resolve them against the page.
					for (const [, href] of html.matchAll(/href="([^"#]+)"/g)) {
						const url = new URL(href!.replace(/&amp;/g, '&'), server.url + path);
						if (url.origin !== server.url || !url.pathname.startsWith('/staff')) continue;
						const link = url.pathname + url.search;
						const kindOf =
							url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id') +
							[...url.searchParams.keys()].sort().join(',');
						if (
							visited.has(link) ||
							(seen.get(kindOf) ?? 0) >= 3 ||
							/\.(csv|ics|json)$|\/export\/csv|\/csv$/.test(url.pathname)
						)
							continue;
						seen.set(kindOf, (seen.get(kindOf) ?? 0) + 1);
						queue.push(link);
					}
				}
				expect(visited.size, `${person.role} ${lang}: pages reached`).toBeGreaterThan(
					person.role === 'admin' ? 25 : 8
				);
			}
			// The office's page of a booked family says when, in words.
			const nowak = visibleText(
				await (await get(`/staff/families/${familyIds.Nowak}`, 'nl', session)).text()
			);
			expect(nowak).toContain('maandag 26 oktober, 15:30–16:15');
			const english = visibleText(
				await (await get(`/staff/families/${familyIds.Vries}`, 'en', session)).text()
			);
			expect(english).toContain('Monday, October 19, 15:30–16:15');
		}
		expect(found).toEqual([]);
	}, 240_000);

	it('shows no message key on the week, a move and the day sheet, in every state they have', async () => {
		const found: string[] = [];
		const check = async (label: string, response: Response) => {
			expect(response.status, label).toBeLessThan(500);
			const html = await response.text();
			for (const key of rawKeys(html)) found.push(`${label}: ${key}`);
			return visibleText(html);
		};
		const jeroen = demo.staff.find((s) => s.email.startsWith('jeroen'))!;
		const signedIn = await post('/sign-in', { email: jeroen.email, password: jeroen.password });
		const session = cookieHeader(cookieJar(signedIn));
		const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
		// García booked one of Jeroen's times at school in the week of 26 October; no other test
		// reads that visit, so this one may move it.
		const week = await (await get('/staff/slots?week=2026-10-26', 'nl', session)).text();
		const garcia = week.split('<li').find((item) => item.includes('Lucía (3B)'))!;
		const slotId = new RegExp(`href="[^"]*slots/(${UUID})"`).exec(garcia)![1]!;
		const pages = [
			'/staff/slots?week=2026-10-19',
			'/staff/slots?week=2026-10-26',
			'/staff/slots?week=2026-10-19&done=moved_told&language=ar',
			'/staff/slots?week=2026-10-19&done=deleted_told&language=tr',
			'/staff/slots?week=2026-10-19&done=moved_tell',
			'/staff/slots?week=2026-10-19&done=deleted_tell',
			`/staff/slots/${slotId}`,
			'/staff/slots/day?date=2026-10-19',
			'/staff/slots/day?date=2026-10-26',
			'/staff/slots/day?date=2026-10-20'
		];
		// De Vries's visit at home starts a route.
		expect(
			visibleText(await (await get('/staff/slots/day?date=2026-10-19', 'nl', session)).text())
		).toContain('Route langs de huisbezoeken');
		for (const lang of ['nl', 'en']) {
			for (const path of pages) await check(`${lang} ${path}`, await get(path, lang, session));
			// The are-you-sure step names the family and the language of its mail.
			const asked = await check(
				`${lang} move asks`,
				await post(
					`/staff/slots/${slotId}?/move`,
					{ date: '2026-10-27', start: '19:00' },
					lang,
					session
				)
			);
			if (lang === 'nl') expect(asked).toContain('het gezin krijgt een e-mail met de nieuwe tijd');
		}
		const moved = await post(
			`/staff/slots/${slotId}?/move`,
			{ date: '2026-10-27', start: '19:00', confirmed: 'yes' },
			'nl',
			session
		);
		expect(moved.status).toBe(303);
		const told = moved.headers.get('location')!;
		expect(told).toMatch(/done=moved_told&language=nl$/);
		for (const lang of ['nl', 'en']) {
			const text = await check(`${lang} ${told}`, await get(told, lang, session));
			if (lang === 'en') {
				expect(text).toContain('The family has been sent an e-mail with the new time, in Dutch.');
				expect(text).toContain('Moved by the school; the family has been sent an e-mail (Dutch).');
			}
			const sheet = await check(
				`${lang} day sheet`,
				await get('/staff/slots/day?date=2026-10-27', lang, session)
			);
			if (lang === 'nl') expect(sheet).toContain('Lucía García (3B)');
		}
		expect(found).toEqual([]);
	}, 240_000);

	it('shows no message key on the school’s visits of a day or a week, for the office only', async () => {
		const found: string[] = [];
		const sessionOf = async (email: string, password: string) =>
			cookieHeader(cookieJar(await post('/sign-in', { email, password })));
		const office = demo.staff.find((s) => s.role === 'admin')!;
		const session = await sessionOf(office.email, office.password);
		const pages = [
			'/staff/visits',
			'/staff/visits?week=2026-10-21',
			'/staff/visits?day=2026-10-19',
			'/staff/visits?date=2026-10-26&view=day',
			'/staff/visits?day=2026-10-18',
			'/staff/visits?week=2026-12-07'
		];
		const texts: Record<string, string> = {};
		for (const lang of ['nl', 'en'])
			for (const path of pages) {
				const response = await get(path, lang, session);
				expect(response.status, `${lang} ${path}`).toBe(200);
				const html = await response.text();
				for (const key of rawKeys(html)) found.push(`${lang} ${path}: ${key}`);
				texts[`${lang} ${path}`] = visibleText(html);
			}
		expect(found).toEqual([]);
		// A day with visits: De Vries's at home at 15:30, with Jeroen Bos; an empty day; a week.
		expect(texts['nl /staff/visits?day=2026-10-19']).toContain('15:30–16:15');
		expect(texts['nl /staff/visits?day=2026-10-19']).toContain('Jeroen Bos');
		expect(texts['nl /staff/visits?day=2026-10-18']).toContain(
			'Op deze dag zijn er geen bezoeken gepland.'
		);
		expect(texts['en /staff/visits?week=2026-12-07']).toContain('No visits are planned this week.');
		expect(texts['en /staff/visits?week=2026-10-21']).toMatch(
			/Week 43: Monday, October 19, 2026 – Sunday, October 25, 2026 · \d+ visits?/
		);
		// A teacher is refused, as on every page of the office.
		const jeroen = demo.staff.find((s) => s.email.startsWith('jeroen'))!;
		const refused = await get(
			'/staff/visits?week=2026-10-19',
			'nl',
			await sessionOf(jeroen.email, jeroen.password)
		);
		expect(refused.status).toBe(403);
	}, 120_000);

	it('shows the staff page of a family in every state and every language, as the office and as its teacher', async () => {
		const found: string[] = [];
		for (const person of [
			demo.staff.find((s) => s.role === 'admin')!,
			demo.staff.find((s) => s.email.startsWith('jeroen'))!
		]) {
			const signedIn = await post('/sign-in', { email: person.email, password: person.password });
			expect(signedIn.status).toBe(303);
			const session = cookieHeader(cookieJar(signedIn));
			const paths = Object.values(familyIds).map((id) => `/staff/families/${id}`);
			paths.push(`/staff/families/${familyIds.Nowak}?done=reassigned`);
			for (const lang of LANGUAGES)
				for (const path of paths) {
					const response = await get(path, lang, session);
					// A teacher gets 404 for a family someone else visits: that page must read right too.
					expect(response.status, `${person.role} ${lang} ${path}`).toBeLessThan(500);
					for (const key of rawKeys(await response.text()))
						found.push(`${person.role} ${lang} ${path}: ${key}`);
				}
			// The history says who answered: the Nowak family booked through its own link.
			const nowak = visibleText(
				await (await get(`/staff/families/${familyIds.Nowak}`, 'en', session)).text()
			);
			expect(nowak).toContain('Visit booked by the family');
			// Their own interpreter, told apart from one the school arranges.
			expect(nowak).toContain('The family brings its own interpreter: Polish');
			expect(nowak).toContain('with their own interpreter');
			expect(
				visibleText(
					await (await get(`/staff/families/${familyIds['García']}`, 'en', session)).text()
				)
			).toContain('Interpreter: Spanish');
		}
		expect(found).toEqual([]);
	}, 240_000);

	it('shows no message key on the letters page: a choice, its count, none, and a printed batch', async () => {
		const admin = demo.staff.find((s) => s.role === 'admin')!;
		const signedIn = await post('/sign-in', { email: admin.email, password: admin.password });
		const session = cookieHeader(cookieJar(signedIn));
		const found: string[] = [];
		const check = async (label: string, response: Response, status = 200) => {
			expect(response.status, label).toBe(status);
			const html = await response.text();
			for (const key of rawKeys(html)) found.push(`${label}: ${key}`);
			return visibleText(html);
		};
		const choice = await (await get('/staff/families/letters', 'nl', session)).text();
		const groupId = /<option value="([0-9a-f-]{36})"/.exec(choice)![1]!;
		const nobody = '00000000-0000-4000-8000-000000000000';
		for (const lang of ['nl', 'en']) {
			for (const path of [
				'/staff/families/letters',
				'/staff/families/letters?scope=without_email',
				'/staff/families/letters?scope=all',
				`/staff/families/letters?scope=not_answered&group=${groupId}`,
				`/staff/families/letters?scope=all&group=${nobody}`
			])
				await check(`${lang} ${path}`, await get(path, lang, session));
			const counted = await check(
				`${lang} count`,
				await get('/staff/families/letters?scope=not_answered', lang, session)
			);
			if (lang === 'en') expect(counted).toMatch(/\d+ famil(y|ies) in this choice\./);
			// Printing adds links and stops none: the demo families' links keep working.
			const printed = await check(
				`${lang} printed`,
				await post('/staff/families/letters', { scope: 'not_answered' }, lang, session)
			);
			if (lang === 'en') expect(printed).toMatch(/Letters 1–\d+ of \d+/);
			await check(
				`${lang} none`,
				await post('/staff/families/letters', { scope: 'all', group: nobody }, lang, session),
				404
			);
		}
		expect((await get(pathOf('Nowak'), 'nl')).status).toBe(200);
		expect(found).toEqual([]);
	});

	it('shows no message key on the Mailbox’s filtered views or a roster check with repeated pupils', async () => {
		const admin = demo.staff.find((s) => s.role === 'admin')!;
		const signedIn = await post('/sign-in', { email: admin.email, password: admin.password });
		const session = cookieHeader(cookieJar(signedIn));
		const header =
			'Leerlingnummer;Roepnaam;Achternaam;Groep;Ouder/verzorger 1;E-mail ouder 1;Straat en huisnummer;Postcode\n';
		const row = (group: string) =>
			`40001;Lina;Haddad;${group};Rana Haddad;rana@example.com;Kerkstraat 2;1234 AB\n`;
		const form = new FormData();
		form.append('file', new Blob([header, row('1A'), row('1A'), row('2A')]), 'leerlingen.csv');
		const uploaded = await fetch(`${server.url}/staff/roster`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: session, Origin: server.url, Accept: 'text/html' },
			body: form
		});
		const check = uploaded.headers.get('location')!;
		const found: string[] = [];
		for (const lang of ['nl', 'en'])
			for (const path of [
				'/staff/mailbox?state=failed',
				'/staff/mailbox?state=queued&kind=visit_reminder',
				'/staff/mailbox?state=sent&page=2',
				`/staff/mailbox?family=${familyIds.Nowak}`,
				// Kept without SMTP: the families' confirmations have lost their links, and say so.
				'/staff/mailbox?state=sent&kind=visit_booked',
				check,
				`${check}?keep=4`
			]) {
				const response = await get(path, lang, session);
				expect(response.status, `${lang} ${path}`).toBe(200);
				const html = await response.text();
				for (const key of rawKeys(html)) found.push(`${lang} ${path}: ${key}`);
				if (path.includes('kind=visit_booked'))
					expect(visibleText(html), `${lang} ${path}`).toContain(
						lang === 'nl'
							? 'Persoonlijke link verwijderd uit de portal'
							: 'Personal link erased from the portal'
					);
			}
		expect(found).toEqual([]);
	});

	it('shows no message key on the families table in any of its views, as the office and as a teacher', async () => {
		const found: string[] = [];
		const statuses = [
			'not_answered',
			'booked',
			'home',
			'school',
			'neutral',
			'rather_not_home',
			'declined',
			'interpreter',
			'this_week'
		];
		const paths = [
			'/staff/families',
			...statuses.map((status) => `/staff/families?status=${status}`),
			'/staff/families?q=garcia',
			'/staff/families?q=nobody-is-called-this',
			'/staff/families?sort=time&dir=desc',
			'/staff/families?page=999',
			'/staff/families?status=made-up&group=not-an-id&visitor=not-an-id'
		];
		for (const person of [
			demo.staff.find((s) => s.role === 'admin')!,
			demo.staff.find((s) => s.email.startsWith('jeroen'))!
		]) {
			const signedIn = await post('/sign-in', { email: person.email, password: person.password });
			const session = cookieHeader(cookieJar(signedIn));
			for (const lang of ['nl', 'en'])
				for (const path of paths) {
					const response = await get(path, lang, session);
					expect(response.status, `${person.role} ${lang} ${path}`).toBe(200);
					for (const key of rawKeys(await response.text()))
						found.push(`${person.role} ${lang} ${path}: ${key}`);
				}
		}
		expect(found).toEqual([]);
	});

	it("shows each person's home page in its states, and a teacher only her own families' phone numbers", async () => {
		const found: string[] = [];
		const teacherOf = new Map<string, string | null | undefined>();
		for (const family of demoFamilies)
			for (const guardian of family.guardians)
				if (guardian.phone)
					teacherOf.set(
						guardian.phone,
						demo.families.find((f) => family.pupils.some((p) => f.name.includes(fullName(p))))
							?.teacher
					);
		// The office (round figures), Jeroen (families to call), Anouk, and Tim (an intern who visits nobody).
		for (const who of ['kantoor', 'jeroen', 'anouk', 'tim']) {
			const person = demo.staff.find((s) => s.email.startsWith(who))!;
			const signedIn = await post('/sign-in', { email: person.email, password: person.password });
			const session = cookieHeader(cookieJar(signedIn));
			for (const lang of ['nl', 'en']) {
				const response = await get('/staff', lang, session);
				expect(response.status).toBe(200);
				const html = await response.text();
				for (const key of rawKeys(html)) found.push(`${who} ${lang}: ${key}`);
				const dialled = [...html.matchAll(/href="tel:([^"]+)"/g)].map((m) => m[1]!);
				if (who === 'jeroen') expect(dialled.length).toBeGreaterThan(0);
				for (const number of dialled) expect(teacherOf.get(number), number).toBe(person.name);
				if (who === 'kantoor') {
					expect(html).toContain('href="/staff/mailbox?state=failed"');
					expect(html).toMatch(
						/href="\/staff\/families\?round=[0-9a-f-]{36}&amp;status=rather_not_home"/
					);
				}
			}
		}
		expect(found).toEqual([]);
	});
});
