/**
 * For school IT: make someone an admin of a school and hand them a one-time setup link.
 * Running it again for the same person gives a fresh link (and so is the way back in for an
 * admin who lost their password).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { school, staff } from '../db/schema';
import { createStaffToken } from '../auth/staff-token';
import { normaliseEmail } from '../auth/sign-in';
import { isEmail, singleLine } from '../forms';
import { now as businessNow } from '../clock';
import { transaction } from '../db/transaction';

export type CreateAdminResult =
	| { ok: true; token: string; created: boolean; schoolName: string }
	| {
			ok: false;
			reason: 'invalid_email' | 'school_required' | 'school_ambiguous' | 'belongs_to_other_school';
	  };

export async function createAdmin(
	db: Database,
	input: { email: string; name?: string; schoolName?: string },
	now = businessNow()
): Promise<CreateAdminResult> {
	const email = normaliseEmail(singleLine(input.email));
	if (!isEmail(email)) return { ok: false, reason: 'invalid_email' };

	const result = await transaction(db, async (tx) => {
		let target: { id: string; name: string } | undefined;
		const wanted = input.schoolName ? singleLine(input.schoolName) : '';
		if (wanted) {
			[target] = await tx
				.select({ id: school.id, name: school.name })
				.from(school)
				.where(and(eq(school.name, wanted), eq(school.isDemo, false)));
			target ??= (
				await tx
					.insert(school)
					.values({ name: wanted })
					.returning({ id: school.id, name: school.name })
			)[0];
		} else {
			const real = await tx
				.select({ id: school.id, name: school.name })
				.from(school)
				.where(eq(school.isDemo, false));
			if (real.length === 0) return { ok: false, reason: 'school_required' } as const;
			if (real.length > 1) return { ok: false, reason: 'school_ambiguous' } as const;
			target = real[0];
		}
		const schoolRow = target!;

		const [existing] = await tx
			.select({ id: staff.id, schoolId: staff.schoolId, passwordHash: staff.passwordHash })
			.from(staff)
			.where(eq(staff.email, email));
		if (existing && existing.schoolId !== schoolRow.id)
			return { ok: false, reason: 'belongs_to_other_school' } as const;
		let staffId: string;
		if (existing) {
			await tx.update(staff).set({ role: 'admin', active: true }).where(eq(staff.id, existing.id));
			staffId = existing.id;
		} else {
			const name = input.name ? singleLine(input.name) : email.split('@')[0]!;
			const [row] = await tx
				.insert(staff)
				.values({ schoolId: schoolRow.id, email, name, role: 'admin', title: 'office' })
				.returning({ id: staff.id });
			staffId = row!.id;
		}
		return {
			ok: true,
			staffId,
			created: !existing,
			hasPassword: Boolean(existing?.passwordHash),
			schoolName: schoolRow.name
		} as const;
	});
	if (!result.ok) return result;
	const token = await createStaffToken(
		db,
		result.staffId,
		result.hasPassword ? 'reset' : 'setup',
		now
	);
	return { ok: true, token, created: result.created, schoolName: result.schoolName };
}
