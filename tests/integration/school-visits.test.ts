/**
 * The office's view of the whole school's visits, a day or a week (issue 17, item 9): every
 * teacher's booked visits in time order, who goes along, where, the interpreter and the parents'
 * phones; cancelled answers, declines and free times left out, another school's never shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamiliesInGroup, makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { AMS, visitChoice } from '../support/visits';
import { seedBusyRound, slotStart } from '../support/busy-round';
import { createSlots } from '../../src/lib/server/slots/create';
import {
	schoolVisits,
	visitsRange,
	type SchoolVisitDay
} from '../../src/lib/server/slots/school-visits';
import {
	bookVisit,
	cancelAnswer,
	declineRound,
	parentActor
} from '../../src/lib/server/booking/answer';
import { arrangeInterpreter } from '../../src/lib/server/interpreters/arrange';
import { addInterpreter } from '../../src/lib/server/interpreters/register';
import type { Viewer } from '../../src/lib/server/auth/policy';
import {
	auditEvent,
	family,
	guardian,
	interpreterRequest,
	neutralPlace,
	pupil
} from '../../src/lib/server/db/schema';
import { fromWallTime } from '../../src/lib/server/time/zone';

const NOW = new Date('2026-10-15T08:00:00Z');
const parent = parentActor('d'.repeat(32), 'nl');
const week = (date: string) => visitsRange(new URLSearchParams({ week: date }), '2026-10-15', null);
const day = (date: string) => visitsRange(new URLSearchParams({ day: date }), '2026-10-15', null);
/** Each day as "HH:MM teacher: child (place)", the way a person reads the list. */
const lines = (days: SchoolVisitDay[]) =>
	days.map((d) => ({
		date: d.date,
		visits: d.visits.map(
			(v) =>
				`${v.start} ${v.teacher}: ${v.visit.children.map((c) => c.firstName).join(', ')} (${v.visit.location})`
		)
	}));

describe('which day or week the page shows', () => {
	it('reads a day, a week from any of its dates, the GET form, and falls back to this week', () => {
		expect(day('2026-11-03')).toEqual({
			view: 'day',
			first: '2026-11-03',
			days: 1,
			previous: '2026-11-02',
			next: '2026-11-04'
		});
		expect(week('2026-11-05')).toMatchObject({ view: 'week', first: '2026-11-02', days: 7 });
		expect(week('2026-11-05')).toMatchObject({ previous: '2026-10-26', next: '2026-11-09' });
		const form = (view: string) =>
			visitsRange(new URLSearchParams({ date: '2026-11-04', view }), '2026-10-15', null);
		expect(form('day')).toMatchObject({ view: 'day', first: '2026-11-04' });
		expect(form('week')).toMatchObject({ view: 'week', first: '2026-11-02' });
		expect(day('2026-13-45')).toMatchObject({ view: 'week', first: '2026-10-12' });
		// Before the round starts, its first week.
		expect(visitsRange(new URLSearchParams(), '2026-10-15', '2026-10-21')).toMatchObject({
			view: 'week',
			first: '2026-10-19'
		});
	});
});

