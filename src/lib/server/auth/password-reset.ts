/**
 * "Forgot your password?" on the sign-in page. The answer is the same for every address, so the
 * page tells no one who works at a school; limits per address and per network stop it from
 * being used to flood a mailbox. Someone who never set a password gets a new invitation instead.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { staff } from '../db/schema';
import { hit, type Limit } from './rate-limit';
import { normaliseEmail } from './sign-in';
import { mailStaffLink } from './staff-link';
import { isEmail, singleLine } from '../forms';

export const RESETS_PER_ADDRESS: Limit = { scope: 'reset:email', max: 3, windowMs: 60 * 60_000 };
// A whole school shares one network address: per network only against floods, per address strict.
export const RESETS_PER_NETWORK: Limit = {
	scope: 'reset:network',
	max: 100,
	windowMs: 60 * 60_000
};

export type ResetResult = 'accepted' | 'invalid_email' | 'rate_limited';

export async function requestPasswordReset(
	db: Database,
	input: string,
	network: string,
	now: Date
): Promise<ResetResult> {
	const email = normaliseEmail(singleLine(input));
	if (!isEmail(email)) return 'invalid_email';
	const [byAddress, byNetwork] = await Promise.all([
		hit(db, RESETS_PER_ADDRESS, email, now),
		hit(db, RESETS_PER_NETWORK, network, now)
	]);
	if (!byAddress.allowed || !byNetwork.allowed) return 'rate_limited';
	const [person] = await db
		.select({ id: staff.id, hasPassword: sql<boolean>`${staff.passwordHash} is not null` })
		.from(staff)
		.where(and(eq(staff.email, email), eq(staff.active, true)));
	if (person) await mailStaffLink(db, person.id, person.hasPassword ? 'reset' : 'setup', now);
	return 'accepted';
}
