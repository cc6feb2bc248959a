/**
 * The mails a family was sent (invitation, reminder, its link, confirmations, changes,
 * cancellations) and how each fared, for the staff's page of that family. The outbox has no
 * family column: a mail is the family's when it is about one of its bookings or went to one of
 * its guardians' addresses (an invitation has no booking), as the Mailbox's family filter and
 * the privacy page's access request count them. Staff copies about the family are left out
 * here: the Mailbox, filtered by this family, shows those too.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../db';
import type { MessageKind } from '../mail/payloads';

/** The kinds a family reads (mail/payloads.familyKinds, which a test holds this to), each with its words on the page. */
export const familyMailKinds = [
	'family_link',
	'invitation',
	'nudge',
	'visit_booked',
	'visit_changed',
	'visit_cancelled',
	'visit_reminder',
	'answer_declined'
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
			select o.id, o.kind, o.status, coalesce(o.sent_at, o.created_at) as at, o.attempts,
				count(*) over () as total
			from outbox o
			where o.school_id = ${schoolId} and o.kind in (${kinds})
			  and (o.booking_id in (select b.id from booking b where b.family_id = ${familyId})
			    or lower(o.to_address) in (select lower(g.email) from guardian g where g.family_id = ${familyId} and g.email is not null))
			order by o.created_at desc, o.id
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
