/**
 * Who an arrangement concerns, for the office's "done" line: the interpreter's name, the visit's
 * time and whether anyone was mailed. The invite goes to the interpreter's own address, else to
 * their staff account's (invite.ts): with neither nobody was told, and the office must say so.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { interpreter, interpreterRequest, staff } from '../db/schema';
import { isUuid } from '../forms';
import { arrangedInterpreter } from '../db/partial';

export interface ArrangedPerson {
	name: string;
	mailed: boolean;
	startsAt: Date;
}

export async function arrangedPerson(
	db: Database,
	schoolId: string,
	requestId: string
): Promise<ArrangedPerson | null> {
	if (!isUuid(requestId)) return null;
	const [row] = await db
		.select({
			name: interpreter.name,
			email: interpreter.email,
			staffEmail: staff.email,
			startsAt: interpreterRequest.startsAt
		})
		.from(interpreterRequest)
		.innerJoin(interpreter, eq(interpreter.id, interpreterRequest.interpreterId))
		.leftJoin(staff, eq(staff.id, interpreter.staffId))
		.where(
			and(
				eq(interpreterRequest.id, requestId),
				eq(interpreterRequest.schoolId, schoolId),
				arrangedInterpreter
			)
		);
	return row
		? { name: row.name, mailed: Boolean(row.email || row.staffEmail), startsAt: row.startsAt }
		: null;
}
