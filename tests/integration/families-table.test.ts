import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { answerOf, seedManyFamilies } from '../support/many-families';
import { rowsOf, type Database } from '../../src/lib/server/db';
import { familiesTablePage } from '../../src/lib/server/families/table-page';
import { PAGE_SIZE, readTableParams, tableStatuses } from '../../src/lib/families-table';
import type { Viewer } from '../../src/lib/server/auth/policy';

/** Tuesday of the round's first week: "this week" is 19–25 October. */
const TODAY = '2026-10-20';
const TZ = 'Europe/Amsterdam';

type Staff = Viewer & { timeZone: string };

/**
 * A small school whose families each show one thing: the de Vries family (two children, at home,
 * Turkish interpreter, this week), Özdemir (at school, rather not at home, next week), García
 * (a neutral place this week, Lisa goes along), Kowalska (no meeting), Smith (no answer, an old
 * cancelled booking), Osei (a new pupil in a group outside the round, no visitor) and Jansen (not
 * in the round). Another school has a de Vries family and a group of its own.
 */
async function smallSchool(db: Database) {
	const one = async (query: ReturnType<typeof sql>) =>
		rowsOf<{ id: string }>(await db.execute(query))[0]!.id;
	const schoolId = await one(sql`insert into school (name) values ('Spitsbergen') returning id`);
	const person = (name: string, role: 'admin' | 'teacher') =>
		one(
			sql`insert into staff (school_id, email, name, role) values (${schoolId}, ${`${name.split(' ')[0]!.toLowerCase()}@school.example`}, ${name}, ${role}) returning id`
		);
	const office = await person('Olga Kantoor', 'admin');
	const jeroen = await person('Jeroen Bos', 'teacher');
	const fatma = await person('Fatma Demir', 'teacher');
	const lisa = await person('Lisa Mulder', 'teacher');
	const idle = await person('Ivo Leeg', 'teacher');
	const group = (name: string, year: number) =>
		one(
			sql`insert into school_group (school_id, name, year) values (${schoolId}, ${name}, ${year}) returning id`
		);
	const g1a = await group('1A', 1);
	const g3b = await group('3B', 3);
	const g7a = await group('7A', 7);
	const roundId =
		await one(sql`insert into visit_round (school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
		values (${schoolId}, 'Najaar 2026', '2026-10-19', '2026-11-06', '2026-10-01T08:00:00Z', '2026-11-05T16:00:00Z') returning id`);
	const oldRoundId =
		await one(sql`insert into visit_round (school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
		values (${schoolId}, 'Voorjaar 2026', '2026-03-02', '2026-03-20', '2026-02-01T08:00:00Z', '2026-03-19T16:00:00Z') returning id`);
	await db.execute(
		sql`insert into visit_round_group (round_id, group_id) values (${roundId}, ${g1a}), (${roundId}, ${g3b}), (${oldRoundId}, ${g7a})`
	);
	const placeId = await one(
		sql`insert into neutral_place (school_id, name, address) values (${schoolId}, 'Buurthuis De Meeuw', 'Meeuwenlaan 1') returning id`
	);
	const family = async (
		visitor: string | null,
		children: [string, string, string, string | null, boolean?][],
		guardians: [string, string | null][]
	) => {
		const id = await one(
			sql`insert into family (school_id, street, visiting_staff_id) values (${schoolId}, 'Straat 1', ${visitor}) returning id`
		);
		for (const [number, first, last, groupId, isNew] of children) {
			const [infix, surname] = last.startsWith('de ') ? ['de', last.slice(3)] : ['', last];
			await db.execute(sql`insert into pupil (school_id, family_id, group_id, pupil_number, first_name, infix, last_name, birth_date, is_new)
				values (${schoolId}, ${id}, ${groupId}, ${number}, ${first}, ${infix}, ${surname}, ${`20${number.slice(-2)}-05-01`}, ${isNew ?? false})`);
		}
		for (const [name, email] of guardians)
			await db.execute(
				sql`insert into guardian (family_id, name, email) values (${id}, ${name}, ${email})`
			);
		return id;
	};
	const slot = (staffId: string, startsAt: string, second: string | null = null) =>
		one(sql`insert into slot (school_id, round_id, staff_id, second_staff_id, starts_at, ends_at)
			values (${schoolId}, ${roundId}, ${staffId}, ${second}, ${startsAt}::timestamptz, ${startsAt}::timestamptz + interval '45 minutes') returning id`);
	const answer = (
		familyId: string,
		status: 'booked' | 'declined' | 'cancelled',
		fields: {
			slotId?: string;
			location?: string;
			placeId?: string;
			interpreter?: string;
			reason?: string;
		} = {}
	) =>
		db.execute(sql`insert into booking (school_id, round_id, family_id, slot_id, status, location, neutral_place_id, interpreter_language, not_home_reason)
			values (${schoolId}, ${roundId}, ${familyId}, ${fields.slotId ?? null}, ${status}, ${fields.location ?? null}, ${fields.placeId ?? null}, ${fields.interpreter ?? null}, ${fields.reason ?? null})`);

	const vries = await family(
		jeroen,
		[
			['P-1019', 'Daan', 'de Vries', g3b],
			['P-1021', 'Noor', 'de Vries', g1a]
		],
		[
			['Peter de Vries', 'peter@devries.example'],
			['Sanne de Vries', null]
		]
	);
	const ozdemir = await family(
		jeroen,
		[['P-2018', 'Elif', 'Özdemir', g3b]],
		[['Ayşe Özdemir', 'ayse@posta.example']]
	);
	const garcia = await family(
		fatma,
		[['P-3020', 'Lucía', 'García', g1a]],
		[['José García', 'jose@correo.example']]
	);
	const kowalska = await family(
		fatma,
		[['P-4020', 'Zofia', 'Kowalska', g1a]],
		[['Anna Kowalska', 'anna@poczta.example']]
	);
	const smith = await family(jeroen, [['P-5018', 'Tom', 'Smith', g3b]], [['Mary Smith', null]]);
	const osei = await family(null, [['P-6016', 'Kwame', 'Osei', g7a, true]], []);
	const jansen = await family(
		jeroen,
		[['P-7015', 'Milan', 'Jansen', g7a]],
		[['Kees Jansen', null]]
	);

	await answer(vries, 'booked', {
		slotId: await slot(jeroen, '2026-10-19T13:30:00Z'),
		location: 'home',
		interpreter: 'tr'
	});
	await answer(ozdemir, 'booked', {
		slotId: await slot(jeroen, '2026-10-27T14:30:00Z'),
		location: 'school',
		reason: 'no_space'
	});
	await answer(garcia, 'booked', {
		slotId: await slot(fatma, '2026-10-21T15:30:00Z', lisa),
		location: 'neutral',
		placeId
	});
	await answer(kowalska, 'declined', { reason: 'privacy' });
	await answer(smith, 'cancelled');

	const otherSchool = await one(
		sql`insert into school (name) values ('De Regenboog') returning id`
	);
	const otherGroup = await one(
		sql`insert into school_group (school_id, name, year) values (${otherSchool}, '1A', 1) returning id`
	);
	const otherRound =
		await one(sql`insert into visit_round (school_id, name, starts_on, ends_on, booking_opens_at, booking_closes_at)
		values (${otherSchool}, 'Najaar', '2026-10-19', '2026-11-06', '2026-10-01T08:00:00Z', '2026-11-05T16:00:00Z') returning id`);
	await db.execute(
		sql`insert into visit_round_group (round_id, group_id) values (${otherRound}, ${otherGroup})`
	);
	const otherFamily = await one(
		sql`insert into family (school_id, street) values (${otherSchool}, 'Elders 1') returning id`
	);
	await db.execute(sql`insert into pupil (school_id, family_id, group_id, pupil_number, first_name, infix, last_name)
		values (${otherSchool}, ${otherFamily}, ${otherGroup}, 'P-1019', 'Bram', 'de', 'Vries')`);

	const viewer = (id: string, role: 'admin' | 'teacher'): Staff => ({
		id,
		schoolId,
		role,
		title: role === 'admin' ? 'office' : 'teacher',
		timeZone: TZ
	});
	return {
		schoolId,
		roundId,
		oldRoundId,
		groups: { g1a, g3b, g7a, otherGroup },
		otherRound,
		otherFamily,
		staff: { office, jeroen, fatma, lisa, idle },
		as: {
			office: viewer(office, 'admin'),
			jeroen: viewer(jeroen, 'teacher'),
			lisa: viewer(lisa, 'teacher'),
			idle: viewer(idle, 'teacher')
		},
		families: { vries, ozdemir, garcia, kowalska, smith, osei, jansen }
	};
}

