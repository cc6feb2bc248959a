/** The office decides who visits a family, e.g. a teacher who already knows the family. */
import { and, eq } from 'drizzle-orm';
import { isUuid } from '../forms';
import type { Database } from '../db';
import { family, staff } from '../db/schema';
import { recordAudit } from '../audit/record';

export async function assignVisitor(
	db: Database,
	schoolId: string,
	actorId: string,
	familyId: string,
	staffId: string
): Promise<boolean> {
	if (!isUuid(familyId) || !isUuid(staffId)) return false;
	const [person] = await db
		.select({ id: staff.id })
		.from(staff)
		.where(and(eq(staff.id, staffId), eq(staff.schoolId, schoolId), eq(staff.active, true)));
	if (!person) return false;
	const updated = await db
		.update(family)
		.set({ visitingStaffId: staffId })
		.where(and(eq(family.id, familyId), eq(family.schoolId, schoolId)))
		.returning({ id: family.id });
	if (updated.length === 0) return false;
	await recordAudit(db, {
		schoolId,
		actorKind: 'staff',
		actorId,
		action: 'family.visitor_assigned',
		subjectType: 'family',
		subjectId: familyId
	});
	return true;
}
