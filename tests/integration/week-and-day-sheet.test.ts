import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { weekOfPerson } from '../../src/lib/server/slots/week';
import { daySheet, mapLink, telLink } from '../../src/lib/server/slots/day-sheet';
import { moveSlot } from '../../src/lib/server/slots/change';
import { slotsShownFor, type Viewer } from '../../src/lib/server/auth/policy';
import {
	auditEvent,
	booking,
	family,
	guardian,
	neutralPlace,
	outbox,
	pupil,
	visitRound,
	visitRoundGroup
} from '../../src/lib/server/db/schema';
import { fromWallTime } from '../../src/lib/server/time/zone';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-10-01T08:00:00Z');
const at = (date: string, from: string, to: string) => ({
	startsAt: fromWallTime(date, from, AMS)!,
	endsAt: fromWallTime(date, to, AMS)!
});
const WEEK = {
	from: fromWallTime('2026-11-02', '00:00', AMS)!,
	to: fromWallTime('2026-11-09', '00:00', AMS)!
};

describe.each(databaseKinds)('the week and the day sheet on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	const viewer = (id: string, schoolId: string, role: 'admin' | 'teacher' = 'teacher'): Viewer => ({
		id,
		schoolId,
		role,
		title: role === 'admin' ? 'office' : 'teacher'
	});

	/**
	 * A school of its own per test: Anouk visits three families on Monday 2 November (two at home,
	 * one at a neutral place) with Tim going along to the first, and has one free time; Jeroen
	 * visits a family of his own at school that evening.
	 */
	async function scene() {
		const schoolId = (await makeSchool(t.db)).id;
		const anouk = (await makeStaff(t.db, schoolId, { name: 'Anouk Visser' })).id;
		const jeroen = (await makeStaff(t.db, schoolId, { name: 'Jeroen Bos' })).id;
		const tim = (await makeStaff(t.db, schoolId, { name: 'Tim de Groot' })).id;
		const admin = (await makeStaff(t.db, schoolId, { role: 'admin', name: 'Marieke Smit' })).id;
		const first = await makeFamilyInRound(t.db, schoolId, anouk);
		const roundId = first.round.id;
		const groupId = first.group.id;
		const [place] = await t.db
			.insert(neutralPlace)
			.values({
				schoolId,
				name: 'Buurthuis Het Anker',
				address: 'Celebesstraat 50, 1094 EX Amsterdam'
			})
			.returning();

		const familyOf = async (
			visitor: string,
			child: string,
			options: {
				street?: string;
				email?: string | null;
				phone?: string | null;
				isNew?: boolean;
			} = {}
		) => {
			const [f] = await t.db
				.insert(family)
				.values({
					schoolId,
					street: options.street ?? 'Javastraat 88',
					postalCode: '1094 HK',
					city: 'Amsterdam',
					language: 'tr',
					visitingStaffId: visitor
				})
				.returning();
			await t.db.insert(guardian).values({
				familyId: f!.id,
				name: `Ouder van ${child}`,
				email: options.email === undefined ? `${child.toLowerCase()}@example.org` : options.email,
				phone: options.phone === undefined ? '06 1234 5678' : options.phone
			});
			await t.db.insert(pupil).values({
				schoolId,
				familyId: f!.id,
				groupId,
				pupilNumber: `${child}-${f!.id.slice(0, 8)}`,
				firstName: child,
				lastName: 'Test',
				birthDate: '2020-05-05',
				isNew: options.isNew ?? false
			});
			return f!.id;
		};
		const slotFor = async (
			teacher: string,
			times: { startsAt: Date; endsAt: Date },
			second: string | null = null
		) => {
			const made = await createSlots(
				t.db,
				{
					schoolId,
					roundId,
					staffId: teacher,
					secondStaffId: second,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [times]
				},
				AMS,
				NOW
			);
			if (!made.ok) throw new Error(made.reason);
			return made.ids[0]!;
		};
		const book = async (
			familyId: string,
			slotId: string,
			values: Partial<typeof booking.$inferInsert> = {}
		) => {
			const [row] = await t.db
				.insert(booking)
				.values({
					schoolId,
					roundId,
					familyId,
					slotId,
					status: 'booked',
					location: 'home',
					...values
				})
				.returning();
			return row!.id;
		};

		// 16:00 at home (the parent gave another address), Tim goes along, an Arabic interpreter.
		const home1 = await slotFor(anouk, at('2026-11-02', '16:00', '16:45'), tim);
		const yusuf = await familyOf(anouk, 'Yusuf', { street: 'Javastraat 88' });
		await book(yusuf, home1, {
			visitAddress: 'Molukkenstraat 7, 1095 AT Amsterdam',
			interpreterLanguage: 'ar',
			parentQuestions: 'Hoe gaat het met rekenen?'
		});
		// 17:00 at the neutral place.
		const neutral = await slotFor(anouk, at('2026-11-02', '17:00', '17:45'));
		const lina = await familyOf(anouk, 'Lina', { phone: null });
		await book(lina, neutral, { location: 'neutral', neutralPlaceId: place!.id });
		// 18:00 at home, the family's own address; a new pupil; only 15 minutes after the neutral visit.
		const home2 = await slotFor(anouk, at('2026-11-02', '18:00', '18:45'));
		const sem = await familyOf(anouk, 'Sem', { street: 'Borneostraat 3', isNew: true });
		await book(sem, home2);
		// 19:00 free.
		const free = await slotFor(anouk, at('2026-11-02', '19:00', '19:45'));
		// Jeroen's own family at school, the same evening.
		const jeroensSlot = await slotFor(jeroen, at('2026-11-02', '16:00', '16:45'));
		const noor = await familyOf(jeroen, 'Noor');
		await book(noor, jeroensSlot, { location: 'school' });

		return {
			schoolId,
			roundId,
			groupId,
			anouk,
			jeroen,
			tim,
			admin,
			families: { yusuf, lina, sem, noor },
			slots: { home1, neutral, home2, free, jeroensSlot },
			familyOf,
			slotFor,
			book
		};
	}

	const contactViews = (schoolId: string, staffId: string, page: string) =>
		t.db
			.select({ familyId: auditEvent.subjectId, detail: auditEvent.detail })
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.schoolId, schoolId),
					eq(auditEvent.actorId, staffId),
					eq(auditEvent.action, 'family.contact_viewed')
				)
			)
			.then((rows) =>
				rows
					.filter((r) => r.detail?.page === page)
					.map((r) => r.familyId)
					.sort()
			);

	it('shows each booked slot with the family, the place, the interpreter, who goes along and the questions', async () => {
		const s = await scene();
		const week = await weekOfPerson(t.db, viewer(s.anouk, s.schoolId), s.anouk, WEEK.from, WEEK.to);
		expect(week.map((w) => w.id)).toEqual([
			s.slots.home1,
			s.slots.neutral,
			s.slots.home2,
			s.slots.free
		]);
		const [home1, neutral, home2, free] = week;
		expect(home1!.visit).toMatchObject({
			familyId: s.families.yusuf,
			children: [{ firstName: 'Yusuf', group: expect.any(String), isNew: false }],
			location: 'home',
			// The address the parent gave for the visit comes before the family's own.
			address: 'Molukkenstraat 7, 1095 AT Amsterdam',
			interpreterLanguage: 'ar',
			questions: 'Hoe gaat het met rekenen?',
			familyNotice: null,
			stillToTell: false
		});
		expect(home1!.secondStaff).toBe('Tim de Groot');
		expect(neutral!.visit).toMatchObject({
			location: 'neutral',
			placeName: 'Buurthuis Het Anker',
			interpreterLanguage: null,
			questions: null
		});
		expect(home2!.visit).toMatchObject({
			location: 'home',
			address: 'Borneostraat 3, 1094 HK Amsterdam'
		});
		expect(free).toMatchObject({ booked: false, visit: null });
		// The two home addresses were shown: each family's view is logged, the neutral one's not.
		expect(await contactViews(s.schoolId, s.anouk, 'week')).toEqual(
			[s.families.yusuf, s.families.sem].sort()
		);
	});

	it('marks a moved visit as still to tell when the family has no e-mail address, and as told when it was mailed', async () => {
		const s = await scene();
		const anouk = viewer(s.anouk, s.schoolId);
		const quiet = await s.familyOf(s.anouk, 'Daan', { email: null });
		const slot = await s.slotFor(s.anouk, at('2026-11-03', '16:00', '16:45'));
		await s.book(quiet, slot);
		expect(
			await moveSlot(t.db, anouk, slot, at('2026-11-03', '17:00', '17:45'), true, AMS, NOW)
		).toEqual({
			ok: true,
			booked: true,
			mailedIn: null
		});
		expect(
			await moveSlot(t.db, anouk, s.slots.home2, at('2026-11-02', '20:00', '20:45'), true, AMS, NOW)
		).toEqual({
			ok: true,
			booked: true,
			mailedIn: 'tr'
		});
		const week = await weekOfPerson(t.db, anouk, s.anouk, WEEK.from, WEEK.to);
		const byId = new Map(week.map((w) => [w.id, w]));
		expect(byId.get(slot)!.visit).toMatchObject({
			familyNotice: 'moved',
			stillToTell: true,
			hasEmail: false
		});
		expect(byId.get(s.slots.home2)!.visit).toMatchObject({
			familyNotice: 'moved',
			stillToTell: false,
			familyLanguage: 'tr'
		});
		// The mail fails for good: the family is still to be told after all.
		await t.db
			.update(outbox)
			.set({ status: 'failed' })
			.where(and(eq(outbox.kind, 'visit_changed'), eq(outbox.toAddress, 'sem@example.org')));
		const again = await weekOfPerson(t.db, anouk, s.anouk, WEEK.from, WEEK.to);
		expect(again.find((w) => w.id === s.slots.home2)!.visit).toMatchObject({ stillToTell: true });
	});

	it('never shows a teacher another teacher’s families; an admin sees anyone’s week', async () => {
		const s = await scene();
		const jeroen = viewer(s.jeroen, s.schoolId);
		// A teacher who asks for a colleague's week gets their own.
		expect(slotsShownFor(jeroen, s.anouk)).toBe(s.jeroen);
		// Even when asked for directly, Anouk's slots come without her families.
		const theirs = await weekOfPerson(t.db, jeroen, s.anouk, WEEK.from, WEEK.to);
		expect(theirs.filter((w) => w.booked)).toHaveLength(3);
		expect(theirs.every((w) => w.visit === null)).toBe(true);
		const sheet = await daySheet(t.db, jeroen, s.anouk, '2026-11-02', AMS);
		expect(sheet).toMatchObject({ visits: [], hidden: 3 });
		expect(await contactViews(s.schoolId, s.jeroen, 'week')).toEqual([]);
		expect(await contactViews(s.schoolId, s.jeroen, 'day_sheet')).toEqual([]);

		// Tim goes along to Yusuf's visit: his week shows that family, and only that one.
		const tim = await weekOfPerson(t.db, viewer(s.tim, s.schoolId), s.tim, WEEK.from, WEEK.to);
		expect(tim.map((w) => w.visit?.familyId)).toEqual([s.families.yusuf]);
		expect(tim[0]!.teacher).toBe('Anouk Visser');

		// The office reassigns Sem's family to Jeroen: Anouk's slot stays booked, without details.
		await t.db
			.update(family)
			.set({ visitingStaffId: s.jeroen })
			.where(eq(family.id, s.families.sem));
		const anouk = await weekOfPerson(
			t.db,
			viewer(s.anouk, s.schoolId),
			s.anouk,
			WEEK.from,
			WEEK.to
		);
		expect(anouk.find((w) => w.id === s.slots.home2)).toMatchObject({ booked: true, visit: null });

		// An admin looks at Anouk's week as she would see it, and the views are logged as the admin's.
		const admin = viewer(s.admin, s.schoolId, 'admin');
		expect(slotsShownFor(admin, s.anouk)).toBe(s.anouk);
		const seen = await weekOfPerson(t.db, admin, s.anouk, WEEK.from, WEEK.to);
		expect(seen.filter((w) => w.visit).map((w) => w.visit!.familyId)).toEqual([
			s.families.yusuf,
			s.families.lina,
			s.families.sem
		]);
		expect(await contactViews(s.schoolId, s.admin, 'week')).toEqual(
			[s.families.yusuf, s.families.sem].sort()
		);
		// Another school's admin finds nothing.
		const stranger = viewer(s.admin, (await makeSchool(t.db)).id, 'admin');
		expect((await weekOfPerson(t.db, stranger, s.anouk, WEEK.from, WEEK.to)).length).toBe(0);
	});

	it('gives the day sheet in time order, with phones, talking points, the route and its travel time', async () => {
		const s = await scene();
		// The round's own points for the group; for new pupils none set, so the school's defaults.
		await t.db
			.update(visitRoundGroup)
			.set({ talkingPoints: 'Kennismaken\n\nWelbevinden\n' })
			.where(eq(visitRoundGroup.groupId, s.groupId));
		await t.db.update(visitRound).set({ travelMinutes: 20 }).where(eq(visitRound.id, s.roundId));
		const sheet = await daySheet(t.db, viewer(s.anouk, s.schoolId), s.anouk, '2026-11-02', AMS);
		expect(sheet.hidden).toBe(0);
		expect(sheet.visits.map((v) => [v.start, v.end, v.location, v.routeNumber])).toEqual([
			['16:00', '16:45', 'home', 1],
			['17:00', '17:45', 'neutral', null],
			['18:00', '18:45', 'home', 2]
		]);
		const [yusuf, lina, sem] = sheet.visits;
		expect(yusuf).toMatchObject({
			address: 'Molukkenstraat 7, 1095 AT Amsterdam',
			alongWith: 'Tim de Groot',
			interpreterLanguage: 'ar',
			questions: 'Hoe gaat het met rekenen?',
			guardians: [{ name: 'Ouder van Yusuf', phone: '06 1234 5678' }],
			travel: null
		});
		expect(yusuf!.talkingPoints).toEqual([
			{ group: expect.any(String), points: ['Kennismaken', 'Welbevinden'] }
		]);
		expect(lina).toMatchObject({ placeName: 'Buurthuis Het Anker', guardians: [], travel: null });
		// Between the two home visits the round keeps 20 minutes; the times leave 75.
		expect(sem!.travel).toEqual({ reservedMinutes: 20, gapMinutes: 75 });
		expect(sem!.talkingPoints.map((p) => p.group)).toEqual([expect.any(String), null]);
		expect(sem!.talkingPoints[1]!.points).toContain('Kennismaken');
		expect(await contactViews(s.schoolId, s.anouk, 'day_sheet')).toEqual(
			[s.families.yusuf, s.families.lina, s.families.sem].sort()
		);

		// Links: a plain map search for the address, and a phone number as digits.
		expect(mapLink(yusuf!.address!)).toBe(
			'https://www.openstreetmap.org/search?query=Molukkenstraat%207%2C%201095%20AT%20Amsterdam'
		);
		expect(telLink('06 1234 5678')).toBe('tel:0612345678');
		expect(telLink('+31 (0)6-123')).toBe('tel:+3106123');

		// A day without visits points to the next one.
		const empty = await daySheet(t.db, viewer(s.anouk, s.schoolId), s.anouk, '2026-10-30', AMS);
		expect(empty).toMatchObject({ visits: [], hidden: 0, nextVisitDay: '2026-11-02' });
	});

	it('warns when two home visits leave less time than the round reserves', async () => {
		const s = await scene();
		const close = await s.slotFor(s.anouk, at('2026-11-04', '16:00', '16:45'));
		const next = await s.slotFor(s.anouk, at('2026-11-04', '16:50', '17:35'));
		await s.book(await s.familyOf(s.anouk, 'Eva'), close);
		await s.book(await s.familyOf(s.anouk, 'Bram'), next);
		const sheet = await daySheet(t.db, viewer(s.anouk, s.schoolId), s.anouk, '2026-11-04', AMS);
		expect(sheet.visits.map((v) => v.travel)).toEqual([
			null,
			{ reservedMinutes: 15, gapMinutes: 5 }
		]);
	});
});
