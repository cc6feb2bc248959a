/**
 * Every change to a family's answer goes to the audit log, with who made it: the family through
 * its link, or a staff member (booking for the family, or moving or deleting the slot). The
 * family's page builds the answer's history from these entries alone, so each one says what
 * happened in codes: the slot and place ids, the location, which fields changed. Never a name,
 * an address or words someone typed: the log outlives the booking (retention) and is read by
 * people who may not see the family.
 */
import type { Database } from '../db';
import { auditEvent } from '../db/schema';
import { preparedInsert } from '../db/prepared';

/** Every answer writes one: built once per set of columns (db/prepared.ts). */
const insertAuditEvent = preparedInsert<typeof auditEvent.$inferInsert>(
	auditEvent,
	'insert_audit_event'
);

/** What happened to the answer; `booking.<event>` in the audit log. */
export type AnswerEvent = 'created' | 'changed' | 'declined' | 'cancelled' | 'moved';

/** A field of the answer that a change can touch, as its code in `detail.changed`. */
export type AnswerField =
	| 'answer'
	| 'slot'
	| 'location'
	| 'place'
	| 'address'
	| 'interpreter'
	| 'questions'
	| 'reason'
	| 'note';

export const answerFields: readonly AnswerField[] = [
	'answer',
	'slot',
	'location',
	'place',
	'address',
	'interpreter',
	'questions',
	'reason',
	'note'
];

export type AnswerActor =
	{ kind: 'family'; familyId: string } | { kind: 'staff'; staffId: string | null };

export async function recordAnswerEvent(
	tx: Database,
	entry: {
		schoolId: string;
		bookingId: string;
		event: AnswerEvent;
		actor: AnswerActor;
		/** Ids and codes only: slotId, placeId, location, interpreter (none, bring or arrange), reason code. */
		detail?: Record<string, string | boolean | null>;
		changed?: AnswerField[];
		/** The moment of the change on the business clock, as the booking's own `updated_at` has it. */
		at: Date;
	}
): Promise<void> {
	await insertAuditEvent(tx, {
		schoolId: entry.schoolId,
		actorKind: entry.actor.kind,
		actorId: entry.actor.kind === 'family' ? entry.actor.familyId : entry.actor.staffId,
		action: `booking.${entry.event}`,
		subjectType: 'booking',
		subjectId: entry.bookingId,
		detail: {
			...entry.detail,
			// A list of codes in one string: the log's detail holds flat values only.
			...(entry.changed && { changed: entry.changed.join(' ') })
		},
		createdAt: entry.at
	});
}

/** Which of the answer's fields differ between before and after (each compared as stored). */
export function changedFields(
	before: Partial<Record<AnswerField, unknown>>,
	after: Partial<Record<AnswerField, unknown>>
): AnswerField[] {
	return answerFields.filter(
		(field) => field in after && (before[field] ?? null) !== (after[field] ?? null)
	);
}
