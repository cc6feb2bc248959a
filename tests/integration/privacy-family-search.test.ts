/**
 * The Privacy page's family search at the size of a big school: "Jansen" matches 28 families,
 * and the office must see that, page through them, and never get another school's family.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase, type TestDatabase } from '../support/databases';
import { makeSchool } from '../support/fixtures';
import { findFamilies } from '../../src/lib/server/privacy/family-data';
import { family, guardian, pupil } from '../../src/lib/server/db/schema';
import type { Database } from '../../src/lib/server/db';

/** `n` families whose child is called "<first> Jansen", pupil numbers from `from`. */
async function jansens(db: Database, schoolId: string, n: number, from: number) {
	const families = await db
		.insert(family)
		.values(Array.from({ length: n }, () => ({ schoolId })))
		.returning({ id: family.id });
	await db.insert(pupil).values(
		families.map((f, i) => ({
			schoolId,
			familyId: f.id,
			pupilNumber: String(from + i),
			firstName: `Kind${String(i).padStart(2, '0')}`,
			lastName: 'Jansen'
		}))
	);
	return families.map((f) => f.id);
}

describe.each(databaseKinds)('the privacy search on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await freshDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('says how many families match and pages through all of them, this school only', async () => {
		const school = await makeSchool(t.db);
		const elsewhere = await makeSchool(t.db);
		const ours = await jansens(t.db, school.id, 28, 5000);
		await jansens(t.db, elsewhere.id, 5, 9000);
		// A parent's name matches too, and counts once per family.
		await t.db.insert(guardian).values({ familyId: ours[0]!, name: 'Els Jansen' });

		const first = await findFamilies(t.db, school.id, 'jansen');
		expect(first).toMatchObject({ total: 28, page: 1, pages: 2 });
		expect(first.families).toHaveLength(20);
		const second = await findFamilies(t.db, school.id, 'jansen', 2);
		expect(second).toMatchObject({ total: 28, page: 2, pages: 2 });
		expect(second.families).toHaveLength(8);
		const seen = [...first.families, ...second.families].map((f) => f.id);
		expect(new Set(seen)).toEqual(new Set(ours));
		expect(first.families[0]!.children).toEqual(['Kind00 Jansen (5000)']);

		// Past the end, or a page that is not a number: no families, the count still there.
		expect(await findFamilies(t.db, school.id, 'jansen', 9)).toMatchObject({
			families: [],
			total: 28,
			page: 9
		});
		expect(await findFamilies(t.db, school.id, 'jansen', Number('x'))).toMatchObject({
			total: 28,
			page: 1
		});
		// Narrowed by pupil number: one.
		expect(await findFamilies(t.db, school.id, '5017')).toMatchObject({ total: 1, pages: 1 });
		expect((await findFamilies(t.db, school.id, '9001')).total).toBe(0);
		expect((await findFamilies(t.db, school.id, 'j')).total).toBe(0);
	});
});
