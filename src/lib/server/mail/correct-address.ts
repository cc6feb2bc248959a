/**
 * A family mail failed because its address is wrong: the office corrects the guardian's address
 * from the Mailbox and the same mail goes again, to the corrected address. Sending again to the
 * old one fails the same way.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { guardian, outbox } from '../db/schema';
import { transaction } from '../db/transaction';
import { recordAudit } from '../audit/record';
import { mailAddress } from './address';
import { familyKinds } from './payloads';

export type CorrectAddressProblem = 'not_found' | 'invalid_address' | 'no_guardian';

export async function correctAddressAndResend(
	db: Database,
	me: { schoolId: string; id: string },
	outboxId: string,
	address: string,
	now: Date
): Promise<{ ok: true } | { ok: false; problem: CorrectAddressProblem }> {
	return transaction(db, async (tx) => {
		const [mail] = await tx
			.select({
				id: outbox.id,
				kind: outbox.kind,
				familyId: outbox.familyId,
				toName: outbox.toName,
				toAddress: outbox.toAddress
			})
			.from(outbox)
			.where(
				and(
					eq(outbox.id, outboxId),
					eq(outbox.schoolId, me.schoolId),
					eq(outbox.channel, 'email'),
					inArray(outbox.status, ['failed', 'skipped']),
					isNotNull(outbox.familyId)
				)
			)
			.for('update');
		if (!mail || !familyKinds.has(mail.kind)) return { ok: false, problem: 'not_found' };
		const corrected = mailAddress(mail.toName, address.slice(0, 254));
		if (!corrected) return { ok: false, problem: 'invalid_address' };
		// The guardian the mail went to: by the address it used, else (corrected before) by name.
		const [parent] = await tx
			.select({ id: guardian.id })
			.from(guardian)
			.where(
				and(
					eq(guardian.familyId, mail.familyId!),
					sql`(lower(${guardian.email}) = lower(${mail.toAddress}) or ${guardian.name} = ${mail.toName})`
				)
			)
			.orderBy(sql`lower(${guardian.email}) = lower(${mail.toAddress}) desc`)
			.limit(1);
		if (!parent) return { ok: false, problem: 'no_guardian' };
		await tx.update(guardian).set({ email: corrected.address }).where(eq(guardian.id, parent.id));
		// This mail goes again; the family's other mail still waiting for the old address follows.
		await tx
			.update(outbox)
			.set({ toAddress: corrected.address })
			.where(
				and(
					eq(outbox.familyId, mail.familyId!),
					eq(outbox.status, 'pending'),
					sql`lower(${outbox.toAddress}) = lower(${mail.toAddress})`
				)
			);
		await tx
			.update(outbox)
			.set({
				toAddress: corrected.address,
				status: 'pending',
				attempts: 0,
				nextAttemptAt: now,
				lastError: null
			})
			.where(eq(outbox.id, mail.id));
		// No address in the log: it holds no personal data.
		await recordAudit(tx, {
			schoolId: me.schoolId,
			actorKind: 'staff',
			actorId: me.id,
			action: 'guardian.email_corrected',
			subjectType: 'guardian',
			subjectId: parent.id,
			detail: { outboxId: mail.id }
		});
		return { ok: true };
	});
}
