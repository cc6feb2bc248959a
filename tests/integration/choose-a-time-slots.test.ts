/**
 * The choose-a-time page gets its times with the family's link, in the hook's one query
 * (openFamilyLink with a moment): the same times, in the same order, as openSlots gives, for
 * every rule openSlots keeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { visitChoice, wallTimes } from '../support/visits';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit } from '../../src/lib/server/booking/answer';
import { openSlots } from '../../src/lib/server/booking/choices';
import { openFamilyLink } from '../../src/lib/server/families/page';
import { issueFamilyLink } from '../../src/lib/server/families/links';
import { family, visitRound } from '../../src/lib/server/db/schema';

// Booking is open (1 Oct – 12 Nov 2026); the round's change deadline is 24 hours.
const NOW = new Date('2026-10-25T17:00:00Z');
const AFTER_BOOKING = new Date('2026-10-15T08:00:00Z');

describe.each(databaseKinds)("the choose-a-time page's times on %s", (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let teacher: string;
	let familyId: string;
	let neighbourId: string;
	let token: string;
	const ids: Record<string, string> = {};

	/** One time of the teacher's on 26 October or later, named for the test. */
	const time = async (
		name: string,
		date: string,
		from: string,
		to: string,
		over: { staffId?: string; secondStaffId?: string; reservedForFamilyId?: string } = {}
	) => {
		const made = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: over.staffId ?? teacher,
				secondStaffId: over.secondStaffId ?? null,
				allowsHome: true,
				allowsSchool: name !== 'home only',
				allowsNeutral: false,
				times: [wallTimes(date, from, to)],
				reservedForFamilyId: over.reservedForFamilyId ?? null
			},
			'Europe/Amsterdam',
			AFTER_BOOKING
		);
		if (!made.ok) throw new Error(made.reason);
		ids[name] = made.ids[0]!;
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		teacher = (await makeStaff(t.db, schoolId, { name: 'Anouk' })).id;
		const colleague = (await makeStaff(t.db, schoolId, { name: 'Jeroen' })).id;
		const made = await makeFamilyInRound(t.db, schoolId, teacher);
		roundId = made.round.id;
		familyId = made.family.id;
		const [neighbour] = await t.db
			.insert(family)
			.values({ schoolId, visitingStaffId: teacher })
			.returning({ id: family.id });
		neighbourId = neighbour!.id;

		// Within the 24 hours before 26 October 18:00 (Amsterdam, 17:00 UTC): too late to book.
		await time('too late', '2026-10-26', '16:00', '16:45');
		await time('free', '2026-10-27', '16:00', '16:45', { secondStaffId: colleague });
		await time('home only', '2026-10-27', '17:00', '17:45');
		await time('taken', '2026-10-28', '16:00', '16:45');
		await time('own', '2026-10-29', '16:00', '16:45');
		await time('for us', '2026-11-02', '19:00', '19:45', { reservedForFamilyId: familyId });
		await time('for the neighbour', '2026-11-02', '20:00', '20:45', {
			reservedForFamilyId: neighbourId
		});
		await time('colleague', '2026-10-30', '16:00', '16:45', { staffId: colleague });
		for (const [who, slot] of [
			[neighbourId, ids['taken']!],
			[familyId, ids['own']!]
		] as const) {
			const booked = await bookVisit(
				t.db,
				schoolId,
				roundId,
				who,
				visitChoice(slot),
				{ kind: 'parent' },
				AFTER_BOOKING
			);
			if (!booked.ok) throw new Error(booked.problem);
		}
		token = await issueFamilyLink(t.db, familyId, roundId);
	});
	afterAll(() => t?.dispose());

	const named = (slots: { id: string }[]) =>
		slots.map((s) => Object.entries(ids).find(([, id]) => id === s.id)?.[0] ?? s.id);

	it('offers the times openSlots offers: its own first, then free ones by time, its booked one too', async () => {
		const opened = await openFamilyLink(t.db, token, 'GET', NOW);
		const alone = await openSlots(t.db, schoolId, roundId, teacher, familyId, NOW, ids['own']);
		expect(named(opened!.openSlots!)).toEqual(['for us', 'free', 'home only', 'own']);
		expect(opened!.openSlots).toEqual(alone);
		expect(opened!.openSlots![0]).toMatchObject({ madeForFamily: true, secondStaff: null });
		expect(opened!.openSlots![1]).toMatchObject({
			madeForFamily: false,
			secondStaff: 'Jeroen',
			allowsSchool: true,
			startsAt: wallTimes('2026-10-27', '16:00', '16:45').startsAt,
			endsAt: wallTimes('2026-10-27', '16:00', '16:45').endsAt
		});
		expect(opened!.openSlots![2]).toMatchObject({ allowsHome: true, allowsSchool: false });
	});

	it("follows the round's deadline and the family's teacher", async () => {
		await t.db
			.update(visitRound)
			.set({ changeDeadlineHours: 24 * 3 })
			.where(eq(visitRound.id, roundId));
		const opened = await openFamilyLink(t.db, token, 'GET', NOW);
		expect(named(opened!.openSlots!)).toEqual(['for us', 'own']);
		await t.db
			.update(visitRound)
			.set({ changeDeadlineHours: 24 })
			.where(eq(visitRound.id, roundId));

		await t.db.update(family).set({ visitingStaffId: null }).where(eq(family.id, familyId));
		expect((await openFamilyLink(t.db, token, 'GET', NOW))!.openSlots).toEqual([]);
		await t.db.update(family).set({ visitingStaffId: teacher }).where(eq(family.id, familyId));
	});

	it('gives no times unless asked, and none to a form', async () => {
		expect((await openFamilyLink(t.db, token, 'GET'))!.openSlots).toBeNull();
		expect((await openFamilyLink(t.db, token, 'POST', NOW))!.openSlots).toBeNull();
		const withTimes = await openFamilyLink(t.db, token, 'GET', NOW);
		expect({ ...withTimes, openSlots: null }).toEqual(await openFamilyLink(t.db, token, 'GET'));
	});
});
