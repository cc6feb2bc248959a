/** Small, explicit records for tests: a school with staff, a group, a family and a round. */
import type { Database } from '../../src/lib/server/db';
import {
	family,
	group,
	groupTeacher,
	guardian,
	pupil,
	school,
	staff,
	visitRound,
	visitRoundGroup
} from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';

let counter = 0;

export async function makeSchool(db: Database, name = `Testschool ${++counter}`) {
	const [row] = await db
		.insert(school)
		.values({ name, city: 'Utrecht', phone: '030 000 0000' })
		.returning();
	return row!;
}

export async function makeStaff(
	db: Database,
	schoolId: string,
	options: {
		email?: string;
		password?: string | null;
		role?: 'admin' | 'teacher';
		name?: string;
		active?: boolean;
	} = {}
) {
	const email = options.email ?? `staff${++counter}@school.example`;
	const passwordHash =
		options.password === null
			? null
			: await hashPassword(options.password ?? 'correct horse battery');
	const [row] = await db
		.insert(staff)
		.values({
			schoolId,
			email,
			name: options.name ?? `Leerkracht ${counter}`,
			role: options.role ?? 'teacher',
			passwordHash,
			active: options.active ?? true
		})
		.returning();
	return row!;
}

export async function makeFamilyInRound(db: Database, schoolId: string, teacherId: string) {
	const [g] = await db
		.insert(group)
		.values({ schoolId, name: `G${++counter}`, year: 1 })
		.returning();
	await db.insert(groupTeacher).values({ groupId: g!.id, staffId: teacherId });
	const [f] = await db
		.insert(family)
		.values({
			schoolId,
			street: 'Straat 1',
			postalCode: '1234 AB',
			city: 'Utrecht',
			visitingStaffId: teacherId
		})
		.returning();
	await db
		.insert(guardian)
		.values({ familyId: f!.id, name: 'Ouder', email: `ouder${counter}@example.org` });
	await db.insert(pupil).values({
		schoolId,
		familyId: f!.id,
		groupId: g!.id,
		pupilNumber: `P${counter}`,
		firstName: `Kind${counter}`,
		lastName: 'Test',
		birthDate: '2020-01-01'
	});
	const [r] = await db
		.insert(visitRound)
		.values({
			schoolId,
			name: `Ronde ${counter}`,
			startsOn: '2026-10-26',
			endsOn: '2026-11-13',
			bookingOpensAt: new Date('2026-10-01T00:00:00Z'),
			bookingClosesAt: new Date('2026-11-12T00:00:00Z')
		})
		.returning();
	await db
		.insert(visitRoundGroup)
		.values({ roundId: r!.id, groupId: g!.id, talkingPoints: 'Kennismaken\nWelbevinden' });
	return { group: g!, family: f!, round: r! };
}

/**
 * `n` more families, each with a parent and a child in the group, visited by the teacher: what a
 * roster import adds to a school.
 */
export async function makeFamiliesInGroup(
	db: Database,
	schoolId: string,
	groupId: string,
	teacherId: string,
	n: number
): Promise<string[]> {
	const rows = await db
		.insert(family)
		.values(Array.from({ length: n }, () => ({ schoolId, visitingStaffId: teacherId })))
		.returning({ id: family.id });
	await db.insert(guardian).values(rows.map((f) => ({ familyId: f.id, name: 'Ouder' })));
	await db.insert(pupil).values(
		rows.map((f) => ({
			schoolId,
			familyId: f.id,
			groupId,
			// Unique within the school: the family id is.
			pupilNumber: f.id.slice(0, 13),
			firstName: 'Kind',
			lastName: 'Test'
		}))
	);
	return rows.map((r) => r.id);
}
