/**
 * A pupil's full name as the school writes it: first name, name prefix (tussenvoegsel) and last
 * name, "Noor de Vries". The pupil administration keeps the prefix in a field of its own, and
 * gluing first and last name together forgets it ("Noor Vries"): build the name here, in code
 * and in SQL, and nowhere else.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface PupilName {
	firstName: string;
	infix?: string | null;
	lastName: string;
}

export function fullName(pupil: PupilName): string {
	return [pupil.firstName, pupil.infix, pupil.lastName]
		.map((part) => part?.trim())
		.filter(Boolean)
		.join(' ');
}

/** The same in SQL, for a `pupil` row under the given alias (an empty prefix adds no space). */
export function fullNameSql(alias: string): SQL {
	// The alias is spliced into the query: only a plain identifier, written in our own code.
	if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
	return sql.raw(
		`trim(concat_ws(' ', ${alias}.first_name, nullif(${alias}.infix, ''), ${alias}.last_name))`
	);
}

export interface ChildForStaff extends PupilName {
	group: string | null;
}

/** Children as staff invites and the feed may show them: groups by default, full names only when the school allows. */
export function childrenLabel(children: ChildForStaff[]) {
	const groups = [...new Set(children.map((c) => c.group).filter((g): g is string => Boolean(g)))];
	return { label: groups.join(', ') || '—', names: children.map(fullName).join(', ') };
}