describe.each(databaseKinds)('the school’s visits of a day or a week on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	const office = (id: string, schoolId: string): Viewer => ({
		id,
		schoolId,
		role: 'admin',
		title: 'office'
	});

	/**
	 * Monday 2 November: Jeroen at 15:30 at school with Noor (Polish, a service sends Ewa by
	 * phone), Anouk at 16:00 at Yusuf's home with Tim going along (Arabic, still to arrange),
	 * at 17:00 Anouk with Lina at the neutral place and Jeroen at Sem's home (the family brings
	 * its own, Turkish). Daan booked 18:00 and cancelled; Bram declined; Jeroen's 19:00 is free.
	 * Tuesday 3 November: Anouk with Mila at school. Another school has a visit on Monday too.
	 */
	async function scene() {
		const schoolId = (await makeSchool(t.db)).id;
		const anouk = (await makeStaff(t.db, schoolId, { name: 'Anouk Visser' })).id;
		const jeroen = (await makeStaff(t.db, schoolId, { name: 'Jeroen Bos' })).id;
		const tim = (await makeStaff(t.db, schoolId, { name: 'Tim de Groot' })).id;
		const admin = office(
			(await makeStaff(t.db, schoolId, { role: 'admin', name: 'Marieke Smit' })).id,
			schoolId
		);
		const { round, group } = await makeFamilyInRound(t.db, schoolId, anouk);
		const [place] = await t.db
			.insert(neutralPlace)
			.values({ schoolId, name: 'Buurthuis Het Anker', address: 'Celebesstraat 50, Amsterdam' })
			.returning();
		const names = ['Noor', 'Yusuf', 'Sem', 'Lina', 'Daan', 'Bram', 'Mila'] as const;
		const ids = await makeFamiliesInGroup(t.db, schoolId, group.id, anouk, names.length);
		const families = Object.fromEntries(names.map((n, i) => [n, ids[i]!])) as Record<
			(typeof names)[number],
			string
		>;
		for (const [name, id] of Object.entries(families)) {
			await t.db
				.update(family)
				.set({
					street: `${name}straat 1`,
					postalCode: '1094 HK',
					city: 'Amsterdam',
					visitingStaffId: ['Noor', 'Sem', 'Bram'].includes(name) ? jeroen : anouk
				})
				.where(eq(family.id, id));
			await t.db.update(pupil).set({ firstName: name }).where(eq(pupil.familyId, id));
			await t.db
				.update(guardian)
				.set({ name: `Ouder van ${name}`, phone: name === 'Lina' ? null : `06 1000 ${name}` })
				.where(eq(guardian.familyId, id));
		}
		const slotAt = async (
			teacher: string,
			date: string,
			from: string,
			second: string | null = null,
			where = { schoolId, roundId: round.id }
		) => {
			const startsAt = fromWallTime(date, from, AMS)!;
			const made = await createSlots(
				t.db,
				{
					...where,
					staffId: teacher,
					secondStaffId: second,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [{ startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000) }]
				},
				AMS,
				NOW
			);
			if (!made.ok) throw new Error(made.reason);
			return made.ids[0]!;
		};
		const book = async (
			name: (typeof names)[number],
			slotId: string,
			over: Parameters<typeof visitChoice>[1] = {}
		) => {
			const done = await bookVisit(
				t.db,
				schoolId,
				round.id,
				families[name],
				visitChoice(slotId, over),
				parent,
				NOW
			);
			if (!done.ok) throw new Error(done.problem);
			return done.bookingId;
		};
		const noor = await book('Noor', await slotAt(jeroen, '2026-11-02', '15:30'), {
			location: 'school',
			interpreterLanguage: 'pl'
		});
		await book('Yusuf', await slotAt(anouk, '2026-11-02', '16:00', tim), {
			interpreterLanguage: 'ar'
		});
		await book('Sem', await slotAt(jeroen, '2026-11-02', '17:00'), {
			ownInterpreterLanguage: 'tr'
		});
		await book('Lina', await slotAt(anouk, '2026-11-02', '17:00'), {
			location: 'neutral',
			neutralPlaceId: place!.id
		});
		await book('Daan', await slotAt(anouk, '2026-11-02', '18:00'));
		const cancelled = await cancelAnswer(t.db, schoolId, round.id, families.Daan, parent, NOW);
		if (!cancelled.ok) throw new Error(cancelled.problem);
		const declined = await declineRound(
			t.db,
			schoolId,
			round.id,
			families.Bram,
			{ code: 'privacy', text: null },
			parent,
			NOW
		);
		if (!declined.ok) throw new Error(declined.problem);
		await slotAt(jeroen, '2026-11-02', '19:00');
		await book('Mila', await slotAt(anouk, '2026-11-03', '16:00'), { location: 'school' });

		const service = await addInterpreter(t.db, schoolId, {
			name: 'Tolkcentrum Nederland',
			kind: 'service',
			languages: ['pl'],
			phone: '088 123 4500',
			email: '',
			mailLanguage: 'nl',
			staffId: '',
			active: true
		});
		if (!service.ok) throw new Error('interpreter');
		const [request] = await t.db
			.select({ id: interpreterRequest.id })
			.from(interpreterRequest)
			.where(eq(interpreterRequest.bookingId, noor));
		const arranged = await arrangeInterpreter(
			t.db,
			admin,
			request!.id,
			{ interpreterId: service.id, mode: 'phone', contactName: 'Ewa', contactPhone: '' },
			NOW
		);
		if (!arranged.ok) throw new Error(arranged.problem);

		// Another school, the same evening: its office sees its own, never the first school's.
		const other = (await makeSchool(t.db)).id;
		const otherTeacher = (await makeStaff(t.db, other, { name: 'Els Elders' })).id;
		const otherOffice = office((await makeStaff(t.db, other, { role: 'admin' })).id, other);
		const elsewhere = await makeFamilyInRound(t.db, other, otherTeacher);
		const otherSlot = await slotAt(otherTeacher, '2026-11-02', '16:00', null, {
			schoolId: other,
			roundId: elsewhere.round.id
		});
		const otherBooked = await bookVisit(
			t.db,
			other,
			elsewhere.round.id,
			elsewhere.family.id,
			visitChoice(otherSlot),
			parent,
			NOW
		);
		if (!otherBooked.ok) throw new Error(otherBooked.problem);
		return { schoolId, admin, families, otherOffice };
	}

	it('lists every teacher’s booked visits of the week per day in time order, and nothing else', async () => {
		const s = await scene();
		const days = await schoolVisits(t.db, s.admin, week('2026-11-04'), AMS);
		expect(lines(days)).toEqual([
			{
				date: '2026-11-02',
				visits: [
					'15:30 Jeroen Bos: Noor (school)',
					'16:00 Anouk Visser: Yusuf (home)',
					'17:00 Anouk Visser: Lina (neutral)',
					'17:00 Jeroen Bos: Sem (home)'
				]
			},
			{ date: '2026-11-03', visits: ['16:00 Anouk Visser: Mila (school)'] }
		]);
		const [noor, yusuf, lina, sem] = days[0]!.visits;
		// Who goes: the teacher, and the second staff member when there is one.
		expect(yusuf).toMatchObject({ teacher: 'Anouk Visser', secondStaff: 'Tim de Groot' });
		expect(noor!.secondStaff).toBeNull();
		// Where: home with the address, school, or the neutral place's name and address.
		expect(yusuf!.visit).toMatchObject({ address: 'Yusufstraat 1, 1094 HK Amsterdam' });
		expect(noor!.visit).toMatchObject({ location: 'school', address: null, placeName: null });
		expect(lina!.visit).toMatchObject({
			placeName: 'Buurthuis Het Anker',
			address: 'Celebesstraat 50, Amsterdam'
		});
		// The interpreter: arranged (who, how, by phone), still to arrange, or the family's own.
		expect(noor!.visit).toMatchObject({
			interpreterLanguage: 'pl',
			interpreter: {
				name: 'Tolkcentrum Nederland',
				kind: 'service',
				mode: 'phone',
				contactName: 'Ewa',
				phone: '088 123 4500'
			}
		});
		expect(yusuf!.visit).toMatchObject({ interpreterLanguage: 'ar', interpreter: null });
		expect(sem!.visit).toMatchObject({ interpreterLanguage: null, ownInterpreterLanguage: 'tr' });
		// The parents' phones; a family without one has none.
		expect(yusuf!.guardians).toEqual([{ name: 'Ouder van Yusuf', phone: '06 1000 Yusuf' }]);
		expect(lina!.guardians).toEqual([]);
		// Every family listed is logged as seen by the office, on this page.
		const seen = await t.db
			.select({ familyId: auditEvent.subjectId, detail: auditEvent.detail })
			.from(auditEvent)
			.where(
				and(eq(auditEvent.actorId, s.admin.id), eq(auditEvent.action, 'family.contact_viewed'))
			);
		expect(seen.every((r) => r.detail?.page === 'school_visits')).toBe(true);
		expect(seen.map((r) => r.familyId).sort()).toEqual(
			[s.families.Noor, s.families.Yusuf, s.families.Sem, s.families.Lina, s.families.Mila].sort()
		);
	});

	it('shows one day alone, an empty day as nothing, and another school’s office only its own', async () => {
		const s = await scene();
		expect(lines(await schoolVisits(t.db, s.admin, day('2026-11-03'), AMS))).toEqual([
			{ date: '2026-11-03', visits: ['16:00 Anouk Visser: Mila (school)'] }
		]);
		expect(await schoolVisits(t.db, s.admin, day('2026-11-04'), AMS)).toEqual([]);
		const theirs = await schoolVisits(t.db, s.otherOffice, week('2026-11-02'), AMS);
		expect(lines(theirs).flatMap((d) => d.visits)).toEqual([
			expect.stringMatching(/^16:00 Els Elders: Kind\d+ \(home\)$/)
		]);
	});

	it('counts a week right at a school of 1,000 families', async () => {
		const busy = await seedBusyRound(t.db, { tag: `sv${kind}`, families: 1000, now: NOW });
		const range = week('2026-10-21');
		const from = fromWallTime('2026-10-19', '00:00', AMS)!;
		const to = fromWallTime('2026-10-26', '00:00', AMS)!;
		// Family k's slot starts 50 minutes after family k − 1's: time order is the order of k.
		const expected: string[] = [];
		for (let k = 1; k <= 1000; k++)
			if (k % 10 <= 5 && slotStart(k) >= from && slotStart(k) < to) expected.push(`Kind${k}`);
		const days = await schoolVisits(t.db, office(busy.officeId, busy.schoolId), range, AMS);
		const visits = days.flatMap((d) => d.visits);
		expect(expected.length).toBeGreaterThan(100);
		expect(visits.map((v) => v.visit.children[0]!.firstName)).toEqual(expected);
		expect(days.map((d) => d.date)).toEqual([
			'2026-10-19',
			'2026-10-20',
			'2026-10-21',
			'2026-10-22',
			'2026-10-23',
			'2026-10-24',
			'2026-10-25'
		]);
		// Family 1's visit has a second staff member: the next teacher.
		expect(visits[0]).toMatchObject({ teacher: 'Leerkracht 1', secondStaff: 'Leerkracht 2' });
	});
});
