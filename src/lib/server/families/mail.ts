/**
 * The mails a family was sent (invitation, reminder, its link, confirmations, changes,
 * cancellations) and how each fared, for the staff's page of that family. The outbox has no
 * family column: which mails are the family's is mail/family-messages.ts. Staff copies about the family are left out
 * here: the Mailbox, filtered by this family, shows those too.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import type { MessageKind } from '../mail/payloads';
import { messagesOfFamily } from '../mail/family-messages';

/** The kinds a family reads (mail/payloads.familyKinds, which a test holds this to), each with its words on the page. */
export const familyMailKinds = [
	'family_link',
	'invitation',
	'nudge',
	'visit_booked',
	'visit_changed',
	'visit_cancelled',
	'visit_reminder',
	'answer_declined',
	'interpreter_arranged',
	'text_link',
	'time_offered'
] as const satisfies readonly MessageKind[];
export type FamilyMailKind = (typeof familyMailKinds)[number];

export interface FamilyMail {
	id: string;
	kind: FamilyMailKind;
	status: 'pending' | 'sent' | 'failed' | 'skipped';
	/** When it went, or when it was written for a mail not (yet) sent. */
	at: Date;
	attempts: number;
}

/** The newest first; the page shows a few and links to the Mailbox for the rest. */
export async function familyMails(
	db: Database,
	schoolId: string,
	familyId: string,
	limit = 10
): Promise<{ mails: FamilyMail[]; total: number }> {
	const kinds = sql.join(
		familyMailKinds.map((k) => sql`${k}`),
		sql`, `
	);
	const rows = rowsOf<Record<string, unknown>>(
		await db.execute(sql`
			select id, kind, status, coalesce(sent_at, created_at) as at, attempts,
				count(*) over () as total
			from outbox
			where school_id = ${schoolId} and kind in (${kinds}) and ${messagesOfFamily(familyId)}
			order by created_at desc, id
			limit ${limit}`)
	);
	return {
		mails: rows.map((r) => ({
			id: r.id as string,
			kind: r.kind as FamilyMailKind,
			status: r.status as FamilyMail['status'],
			at: new Date(r.at as string),
			attempts: Number(r.attempts)
		})),
		total: Number(rows[0]?.total ?? 0)
	};
}
