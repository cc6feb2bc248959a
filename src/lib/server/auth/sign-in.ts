import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { staff } from '../db/schema';
import { verifyNothing, verifyPassword } from './password';
import { createSession } from './session';
import { hit, reset, type Limit } from './rate-limit';

const FIFTEEN_MINUTES = 15 * 60_000;
/** Per account: slows guessing one teacher's password to 10 tries a quarter hour. */
export const accountLimit: Limit = { scope: 'sign-in:account', max: 10, windowMs: FIFTEEN_MINUTES };
/**
 * Per network address: a school's whole staff signs in from one address (the school's network,
 * or the proxy's when ADDRESS_HEADER is not set), all at 8 in the morning. 300 a quarter hour lets
 * a school of 100 staff each mistype twice; guessing stays limited by the per-account limit.
 */
export const addressLimit: Limit = {
	scope: 'sign-in:address',
	max: 300,
	windowMs: FIFTEEN_MINUTES
};

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; staffId: string; schoolId: string }
	/** One answer for an unknown address and a wrong password: nothing tells which it was. */
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAt: Date };

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function signIn(
	db: Database,
	input: { email: string; password: string; clientAddress: string },
	// The wall clock, not the business clock: a session's expiry is checked against real time.
	now = new Date()
): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	const [byAccount, byAddress] = await Promise.all([
		hit(db, accountLimit, email, now),
		hit(db, addressLimit, input.clientAddress, now)
	]);
	if (!byAccount.allowed || !byAddress.allowed) {
		const retryAt = new Date(
			Math.max(
				byAccount.allowed ? 0 : byAccount.retryAt.getTime(),
				byAddress.allowed ? 0 : byAddress.retryAt.getTime()
			)
		);
		return { ok: false, reason: 'rate_limited', retryAt };
	}

	const [person] = await db
		.select({
			id: staff.id,
			schoolId: staff.schoolId,
			passwordHash: staff.passwordHash,
			active: staff.active
		})
		.from(staff)
		.where(eq(staff.email, email));
	const valid =
		person?.passwordHash && person.active
			? await verifyPassword(person.passwordHash, input.password)
			: await verifyNothing(input.password);
	if (!valid || !person) return { ok: false, reason: 'invalid' };

	await reset(db, accountLimit, email);
	const { token, expiresAt } = await createSession(db, person.id, now);
	return { ok: true, token, expiresAt, staffId: person.id, schoolId: person.schoolId };
}
