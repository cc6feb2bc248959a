import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/lib/server/db';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeFamilyInRound, makeSchool, makeStaff } from '../support/fixtures';
import {
	currentRound,
	familiesVisitedBy,
	groupsOfTeacher,
	schoolCounts,
	staffOfSchool
} from '../../src/lib/server/school/overview';
import { familyPage, familyPageOf, openFamilyLink } from '../../src/lib/server/families/page';
import { issueFamilyLink, resolveFamilyLink } from '../../src/lib/server/families/links';
import { familiesInRound } from '../../src/lib/server/families/overview';

describe.each(databaseKinds)('two schools on %s', (kind) => {
	let t: TestDatabase;
	let a: { schoolId: string; teacherId: string; familyId: string; roundId: string };
	let b: { schoolId: string; teacherId: string; familyId: string; roundId: string };

	beforeAll(async () => {
		t = await freshDatabase(kind);
		const make = async (name: string) => {
			const s = await makeSchool(t.db, name);
			const teacher = await makeStaff(t.db, s.id);
			await makeStaff(t.db, s.id, { role: 'admin' });
			const { family, round } = await makeFamilyInRound(t.db, s.id, teacher.id);
			return { schoolId: s.id, teacherId: teacher.id, familyId: family.id, roundId: round.id };
		};
		a = await make('School A');
		b = await make('School B');
	});
	afterAll(() => t?.dispose());

	it('counts and lists only the own school', async () => {
		expect(await schoolCounts(t.db, a.schoolId)).toEqual({
			groups: 1,
			pupils: 1,
			families: 1,
			staff: 2
		});
		expect((await staffOfSchool(t.db, a.schoolId)).length).toBe(2);
		expect((await currentRound(t.db, a.schoolId, '2026-10-01'))?.name).toBeDefined();
	});

	it('shows a teacher of school A nothing of school B, even with B ids', async () => {
		expect(await groupsOfTeacher(t.db, a.schoolId, b.teacherId)).toEqual([]);
		expect(await familiesVisitedBy(t.db, a.schoolId, b.teacherId)).toBe(0);
		expect((await groupsOfTeacher(t.db, a.schoolId, a.teacherId)).length).toBe(1);
	});

	it("never pairs a family with another school's round", async () => {
		expect(await familyPage(t.db, a.familyId, b.roundId)).toBeNull();
		expect(await familyPage(t.db, a.familyId, a.roundId)).not.toBeNull();
	});

	it('resolves a family link to that family only, and not once revoked', async () => {
		const token = await issueFamilyLink(t.db, a.familyId, a.roundId);
		expect(token.length).toBeGreaterThanOrEqual(26); // 160 bits in base32
		expect(await resolveFamilyLink(t.db, token)).toMatchObject({
			familyId: a.familyId,
			roundId: a.roundId
		});
		const replacement = await issueFamilyLink(t.db, a.familyId, a.roundId);
		expect(await resolveFamilyLink(t.db, token)).toBeNull();
		expect(await resolveFamilyLink(t.db, replacement)).not.toBeNull();
		for (const bad of [
			'',
			'a'.repeat(32),
			replacement.toUpperCase(),
			replacement + 'a',
			'../../etc/passwd'
		]) {
			expect(await resolveFamilyLink(t.db, bad)).toBeNull();
			expect(await openFamilyLink(t.db, bad)).toBeNull();
		}
	});

	it('opens a link with the head of its page, the same page as familyPage gives', async () => {
		const token = await issueFamilyLink(t.db, a.familyId, a.roundId);
		// An open request, so the page's head has something that only a page shows.
		await t.db.execute(
			sql`insert into family_request (school_id, round_id, family_id, kind)
				values (${a.schoolId}, ${a.roundId}, ${a.familyId}, 'call_me')`
		);
		const opened = await openFamilyLink(t.db, token);
		expect(opened!.head.requests).not.toBeNull();
		expect(opened).toMatchObject({ ...(await resolveFamilyLink(t.db, token)) });
		expect(await familyPageOf(t.db, opened!)).toEqual(
			await familyPage(t.db, a.familyId, a.roundId)
		);
		// A form's request opens the same link and head, without what only a page shows.
		const forAction = await openFamilyLink(t.db, token, 'POST');
		expect(forAction!.head).toEqual({ ...opened!.head, answer: null, requests: null });
		expect({ ...forAction, head: null }).toEqual({ ...opened, head: null });
		await t.db.execute(sql`delete from family_request where family_id = ${a.familyId}`);
		await issueFamilyLink(t.db, a.familyId, a.roundId);
		expect(await openFamilyLink(t.db, token)).toBeNull();
	});

	it("takes none of another school's new pupils into a round that includes new pupils", async () => {
		const inRound = async (roundId: string) =>
			rowsOf<{ family_id: string }>(
				await t.db.execute(sql`select family_id from (${familiesInRound(roundId)}) f`)
			).map((r) => r.family_id);
		await t.db.execute(sql`update pupil set is_new = true where school_id = ${b.schoolId}`);
		try {
			expect(await inRound(a.roundId)).toEqual([a.familyId]);
			expect(await inRound(b.roundId)).toEqual([b.familyId]);
		} finally {
			await t.db.execute(sql`update pupil set is_new = false where school_id = ${b.schoolId}`);
		}
	});
});
