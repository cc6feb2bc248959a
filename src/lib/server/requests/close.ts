/**
 * A family that answers needs no call and no other time any more: its open requests close in
 * the answer's own transaction (booking/answer.ts), so the teacher's list never shows a family
 * that has just booked. A booking of the time made for this family fulfils "another time"
 * (`done`, with that slot); any other answer withdraws it. "Call me" is withdrawn when the parent
 * answered themselves, and done when staff answered for them (they spoke).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { familyRequest, slot } from '../db/schema';
import { preparedQuery } from '../db/prepared';
import { openFamilyRequest } from '../db/partial';

const staffId = sql`${sql.placeholder('staffId')}::uuid`;
const slotId = sql`${sql.placeholder('slotId')}::uuid`;
/** The answer takes the time made for this family: its "another time" is then done. */
const madeForFamily = sql`exists (select 1 from ${slot} where ${slot.id} = ${slotId} and ${slot.reservedForFamilyId} = ${familyRequest.familyId})`;
const isCallMe = sql`${familyRequest.kind} = 'call_me'`;

/**
 * Both kinds in one statement, built once (a booking runs it every time): one family has at
 * most one open request of each kind.
 */
const closeOpen = preparedQuery((db) =>
	db
		.update(familyRequest)
		.set({
			status: sql`(case
				when ${isCallMe} then case when ${staffId} is null then 'withdrawn' else 'done' end
				when ${madeForFamily} then 'done'
				else 'withdrawn' end)::family_request_status`,
			handledBy: sql`case when ${isCallMe} then ${staffId} else ${familyRequest.handledBy} end`,
			slotId: sql`case when not ${isCallMe} and ${madeForFamily} then ${slotId} else ${familyRequest.slotId} end`,
			// An ISO text: a Date in raw SQL would reach the driver unconverted.
			handledAt: sql`${sql.placeholder('now')}::timestamptz`
		})
		.where(
			and(
				eq(familyRequest.familyId, sql.placeholder('familyId')),
				eq(familyRequest.roundId, sql.placeholder('roundId')),
				openFamilyRequest
			)
		)
		.prepare('close_requests_on_answer')
);

export async function closeRequestsOnAnswer(
	tx: Database,
	ref: { familyId: string; roundId: string },
	answer: { slotId: string | null; staffId: string | null },
	now: Date
): Promise<void> {
	await closeOpen(tx).execute({
		familyId: ref.familyId,
		roundId: ref.roundId,
		slotId: answer.slotId,
		staffId: answer.staffId,
		now: now.toISOString()
	});
}