describe.each(databaseKinds)('the families table on %s', (kind) => {
	let t: TestDatabase;
	let s: Awaited<ReturnType<typeof smallSchool>>;
	let names: Map<string, string>;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	beforeEach(async () => {
		await emptyDatabase(t.db);
		s = await smallSchool(t.db);
		names = new Map(Object.entries(s.families).map(([name, id]) => [id, name]));
	});
	afterAll(() => t?.dispose());

	const open = (who: Staff, query = '') =>
		familiesTablePage(t.db, who, readTableParams(new URLSearchParams(query)), TODAY);
	/** The families of a page by name, in the page's order. */
	const listed = async (who: Staff, query = '') =>
		(await open(who, query))!.table.rows.map((r) => names.get(r.familyId) ?? r.familyId);

	it("lists the running round's families for the office, with what the office needs per row", async () => {
		const page = (await open(s.as.office))!;
		expect(page.round).toEqual({ id: s.roundId, name: 'Najaar 2026' });
		// Sorted by the eldest child's surname, accents folded: Osei < Özdemir < Smith.
		expect(page.table.rows.map((r) => names.get(r.familyId))).toEqual([
			'garcia',
			'kowalska',
			'osei',
			'ozdemir',
			'smith',
			'vries'
		]);
		expect(page.table.total).toBe(6);
		const vries = page.table.rows.find((r) => r.familyId === s.families.vries)!;
		expect(vries).toMatchObject({
			children: [
				{ name: 'Daan de Vries', group: '3B' },
				{ name: 'Noor de Vries', group: '1A' }
			],
			guardians: ['Peter de Vries', 'Sanne de Vries'],
			visitor: 'Jeroen Bos',
			status: 'home',
			interpreterLanguage: 'tr',
			notHomeReason: null
		});
		expect(vries.startsAt?.toISOString()).toBe('2026-10-19T13:30:00.000Z');
		const garcia = page.table.rows.find((r) => r.familyId === s.families.garcia)!;
		expect(garcia).toMatchObject({
			status: 'neutral',
			placeName: 'Buurthuis De Meeuw',
			secondStaff: 'Lisa Mulder'
		});
		expect(page.table.rows.find((r) => r.familyId === s.families.smith)!.status).toBe(
			'not_answered'
		);
		expect(page.table.rows.find((r) => r.familyId === s.families.osei)!.visitor).toBeNull();
		// The filters offer the round's groups and only staff who visit (not Ivo, not the office).
		expect(page.groups.map((g) => g.name)).toEqual(['1A', '3B', '7A']);
		expect(page.visitors.map((v) => v.name)).toEqual(['Fatma Demir', 'Jeroen Bos', 'Lisa Mulder']);
		expect(page.rounds.map((r) => r.name)).toEqual(['Najaar 2026', 'Voorjaar 2026']);
	});

	it('counts every status and filters by each', async () => {
		const { table } = (await open(s.as.office))!;
		expect(table.counts).toEqual({
			all: 6,
			not_answered: 2,
			booked: 3,
			home: 1,
			school: 1,
			neutral: 1,
			rather_not_home: 3,
			declined: 1,
			interpreter: 1,
			this_week: 2
		});
		const expected: Record<(typeof tableStatuses)[number], string[]> = {
			not_answered: ['osei', 'smith'],
			// Visits read in time order.
			booked: ['vries', 'garcia', 'ozdemir'],
			home: ['vries'],
			school: ['ozdemir'],
			neutral: ['garcia'],
			// As the home page counts it: elsewhere than at home, or no meeting, reason or not.
			rather_not_home: ['garcia', 'kowalska', 'ozdemir'],
			declined: ['kowalska'],
			interpreter: ['vries'],
			this_week: ['vries', 'garcia']
		};
		for (const status of tableStatuses) {
			const page = (await open(s.as.office, `status=${status}`))!;
			expect(
				page.table.rows.map((r) => names.get(r.familyId)),
				status
			).toEqual(expected[status]);
			expect(page.table.total, status).toBe(expected[status].length);
			expect(page.params.status).toBe(status);
		}
		// "This week" is the school's week: on the next Monday the 27 October visit is this week's.
		const nextWeek = await familiesTablePage(
			t.db,
			s.as.office,
			readTableParams(new URLSearchParams('status=this_week')),
			'2026-10-26'
		);
		expect(nextWeek!.table.rows.map((r) => names.get(r.familyId))).toEqual(['ozdemir']);
	});

	it('finds families by child or parent name, pupil number or e-mail, ignoring case and accents', async () => {
		const cases: [string, string[]][] = [
			['ozdemir', ['ozdemir']],
			['ÖZDEMİR', ['ozdemir']],
			['ayse', ['ozdemir']],
			['GARCIA', ['garcia']],
			['lucía', ['garcia']],
			['jose', ['garcia']],
			['noor vries', ['vries']],
			['vries noor', ['vries']],
			['noor smith', []],
			['Sanne', ['vries']],
			['P-40', ['kowalska']],
			['p-1019', ['vries']],
			['peter@devries.example', ['vries']],
			['POCZTA.example', ['kowalska']],
			['kwame', ['osei']],
			// Not in the round, and another school's pupil: never found.
			['milan', []],
			['bram', []],
			// LIKE's wildcards are letters like any other.
			['%', []],
			['_', []],
			["' or 1=1 --", []]
		];
		for (const [q, found] of cases)
			expect(await listed(s.as.office, `q=${encodeURIComponent(q)}`), q).toEqual(found);
		// Search and filters together, and the counts follow the search.
		const page = (await open(s.as.office, 'q=de&status=home'))!;
		expect(page.table.rows.map((r) => names.get(r.familyId))).toEqual(['vries']);
		// "de" is in de Vries and in Özdemir: two families, one of them at home.
		expect(page.table.counts).toMatchObject({ all: 2, home: 1, school: 1, not_answered: 0 });
	});

	it('filters by group and by visitor, and drops ids that are not the school’s', async () => {
		expect(await listed(s.as.office, `group=${s.groups.g1a}`)).toEqual([
			'garcia',
			'kowalska',
			'vries'
		]);
		// 7A is not in the round: only its new pupil's family is.
		expect(await listed(s.as.office, `group=${s.groups.g7a}`)).toEqual(['osei']);
		expect(await listed(s.as.office, `visitor=${s.staff.fatma}`)).toEqual(['garcia', 'kowalska']);
		// Going along counts as visiting: Lisa goes to the García family.
		expect(await listed(s.as.office, `visitor=${s.staff.lisa}`)).toEqual(['garcia']);
		expect(await listed(s.as.office, `visitor=${s.staff.jeroen}&group=${s.groups.g3b}`)).toEqual([
			'ozdemir',
			'smith',
			'vries'
		]);
		// Another school's group, an unknown visitor, another school's round: the default list.
		for (const query of [
			`group=${s.groups.otherGroup}`,
			'visitor=00000000-0000-4000-8000-000000000000',
			`round=${s.otherRound}`
		]) {
			const page = (await open(s.as.office, query))!;
			expect(page.table.rows.map((r) => r.familyId)).not.toContain(s.otherFamily);
			expect(page.table.total, query).toBe(6);
			expect(page.params).toMatchObject({ groupId: null, visitorId: null, roundId: null });
			expect(page.round.id).toBe(s.roundId);
		}
	});

	it('shows a teacher only the families they visit or go along to, whatever the link asks', async () => {
		expect(await listed(s.as.jeroen)).toEqual(['ozdemir', 'smith', 'vries']);
		expect(await listed(s.as.jeroen, `visitor=${s.staff.fatma}`)).toEqual([
			'ozdemir',
			'smith',
			'vries'
		]);
		const jeroen = (await open(s.as.jeroen, `visitor=${s.staff.fatma}`))!;
		expect(jeroen.visitors).toEqual([]);
		expect(jeroen.params.visitorId).toBeNull();
		expect(jeroen.table.counts.all).toBe(3);
		expect(await listed(s.as.jeroen, 'q=garcia')).toEqual([]);
		expect(await listed(s.as.jeroen, `group=${s.groups.g1a}`)).toEqual(['vries']);
		expect(await listed(s.as.lisa)).toEqual(['garcia']);
		expect(await listed(s.as.idle)).toEqual([]);
		// Another school's staff member with this school's ids sees their own (empty) school.
		const stranger: Staff = {
			...s.as.office,
			schoolId: (await otherSchoolOf(t.db, s.otherRound))!
		};
		const theirs = (await open(stranger, `round=${s.roundId}&group=${s.groups.g1a}`))!;
		expect(theirs.round.id).toBe(s.otherRound);
		expect(theirs.table.rows.map((r) => r.familyId)).toEqual([s.otherFamily]);
	});

	it('sorts by every column, both ways, and keeps families without a value last', async () => {
		const cases: [string, string[]][] = [
			['sort=family&dir=desc', ['vries', 'smith', 'ozdemir', 'osei', 'kowalska', 'garcia']],
			['sort=group', ['garcia', 'kowalska', 'ozdemir', 'smith', 'vries', 'osei']],
			['sort=group&dir=desc', ['osei', 'ozdemir', 'smith', 'vries', 'garcia', 'kowalska']],
			['sort=visitor', ['garcia', 'kowalska', 'ozdemir', 'smith', 'vries', 'osei']],
			['sort=-visitor', ['ozdemir', 'smith', 'vries', 'garcia', 'kowalska', 'osei']],
			['sort=status', ['osei', 'smith', 'vries', 'ozdemir', 'garcia', 'kowalska']],
			['sort=status&dir=desc', ['kowalska', 'garcia', 'ozdemir', 'vries', 'osei', 'smith']],
			['sort=time', ['vries', 'garcia', 'ozdemir', 'kowalska', 'osei', 'smith']],
			['sort=time&dir=desc', ['ozdemir', 'garcia', 'vries', 'kowalska', 'osei', 'smith']],
			// Unknown values fall back: the default order.
			['sort=phone&dir=sideways', ['garcia', 'kowalska', 'osei', 'ozdemir', 'smith', 'vries']]
		];
		for (const [query, order] of cases)
			expect(await listed(s.as.office, query), query).toEqual(order);
	});

	it('opens an older round when asked, and a page past the end shows the last page', async () => {
		const old = (await open(s.as.office, `round=${s.oldRoundId}`))!;
		expect(old.round.name).toBe('Voorjaar 2026');
		expect(old.params.roundId).toBe(s.oldRoundId);
		// Voorjaar had group 7A: Jansen and Osei, neither answered in that round.
		expect(old.table.rows.map((r) => names.get(r.familyId))).toEqual(['jansen', 'osei']);
		expect(old.table.counts.not_answered).toBe(2);
		const past = (await open(s.as.office, 'page=7'))!;
		expect(past.table.page).toBe(1);
		expect(past.params.page).toBe(1);
		expect(past.table.rows).toHaveLength(6);
		for (const query of ['page=0', 'page=-3', 'page=abc', 'page=99999999999'])
			expect((await open(s.as.office, query))!.table.rows, query).toHaveLength(6);
	});

	it('says so when the school has no round', async () => {
		const { id } = rowsOf<{ id: string }>(
			await t.db.execute(sql`insert into school (name) values ('Nieuw') returning id`)
		)[0]!;
		expect(await open({ ...s.as.office, schoolId: id })).toBeNull();
	});
});

