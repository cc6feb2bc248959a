/**
 * A finished round's evaluation describes that round as it was: a roster imported after it ended
 * (a new school year, a school of 1,000 pupils) changes neither how many families it was for nor
 * their groups and teachers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamiliesInGroup, makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import { family, group, pupil, visitRound, visitRoundFamily } from '../../src/lib/server/db/schema';
import { recordEndedRounds, roundFigures } from '../../src/lib/server/evaluation/figures';

// The fixture's round runs 26 October – 13 November 2026.
const DURING = new Date('2026-11-10T12:00:00Z');
const AFTER = new Date('2026-11-14T06:00:00Z');

describe.each(databaseKinds)('a finished round’s evaluation on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('counts the families the round was for, not today’s roster', async () => {
		const school = await makeSchool(t.db);
		const anouk = await makeStaff(t.db, school.id, { name: 'Anouk Visser' });
		const jeroen = await makeStaff(t.db, school.id, { name: 'Jeroen Bos' });
		const made = await makeFamilyInRound(t.db, school.id, anouk.id);
		const roundId = made.round.id;
		await makeFamiliesInGroup(t.db, school.id, made.group.id, anouk.id, 1);

		const during = await roundFigures(t.db, school.id, roundId, DURING);
		expect(during!.total.invited).toBe(2);
		// While it runs, it follows the roster: a family that joins is invited too.
		await makeFamiliesInGroup(t.db, school.id, made.group.id, anouk.id, 1);
		expect((await roundFigures(t.db, school.id, roundId, DURING))!.total.invited).toBe(3);

		// It ends; the daily job records its three families, once.
		expect(await recordEndedRounds(t.db, AFTER)).toBe(1);
		expect(await recordEndedRounds(t.db, AFTER)).toBe(0);
		const ended = await roundFigures(t.db, school.id, roundId, AFTER);
		expect(ended!.total).toMatchObject({ invited: 3, notReached: 3 });
		expect(ended!.groups.map((g) => [g.label, g.invited])).toEqual([[made.group.name, 3]]);
		expect(ended!.teachers.map((r) => [r.label, r.invited])).toEqual([['Anouk Visser', 3]]);

		// The next school year: 240 families imported into the group, the children move up to a
		// new group, and Jeroen visits them now. The round's figures stay as they were.
		await makeFamiliesInGroup(t.db, school.id, made.group.id, anouk.id, 240);
		const [next] = await t.db
			.insert(group)
			.values({ schoolId: school.id, name: 'Groep 2B', year: 2 })
			.returning();
		await t.db.update(pupil).set({ groupId: next!.id }).where(eq(pupil.schoolId, school.id));
		await t.db
			.update(family)
			.set({ visitingStaffId: jeroen.id })
			.where(eq(family.schoolId, school.id));
		const later = await roundFigures(t.db, school.id, roundId, new Date('2027-09-01T08:00:00Z'));
		expect({ ...later, frozenAt: null }).toEqual({ ...ended, frozenAt: null });
		expect(await t.db.select().from(visitRoundFamily)).toHaveLength(3);

		// A family erased on request leaves the round's families with it.
		await t.db.delete(family).where(eq(family.id, made.family.id));
		expect((await roundFigures(t.db, school.id, roundId, AFTER))!.total.invited).toBe(2);
	});

	it('records a round that ended before the daily job came by when its evaluation is opened', async () => {
		const school = await makeSchool(t.db);
		const teacher = await makeStaff(t.db, school.id);
		const made = await makeFamilyInRound(t.db, school.id, teacher.id);
		expect((await roundFigures(t.db, school.id, made.round.id, AFTER))!.total.invited).toBe(1);
		const [round] = await t.db
			.select({ at: visitRound.membersRecordedAt })
			.from(visitRound)
			.where(eq(visitRound.id, made.round.id));
		expect(round!.at).toEqual(AFTER);
		await makeFamiliesInGroup(t.db, school.id, made.group.id, teacher.id, 5);
		expect((await roundFigures(t.db, school.id, made.round.id, AFTER))!.total.invited).toBe(1);
	});
});
