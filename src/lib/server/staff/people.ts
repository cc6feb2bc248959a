/** Staff of one school, for pickers (second staff member, whose calendar an admin looks at). */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { staff } from '../db/schema';

export interface Person {
	id: string;
	name: string;
	title: string;
}

export async function activeStaff(db: Database, schoolId: string): Promise<Person[]> {
	return db
		.select({ id: staff.id, name: staff.name, title: staff.title })
		.from(staff)
		.where(and(eq(staff.schoolId, schoolId), eq(staff.active, true)))
		.orderBy(asc(staff.name));
}
