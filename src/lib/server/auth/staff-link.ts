/**
 * Staff mail that carries a one-time link: the invitation to set a password, and a password
 * reset. Queued in the same transaction that makes the link.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { school, staff } from '../db/schema';
import { TOKEN_LIFETIME_MS, createStaffToken } from './staff-token';
import { enqueue } from '../mail/outbox';
import { transaction } from '../db/transaction';

/** A new one-time link for the person and the mail that carries it, in one transaction; returns the token. */
export function mailStaffLink(
	db: Database,
	staffId: string,
	purpose: 'setup' | 'reset',
	now: Date
): Promise<string> {
	return transaction(db, async (tx) => {
		const token = await createStaffToken(tx, staffId, purpose, now);
		await queueStaffLink(tx, staffId, purpose, token, now);
		return token;
	});
}

async function queueStaffLink(
	tx: Database,
	staffId: string,
	purpose: 'setup' | 'reset',
	token: string,
	now: Date
): Promise<void> {
	const [row] = await tx
		.select({
			name: staff.name,
			email: staff.email,
			language: staff.language,
			schoolId: staff.schoolId,
			schoolName: school.name,
			timeZone: school.timeZone
		})
		.from(staff)
		.innerJoin(school, eq(school.id, staff.schoolId))
		.where(eq(staff.id, staffId));
	if (!row) return;
	const payload = {
		schoolName: row.schoolName,
		name: row.name,
		path: `/setup/${token}`,
		validUntil: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]).toISOString(),
		timeZone: row.timeZone
	};
	await enqueue(
		tx,
		purpose === 'setup' ? 'staff_invite' : 'password_reset',
		[
			{
				schoolId: row.schoolId,
				toAddress: row.email,
				toName: row.name,
				language: row.language,
				payload
			}
		],
		{ now }
	);
}
