import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { createSlots } from '../../src/lib/server/slots/create';
import { bookVisit, cancelAnswer, declineRound } from '../../src/lib/server/booking/answer';
import { addPlace } from '../../src/lib/server/places/manage';
import { booking, family } from '../../src/lib/server/db/schema';
import { visitChoice, wallTimes } from '../support/visits';

const AMS = 'Europe/Amsterdam';
// The demo round: booking open 1 Oct – 12 Nov 2026, visits 26 Oct – 13 Nov, 24 h deadline.
const NOW = new Date('2026-10-15T08:00:00Z');
const at = (date: string, from: string, to: string) => wallTimes(date, from, to, AMS);
const parent = { kind: 'parent' as const };

describe.each(databaseKinds)('families answer on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;

	const choice = visitChoice;
	const answerOf = async (familyId: string) =>
		(
			await t.db
				.select()
				.from(booking)
				.where(and(eq(booking.familyId, familyId), ne(booking.status, 'cancelled')))
		)[0];

	/**
	 * A teacher of the test's own, with four times, a time at school only and a colleague's time,
	 * and families they visit: no test meets another's bookings.
	 */
	const newTeacher = async () => {
		const teacherId = (await makeStaff(t.db, schoolId)).id;
		const created = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: teacherId,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [
					at('2026-11-02', '16:00', '16:45'),
					at('2026-11-02', '17:00', '17:45'),
					at('2026-11-03', '16:00', '16:45'),
					at('2026-11-03', '17:00', '17:45')
				]
			},
			AMS,
			NOW
		);
		const school = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: teacherId,
				secondStaffId: null,
				allowsHome: false,
				allowsSchool: true,
				allowsNeutral: false,
				times: [at('2026-11-04', '16:00', '16:45')]
			},
			AMS,
			NOW
		);
		const colleague = await makeStaff(t.db, schoolId);
		const other = await createSlots(
			t.db,
			{
				schoolId,
				roundId,
				staffId: colleague.id,
				secondStaffId: null,
				allowsHome: true,
				allowsSchool: true,
				allowsNeutral: true,
				times: [at('2026-11-05', '16:00', '16:45')]
			},
			AMS,
			NOW
		);
		if (!created.ok || !school.ok || !other.ok) throw new Error('slots');
		const families = async (count: number) =>
			(
				await t.db
					.insert(family)
					.values(Array.from({ length: count }, () => ({ schoolId, visitingStaffId: teacherId })))
					.returning({ id: family.id })
			).map((f) => f.id);
		return {
			teacherId,
			slots: created.ids,
			schoolOnlySlot: school.ids[0]!,
			colleagueSlot: other.ids[0]!,
			families
		};
	};

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		roundId = (await makeFamilyInRound(t.db, schoolId, (await makeStaff(t.db, schoolId)).id)).round
			.id;
	});
	afterAll(() => t?.dispose());

	it('books a home visit with an interpreter and questions', async () => {
		const { slots, families } = await newTeacher();
		const [f] = await families(1);
		const result = await bookVisit(
			t.db,
			schoolId,
			roundId,
			f!,
			choice(slots[0]!, { interpreterLanguage: 'ar', parentQuestions: 'Hoe gaat het met lezen?' }),
			parent,
			NOW
		);
		expect(result).toMatchObject({ ok: true, sequence: 0 });
		expect(await answerOf(f!)).toMatchObject({
			status: 'booked',
			slotId: slots[0],
			location: 'home',
			interpreterLanguage: 'ar',
			bookedBy: 'parent'
		});
	});

	it('refuses a taken slot, and leaves the family that lost the race unbooked', async () => {
		const { slots, families } = await newTeacher();
		const [winner, loser] = await families(2);
		expect(
			(await bookVisit(t.db, schoolId, roundId, winner!, choice(slots[0]!), parent, NOW)).ok
		).toBe(true);
		expect(
			await bookVisit(t.db, schoolId, roundId, loser!, choice(slots[0]!), parent, NOW)
		).toEqual({ ok: false, problem: 'slot_taken' });
		expect(await answerOf(loser!)).toBeUndefined();
	});

	it('reschedules atomically: a refused move keeps the old visit', async () => {
		const { slots, families } = await newTeacher();
		const [first, second, third] = await families(3);
		// The family that moves has a home visit with an interpreter, as in the first test.
		expect(
			(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					first!,
					choice(slots[0]!, {
						interpreterLanguage: 'ar',
						parentQuestions: 'Hoe gaat het met lezen?'
					}),
					parent,
					NOW
				)
			).ok
		).toBe(true);
		await bookVisit(t.db, schoolId, roundId, second!, choice(slots[1]!), parent, NOW);
		// The first family wants the second's slot: refused, and the first keeps its own.
		expect(
			await bookVisit(t.db, schoolId, roundId, first!, choice(slots[1]!), parent, NOW)
		).toEqual({ ok: false, problem: 'slot_taken' });
		expect((await answerOf(first!))!.slotId).toBe(slots[0]);
		// A free slot: moved in place, same booking, higher sequence; the old slot is free again.
		const before = await answerOf(first!);
		const moved = await bookVisit(
			t.db,
			schoolId,
			roundId,
			first!,
			choice(slots[2]!, { location: 'school', notHomeReason: 'prefer_school' }),
			parent,
			NOW
		);
		expect(moved).toEqual({ ok: true, bookingId: before!.id, sequence: 1, changed: true });
		expect(await answerOf(first!)).toMatchObject({
			slotId: slots[2],
			location: 'school',
			notHomeReason: 'prefer_school',
			interpreterLanguage: null
		});
		expect(
			(await bookVisit(t.db, schoolId, roundId, third!, choice(slots[0]!), parent, NOW)).ok
		).toBe(true);
	});

	it("keeps to the slot's places, the family's own teacher, the school's neutral places", async () => {
		const { slots, schoolOnlySlot, colleagueSlot, families } = await newTeacher();
		const [f] = await families(1);
		expect(
			await bookVisit(t.db, schoolId, roundId, f!, choice(schoolOnlySlot), parent, NOW)
		).toEqual({ ok: false, problem: 'place_not_allowed' });
		expect(
			await bookVisit(t.db, schoolId, roundId, f!, choice(colleagueSlot), parent, NOW)
		).toEqual({ ok: false, problem: 'not_your_teacher' });
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!,
				choice(slots[3]!, { location: 'neutral' }),
				parent,
				NOW
			)
		).toEqual({ ok: false, problem: 'unknown_place' });
		const other = await makeSchool(t.db);
		const foreignPlace = await addPlace(t.db, other.id, {
			name: 'Elders',
			address: 'x',
			accessibility: ''
		});
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!,
				choice(slots[3]!, {
					location: 'neutral',
					neutralPlaceId: foreignPlace.ok ? foreignPlace.id : null
				}),
				parent,
				NOW
			)
		).toEqual({ ok: false, problem: 'unknown_place' });
		const place = await addPlace(t.db, schoolId, {
			name: 'Buurthuis',
			address: 'Laan 1',
			accessibility: ''
		});
		expect(
			(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					f!,
					choice(slots[3]!, { location: 'neutral', neutralPlaceId: place.ok ? place.id : null }),
					parent,
					NOW
				)
			).ok
		).toBe(true);
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!,
				choice('00000000-0000-0000-0000-000000000000'),
				parent,
				NOW
			)
		).toEqual({ ok: false, problem: 'slot_gone' });
		expect(await bookVisit(t.db, other.id, roundId, f!, choice(slots[3]!), parent, NOW)).toEqual({
			ok: false,
			problem: 'unknown_family'
		});
	});

	it('answers tampered ids with a clear problem, never a database error', async () => {
		const { slots, families } = await newTeacher();
		const [f] = await families(1);
		for (const bad of ['abc', '', "1' or '1'='1", 'x'.repeat(10_000)]) {
			expect(await bookVisit(t.db, schoolId, roundId, f!, choice(bad), parent, NOW)).toEqual({
				ok: false,
				problem: 'slot_gone'
			});
			expect(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					f!,
					choice(slots[3]!, { location: 'neutral', neutralPlaceId: bad }),
					parent,
					NOW
				)
			).toEqual({ ok: false, problem: 'unknown_place' });
			expect(await bookVisit(t.db, schoolId, roundId, bad, choice(slots[3]!), parent, NOW)).toEqual(
				{ ok: false, problem: 'unknown_family' }
			);
			expect(
				await declineRound(t.db, schoolId, bad, f!, { code: null, text: null }, parent, NOW)
			).toEqual({ ok: false, problem: 'unknown_family' });
		}
	});

	it('keeps to the booking window and the change deadline', async () => {
		const { schoolOnlySlot, families } = await newTeacher();
		const [f] = await families(1);
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!,
				choice(schoolOnlySlot, { location: 'school' }),
				parent,
				new Date('2026-09-30T12:00:00Z')
			)
		).toEqual({ ok: false, problem: 'booking_closed' });
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!,
				choice(schoolOnlySlot, { location: 'school' }),
				parent,
				new Date('2026-11-13T12:00:00Z')
			)
		).toEqual({ ok: false, problem: 'booking_closed' });
		// 4 Nov 16:00 is 15:00 UTC: from 3 Nov 15:00 UTC on, it is too late to book or change it.
		expect(
			await bookVisit(
				t.db,
				schoolId,
				roundId,
				f!,
				choice(schoolOnlySlot, { location: 'school' }),
				parent,
				new Date('2026-11-03T15:30:00Z')
			)
		).toEqual({ ok: false, problem: 'too_late' });
		expect(
			(
				await bookVisit(
					t.db,
					schoolId,
					roundId,
					f!,
					choice(schoolOnlySlot, { location: 'school' }),
					parent,
					NOW
				)
			).ok
		).toBe(true);
		expect(
			await cancelAnswer(t.db, schoolId, roundId, f!, parent, new Date('2026-11-03T15:30:00Z'))
		).toEqual({ ok: false, problem: 'too_late' });
		expect((await cancelAnswer(t.db, schoolId, roundId, f!, parent, NOW)).ok).toBe(true);
		expect(await answerOf(f!)).toBeUndefined();
	});

	it('lets a family decline any meeting, which frees its slot', async () => {
		const { teacherId, slots, families } = await newTeacher();
		const [f, next] = await families(2);
		expect((await bookVisit(t.db, schoolId, roundId, f!, choice(slots[0]!), parent, NOW)).ok).toBe(
			true
		);
		const declined = await declineRound(
			t.db,
			schoolId,
			roundId,
			f!,
			{ code: 'no_time', text: 'Wij werken allebei laat.' },
			{ kind: 'staff', staffId: teacherId },
			NOW
		);
		expect(declined.ok).toBe(true);
		expect(await answerOf(f!)).toMatchObject({
			status: 'declined',
			slotId: null,
			notHomeReason: 'no_time',
			bookedBy: 'staff',
			bookedByStaffId: teacherId
		});
		expect(
			(await bookVisit(t.db, schoolId, roundId, next!, choice(slots[0]!), parent, NOW)).ok
		).toBe(true);
	});

	it.runIf(kind === 'postgres')(
		'gives one slot to exactly one of 50 families booking at the same moment',
		async () => {
			const { teacherId, families } = await newTeacher();
			const fresh = await createSlots(
				t.db,
				{
					schoolId,
					roundId,
					staffId: teacherId,
					secondStaffId: null,
					allowsHome: true,
					allowsSchool: true,
					allowsNeutral: true,
					times: [at('2026-11-10', '18:00', '18:45')]
				},
				AMS,
				NOW
			);
			const slotId = fresh.ok ? fresh.ids[0]! : '';
			const results = await Promise.all(
				(await families(50)).map((f) =>
					bookVisit(t.db, schoolId, roundId, f, choice(slotId), parent, NOW)
				)
			);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok && r.problem === 'slot_taken')).toHaveLength(49);
			const rows = await t.db
				.select()
				.from(booking)
				.where(and(eq(booking.slotId, slotId), eq(booking.status, 'booked')));
			expect(rows).toHaveLength(1);
		}
	);

	it.runIf(kind === 'postgres')(
		'keeps one answer when one family answers twice at the same moment',
		async () => {
			const { slots, schoolOnlySlot, families } = await newTeacher();
			const [f] = await families(1);
			const results = await Promise.all([
				bookVisit(
					t.db,
					schoolId,
					roundId,
					f!,
					choice(slots[3]!, { location: 'school' }),
					parent,
					NOW
				),
				declineRound(t.db, schoolId, roundId, f!, { code: null, text: null }, parent, NOW),
				bookVisit(
					t.db,
					schoolId,
					roundId,
					f!,
					choice(schoolOnlySlot, { location: 'school' }),
					parent,
					NOW
				)
			]);
			expect(results.some((r) => r.ok)).toBe(true);
			const answers = await t.db
				.select()
				.from(booking)
				.where(and(eq(booking.familyId, f!), ne(booking.status, 'cancelled')));
			expect(answers).toHaveLength(1);
		}
	);
});
