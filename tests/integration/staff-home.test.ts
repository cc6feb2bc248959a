import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
	databaseKinds,
	emptyDatabase,
	freshDatabase,
	type TestDatabase
} from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { expectedFigures, expectedToCall, phoneOf, seedBusyRound } from '../support/busy-round';
import {
	familiesToCall,
	interpretersToArrange,
	roundProgress,
	runningRounds,
	schoolAndOwnProgress
} from '../../src/lib/server/visit-rounds/progress';
import { staffHome } from '../../src/lib/server/visit-rounds/home';
import { staffMenu } from '../../src/lib/server/staff/menu';
import { familiesTablePage } from '../../src/lib/server/families/table-page';
import { readTableParams } from '../../src/lib/families-table';
import { mondayOf, weekBounds } from '../../src/lib/server/slots/calendar';
import {
	auditEvent,
	booking,
	group,
	groupTeacher,
	interpreterRequest,
	slot,
	visitRound
} from '../../src/lib/server/db/schema';
import { rowsOf } from '../../src/lib/server/db';

const TZ = 'Europe/Amsterdam';
/** Wednesday 4 November 2026: visits this week run from Monday 2 November, 00:00 in Amsterdam. */
const NOW = new Date('2026-11-04T12:00:00Z');
const WEEK = weekBounds(mondayOf('2026-11-04'), TZ);

const viewer = (id: string, schoolId: string, role: 'admin' | 'teacher' = 'teacher') => ({
	id,
	schoolId,
	role,
	title: role === 'admin' ? 'office' : 'teacher',
	timeZone: TZ
});
/** Family number k from the child's name "Kind<k> Achternaam<k>". */
const familyNumber = (f: { children: { name: string }[] }) =>
	Number(/^Kind(\d+) /.exec(f.children[0]!.name)![1]);

