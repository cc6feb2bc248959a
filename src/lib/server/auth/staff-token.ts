/**
 * One-time links for staff: account setup (an invitation, or `create-admin`) and password reset.
 * The link carries a 160-bit token; the database keeps only its hash. Redeeming happens in a POST
 * and marks the token used in the same statement that finds it, so a link works exactly once.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { staff, staffToken } from '../db/schema';
import { checkNewPassword, hashPassword, type PasswordProblem } from './password';
import { invalidateAllSessions } from './session';
import { hashToken, looksLikeToken, newSecret } from './token';
import { now as businessNow } from '../clock';
import { transaction } from '../db/transaction';

const DAY = 86_400_000;
export const TOKEN_LIFETIME_MS = { setup: 7 * DAY, reset: 60 * 60_000 } as const;

export async function createStaffToken(
	db: Database,
	staffId: string,
	purpose: 'setup' | 'reset',
	now = businessNow()
): Promise<string> {
	const token = newSecret();
	await transaction(db, async (tx) => {
		// A new link replaces any older one that was not used.
		await tx
			.update(staffToken)
			.set({ usedAt: now })
			.where(and(eq(staffToken.staffId, staffId), isNull(staffToken.usedAt)));
		await tx.insert(staffToken).values({
			staffId,
			purpose,
			tokenHash: hashToken(token),
			createdAt: now,
			expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose])
		});
	});
	return token;
}

export interface TokenOwner {
	staffId: string;
	email: string;
	name: string;
	purpose: 'setup' | 'reset';
}

/** Who a link belongs to, if it is still good; reading changes nothing (mail scanners open links). */
export async function peekStaffToken(
	db: Database,
	token: string,
	now = businessNow()
): Promise<TokenOwner | null> {
	if (!looksLikeToken(token, 20)) return null;
	const [row] = await db
		.select({
			staffId: staff.id,
			email: staff.email,
			name: staff.name,
			purpose: staffToken.purpose
		})
		.from(staffToken)
		.innerJoin(staff, eq(staff.id, staffToken.staffId))
		.where(
			and(
				eq(staffToken.tokenHash, hashToken(token)),
				isNull(staffToken.usedAt),
				gt(staffToken.expiresAt, now),
				eq(staff.active, true)
			)
		);
	return row ?? null;
}

export type RedeemResult =
	| { ok: true; staffId: string }
	| { ok: false; reason: 'invalid_link' }
	| { ok: false; reason: PasswordProblem };

export async function redeemStaffToken(
	db: Database,
	token: string,
	password: string,
	now = businessNow()
): Promise<RedeemResult> {
	const owner = await peekStaffToken(db, token, now);
	if (!owner) return { ok: false, reason: 'invalid_link' };
	const problem = checkNewPassword(password, owner.email);
	if (problem) return { ok: false, reason: problem };
	const passwordHash = await hashPassword(password);
	return transaction(db, async (tx) => {
		const [used] = await tx
			.update(staffToken)
			.set({ usedAt: now })
			.where(
				and(
					eq(staffToken.tokenHash, hashToken(token)),
					isNull(staffToken.usedAt),
					gt(staffToken.expiresAt, now)
				)
			)
			.returning({ staffId: staffToken.staffId });
		if (!used) return { ok: false, reason: 'invalid_link' } as const;
		await tx.update(staff).set({ passwordHash }).where(eq(staff.id, used.staffId));
		await invalidateAllSessions(tx, used.staffId);
		return { ok: true, staffId: used.staffId } as const;
	});
}
