import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../src/lib/server/db';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { makeSchool } from '../support/fixtures';
import { loadDemo, type DemoCredentials } from '../../src/lib/server/demo/load';
import { startDemo } from '../../src/lib/server/demo/start';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { resolveFamilyLink } from '../../src/lib/server/families/links';
import { familyPage } from '../../src/lib/server/families/page';
import { liveFigures } from '../../src/lib/server/evaluation/figures';
import { weekOfPerson } from '../../src/lib/server/slots/week';
import {
	family,
	familyLink,
	guardian,
	interpreter,
	interpreterRequest,
	outbox,
	pupil,
	school,
	staff,
	visitReport,
	visitRound
} from '../../src/lib/server/db/schema';

const origin = new URL('http://localhost:3000');
const tokenOf = (url: string) => url.split('/f/')[1]!;

describe.each(databaseKinds)('the demo school on %s', (kind) => {
	let t: TestDatabase;
	let first: { created: boolean; credentials: DemoCredentials };

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	// A second load renews the passwords and links of the first: each test loads its own demo.
	beforeEach(async () => {
		await emptyDatabase(t.db);
		first = await loadDemo(t.db, { origin });
	});
	afterAll(() => t?.dispose());

	it('loads groups, staff, ~20 families in several languages with siblings joined, the round to book and a finished one with reports', async () => {
		expect(first.created).toBe(true);
		const [[families], [pupils], [rounds]] = await Promise.all([
			t.db.select({ n: count() }).from(family),
			t.db.select({ n: count() }).from(pupil),
			t.db.select({ n: count() }).from(visitRound)
		]);
		expect(families!.n).toBeGreaterThanOrEqual(18);
		expect(pupils!.n).toBeGreaterThan(families!.n);
		expect(rounds!.n).toBe(2);
		// The finished round has answers of every kind and reports, some still to write.
		const past = rowsOf<{ status: string; n: number | string }>(
			await t.db.execute(
				sql`select status, count(*) as n from booking group by status order by status`
			)
		);
		expect(past.map((r) => [r.status, Number(r.n)])).toEqual([
			['booked', 14],
			['declined', 2]
		]);
		const [reports] = await t.db.select({ n: count() }).from(visitReport);
		expect(reports!.n).toBe(10);
		const languages = new Set(
			(await t.db.select({ language: family.language }).from(family)).map((r) => r.language)
		);
		expect(languages.size).toBeGreaterThanOrEqual(8);
		expect(languages).toContain('ar');
		const noEmail = await t.db
			.select({ id: guardian.id })
			.from(guardian)
			.where(isNull(guardian.email));
		expect(noEmail.length).toBeGreaterThan(0);
	});

	it('has interpreters: a colleague for Turkish, a volunteer for Arabic, a service; the finished round shows requests arranged and not', async () => {
		const listed = await t.db
			.select({
				name: interpreter.name,
				kind: interpreter.kind,
				languages: interpreter.languages,
				staff: staff.name
			})
			.from(interpreter)
			.leftJoin(staff, eq(staff.id, interpreter.staffId))
			.orderBy(interpreter.kind);
		expect(listed.map((i) => [i.kind, i.name, i.staff])).toEqual([
			['staff', 'Fatma Demir', 'Fatma Demir'],
			['volunteer', 'Nadia Bennani', null],
			['service', 'Tolkcentrum Nederland', null]
		]);
		expect(listed[0]!.languages).toEqual(['tr']);
		expect(listed[2]!.languages).toEqual(expect.arrayContaining(['ar', 'tr', 'pl', 'uk', 'ti']));

		// Every booked visit with an interpreter asked for has its request; three were arranged.
		const requests = await t.db
			.select({
				language: interpreterRequest.language,
				status: interpreterRequest.status,
				mode: interpreterRequest.mode,
				kind: interpreter.kind
			})
			.from(interpreterRequest)
			.leftJoin(interpreter, eq(interpreter.id, interpreterRequest.interpreterId))
			.orderBy(interpreterRequest.language);
		expect(requests.map((r) => [r.language, r.status, r.kind, r.mode])).toEqual([
			['ar', expect.any(String), expect.anything(), expect.anything()],
			['ar', expect.any(String), expect.anything(), expect.anything()],
			['pl', 'requested', null, null],
			['so', 'requested', null, null],
			['uk', 'arranged', 'service', 'phone']
		]);
		expect(
			requests
				.filter((r) => r.language === 'ar')
				.map((r) => [r.status, r.kind, r.mode])
				.sort()
		).toEqual([
			['arranged', 'service', 'phone'],
			['arranged', 'volunteer', 'in_person']
		]);
		// The office heard of each request once; each arranged interpreter got an invite, and each
		// of those three families (all with an address) heard once that an interpreter would come.
		const mails = rowsOf<{ kind: string; n: number | string }>(
			await t.db.execute(
				sql`select kind, count(*) as n from ${outbox} where kind like 'interpreter%' group by kind order by kind`
			)
		);
		expect(mails.map((m) => [m.kind, Number(m.n)])).toEqual([
			['interpreter_arranged', 3],
			['interpreter_request', 5],
			['interpreter_visit', 3]
		]);

		const [past] = await t.db
			.select({ id: visitRound.id, schoolId: visitRound.schoolId, startsOn: visitRound.startsOn })
			.from(visitRound)
			.orderBy(visitRound.startsOn)
			.limit(1);
		const figures = await liveFigures(t.db, past!.schoolId, past!.id, new Date());
		expect(figures!.interpreting).toEqual({
			staff: 0,
			volunteer: 1,
			service: 2,
			notArranged: 2,
			own: 2
		});
		// Tries to reach families: Warsame after one, Bakker after two, Petrova after three; Hassan never.
		expect(figures!.outreach).toMatchObject({
			tried: 4,
			answeredAfter: { one: 1, two: 1, more: 1 }
		});
		// Jeroen's first visiting day of that round: the service and the person it sent.
		const [jeroen] = await t.db
			.select({ id: staff.id })
			.from(staff)
			.where(eq(staff.email, 'jeroen.bos@spitsbergen.example'));
		const me = {
			id: jeroen!.id,
			schoolId: past!.schoolId,
			role: 'teacher' as const,
			title: 'teacher'
		};
		const from = new Date(`${past!.startsOn}T00:00:00Z`);
		const week = await weekOfPerson(t.db, me, me.id, from, new Date(from.getTime() + 86_400_000));
		expect(week.map((w) => w.visit?.interpreter?.contactName ?? null)).toContain('يوسف المنصوري');
	});

	it('prints staff credentials that work and a link for every family in the round', async () => {
		const admin = first.credentials.staff.find((s) => s.role === 'admin')!;
		const teacher = first.credentials.staff.find((s) => s.role === 'teacher')!;
		for (const person of [admin, teacher]) {
			const result = await signIn(t.db, {
				email: person.email,
				password: person.password,
				clientAddress: '127.0.0.1'
			});
			expect(result.ok, person.email).toBe(true);
		}
		// Group 7 is not in the round: its only-child family gets no link.
		expect(first.credentials.families.length).toBeLessThan(
			(await t.db.select({ id: family.id }).from(family)).length
		);
		const link = await resolveFamilyLink(t.db, tokenOf(first.credentials.families[0]!.url));
		expect(link).not.toBeNull();
		const page = await familyPage(t.db, link!.familyId, link!.roundId);
		expect(page!.children.length).toBeGreaterThanOrEqual(1);
		expect(page!.talkingPoints.length).toBeGreaterThan(0);
	});

	it('is idempotent: a second run adds nothing and renews the credentials', async () => {
		const before = await t.db.select({ n: count() }).from(pupil);
		const again = await loadDemo(t.db, { origin });
		expect(again.created).toBe(false);
		expect(await t.db.select({ n: count() }).from(pupil)).toEqual(before);
		expect(await t.db.select({ n: count() }).from(school)).toEqual([{ n: 1 }]);

		const oldTeacher = first.credentials.staff.find((s) => s.role === 'teacher')!;
		const newTeacher = again.credentials.staff.find((s) => s.email === oldTeacher.email)!;
		expect(newTeacher.password).not.toBe(oldTeacher.password);
		expect(
			(
				await signIn(t.db, {
					email: oldTeacher.email,
					password: oldTeacher.password,
					clientAddress: '127.0.0.2'
				})
			).ok
		).toBe(false);
		expect(
			(
				await signIn(t.db, {
					email: newTeacher.email,
					password: newTeacher.password,
					clientAddress: '127.0.0.2'
				})
			).ok
		).toBe(true);

		expect(await resolveFamilyLink(t.db, tokenOf(first.credentials.families[0]!.url))).toBeNull();
		expect(
			await resolveFamilyLink(t.db, tokenOf(again.credentials.families[0]!.url))
		).not.toBeNull();
		const active = await t.db
			.select({ n: count() })
			.from(familyLink)
			.where(isNull(familyLink.revokedAt));
		expect(active[0]!.n).toBe(again.credentials.families.length);
	});

	it('never touches a database that holds a real school', async () => {
		const other = await freshDatabase(kind);
		try {
			await makeSchool(other.db, 'Basisschool De Regenboog');
			await startDemo(other.db, { origin });
			expect(
				await other.db.select({ n: count() }).from(school).where(eq(school.isDemo, true))
			).toEqual([{ n: 0 }]);
			expect(await other.db.select({ n: count() }).from(staff)).toEqual([{ n: 0 }]);
		} finally {
			await other.dispose();
		}
	});
});
