/**
 * A family's children as staff see them beside a visit: their groups, and their full names
 * (`childrenLabel`). One family in every booking's transaction (built once), as a column of a
 * query around it (a first booking's), or many at once for a calendar feed or a teacher's list of
 * requests. Oldest first; twins by first name, so every read gives the same order.
 */
import { asc, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm';
import { jsonObject, jsonOf, type Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { group, pupil } from '../db/schema';
import { childrenLabel, type ChildForStaff } from './names';

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
				.orderBy(asc(pupil.birthDate), asc(pupil.firstName))
		: [];
	return (familyId: string) => childrenLabel(rows.filter((row) => row.familyId === familyId));
}

const childrenOf = preparedQuery((db) =>
	db
		.select(childColumns)
		.from(pupil)
		.leftJoin(group, eq(group.id, pupil.groupId))
		.where(eq(pupil.familyId, sql.placeholder('familyId')))
		.orderBy(asc(pupil.birthDate), asc(pupil.firstName))
		.prepare('family_children')
);

/**
 * The children of the family whose id is `familyId` (a column of the query around it), as one
 * JSON column: what `familyChildren` reads, in its order. Read it with `familyChildrenOfJson`.
 */
export const familyChildrenJson = (familyId: SQLWrapper) =>
	sql<unknown>`(select coalesce(json_agg(${jsonObject(childColumns)}
		order by ${pupil.birthDate}, ${pupil.firstName}), '[]'::json)
		from ${pupil} left join ${group} on ${group.id} = ${pupil.groupId}
		where ${pupil.familyId} = ${familyId})`;

/** familyChildrenJson's column as familyChildren gives it. */
export const familyChildrenOfJson = (value: unknown) =>
	childrenLabel(jsonOf<ChildForStaff[]>(value) ?? []);
