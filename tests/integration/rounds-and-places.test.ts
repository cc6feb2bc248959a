import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeSchool, makeStaff } from '../support/fixtures';
import {
	listRounds,
	roundForEditing,
	saveRound,
	type RoundInput
} from '../../src/lib/server/visit-rounds/manage';
import { addPlace, listPlaces, updatePlace } from '../../src/lib/server/places/manage';
import { group, visitRound, visitRoundGroup } from '../../src/lib/server/db/schema';

const AMS = 'Europe/Amsterdam';
const TODAY = '2026-10-01';

describe.each(databaseKinds)('visit rounds and neutral places on %s', (kind) => {
	let t: TestDatabase;

	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	/** A school of the test's own, with groups 1A, 2T (language class), 3B and 7A, and the round its office fills in. */
	const newSchool = async () => {
		const schoolId = (await makeSchool(t.db)).id;
		const adminId = (await makeStaff(t.db, schoolId, { role: 'admin' })).id;
		const rows = await t.db
			.insert(group)
			.values([
				{ schoolId, name: '1A', year: 1 },
				{ schoolId, name: '2T', year: 2, isLanguageClass: true },
				{ schoolId, name: '3B', year: 3 },
				{ schoolId, name: '7A', year: 7 }
			])
			.returning();
		const groups: Record<string, string> = Object.fromEntries(rows.map((g) => [g.name, g.id]));
		const input: RoundInput = {
			name: 'Huisbezoeken najaar 2026',
			startsOn: '2026-10-26',
			endsOn: '2026-11-13',
			visitMinutes: 45,
			travelMinutes: 15,
			opensOn: '2026-10-05',
			opensAt: '08:00',
			closesOn: '2026-11-12',
			closesAt: '18:00',
			changeDeadlineHours: 24,
			reminderHoursBefore: 24,
			includeNewPupils: true,
			newPupilTalkingPoints: 'Kennismaken',
			groups: { [groups['1A']!]: 'Kennismaken\nSpeelgoed', [groups['3B']!]: 'Bedtijd' }
		};
		return { schoolId, adminId, groups, input };
	};

	it("proposes groups 1, 3, 5 and the language class with the policies' talking points", async () => {
		const { schoolId } = await newSchool();
		const fresh = await roundForEditing(t.db, schoolId, null, AMS, TODAY);
		const byName = Object.fromEntries(fresh!.groups.map((g) => [g.name, g]));
		expect(byName['1A']).toMatchObject({ takesPart: true });
		expect(byName['1A']!.talkingPoints).toContain('Speelmateriaal thuis');
		expect(byName['2T']).toMatchObject({ takesPart: true });
		expect(byName['2T']!.talkingPoints).toContain('taalleerkracht');
		expect(byName['7A']).toMatchObject({ takesPart: false });
	});

	it('saves a round: wall-clock booking times across the clock change, groups and their points', async () => {
		const { schoolId, adminId, groups, input } = await newSchool();
		const saved = await saveRound(t.db, schoolId, adminId, null, input, AMS, TODAY);
		if (!saved.ok) throw new Error(saved.problem);
		const [round] = await t.db.select().from(visitRound).where(eq(visitRound.id, saved.id));
		// 5 October is summer time (UTC+2), 12 November winter time (UTC+1).
		expect(round!.bookingOpensAt.toISOString()).toBe('2026-10-05T06:00:00.000Z');
		expect(round!.bookingClosesAt.toISOString()).toBe('2026-11-12T17:00:00.000Z');
		const chosen = await t.db
			.select()
			.from(visitRoundGroup)
			.where(eq(visitRoundGroup.roundId, saved.id));
		expect(chosen.map((g) => g.talkingPoints).sort()).toEqual([
			'Bedtijd',
			'Kennismaken\nSpeelgoed'
		]);

		const again = await saveRound(
			t.db,
			schoolId,
			adminId,
			saved.id,
			{ ...input, groups: { [groups['7A']!]: 'Huiswerk\r\nBrugklas' } },
			AMS,
			TODAY
		);
		expect(again.ok).toBe(true);
		const editing = await roundForEditing(t.db, schoolId, saved.id, AMS, TODAY);
		expect(editing!.groups.filter((g) => g.takesPart).map((g) => g.name)).toEqual(['7A']);
		expect(editing!.values).toMatchObject({
			opensOn: '2026-10-05',
			opensAt: '08:00',
			closesOn: '2026-11-12',
			closesAt: '18:00'
		});
		expect((await listRounds(t.db, schoolId)).map((r) => r.name)).toEqual([
			'Huisbezoeken najaar 2026'
		]);
	});

	it('calls current the round running today, else the next, else the last one', async () => {
		const { currentRound } = await import('../../src/lib/server/school/overview');
		const { schoolId, adminId, input } = await newSchool();
		// The autumn round, and one in spring.
		expect((await saveRound(t.db, schoolId, adminId, null, input, AMS, TODAY)).ok).toBe(true);
		const spring = await saveRound(
			t.db,
			schoolId,
			adminId,
			null,
			{
				...input,
				name: 'Voorjaar 2027',
				startsOn: '2027-03-01',
				endsOn: '2027-03-26',
				opensOn: '2027-02-01',
				closesOn: '2027-03-25'
			},
			AMS,
			TODAY
		);
		expect(spring.ok).toBe(true);
		expect((await currentRound(t.db, schoolId, '2026-10-01'))?.name).toBe(
			'Huisbezoeken najaar 2026'
		);
		expect((await currentRound(t.db, schoolId, '2026-11-02'))?.name).toBe(
			'Huisbezoeken najaar 2026'
		);
		expect((await currentRound(t.db, schoolId, '2026-12-01'))?.name).toBe('Voorjaar 2027');
		expect((await currentRound(t.db, schoolId, '2027-06-01'))?.name).toBe('Voorjaar 2027');
	});

	it('names what is wrong with a round', async () => {
		const { schoolId, adminId, groups, input } = await newSchool();
		const check = (over: Partial<RoundInput>) =>
			saveRound(t.db, schoolId, adminId, null, { ...input, ...over }, AMS, TODAY);
		expect(await check({ name: ' ' })).toEqual({ ok: false, problem: 'name_required' });
		expect(await check({ endsOn: '2026-10-01' })).toEqual({
			ok: false,
			problem: 'end_before_start'
		});
		expect(await check({ endsOn: '2027-06-01' })).toEqual({ ok: false, problem: 'too_long' });
		expect(await check({ startsOn: '2026-02-30' })).toEqual({
			ok: false,
			problem: 'invalid_dates'
		});
		expect(await check({ visitMinutes: NaN })).toEqual({ ok: false, problem: 'invalid_length' });
		expect(await check({ closesOn: '2026-11-20' })).toEqual({
			ok: false,
			problem: 'invalid_booking_window'
		});
		expect(await check({ closesOn: '2026-10-01' })).toEqual({
			ok: false,
			problem: 'invalid_booking_window'
		});
		expect(await check({ changeDeadlineHours: 1000 })).toEqual({
			ok: false,
			problem: 'invalid_hours'
		});
		expect(await check({ groups: {}, includeNewPupils: false })).toEqual({
			ok: false,
			problem: 'no_groups'
		});
		expect(await check({ groups: { [groups['1A']!]: 'x'.repeat(2001) } })).toEqual({
			ok: false,
			problem: 'text_too_long'
		});
	});

	it('keeps an ended round readable but closed, and other schools out', async () => {
		const { schoolId, adminId, input } = await newSchool();
		const old = await saveRound(
			t.db,
			schoolId,
			adminId,
			null,
			{
				...input,
				name: 'Najaar 2025',
				startsOn: '2025-10-27',
				endsOn: '2025-11-14',
				opensOn: '2025-10-01',
				closesOn: '2025-11-13'
			},
			AMS,
			'2025-10-01'
		);
		if (!old.ok) throw new Error(old.problem);
		expect((await roundForEditing(t.db, schoolId, old.id, AMS, TODAY))!.ended).toBe(true);
		expect(await saveRound(t.db, schoolId, adminId, old.id, input, AMS, TODAY)).toEqual({
			ok: false,
			problem: 'ended'
		});
		const other = await makeSchool(t.db);
		expect(await roundForEditing(t.db, other.id, old.id, AMS, TODAY)).toBeNull();
		expect((await saveRound(t.db, other.id, adminId, old.id, input, AMS, TODAY)).ok).toBe(false);
	});

	it('adds and edits neutral places, per school', async () => {
		const { schoolId } = await newSchool();
		const added = await addPlace(t.db, schoolId, {
			name: ' Buurthuis De Meeuw ',
			address: 'Meeuwenlaan 1\r\n',
			accessibility: 'Rolstoeltoegankelijk\nDi en do tot 21 uur'
		});
		if (!added.ok) throw new Error(added.problem);
		expect(await addPlace(t.db, schoolId, { name: '', address: 'x', accessibility: '' })).toEqual({
			ok: false,
			problem: 'name_required'
		});
		expect(
			await updatePlace(t.db, schoolId, added.id, {
				name: 'Buurthuis De Meeuw',
				address: 'Meeuwenlaan 1',
				accessibility: '',
				active: false
			})
		).toEqual({ ok: true, id: added.id });
		const other = await makeSchool(t.db);
		expect(
			await updatePlace(t.db, other.id, added.id, {
				name: 'Overgenomen',
				address: 'x',
				accessibility: '',
				active: true
			})
		).toEqual({ ok: false, problem: 'not_found' });
		expect(await listPlaces(t.db, schoolId)).toEqual([
			{
				id: added.id,
				name: 'Buurthuis De Meeuw',
				address: 'Meeuwenlaan 1',
				accessibility: '',
				active: false
			}
		]);
		expect(await listPlaces(t.db, other.id)).toEqual([]);
	});
});
