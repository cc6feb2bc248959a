/**
 * The office's interpreter pages over HTTP, from the built server: the list of requests with an
 * arrange form, arranging through a real form POST, a second arrangement of the same person at
 * an overlapping time refused with the translated message, tampered or another school's ids
 * refused in words (never a 500, never the other school's data), the school's interpreters kept
 * field by field, and a teacher kept out. Each page state is read in Dutch and English without a
 * raw message key. Needs a build first.
 *
 * The schools are made before the server starts (PGlite admits one process at a time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, createPostgresDatabase, tempDir } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { cookieHeader, cookieJar, startServer, type RunningServer } from '../support/server';
import { visitChoice, wallTimes } from '../support/visits';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { interpreterRequest, pupil } from '../../src/lib/server/db/schema';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, parentActor } from '../../src/lib/server/booking/answer';
import { addInterpreter } from '../../src/lib/server/interpreters/register';
import nl from '../../messages/nl.json';
import en from '../../messages/en.json';

const AMS = 'Europe/Amsterdam';
const CLOCK = '2026-10-15T08:00:00Z';
const PASSWORD = 'correct horse battery';

const KEY = new RegExp(
	`(?<![\\w@./:-])(?:${Object.keys(nl).join('|')})(?:\\.[a-z][a-z0-9_]*)+(?![\\w@/-]|\\.\\w)`,
	'g'
);
const rawKeys = (html: string) => [
	...new Set(
		html
			.replace(/<script[\s\S]*?<\/script>/gi, '')
			.replace(/<style[\s\S]*?<\/style>/gi, '')
			.match(KEY) ?? []
	)
];
/** What the reader sees: the text between tags, entities of quotes undone. */
const text = (html: string) =>
	html
		.replace(/<script[\s\S]*?<\/script>/gi, '')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');

interface Made {
	office: string;
	teacher: string;
	elsewhere: string;
	requests: string[];
	theirRequest: string;
	ayse: string;
	theirs: string;
	theirsName: string;
	secret: string;
}

async function bookWithInterpreter(
	db: Database,
	schoolId: string,
	teacherId: string,
	date: string,
	from: string,
	to: string
) {
	const made = await makeFamilyInRound(db, schoolId, teacherId);
	const slots = await createSlots(
		db,
		{
			schoolId,
			roundId: made.round.id,
			staffId: teacherId,
			secondStaffId: null,
			allowsHome: true,
			allowsSchool: true,
			allowsNeutral: true,
			times: [wallTimes(date, from, to)]
		},
		AMS,
		new Date(CLOCK)
	);
	if (!slots.ok) throw new Error(slots.reason);
	const booked = await bookVisit(
		db,
		schoolId,
		made.round.id,
		made.family.id,
		visitChoice(slots.ids[0]!, { interpreterLanguage: 'tr' }),
		parentActor('c'.repeat(32), 'tr'),
		new Date(CLOCK)
	);
	if (!booked.ok) throw new Error(booked.problem);
	const [request] = await db
		.select({ id: interpreterRequest.id })
		.from(interpreterRequest)
		.where(eq(interpreterRequest.bookingId, booked.bookingId));
	return { request: request!.id, familyId: made.family.id };
}

