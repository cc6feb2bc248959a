/**
 * Two transactions that each insert `slot_staff` rows for the same person check the exclusion
 * constraint against each other's uncommitted rows and can deadlock. Taking the people's staff
 * rows first, always in id order, makes such writers queue instead: the second one then sees the
 * first one's committed slot and gets a plain overlap.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { staff } from '../db/schema';

export async function lockStaffForSlots(tx: Database, staffIds: string[]): Promise<void> {
	if (staffIds.length === 0) return;
	await tx
		.select({ id: staff.id })
		.from(staff)
		.where(inArray(staff.id, staffIds))
		.orderBy(sql`${staff.id}`)
		.for('no key update');
}
