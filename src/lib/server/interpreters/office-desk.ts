import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { staff } from '../db/schema';

/**
 * Who arranges interpreters: the active staff titled office, or every active admin where the
 * school has nobody with that title (a small school where the director does it).
 */
export async function officeDesk(tx: Database, schoolId: string) {
	const admins = await tx
		.select({ name: staff.name, email: staff.email, language: staff.language, title: staff.title })
		.from(staff)
		.where(and(eq(staff.schoolId, schoolId), eq(staff.role, 'admin'), eq(staff.active, true)));
	const office = admins.filter((s) => s.title === 'office');
	return office.length > 0 ? office : admins;
}
