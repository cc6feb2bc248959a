/**
 * A family's children as staff see them beside a visit: their groups, and their full names
 * (`childrenLabel`). One family in every booking's transaction (built once), or many at once for
 * a calendar feed or a teacher's list of requests.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { group, pupil } from '../db/schema';
import { childrenLabel } from './names';

export async function familyChildren(db: Database, familyId: string) {
	return childrenLabel(await childrenOf(db).execute({ familyId }));
}

const childColumns = {
	firstName: pupil.firstName,
	infix: pupil.infix,
	lastName: pupil.lastName,
	group: group.name
};

/** Many families' children in one query; returns each family's label by its id. */
export async function childrenOfFamilies(db: Database, familyIds: string[]) {
	const rows = familyIds.length
		? await db
				.select({ familyId: pupil.familyId, ...childColumns })
				.from(pupil)
				.leftJoin(group, eq(group.id, pupil.groupId))
				.where(inArray(pupil.familyId, familyIds))
				.orderBy(asc(pupil.birthDate))
		: [];
	return (familyId: string) => childrenLabel(rows.filter((row) => row.familyId === familyId));
}

const childrenOf = preparedQuery((db) =>
	db
		.select(childColumns)
		.from(pupil)
		.leftJoin(group, eq(group.id, pupil.groupId))
		.where(eq(pupil.familyId, sql.placeholder('familyId')))
		.orderBy(asc(pupil.birthDate))
		.prepare('family_children')
);
