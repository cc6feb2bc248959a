/**
 * A family that answers needs no call and no other time any more: its open requests close in
 * the answer's own transaction (booking/answer.ts), so the teacher's list never shows a family
 * that has just booked. A booking of the time made for this family fulfils "another time"
 * (`done`, with that slot); any other answer withdraws it. "Call me" is withdrawn when the parent
 * answered themselves, and done when staff answered for them (they spoke).
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { familyRequest, slot } from '../db/schema';
import { inOrder } from '../db/transaction';

export async function closeRequestsOnAnswer(
	tx: Database,
	ref: { familyId: string; roundId: string },
	answer: { slotId: string | null; staffId: string | null },
	now: Date
): Promise<void> {
	const open = and(
		eq(familyRequest.familyId, ref.familyId),
		eq(familyRequest.roundId, ref.roundId),
		eq(familyRequest.status, 'open')
	);
	// "Call me" does not wait on the slot's check: both go to the database together.
	const [[made]] = await inOrder([
		answer.slotId
			? tx
					.select({ id: slot.id })
					.from(slot)
					.where(and(eq(slot.id, answer.slotId), eq(slot.reservedForFamilyId, ref.familyId)))
			: Promise.resolve([]),
		tx
			.update(familyRequest)
			.set(
				answer.staffId
					? { status: 'done', handledBy: answer.staffId, handledAt: now }
					: { status: 'withdrawn', handledAt: now }
			)
			.where(and(open, eq(familyRequest.kind, 'call_me')))
	]);
	await tx
		.update(familyRequest)
		.set(
			made
				? { status: 'done', slotId: made.id, handledAt: now }
				: { status: 'withdrawn', handledAt: now }
		)
		.where(and(open, eq(familyRequest.kind, 'other_time')));
}