describe.each(databaseKinds)('the staff home page on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	beforeEach(() => emptyDatabase(t.db));
	afterAll(() => t?.dispose());

	it('counts a round of 1,000 families right, for the office and for each teacher, and the figures add up', async () => {
		const busy = await seedBusyRound(t.db, { tag: 'busy', families: 1000, now: NOW });
		// Another school's round alongside: none of it may count.
		const other = await seedBusyRound(t.db, { tag: 'other', families: 50, teachers: 3, now: NOW });
		expect(WEEK.from.toISOString()).toBe('2026-11-01T23:00:00.000Z');

		const [office] = await roundProgress(t.db, busy.schoolId, [busy.roundId], {
			now: NOW,
			week: WEEK,
			staffId: null
		});
		const expected = expectedFigures(busy.options, WEEK);
		expect(office).toEqual({ roundId: busy.roundId, ...expected });
		// The rules give a round where every figure is something, so a figure stuck at 0 shows.
		expect(Object.values(expected).every((n) => n > 0)).toBe(true);
		expect(expected.invited).toBe(1005);
		expect(office!.booked).toBe(office!.home + office!.school + office!.neutral);
		expect(office!.invited).toBe(office!.booked + office!.declined + office!.notAnswered);
		expect(office!.ratherNotHome).toBe(office!.school + office!.neutral + office!.declined);

		// Each figure links to the families table filtered to it, which must list as many.
		const tableCounts = async (who: ReturnType<typeof viewer>) =>
			(await familiesTablePage(
				t.db,
				who,
				readTableParams(new URLSearchParams(`round=${busy.roundId}`)),
				'2026-11-04'
			))!.table.counts;
		const asTable = (p: typeof office) => ({
			all: p!.invited,
			not_answered: p!.notAnswered,
			booked: p!.booked,
			home: p!.home,
			school: p!.school,
			neutral: p!.neutral,
			rather_not_home: p!.ratherNotHome,
			declined: p!.declined,
			interpreter: p!.interpreter,
			this_week: p!.thisWeek
		});
		expect(await tableCounts(viewer(busy.officeId, busy.schoolId, 'admin'))).toEqual(
			asTable(office)
		);

		for (const teacher of [0, 1, 2, 11]) {
			const [mine] = await roundProgress(t.db, busy.schoolId, [busy.roundId], {
				now: NOW,
				week: WEEK,
				staffId: busy.teachers[teacher]!
			});
			expect(mine, `teacher ${teacher}`).toEqual({
				roundId: busy.roundId,
				...expectedFigures(busy.options, WEEK, teacher)
			});
			expect(await tableCounts(viewer(busy.teachers[teacher]!, busy.schoolId))).toEqual(
				asTable(mine)
			);
		}

		// An admin who also visits families (a head teacher with a class): the school's figures and
		// their own come from one query, and each must equal what its own query counts.
		for (const teacher of [2, 11]) {
			const both = await schoolAndOwnProgress(
				t.db,
				busy.schoolId,
				[busy.roundId],
				{ now: NOW, week: WEEK },
				busy.teachers[teacher]!
			);
			expect(both, `teacher ${teacher}`).toEqual({
				school: [office],
				own: [{ roundId: busy.roundId, ...expectedFigures(busy.options, WEEK, teacher) }]
			});
		}
		const headTeacher = await staffHome(
			t.db,
			viewer(busy.teachers[11]!, busy.schoolId, 'admin'),
			NOW
		);
		expect(headTeacher.school).toEqual([office]);
		expect(headTeacher.mine.map((m) => m.progress)).toEqual([
			{ roundId: busy.roundId, ...expectedFigures(busy.options, WEEK, 11) }
		]);
		expect(headTeacher.mine[0]!.toCall.total).toBe(headTeacher.mine[0]!.progress.notAnswered);

		// A round id of another school counts nothing, asked from either side.
		expect(
			await roundProgress(t.db, busy.schoolId, [other.roundId], {
				now: NOW,
				week: WEEK,
				staffId: null
			})
		).toEqual([]);
		const [theirs] = await roundProgress(t.db, other.schoolId, [other.roundId, busy.roundId], {
			now: NOW,
			week: WEEK,
			staffId: null
		});
		expect(theirs).toEqual({ roundId: other.roundId, ...expectedFigures(other.options, WEEK) });
	});

	it("lists a teacher's families without an answer with their phone numbers, and another teacher's never", async () => {
		const busy = await seedBusyRound(t.db, {
			tag: 'calls',
			families: 80,
			teachers: 4,
			groups: 8,
			now: NOW
		});
		for (let i = 0; i < 4; i++) {
			const me = viewer(busy.teachers[i]!, busy.schoolId);
			const list = await familiesToCall(t.db, me, busy.roundId, me.id, 100);
			const expected = expectedToCall(busy.options, i);
			expect(list.families.map(familyNumber).sort((a, b) => a - b)).toEqual(expected);
			expect(list.total).toBe(expected.length);
			for (const family of list.families) {
				const k = familyNumber(family);
				expect(family.guardians.find((g) => g.name === `Ouder ${k}`)!.phone).toBe(phoneOf(k));
			}
			// Asking for a colleague's families gives nothing; so does another school's teacher.
			const colleague = busy.teachers[(i + 1) % 4]!;
			expect(await familiesToCall(t.db, me, busy.roundId, colleague, 100)).toEqual({
				total: 0,
				families: []
			});
		}
		const office = viewer(busy.officeId, busy.schoolId, 'admin');
		const forTeacher1 = await familiesToCall(t.db, office, busy.roundId, busy.teachers[1]!, 3);
		expect(forTeacher1.families).toHaveLength(3);
		expect(forTeacher1.total).toBe(expectedToCall(busy.options, 1).length);
		const stranger = await makeStaff(t.db, (await makeSchool(t.db)).id);
		expect(
			await familiesToCall(
				t.db,
				viewer(stranger.id, stranger.schoolId),
				busy.roundId,
				busy.teachers[0]!,
				100
			)
		).toEqual({ total: 0, families: [] });
	});

	it("puts a teacher's own progress on the home page, and logs each family whose phone number it shows", async () => {
		const busy = await seedBusyRound(t.db, {
			tag: 'home',
			families: 60,
			teachers: 3,
			groups: 6,
			now: NOW
		});
		// Teacher 1 has families 7, 28 and 49 to call, whose guardians gave no phone number.
		const teacher = viewer(busy.teachers[1]!, busy.schoolId);
		const home = await staffHome(t.db, teacher, NOW);
		expect(home.rounds.map((r) => r.id)).toEqual([busy.roundId]);
		expect(home.school).toEqual([]);
		expect(home.mine).toHaveLength(1);
		expect(home.mine[0]!.progress).toEqual({
			roundId: busy.roundId,
			...expectedFigures(busy.options, WEEK, 1)
		});
		const shown = home.mine[0]!.toCall.families;
		expect(shown.map(familyNumber).sort((a, b) => a - b)).toEqual(expectedToCall(busy.options, 1));

		const logged = await t.db
			.select({ subjectId: auditEvent.subjectId, detail: auditEvent.detail })
			.from(auditEvent)
			.where(
				and(eq(auditEvent.actorId, teacher.id), eq(auditEvent.action, 'family.contact_viewed'))
			);
		const withPhone = shown.filter((f) => f.guardians.some((g) => g.phone));
		expect(withPhone.length).toBeLessThan(shown.length);
		expect(logged.map((e) => e.subjectId).sort()).toEqual(withPhone.map((f) => f.familyId).sort());
		expect(logged.every((e) => e.detail?.page === 'home')).toBe(true);

		// The office sees the school's figures and, visiting nobody, no list of its own.
		const office = await staffHome(t.db, viewer(busy.officeId, busy.schoolId, 'admin'), NOW);
		expect(office.school).toEqual([
			{ roundId: busy.roundId, ...expectedFigures(busy.options, WEEK) }
		]);
		expect(office.mine).toEqual([]);
		const officeLogged = rowsOf<{ n: number }>(
			await t.db.execute(
				sql`select count(*)::int as n from audit_event where actor_id = ${busy.officeId}`
			)
		)[0]!.n;
		expect(officeLogged).toBe(0);
		// No family asked for an interpreter to be arranged; a teacher gets no such figure.
		expect(office.interpretersToArrange).toBe(0);
		expect(home.interpretersToArrange).toBeNull();
	});

	it("counts the office's interpreter requests still to arrange: open ones, for visits from now on, of its own school", async () => {
		const busy = await seedBusyRound(t.db, {
			tag: 'interp',
			families: 60,
			teachers: 3,
			groups: 6,
			now: NOW
		});
		const other = await seedBusyRound(t.db, { tag: 'other', families: 50, teachers: 3, now: NOW });
		const visits = async (schoolId: string) =>
			t.db
				.select({ id: booking.id, startsAt: slot.startsAt, endsAt: slot.endsAt })
				.from(booking)
				.innerJoin(slot, eq(slot.id, booking.slotId))
				.where(and(eq(booking.schoolId, schoolId), eq(booking.status, 'booked')))
				.orderBy(slot.startsAt);
		const ours = await visits(busy.schoolId);
		// The clock halfway through the round's visits: some have been, some are to come.
		const now = ours[Math.floor(ours.length / 2)]!.startsAt;
		const past = ours.filter((v) => v.startsAt < now);
		const coming = ours.filter((v) => v.startsAt >= now);
		expect(past.length).toBeGreaterThan(2);
		expect(coming.length).toBeGreaterThan(4);
		// The oracle: what the office still has to do, by the rule, from the rows themselves.
		const rows = [
			...coming.slice(0, 3).map((v) => ({ v, status: 'requested' as const, counts: true })),
			...past.slice(0, 2).map((v) => ({ v, status: 'requested' as const, counts: false })),
			...coming.slice(3, 5).map((v) => ({ v, status: 'cancelled' as const, counts: false }))
		];
		const theirs = (await visits(other.schoolId)).at(-1)!;
		const request = (
			schoolId: string,
			v: (typeof ours)[number],
			status: 'requested' | 'cancelled'
		) => ({
			schoolId,
			bookingId: v.id,
			language: 'ar',
			status,
			startsAt: v.startsAt,
			endsAt: v.endsAt,
			location: 'home' as const
		});
		await t.db
			.insert(interpreterRequest)
			.values([
				...rows.map((r) => request(busy.schoolId, r.v, r.status)),
				request(other.schoolId, theirs, 'requested')
			]);
		const expected = rows.filter((r) => r.counts).length;
		expect(await interpretersToArrange(t.db, busy.schoolId, now)).toBe(expected);
		const office = await staffHome(t.db, viewer(busy.officeId, busy.schoolId, 'admin'), now);
		expect(office.interpretersToArrange).toBe(expected);
		expect(await interpretersToArrange(t.db, other.schoolId, theirs.startsAt)).toBe(1);
	});

	it('shows every running round, and between rounds the next one, else the last', async () => {
		const s = await makeSchool(t.db);
		const round = (name: string, startsOn: string, endsOn: string, opens: string) =>
			t.db
				.insert(visitRound)
				.values({
					schoolId: s.id,
					name,
					startsOn,
					endsOn,
					bookingOpensAt: new Date(opens),
					bookingClosesAt: new Date(`${endsOn}T12:00:00Z`)
				})
				.returning({ id: visitRound.id })
				.then((rows) => rows[0]!.id);
		const ended = await round('Voorjaar', '2026-03-02', '2026-03-20', '2026-02-16T08:00:00Z');
		const later = await round('Zomer', '2027-06-01', '2027-06-30', '2027-05-01T08:00:00Z');
		expect((await runningRounds(t.db, s.id, NOW, '2026-11-04')).map((r) => r.id)).toEqual([later]);
		const visiting = await round('Najaar', '2026-10-26', '2026-11-13', '2026-10-01T08:00:00Z');
		const booking = await round(
			'Nieuwe leerlingen',
			'2026-11-16',
			'2026-11-27',
			'2026-11-02T08:00:00Z'
		);
		expect((await runningRounds(t.db, s.id, NOW, '2026-11-04')).map((r) => r.name)).toEqual([
			'Najaar',
			'Nieuwe leerlingen'
		]);
		expect([visiting, booking]).not.toContain(ended);
		// After the last visit day the round is over; with nothing to come, the last one shows.
		await t.db.delete(visitRound).where(eq(visitRound.id, later));
		expect((await runningRounds(t.db, s.id, NOW, '2026-11-28')).map((r) => r.name)).toEqual([
			'Nieuwe leerlingen'
		]);
		const empty = await makeSchool(t.db);
		expect(await runningRounds(t.db, empty.id, NOW, '2026-11-04')).toEqual([]);
	});

	it('gives each person the menu of their own work', async () => {
		const s = await makeSchool(t.db);
		const teacher = await makeStaff(t.db, s.id, { role: 'teacher' });
		const office = await makeStaff(t.db, s.id, { role: 'admin' });
		const director = await makeStaff(t.db, s.id, { role: 'admin' });
		const officeItems = [
			'rounds',
			'mailbox',
			'interpreters',
			'roster',
			'team',
			'places',
			'school',
			'privacy'
		];
		expect(await staffMenu(t.db, teacher)).toEqual([
			'overview',
			'families',
			'slots',
			'calendar',
			'reports'
		]);
		expect(await staffMenu(t.db, office)).toEqual([
			'overview',
			'families',
			'team_slots',
			'visits',
			'reports',
			...officeItems
		]);
		// A director with a group of her own plans her own visits too.
		const [g] = await t.db
			.insert(group)
			.values({ schoolId: s.id, name: '8A', year: 8 })
			.returning();
		await t.db.insert(groupTeacher).values({ groupId: g!.id, staffId: director.id });
		expect(await staffMenu(t.db, director)).toEqual([
			'overview',
			'families',
			'slots',
			'calendar',
			'visits',
			'reports',
			...officeItems
		]);
		// So does office staff with families of their own to visit.
		await makeFamilyInRound(t.db, s.id, office.id);
		expect(await staffMenu(t.db, office)).toContain('slots');
	});
});
