import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { planSlots } from '../../src/lib/server/slots/plan';
import { createSlots, type NewSlots } from '../../src/lib/server/slots/create';
import { slotsOfPerson } from '../../src/lib/server/slots/week';
import { slot, slotStaff } from '../../src/lib/server/db/schema';
import { toWallTime, fromWallTime } from '../../src/lib/server/time/zone';

const AMS = 'Europe/Amsterdam';
// Slots before now cannot be created: the tests plan the autumn 2026 round from 1 October.
const NOW = new Date('2026-10-01T08:00:00Z');
const at = (date: string, from: string, to: string) => ({
	startsAt: fromWallTime(date, from, AMS)!,
	endsAt: fromWallTime(date, to, AMS)!
});

describe.each(databaseKinds)('slots on %s', (kind) => {
	let t: TestDatabase;
	let schoolId: string;
	let roundId: string;
	let anouk: string;
	let jeroen: string;
	let intern: string;
	let base: Omit<NewSlots, 'staffId' | 'times'>;

	beforeAll(async () => {
		t = await freshDatabase(kind);
		schoolId = (await makeSchool(t.db)).id;
		anouk = (await makeStaff(t.db, schoolId, { name: 'Anouk' })).id;
		jeroen = (await makeStaff(t.db, schoolId, { name: 'Jeroen' })).id;
		intern = (await makeStaff(t.db, schoolId, { name: 'Tim (stagiair)' })).id;
		roundId = (await makeFamilyInRound(t.db, schoolId, anouk)).round.id; // 26 Oct – 13 Nov 2026
		base = {
			schoolId,
			roundId,
			secondStaffId: null,
			allowsHome: true,
			allowsSchool: true,
			allowsNeutral: true
		};
	});
	afterAll(() => t?.dispose());

	it('bulk-creates two weeks across the end of summer time, at 15:30 on the wall clock every day', async () => {
		const plan = planSlots(
			{
				from: '2026-10-20',
				to: '2026-11-05',
				weekdays: [2, 4],
				startTime: '15:30',
				endTime: '20:00',
				visitMinutes: 45,
				travelMinutes: 15
			},
			AMS
		);
		if (!plan.ok) throw new Error(plan.problem);
		// The round starts on 26 October: 20 and 22 October fall outside it.
		expect(
			await createSlots(t.db, { ...base, staffId: anouk, times: plan.slots }, AMS, NOW)
		).toEqual({ ok: false, reason: 'outside_round' });
		const inRound = plan.slots.filter((s) => toWallTime(s.startsAt, AMS).date >= '2026-10-26');
		const result = await createSlots(t.db, { ...base, staffId: anouk, times: inRound }, AMS, NOW);
		expect(result.ok && result.ids.length).toBe(16);

		const week = await slotsOfPerson(
			t.db,
			schoolId,
			anouk,
			new Date('2026-10-26T00:00:00Z'),
			new Date('2026-11-09T00:00:00Z')
		);
		expect(week).toHaveLength(16);
		expect(new Set(week.map((s) => toWallTime(s.startsAt, AMS).time))).toEqual(
			new Set(['15:30', '16:30', '17:30', '18:30'])
		);
		expect(week[0]!.startsAt.toISOString()).toBe('2026-10-27T14:30:00.000Z');
	});

	it("refuses a slot that overlaps the second staff member's other slot, and allows one that touches it", async () => {
		const first = await createSlots(
			t.db,
			{
				...base,
				staffId: anouk,
				secondStaffId: intern,
				times: [at('2026-11-10', '16:00', '16:45')]
			},
			AMS,
			NOW
		);
		expect(first.ok).toBe(true);
		const clash = await createSlots(
			t.db,
			{
				...base,
				staffId: jeroen,
				secondStaffId: intern,
				times: [at('2026-11-10', '16:30', '17:15')]
			},
			AMS,
			NOW
		);
		expect(clash).toEqual({ ok: false, reason: 'overlap' });
		// The intern as teacher of their own slot clashes too.
		expect(
			await createSlots(
				t.db,
				{ ...base, staffId: intern, times: [at('2026-11-10', '15:30', '16:15')] },
				AMS,
				NOW
			)
		).toEqual({ ok: false, reason: 'overlap' });
		const touching = await createSlots(
			t.db,
			{
				...base,
				staffId: jeroen,
				secondStaffId: intern,
				times: [at('2026-11-10', '16:45', '17:30')]
			},
			AMS,
			NOW
		);
		expect(touching.ok).toBe(true);
		const internWeek = await slotsOfPerson(
			t.db,
			schoolId,
			intern,
			new Date('2026-11-09T00:00:00Z'),
			new Date('2026-11-16T00:00:00Z')
		);
		expect(internWeek.map((s) => s.teacher)).toEqual(['Anouk', 'Jeroen']);
	});

	it('creates all slots of a request or none', async () => {
		// Anouk's time that the second of the two new ones overlaps.
		expect(
			(
				await createSlots(
					t.db,
					{ ...base, staffId: anouk, times: [at('2026-11-11', '16:00', '16:45')] },
					AMS,
					NOW
				)
			).ok
		).toBe(true);
		const before = await t.db.select({ n: count() }).from(slot);
		const mixed = await createSlots(
			t.db,
			{
				...base,
				staffId: anouk,
				times: [at('2026-11-12', '09:00', '09:45'), at('2026-11-11', '16:15', '17:00')]
			},
			AMS,
			NOW
		);
		expect(mixed).toEqual({ ok: false, reason: 'overlap' });
		expect(await t.db.select({ n: count() }).from(slot)).toEqual(before);
	});

	it("refuses slots in the past, without a place, for the same person twice, or for another school's staff", async () => {
		const later = at('2026-11-11', '16:00', '16:45');
		expect(
			await createSlots(
				t.db,
				{ ...base, staffId: jeroen, times: [later] },
				AMS,
				new Date('2026-11-12T00:00:00Z')
			)
		).toEqual({ ok: false, reason: 'in_past' });
		expect(
			await createSlots(
				t.db,
				{
					...base,
					staffId: jeroen,
					allowsHome: false,
					allowsSchool: false,
					allowsNeutral: false,
					times: [later]
				},
				AMS,
				NOW
			)
		).toEqual({ ok: false, reason: 'no_place' });
		expect(
			await createSlots(
				t.db,
				{ ...base, staffId: jeroen, secondStaffId: jeroen, times: [later] },
				AMS,
				NOW
			)
		).toEqual({ ok: false, reason: 'same_person' });
		const otherSchool = await makeSchool(t.db);
		const stranger = await makeStaff(t.db, otherSchool.id);
		expect(
			await createSlots(t.db, { ...base, staffId: stranger.id, times: [later] }, AMS, NOW)
		).toEqual({ ok: false, reason: 'unknown_staff' });
		expect(
			await createSlots(
				t.db,
				{ ...base, staffId: jeroen, secondStaffId: stranger.id, times: [later] },
				AMS,
				NOW
			)
		).toEqual({ ok: false, reason: 'unknown_staff' });
		expect(
			await createSlots(
				t.db,
				{ ...base, schoolId: otherSchool.id, staffId: stranger.id, times: [later] },
				AMS,
				NOW
			)
		).toEqual({ ok: false, reason: 'unknown_round' });
		expect(
			await slotsOfPerson(
				t.db,
				otherSchool.id,
				anouk,
				new Date('2026-10-01'),
				new Date('2026-12-01')
			)
		).toEqual([]);
	});

	it.runIf(kind === 'postgres')(
		'lets exactly one of 20 concurrent overlapping slots for one intern through',
		async () => {
			// An intern of its own: the one slot that gets through is not in the other intern's week.
			const intern = (await makeStaff(t.db, schoolId, { name: 'Sanne (stagiair)' })).id;
			const teachers = await Promise.all(
				Array.from({ length: 20 }, (_, i) => makeStaff(t.db, schoolId, { name: `Leerkracht ${i}` }))
			);
			const results = await Promise.all(
				teachers.map((teacher, i) =>
					createSlots(
						t.db,
						{
							...base,
							staffId: teacher.id,
							secondStaffId: intern,
							times: [at('2026-11-13', '18:00', `18:${String(30 + i).padStart(2, '0')}`)]
						},
						AMS,
						NOW
					)
				)
			);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok && r.reason === 'overlap')).toHaveLength(19);
			const rows = await t.db.select({ n: count() }).from(slotStaff);
			expect(rows[0]!.n).toBeGreaterThan(0);
		}
	);
});