async function seed(db: Database): Promise<Made> {
	const school = await makeSchool(db);
	const office = await makeStaff(db, school.id, { role: 'admin', name: 'Kantoor' });
	const teacher = await makeStaff(db, school.id, { role: 'teacher', name: 'Juf Ellen' });
	const colleague = await makeStaff(db, school.id, { role: 'teacher', name: 'Meester Bas' });
	// Two visits at the same hour, with two teachers: one interpreter cannot go to both.
	const first = await bookWithInterpreter(
		db,
		school.id,
		teacher.id,
		'2026-11-02',
		'16:00',
		'16:45'
	);
	const second = await bookWithInterpreter(
		db,
		school.id,
		colleague.id,
		'2026-11-02',
		'16:30',
		'17:15'
	);
	const ayse = await addInterpreter(db, school.id, {
		name: 'Ayşe Yılmaz',
		kind: 'volunteer',
		languages: ['tr'],
		phone: '06 1111 2222',
		email: 'ayse@example.org',
		mailLanguage: 'tr',
		staffId: '',
		active: true
	});
	if (!ayse.ok) throw new Error('interpreter');

	const other = await makeSchool(db);
	const elsewhere = await makeStaff(db, other.id, { role: 'admin' });
	const otherTeacher = await makeStaff(db, other.id, { role: 'teacher' });
	const theirBooking = await bookWithInterpreter(
		db,
		other.id,
		otherTeacher.id,
		'2026-11-03',
		'16:00',
		'16:45'
	);
	await db
		.update(pupil)
		.set({ firstName: 'Geheimkind' })
		.where(eq(pupil.familyId, theirBooking.familyId));
	const theirs = await addInterpreter(db, other.id, {
		name: 'Tolk Andereschool',
		kind: 'service',
		languages: ['tr'],
		phone: '020 999 9999',
		email: '',
		mailLanguage: 'nl',
		staffId: '',
		active: true
	});
	if (!theirs.ok) throw new Error('interpreter');
	return {
		office: office.email,
		teacher: teacher.email,
		elsewhere: elsewhere.email,
		requests: [first.request, second.request],
		theirRequest: theirBooking.request,
		ayse: ayse.id,
		theirs: theirs.id,
		theirsName: 'Tolk Andereschool',
		secret: 'Geheimkind'
	};
}