async function otherSchoolOf(db: Database, roundId: string) {
	return rowsOf<{ school_id: string }>(
		await db.execute(sql`select school_id from visit_round where id = ${roundId}`)
	)[0]?.school_id;
}

describe.each(databaseKinds)('a thousand families on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('counts every status right and pages through all of them, each once', async () => {
		const big = await seedManyFamilies(t.db, { families: 1000, teachers: 20 });
		const office: Staff = {
			id: big.officeId,
			schoolId: big.schoolId,
			role: 'admin',
			title: 'office',
			timeZone: TZ
		};
		const answers = Array.from({ length: 1000 }, (_, i) => answerOf(i + 1));
		const count = (test: (a: ReturnType<typeof answerOf>) => boolean) =>
			answers.filter(test).length;
		const open = (query: string, who: Staff = office) =>
			familiesTablePage(t.db, who, readTableParams(new URLSearchParams(query)), TODAY);

		const first = (await open(''))!;
		expect(first.table.counts).toEqual({
			all: 1000,
			not_answered: count((a) => a.status === 'not_answered'),
			booked: count((a) => ['home', 'school', 'neutral'].includes(a.status)),
			home: count((a) => a.status === 'home'),
			school: count((a) => a.status === 'school'),
			neutral: count((a) => a.status === 'neutral'),
			rather_not_home: count((a) => ['school', 'neutral', 'declined'].includes(a.status)),
			declined: count((a) => a.status === 'declined'),
			interpreter: count((a) => a.interpreter),
			this_week: count((a) => a.firstWeek)
		});
		expect(first.table.counts.not_answered).toBe(300);

		// Sorted by family (Fam00001 … Fam01000): page p holds families 50(p-1)+1 … 50p.
		const seen: string[] = [];
		for (let page = 1; page <= 1000 / PAGE_SIZE; page++) {
			const { table } = (await open(`page=${page}`))!;
			expect(table.page).toBe(page);
			expect(table.rows.map((r) => r.familyId)).toEqual(
				big.familyIds.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
			);
			seen.push(...table.rows.map((r) => r.familyId));
		}
		expect(new Set(seen).size).toBe(1000);
		const beyond = (await open('page=21'))!;
		expect(beyond.table.page).toBe(20);
		expect(beyond.table.rows.map((r) => r.familyId)).toEqual(big.familyIds.slice(950));

		// The 400 home visits, by time, descending, over 8 pages: every one once, times never rising.
		const times: number[] = [];
		for (let page = 1; page <= 8; page++) {
			const { table } = (await open(`status=home&sort=time&dir=desc&page=${page}`))!;
			expect(table.total).toBe(400);
			expect(table.rows).toHaveLength(50);
			expect(table.rows.every((r) => r.status === 'home')).toBe(true);
			times.push(...table.rows.map((r) => r.startsAt!.getTime()));
		}
		expect(new Set(times).size).toBe(400);
		expect(times).toEqual([...times].sort((a, b) => b - a));

		// A teacher: their 50 families, one page.
		const teacher: Staff = { ...office, id: big.teacherIds[2]!, role: 'teacher', title: 'teacher' };
		const theirs = (await open('', teacher))!;
		expect(theirs.table.total).toBe(50);
		expect(theirs.table.rows.map((r) => r.familyId)).toEqual(
			big.familyIds.filter((_, i) => (i + 1) % 20 === 2)
		);
		// A search for a pupil number finds its one family.
		const found = (await open('q=100777'))!;
		expect(found.table.rows.map((r) => r.familyId)).toEqual([big.familyIds[776]]);
	}, 120_000);
});
