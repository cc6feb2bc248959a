/**
 * What a family may know of its interpreter: whether the one it asked for is arranged, in person
 * or by phone, and the interpreter's name only where the school chose to give it
 * (`school.interpreter_name_to_families`). The family page and the family's mails ask this.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { interpreter, interpreterRequest, school } from '../db/schema';
import { arrangedInterpreter } from '../db/partial';

export interface ArrangedForFamily {
	mode: 'in_person' | 'phone';
	name: string | null;
}

export async function arrangedForFamily(
	db: Database,
	bookingId: string
): Promise<ArrangedForFamily | null> {
	const [row] = await db
		.select({
			mode: interpreterRequest.mode,
			name: interpreter.name,
			giveName: school.interpreterNameToFamilies
		})
		.from(interpreterRequest)
		.innerJoin(interpreter, eq(interpreter.id, interpreterRequest.interpreterId))
		.innerJoin(school, eq(school.id, interpreterRequest.schoolId))
		.where(and(eq(interpreterRequest.bookingId, bookingId), arrangedInterpreter));
	if (!row?.mode) return null;
	return { mode: row.mode, name: row.giveName ? row.name : null };
}