describe.each(databaseKinds)("the office's interpreter pages over HTTP on %s", (kind) => {
	let env: Record<string, string>;
	let server: RunningServer | undefined;
	let dropDatabase: (() => Promise<void>) | undefined;
	let made: Made;

	beforeAll(async () => {
		if (kind === 'postgres') {
			const created = await createPostgresDatabase('hb_interp_pages');
			env = { DATABASE_URL: created.url };
			dropDatabase = created.drop;
		} else {
			env = { DATA_DIR: tempDir('hb-interp-pages') };
		}
		const handle = await openDatabase({
			databaseUrl: env.DATABASE_URL ?? null,
			dataDir: env.DATA_DIR ?? '',
			role: 'test'
		});
		try {
			await handle.migrate();
			made = await seed(handle.db);
		} finally {
			await handle.close();
		}
		server = await startServer({ ...env, FAKE_NOW: CLOCK });
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await dropDatabase?.();
	});

	async function signIn(email: string, lang = 'nl') {
		const response = await fetch(`${server!.url}/sign-in`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server!.url,
				Accept: 'text/html'
			},
			body: new URLSearchParams({ email, password: PASSWORD })
		});
		expect(response.status, email).toBe(303);
		return `lang=${lang}; ${cookieHeader(cookieJar(response))}`;
	}
	const get = (path: string, cookie: string) =>
		fetch(`${server!.url}${path}`, {
			redirect: 'manual',
			headers: { Cookie: cookie, Accept: 'text/html' }
		});
	const post = (path: string, cookie: string, body: Record<string, string | string[]>) => {
		const form = new URLSearchParams();
		for (const [k, v] of Object.entries(body))
			for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
		return fetch(`${server!.url}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				Cookie: cookie,
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server!.url,
				Accept: 'text/html'
			},
			body: form
		});
	};
	const arrange = (cookie: string, request: string, interpreter: string, mode = 'in_person') =>
		post('/staff/interpreters?/arrange', cookie, {
			request,
			interpreter,
			mode,
			contactName: '',
			contactPhone: ''
		});

	it('lists the requests, arranges one through the form, and refuses the same interpreter at an overlapping visit in words', async () => {
		const office = await signIn(made.office);
		const found: string[] = [];
		const list = await get('/staff/interpreters', office);
		expect(list.status).toBe(200);
		let html = await list.text();
		found.push(...rawKeys(html));
		expect(text(html)).toContain(nl.interpreters.state_requested);
		expect(text(html)).toContain('Turks');
		expect(text(html)).toContain('maandag 2 november, 16:00–16:45');
		expect(text(html)).toContain('Juf Ellen');
		expect(html).toContain('action="?/arrange"');
		expect(html).toContain(`value="${made.ayse}"`);
		expect(html).not.toContain(made.secret);
		expect(html).not.toContain(made.theirsName);

		const arranged = await arrange(office, made.requests[0]!, made.ayse);
		expect(arranged.status).toBe(200);
		html = await arranged.text();
		found.push(...rawKeys(html));
		expect(text(html)).toContain(
			nl.interpreters.done_arranged_mailed
				.replace('{{name}}', 'Ayşe Yılmaz')
				.replace('{{when}}', 'maandag 2 november, 16:00')
		);
		expect(text(html)).toContain(nl.interpreters.state_arranged);
		expect(html).toContain('href="tel:0611112222"');
		expect(html).toContain('action="?/release"');

		// The second visit starts half an hour later: she is still at the first.
		const busy = await arrange(office, made.requests[1]!, made.ayse);
		expect(busy.status).toBe(409);
		html = await busy.text();
		found.push(...rawKeys(html));
		expect(text(html)).toContain(nl.interpreters.errors.interpreter_busy);

		// In English too, every state: the list as it is now, the people page, a refusal.
		const english = await signIn(made.office, 'en');
		for (const path of [
			'/staff/interpreters',
			'/staff/interpreters?past=1',
			'/staff/interpreters/people',
			'/staff'
		]) {
			for (const cookie of [office, english]) {
				const response = await get(path, cookie);
				expect(response.status, path).toBe(200);
				found.push(...rawKeys(await response.text()).map((k) => `${path}: ${k}`));
			}
		}
		const englishBusy = await arrange(english, made.requests[1]!, made.ayse);
		expect(text(await englishBusy.text())).toContain(en.interpreters.errors.interpreter_busy);
		expect(found).toEqual([]);

		// The home page counts the one still to arrange and links to the list.
		const home = await (await get('/staff', office)).text();
		expect(text(home)).toContain(`1 ${nl.staff.figure_interpreters_to_arrange}`);
		expect(home).toMatch(/href="\/staff\/interpreters"[^>]*><span[^>]*>1<\/span>/);

		// Released: back to "to arrange", and the office reads who was told.
		const released = await post('/staff/interpreters?/release', office, {
			request: made.requests[0]!
		});
		expect(released.status).toBe(200);
		expect(text(await released.text())).toContain(
			nl.interpreters.done_released_mailed
				.replace('{{name}}', 'Ayşe Yılmaz')
				.replace('{{when}}', 'maandag 2 november, 16:00')
		);
		// Now she is free for the second one, by phone.
		const second = await arrange(office, made.requests[1]!, made.ayse, 'phone');
		expect(second.status).toBe(200);
	}, 120_000);

	it("refuses tampered and another school's ids in words, never with a 500 or their data", async () => {
		const office = await signIn(made.office);
		const cases: [string, Promise<Response>, number, string][] = [
			[
				'nonsense request',
				arrange(office, 'nonsense', made.ayse),
				404,
				nl.interpreters.errors.not_found
			],
			[
				"another school's request",
				arrange(office, made.theirRequest, made.ayse),
				404,
				nl.interpreters.errors.not_found
			],
			[
				"another school's interpreter",
				arrange(office, made.requests[0]!, made.theirs),
				400,
				nl.interpreters.errors.interpreter_unknown
			],
			[
				'no mode',
				arrange(office, made.requests[0]!, made.ayse, 'teleport'),
				400,
				nl.interpreters.errors.mode_unknown
			],
			[
				'a contact too long',
				post('/staff/interpreters?/arrange', office, {
					request: made.requests[0]!,
					interpreter: made.ayse,
					mode: 'phone',
					contactName: 'x'.repeat(200),
					contactPhone: ''
				}),
				400,
				nl.interpreters.errors.contact_too_long
			],
			[
				"releasing another school's request",
				post('/staff/interpreters?/release', office, { request: made.theirRequest }),
				404,
				nl.interpreters.errors.not_found
			],
			[
				"editing another school's interpreter",
				post('/staff/interpreters/people?/update', office, {
					id: made.theirs,
					name: 'Overgenomen',
					kind: 'volunteer',
					languages: 'tr',
					phone: '06',
					email: '',
					mailLanguage: 'nl',
					staffId: ''
				}),
				404,
				nl.interpreters.errors.not_found
			],
			[
				"retiring another school's interpreter",
				post('/staff/interpreters/people?/active', office, { id: made.theirs, active: 'no' }),
				404,
				nl.interpreters.errors.not_found
			]
		];
		for (const [label, sent, status, message] of cases) {
			const response = await sent;
			expect(response.status, label).toBe(status);
			const html = await response.text();
			expect(text(html), label).toContain(message);
			expect(html, label).not.toContain(made.secret);
			expect(html, label).not.toContain(made.theirsName);
			expect(rawKeys(html), label).toEqual([]);
		}
	}, 120_000);

	it("keeps the school's interpreters field by field, and retires rather than deletes", async () => {
		const office = await signIn(made.office);
		const refused = await post('/staff/interpreters/people?/add', office, {
			name: '<b>Piotr</b>\r\nNowak',
			kind: 'service',
			languages: ['xx'],
			phone: '',
			email: 'geen-adres',
			mailLanguage: 'pl',
			staffId: ''
		});
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(text(html)).toContain(nl.interpreters.errors.languages_required);
		expect(text(html)).toContain(nl.interpreters.errors.email_invalid);
		expect(html).toContain('aria-invalid="true"');
		expect(rawKeys(html)).toEqual([]);

		const added = await post('/staff/interpreters/people?/add', office, {
			name: 'Tolkdienst Polen',
			kind: 'service',
			languages: ['pl', 'uk'],
			phone: '030 123 4567',
			email: '',
			mailLanguage: 'pl',
			staffId: ''
		});
		expect(added.status).toBe(303);
		expect(added.headers.get('location')).toBe('/staff/interpreters/people?saved=added');
		const page = text(await (await get('/staff/interpreters/people?saved=added', office)).text());
		expect(page).toContain(nl.interpreters.saved_added);
		expect(page).toContain('Tolkdienst Polen');
		expect(page).toContain('Pools, Oekraïens');

		const retired = await post('/staff/interpreters/people?/active', office, {
			id: made.ayse,
			active: 'no'
		});
		expect(retired.status).toBe(303);
		const after = text(await (await get('/staff/interpreters/people', office)).text());
		expect(after).toContain(`Ayşe Yılmaz (${nl.interpreters.retired})`);
		// Retired, she is no longer offered for a request.
		const list = await (await get('/staff/interpreters', office)).text();
		expect(list).not.toContain(`<option value="${made.ayse}"`);
		await post('/staff/interpreters/people?/active', office, { id: made.ayse, active: 'yes' });
	}, 120_000);

	it('keeps a teacher and another school out of the office pages', async () => {
		const teacher = await signIn(made.teacher);
		for (const path of ['/staff/interpreters', '/staff/interpreters/people']) {
			const response = await get(path, teacher);
			expect(response.status, path).toBe(403);
			const html = await response.text();
			expect(html).not.toContain('Ayşe');
		}
		const posted = await arrange(teacher, made.requests[0]!, made.ayse);
		expect(posted.status).toBe(403);
		const added = await post('/staff/interpreters/people?/add', teacher, {
			name: 'Iemand',
			kind: 'volunteer',
			languages: 'tr',
			phone: '06',
			email: '',
			mailLanguage: 'nl',
			staffId: ''
		});
		expect(added.status).toBe(403);
		// The other school's office sees its own request only.
		const elsewhere = await signIn(made.elsewhere);
		const theirs = await (await get('/staff/interpreters', elsewhere)).text();
		expect(theirs).toContain(made.secret);
		expect(theirs).not.toContain('Ayşe');
		expect(theirs).not.toContain('Juf Ellen');
		// Signed out: to the sign-in page.
		const anonymous = await get('/staff/interpreters', '');
		expect(anonymous.status).toBe(303);
	}, 120_000);
});
